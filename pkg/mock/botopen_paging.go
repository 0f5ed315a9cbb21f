package mock

import (
	"net/http"
	"strconv"
)

// boDefaultLimit is the page size: /transcripts documents limit 50; /users
// documents none, so it gets the same.
const boDefaultLimit = 50

// boPage reads page and limit from the query (already checked against the
// spec's minimum and maximum).
func boPage(r *http.Request) (page, limit int) {
	page, limit = 1, boDefaultLimit
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil {
		page = n
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil {
		limit = n
	}
	return page, limit
}

// boSlice returns page page of items and the page count. page and limit
// have no maximum in the spec, so nothing here multiplies or adds them
// before comparing with len(items): near math.MaxInt that would overflow.
func boSlice[T any](items []T, page, limit int) ([]T, int) {
	n := len(items)
	pages := n / limit
	if n%limit != 0 {
		pages++
	}
	lo := n
	if page-1 < pages {
		lo = (page - 1) * limit
	}
	hi := lo + min(limit, n-lo)
	out := make([]T, hi-lo)
	copy(out, items[lo:hi])
	return out, pages
}
