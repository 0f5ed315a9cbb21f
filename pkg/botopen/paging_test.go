package botopen

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHasMore(t *testing.T) {
	one, zero := 1, 0
	tests := []struct {
		name                  string
		items, requested, pgs int
		total, limit          int
		hasNextPage           *int
		want                  bool
	}{
		{name: "below pages", items: 25, requested: 1, pgs: 3, want: true},
		{name: "last page", items: 10, requested: 3, pgs: 3},
		{name: "pages bound a stale hasNextPage", items: 25, requested: 3, pgs: 3, hasNextPage: &one},
		{name: "pages win over hasNextPage 0", items: 25, requested: 1, pgs: 3, hasNextPage: &zero, want: true},
		{name: "hasNextPage without pages", items: 25, requested: 7, hasNextPage: &one, want: true},
		{name: "hasNextPage 0 without pages", items: 25, requested: 7, hasNextPage: &zero},
		{name: "no paging info", items: 25, requested: 1},
		{name: "empty page ends", items: 0, requested: 1, pgs: 3, hasNextPage: &one},
		// A hasNextPage stuck at 1 (a server ignoring page) ends once total is covered.
		{name: "hasNextPage bounded by total", items: 25, requested: 3, total: 60, limit: 25, hasNextPage: &one},
		{name: "hasNextPage below total", items: 25, requested: 2, total: 60, limit: 25, hasNextPage: &one, want: true},
		{name: "hasNextPage, total without limit", items: 25, requested: 9, total: 60, hasNextPage: &one, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, hasMore(tt.items, tt.requested, tt.pgs, tt.total, tt.limit, tt.hasNextPage))
		})
	}
}

func TestPageOf(t *testing.T) {
	assert.Equal(t, 2, pageOf(2, 5))
	assert.Equal(t, 5, pageOf(0, 5), "the doc's placeholder 0 (or no page) is not a page")
}
