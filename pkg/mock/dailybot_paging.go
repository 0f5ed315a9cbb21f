package mock

import (
	"net/http"
	"strconv"
)

// DailyBot pages enveloped lists with limit/offset; the default and the
// maximum page size are 250 (what-we-know §2, v3 docs). A larger limit is
// clamped, as DRF's LimitOffsetPagination does. Every list also takes
// page/page_size (the official CLI sends them; dailybot-current §1.3): the
// CLI assumes a default of 25 and the v3 docs a maximum of 100, and a page
// past the last is DRF PageNumberPagination's 404 "Invalid page.".
const (
	dbDefaultLimit    = 250
	dbMaxLimit        = 250
	dbDefaultPageSize = 25
	dbMaxPageSize     = 100
)

// dbPage is the paging envelope {count, next, previous, results}.
type dbPage struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  any     `json:"results"`
}

// pageWindow reads limit/offset or page/page_size (already validated
// against the spec; a request with page or page_size pages by number) and
// returns the window [lo, hi) of total items for this page with the
// envelope's links filled in, in the style of the request. next and
// previous are absolute URLs on the request's own host that keep every other
// query parameter, like DRF's. A page number past the last answers 404 and
// returns false.
func pageWindow(w http.ResponseWriter, r *http.Request, total int) (lo, hi int, page dbPage, ok bool) {
	q := r.URL.Query()
	if q.Has("page") || q.Has("page_size") {
		return numberedWindow(w, r, total)
	}
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
	link := func(offset int) *string { return pageLink(r, "limit", limit, "offset", offset, offset == 0) }
	if hi < total {
		page.Next = link(hi)
	}
	if offset > 0 {
		page.Previous = link(max(offset-limit, 0))
	}
	return lo, hi, page, true
}

// numberedWindow is pageWindow for page/page_size: pages from 1, the first
// page of an empty list included; links carry page_size and page (the first
// page's previous link drops page, as DRF's does).
func numberedWindow(w http.ResponseWriter, r *http.Request, total int) (lo, hi int, page dbPage, ok bool) {
	q := r.URL.Query()
	size := dbDefaultPageSize
	if n, err := strconv.Atoi(q.Get("page_size")); err == nil && n > 0 {
		size = min(n, dbMaxPageSize)
	}
	number := 1
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 {
		number = n
	}
	pages := max((total+size-1)/size, 1)
	if number > pages {
		writeJSON(w, http.StatusNotFound, dbError{Detail: "Invalid page.", Code: "not_found"})
		return 0, 0, dbPage{}, false
	}
	lo = (number - 1) * size
	hi = min(lo+size, total)
	page.Count = total
	link := func(number int) *string { return pageLink(r, "page_size", size, "page", number, number == 1) }
	if number < pages {
		page.Next = link(number + 1)
	}
	if number > 1 {
		page.Previous = link(number - 1)
	}
	return lo, hi, page, true
}

// writePage answers 200 with the window of items pageWindow picks.
func writePage[T any](w http.ResponseWriter, r *http.Request, items []T) {
	lo, hi, page, ok := pageWindow(w, r, len(items))
	if !ok {
		return
	}
	page.Results = append([]T{}, items[lo:hi]...)
	writeJSON(w, http.StatusOK, page)
}

// pageLink is a next or previous link: the request's URL with the size
// parameter set and the start parameter set, or dropped for the first page.
func pageLink(r *http.Request, sizeKey string, size int, startKey string, start int, first bool) *string {
	q := r.URL.Query()
	q.Set(sizeKey, strconv.Itoa(size))
	if first {
		q.Del(startKey)
	} else {
		q.Set(startKey, strconv.Itoa(start))
	}
	u := requestBaseURL(r) + r.URL.Path + "?" + q.Encode()
	return &u
}
