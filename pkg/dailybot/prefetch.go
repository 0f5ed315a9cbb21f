package dailybot

import (
	"context"
	"iter"

	"golang.org/x/sync/errgroup"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// prefetchList is list under WithPrefetch. The first page is fetched alone:
// its `count` and its size (the server's effective page size, which may be
// smaller than the size asked for) give the positions of the remaining pages,
// which are fetched concurrently in the first page's style: limit/offset
// stepped by that size, or the following page numbers with the same
// page_size. Without a count it falls back to following `next` (by position
// when next is on another origin). Either way a pageGuard ends the iteration
// early on an empty page, a page without next, or a next URL seen before (a
// server that ignores offset sends the same next on every page). Each page
// the caller has consumed goes back to bufs (nil: none do).
func prefetchList[T any](ctx context.Context, c *Client, at position, first func(context.Context) (*Page[T], error), send pageSender, bufs *botsdk.BodyBuffers) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		p, err := first(ctx)
		if err != nil {
			yield(zero, err)
			return
		}
		for _, item := range p.Results {
			if !yield(item, nil) {
				return
			}
		}
		g := newPageGuard(c, at)
		more, foreign, err := keepPaging(g, "", p)
		if err != nil {
			yield(zero, err)
			return
		}
		if !more {
			return
		}
		step := len(p.Results) // > 0: the guard ends the iteration on an empty page
		if !p.counted {
			cursor, fetch := nextFetch[T](c, at.following(step), p.Next, foreign, send)
			recycle(bufs, p)
			for item, err := range follow(ctx, c, g, at.following(step), cursor, fetch, send, bufs) {
				if !yield(item, err) {
					return
				}
			}
			return
		}
		recycle(bufs, p)
		fetch := func(ctx context.Context, off int) (*Page[T], error) {
			if at.byPage {
				// Every page asks for the first page's page_size, so the
				// server's size, step, numbers them: off is at a page's start.
				return fetchPage[T](ctx, c, position{byPage: true, size: at.size, start: off/step + 1}, send)
			}
			return fetchPage[T](ctx, c, position{size: step, start: off}, send)
		}
		prefetch(ctx, c.prefetch, g.offset+step, step, p.Count, fetch, g, bufs, yield)
	}
}

// prefetch fetches the pages at offsets from, from+step, ... below count with
// at most n requests in flight and yields their items in offset order, until
// guard ends the iteration on one of them. Each page the caller has consumed
// goes back to bufs (nil: none do).
//
// A producer goroutine hands the consumer (the caller's loop) one buffered
// result channel per page, in offset order, through slots; the page's fetch
// runs in an errgroup goroutine that fills that channel. errgroup is used for
// three things at once: SetLimit bounds the requests in flight to n, its
// context cancels the other fetches when one fails, and Wait returns that
// first error. slots holds at most n channels, so at most about n+1 pages sit
// in memory however slow the consumer is. Breaking out of the loop cancels the
// context and waits for every goroutine, so none outlives the iteration.
func prefetch[T any](ctx context.Context, n, from, step, count int, fetch func(context.Context, int) (*Page[T], error), guard *pageGuard, bufs *botsdk.BodyBuffers, yield func(T, error) bool) {
	type result struct {
		page *Page[T]
		err  error
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(n)
	slots := make(chan chan result, n)
	complete := false // set before slots closes, so reading it after is safe
	go func() {
		defer close(slots)
		// off >= from stops the loop should off+step overflow near a huge count.
		for off := from; off < count && off >= from; off += step {
			if gctx.Err() != nil {
				return
			}
			ch := make(chan result, 1)
			select {
			case slots <- ch:
			case <-gctx.Done():
				return
			}
			g.Go(func() error {
				// A canceled iteration sends no more requests; the result keeps the
				// consumer from waiting on a page nobody fetches.
				if err := gctx.Err(); err != nil {
					ch <- result{err: err}
					return err
				}
				page, err := fetch(gctx, off)
				ch <- result{page, err}
				return err
			})
		}
		complete = true
	}()
	// stop cancels the fetches still running and waits for every goroutine.
	// It is deferred too, so that a panic in the caller's loop body (which
	// unwinds through yield) leaves no request or goroutine behind; running
	// it twice is harmless.
	stop := func() {
		cancel()
		for range slots {
		}
		_ = g.Wait()
	}
	defer stop()
	for ch := range slots {
		r := <-ch
		if r.err != nil {
			// The failed fetch cancels gctx, which stops the producer; Wait then
			// returns the first fetch error, not a sibling's cancellation.
			for range slots {
			}
			err := g.Wait()
			cancel()
			var zero T
			yield(zero, err)
			return
		}
		for _, item := range r.page.Results {
			if !yield(item, nil) {
				stop()
				return
			}
		}
		// Pages here are fetched by position: a next URL on another origin
		// changes nothing.
		more, _, err := keepPaging(guard, "", r.page)
		if err != nil {
			stop()
			var zero T
			yield(zero, err)
			return
		}
		if !more {
			// The pages fetched ahead of this one are past the end.
			stop()
			return
		}
		recycle(bufs, r.page)
	}
	stop()
	if !complete {
		// The producer stopped early, and no fetch failed: the caller's
		// context ended between pages.
		var zero T
		yield(zero, parent.Err())
	}
}
