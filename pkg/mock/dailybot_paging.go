package mock

import (
	"net/http"
	"strconv"
)

// DailyBot pages enveloped lists with limit/offset; the default and the
// maximum page size are 250 (what-we-know §2, v3 docs). A larger limit is
// clamped, as DRF's LimitOffsetPagination does.
const (
	dbDefaultLimit = 250
	dbMaxLimit     = 250
)

// dbPage is the paging envelope {count, next, previous, results}.
type dbPage struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  any     `json:"results"`
}

// pageWindow reads limit/offset (already validated against the spec) and
// returns the window [lo, hi) of total items for this page with the
// envelope's links filled in. next and previous are absolute URLs on the
// request's own host that keep every other query parameter, like DRF's.
func pageWindow(r *http.Request, total int) (lo, hi int, page dbPage) {
	q := r.URL.Query()
	limit := dbDefaultLimit
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 {
		limit = min(n, dbMaxLimit)
	}
	offset := 0
	if n, err := strconv.Atoi(q.Get("offset")); err == nil && n > 0 {
		offset = n
	}
	// offset may be near math.MaxInt: clamp it before adding to it.
	lo = min(offset, total)
	hi = lo + min(limit, total-lo)
	page.Count = total
	link := func(offset int) *string {
		q := r.URL.Query()
		q.Set("limit", strconv.Itoa(limit))
		if offset > 0 {
			q.Set("offset", strconv.Itoa(offset))
		} else {
			q.Del("offset")
		}
		u := requestBaseURL(r) + r.URL.Path + "?" + q.Encode()
		return &u
	}
	if hi < total {
		page.Next = link(hi)
	}
	if offset > 0 {
		page.Previous = link(max(offset-limit, 0))
	}
	return lo, hi, page
}

// writePage answers 200 with the window of items pageWindow picks.
func writePage[T any](w http.ResponseWriter, r *http.Request, items []T) {
	lo, hi, page := pageWindow(r, len(items))
	page.Results = append([]T{}, items[lo:hi]...)
	writeJSON(w, http.StatusOK, page)
}
