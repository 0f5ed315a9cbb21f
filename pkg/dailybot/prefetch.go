package dailybot

import (
	"context"
	"iter"

	"golang.org/x/sync/errgroup"
)

// prefetchList is list under WithPrefetch. The first page is fetched alone:
// its `count` and its size (the server's effective page size, which may be
// smaller than the limit asked for) give the offsets of the remaining pages,
// which are fetched concurrently with limit/offset. Without a count, or with
// an empty first page, it falls back to following `next`.
func prefetchList[T any](ctx context.Context, c *Client, offset int, first func(context.Context) (*Page[T], error), send pageSender) iter.Seq2[T, error] {
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
		if p.Next == "" {
			return
		}
		step := len(p.Results)
		if !p.counted || step == 0 {
			for item, err := range walk[T](ctx, c, p.Next, nil) {
				if !yield(item, err) {
					return
				}
			}
			return
		}
		fetch := func(ctx context.Context, off int) ([]T, error) {
			page, err := fetchPage[T](ctx, c, step, off, send)
			if err != nil {
				return nil, err
			}
			return page.Results, nil
		}
		prefetch(ctx, c.prefetch, offset+step, step, p.Count, fetch, yield)
	}
}

// prefetch fetches the pages at offsets from, from+step, ... below count with
// at most n requests in flight and yields their items in offset order.
//
// A producer goroutine hands the consumer (the caller's loop) one buffered
// result channel per page, in offset order, through slots; the page's fetch
// runs in an errgroup goroutine that fills that channel. errgroup is used for
// three things at once: SetLimit bounds the requests in flight to n, its
// context cancels the other fetches when one fails, and Wait returns that
// first error. slots holds at most n channels, so at most about n+1 pages sit
// in memory however slow the consumer is. Breaking out of the loop cancels the
// context and waits for every goroutine, so none outlives the iteration.
func prefetch[T any](ctx context.Context, n, from, step, count int, fetch func(context.Context, int) ([]T, error), yield func(T, error) bool) {
	type result struct {
		items []T
		err   error
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(n)
	slots := make(chan chan result, n)
	complete := false // set before slots closes, so reading it after is safe
	go func() {
		defer close(slots)
		for off := from; off < count; off += step {
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
				items, err := fetch(gctx, off)
				ch <- result{items, err}
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
		for _, item := range r.items {
			if !yield(item, nil) {
				stop()
				return
			}
		}
	}
	stop()
	if !complete {
		// The producer stopped early, and no fetch failed: the caller's
		// context ended between pages.
		var zero T
		yield(zero, parent.Err())
	}
}
