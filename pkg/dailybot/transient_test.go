package dailybot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// pagesServer answers every page of total check-in responses at once, with
// or without the envelope's count.
func pagesServer(size, total int, withCount bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		write(w, 200, responsesPage(r.Host, offset, size, total, withCount))
	}
}

func TestTransientItems(t *testing.T) {
	const size, total = 2, 11
	want := make([]json.RawMessage, 0, total)
	for _, id := range wantIDs(0, total) {
		want = append(want, json.RawMessage(`{"uuid":"`+id+`","user":null}`))
	}
	tests := []struct {
		name      string
		withCount bool
		opts      []dailybot.Option
		reused    bool // a page's buffer serves a later page
	}{
		{"default keeps every item", true, nil, false},
		{"default keeps every item, prefetched", true, []dailybot.Option{dailybot.WithPrefetch(3)}, false},
		{"following next", true, []dailybot.Option{dailybot.WithTransientItems()}, true},
		{"prefetched", true, []dailybot.Option{dailybot.WithTransientItems(), dailybot.WithPrefetch(3)}, true},
		{"prefetch falls back to next without a count", false, []dailybot.Option{dailybot.WithTransientItems(), dailybot.WithPrefetch(3)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, _ := newClient(t, pagesServer(size, total, tt.withCount), tt.opts...)
			query := url.Values{"limit": {"2"}}
			var copies, kept []json.RawMessage
			for item, err := range c.Items(context.Background(), http.MethodGet, "/checkins/c-1/responses/", query, nil) {
				require.NoError(t, err)
				copies = append(copies, bytes.Clone(item)) // what the loop body saw
				kept = append(kept, item)                  // what is left of it after the loop
			}
			assert.Equal(t, want, copies, "every item, in order, as the server sent it")
			changed := 0
			for i := range kept {
				if !bytes.Equal(kept[i], copies[i]) {
					changed++
				}
			}
			if tt.reused {
				assert.Positive(t, changed, "items kept past their loop body were overwritten by later pages")
			} else {
				assert.Zero(t, changed, "items stay valid without WithTransientItems")
			}
		})
	}
}

// lentBuffers counts the requests whose context lends body buffers.
type lentBuffers struct {
	lent, sent atomic.Int32
}

func (l *lentBuffers) RoundTrip(r *http.Request) (*http.Response, error) {
	l.sent.Add(1)
	if botsdk.BodyBuffersFrom(r.Context()) != nil {
		l.lent.Add(1)
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestTransientItemsLeavesTypedListsAlone(t *testing.T) {
	const size, total = 2, 11
	rt := &lentBuffers{}
	c, _, _ := newClient(t, pagesServer(size, total, true), dailybot.WithTransientItems(), dailybot.WithPrefetch(3),
		dailybot.WithHTTPClient(&http.Client{Transport: rt}))
	got, err := collect(t, c.Checkins.Responses(context.Background(), "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Limit: size}}))
	require.NoError(t, err)
	assert.Equal(t, wantIDs(0, total), responseIDs(got))
	assert.Equal(t, int32(total/size+1), rt.sent.Load())
	assert.Zero(t, rt.lent.Load(), "a typed list's pages are read into buffers of their own")

	items, err := collect(t, c.Items(context.Background(), http.MethodGet, "/checkins/c-1/responses/", url.Values{"limit": {"2"}}, nil))
	require.NoError(t, err)
	assert.Len(t, items, total)
	assert.Equal(t, int32(total/size+1), rt.lent.Load(), "every page of Items is read into a lent buffer")
}

func TestTransientItemsBreakMidPage(t *testing.T) {
	const size, total = 3, 40
	for _, opts := range [][]dailybot.Option{
		{dailybot.WithTransientItems()},
		{dailybot.WithTransientItems(), dailybot.WithPrefetch(4)},
	} {
		c, _, _ := newClient(t, pagesServer(size, total, true), opts...)
		for stop := range []int{0, 1, 4, 20} {
			n := 0
			for item, err := range c.Items(context.Background(), http.MethodGet, "/checkins/c-1/responses/", url.Values{"limit": {"3"}}, nil) {
				require.NoError(t, err)
				assert.Equal(t, `{"uuid":"`+wantIDs(n, n+1)[0]+`","user":null}`, string(item))
				if n == stop {
					break
				}
				n++
			}
			assert.Equal(t, stop, n)
		}
	}
}
