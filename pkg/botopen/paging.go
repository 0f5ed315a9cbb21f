package botopen

import "fmt"

// Paging rules the doc gives for /transcripts, which /users shares at the
// lower end (the doc says "> 25", read as at least 25).
const (
	// MinLimit is the smallest page size both lists accept.
	MinLimit = 25
	// MaxTranscriptsLimit is the largest page size Transcripts accepts; Users has no documented maximum.
	MaxTranscriptsLimit = 1000
)

// checkPage validates a page number sent: from 1.
func checkPage(page int) error {
	if page < 1 {
		return invalid("page", fmt.Sprintf("must be at least 1 (got %d)", page))
	}
	return nil
}

// checkLimit validates a page size sent: MinLimit..max (max 0: no maximum).
func checkLimit(limit, max int) error {
	switch {
	case limit < MinLimit:
		return invalid("limit", fmt.Sprintf("must be at least %d (got %d); leave it out (Limit 0) for the server's default", MinLimit, limit))
	case max > 0 && limit > max:
		return invalid("limit", fmt.Sprintf("must be at most %d (got %d)", max, limit))
	}
	return nil
}

// checkPageParam validates a params' Page: 0 means the first page.
func checkPageParam(page int) error {
	if page == 0 {
		return nil
	}
	return checkPage(page)
}

// firstPage returns the page to start at: page, or 1 when page is 0.
func firstPage(page int) int { return max(page, 1) }

// optional returns a pointer to v, or nil when v is zero (left to the server).
func optional(v int) *int {
	if v == 0 {
		return nil
	}
	return &v
}

// deref returns *p, or 0 when p is nil.
func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// hasMore decides whether the requested page was not the last one. When the
// server sent pages, the answer is requested < pages, computed from the page
// asked for (not the one the server echoes), so a server that ignores the
// page parameter cannot loop an iterator forever. Without pages, hasNextPage
// (an integer, 0 or 1, on /users) decides, bounded the same way by total when
// the server sent it and the page size is known (limit > 0): a hasNextPage
// stuck at 1 would otherwise loop. An empty page always ends the list.
func hasMore(items, requested, pages, total, limit int, hasNextPage *int) bool {
	switch {
	case items == 0:
		return false
	case pages > 0:
		return requested < pages
	case hasNextPage != nil:
		if total > 0 && limit > 0 && requested >= (total+limit-1)/limit {
			return false
		}
		return *hasNextPage != 0
	}
	return false
}

// pageOf returns the page the server says it returned, or the requested one
// when it did not say (0, the doc's placeholder, says nothing).
func pageOf(server, requested int) int {
	if server > 0 {
		return server
	}
	return requested
}
