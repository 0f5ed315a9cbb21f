package dailybot

import "testing"

// SetPagingStyle makes the list method path (a path template) page in style
// ("offset" or "page") for the rest of the test, as a spec's x-paging would:
// the page-numbered lists (pending invitations) are not in the spec yet.
func SetPagingStyle(t testing.TB, method, path, style string) {
	key := method + " " + path
	old, had := pagingStyles[key]
	pagingStyles[key] = style
	t.Cleanup(func() {
		if had {
			pagingStyles[key] = old
		} else {
			delete(pagingStyles, key)
		}
	})
}
