package botsdk

import (
	"context"
	"iter"
)

// PageFunc fetches the page at cursor and returns its items, the cursor of
// the next page and whether there is one.
type PageFunc[T, C any] func(ctx context.Context, cursor C) (items []T, next C, more bool, err error)

// Paginate yields every item of every page, fetching a page only when the
// caller has consumed the one before: breaking out of the loop stops all
// requests. An error is yielded once, with a zero item, and ends the
// sequence; so does ctx ending between pages.
func Paginate[T, C any](ctx context.Context, first C, fetch PageFunc[T, C]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		cursor := first
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			items, next, more, err := fetch(ctx, cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if !more {
				return
			}
			cursor = next
		}
	}
}

// Collect drains seq into a slice, stopping at the first error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for item, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, item)
	}
	return out, nil
}

// Items yields the items fetch returns, calling it once when the loop
// starts: the iterator of a list that is one page (AssistBot's and Bot.Az's
// lists, or the first page of a paged one). An error is yielded once, with
// a zero item, and ends the sequence.
func Items[T any](fetch func() ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		items, err := fetch()
		if err != nil {
			var zero T
			yield(zero, err)
			return
		}
		for _, item := range items {
			if !yield(item, nil) {
				return
			}
		}
	}
}
