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

// ListOperations returns the gendailybot.Paging keys the typed List methods
// page with.
func ListOperations() []string {
	keys := make([]string, len(listOperations))
	for i, op := range listOperations {
		keys[i] = string(op)
	}
	return keys
}

// ListPaging runs the typed lists' paging setup for the operation key.
func ListPaging(c *Client, key string, o ListOptions) error {
	_, err := c.listPaging(listOperation(key), o)
	return err
}
