package botsdk

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPaginate(t *testing.T) {
	pages := [][]int{{1, 2}, {3}, {4, 5}}
	fetches := 0
	fetch := func(_ context.Context, page int) ([]int, int, bool, error) {
		fetches++
		return pages[page], page + 1, page+1 < len(pages), nil
	}
	got, err := Collect(Paginate(context.Background(), 0, fetch))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 3, 4, 5}, got)
	assert.Equal(t, 3, fetches)

	t.Run("break stops fetching", func(t *testing.T) {
		fetches = 0
		for v, err := range Paginate(context.Background(), 0, fetch) {
			require.NoError(t, err)
			if v == 2 {
				break
			}
		}
		assert.Equal(t, 1, fetches, "breaking on the first page must not fetch the second")
	})

	t.Run("error ends the sequence", func(t *testing.T) {
		boom := errors.New("boom")
		failing := func(_ context.Context, page int) ([]int, int, bool, error) {
			if page == 1 {
				return nil, 0, false, boom
			}
			return []int{9}, 1, true, nil
		}
		got, err := Collect(Paginate(context.Background(), 0, failing))
		assert.Equal(t, []int{9}, got)
		assert.ErrorIs(t, err, boom)
	})

	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Collect(Paginate(ctx, 0, fetch))
		assert.ErrorIs(t, err, context.Canceled)
	})
}
