package dailybot

import (
	"fmt"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// options are DailyBot's own settings.
type options struct {
	// pageSize is WithPageSize's value (0: the server's default).
	pageSize int
	// prefetch is WithPrefetch's value (0: one page at a time).
	prefetch int
	// transientItems is WithTransientItems' value.
	transientItems bool
}

// WithTransientItems lets Items (the raw list iterator) read each page into
// a buffer that a later page of the same loop reuses once the loop has moved
// past the page's items, instead of a new buffer per page: an item is then
// valid only until the loop body it is yielded to returns, and one kept
// longer must be copied first (bytes.Clone). For a bulk export, whose pages'
// buffers are most of what it allocates, this saves most of its allocations
// and garbage collections. The default keeps every item valid for as long
// as it is referenced; the typed List iterators, Page, ListPage and Do are
// never affected.
func WithTransientItems() Option {
	return botsdk.Own("WithTransientItems", func(o *options) error {
		o.transientItems = true
		return nil
	})
}

// WithPageSize asks for n items per page (the `limit` query parameter, or
// `page_size` on a list paged by number) on every paged list whose params
// leave the size at 0. n must be >= 1; the default is the server's own page
// size (250 per DailyBot's v3 docs, which also say 250 is the maximum for
// `limit`; 100 is the maximum for `page_size`).
func WithPageSize(n int) Option {
	return botsdk.Own("WithPageSize", func(o *options) error {
		if n < 1 {
			return fmt.Errorf("page size must be >= 1 (got %d)", n)
		}
		o.pageSize = n
		return nil
	})
}

// WithPrefetch makes the List iterators of enveloped lists (check-ins,
// check-in responses, forms, templates, users, teams, team members) fetch up
// to n pages concurrently, for bulk export. The first page is fetched alone;
// its `count` and size give the positions of the others, which are then
// fetched n at a time in the first page's style (limit/offset stepped by that
// size, or the following page numbers with the same page_size) and yielded
// in order. At most about n pages are
// held in memory, the first error ends the sequence, and breaking out of the
// loop cancels the requests in flight. n must be >= 1; the default is to
// fetch one page at a time by following `next`. A list whose first page has
// no `count` is followed page by page even with this option. Either way the
// list ends on an empty page, once `count` items have arrived, and with
// ErrPagingLoop on a `next` URL already followed.
func WithPrefetch(n int) Option {
	return botsdk.Own("WithPrefetch", func(o *options) error {
		if n < 1 {
			return fmt.Errorf("concurrency must be >= 1 (got %d)", n)
		}
		o.prefetch = n
		return nil
	})
}
