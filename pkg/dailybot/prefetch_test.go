package dailybot_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// responsesPage renders the check-in responses [offset, offset+size) of total.
func responsesPage(host string, offset, size, total int, withCount bool) string {
	var items []string
	for i := offset; i < min(offset+size, total); i++ {
		items = append(items, fmt.Sprintf(`{"uuid":"r-%02d","user":null}`, i))
	}
	next := "null"
	if offset+size < total {
		next = strconv.Quote(fmt.Sprintf("http://%s/v1/checkins/c-1/responses/?limit=%d&offset=%d", host, size, offset+size))
	}
	count := ""
	if withCount {
		count = fmt.Sprintf(`"count":%d,`, total)
	}
	return fmt.Sprintf(`{%s"next":%s,"previous":null,"results":[%s]}`, count, next, strings.Join(items, ","))
}

func responseIDs(rs []dailybot.CheckinResponse) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = str(r.UUID)
	}
	return out
}

func wantIDs(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("r-%02d", i))
	}
	return out
}

// gatedServer answers the first page at once and holds every other page
// until the test releases its offset, so the test decides the order in which
// answers come back. It records how many pages were in flight at most.
type gatedServer struct {
	size, total int
	arrivals    chan int
	mu          sync.Mutex
	gates       map[int]chan struct{}
	inFlight    atomic.Int32
	maxInFlight atomic.Int32
}

func newGatedServer(size, total int) *gatedServer {
	g := &gatedServer{size: size, total: total, arrivals: make(chan int, total), gates: map[int]chan struct{}{}}
	for off := size; off < total; off += size {
		g.gates[off] = make(chan struct{})
	}
	return g
}

func (g *gatedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	if offset > 0 {
		n := g.inFlight.Add(1)
		defer g.inFlight.Add(-1)
		for {
			m := g.maxInFlight.Load()
			if n <= m || g.maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		g.arrivals <- offset
		g.mu.Lock()
		gate := g.gates[offset]
		g.mu.Unlock()
		select {
		case <-gate:
		case <-r.Context().Done(): // the client gave up; still answer validly
		}
	}
	write(w, 200, responsesPage(r.Host, offset, g.size, g.total, true))
}

func (g *gatedServer) release(offset int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	close(g.gates[offset])
}

func TestPrefetchKeepsOrder(t *testing.T) {
	const size, total, n = 2, 23, 3 // 12 pages: the first, then 11 prefetched
	g := newGatedServer(size, total)
	c, srv, _ := newClient(t, g, dailybot.WithPrefetch(n))

	// Answer the prefetched pages n at a time, each batch in shuffled order.
	go func() {
		rng := rand.New(rand.NewPCG(1, 2))
		for remaining := total / size; remaining > 0; { // the pages after the first
			batch := make([]int, min(n, remaining))
			for i := range batch {
				batch[i] = <-g.arrivals
			}
			rng.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
			for _, off := range batch {
				g.release(off)
			}
			remaining -= len(batch)
		}
	}()

	got, err := collect(t, c.Checkins.Responses(context.Background(), "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Limit: size}}))
	require.NoError(t, err)
	assert.Equal(t, wantIDs(0, total), responseIDs(got))
	assert.LessOrEqual(t, g.maxInFlight.Load(), int32(n), "at most n pages in flight")
	assert.Equal(t, int32(n), g.maxInFlight.Load(), "the pages were fetched concurrently")

	reqs, _ := srv.Requests()
	require.Len(t, reqs, total/size+1)
	seen := map[string]bool{}
	for _, r := range reqs[1:] {
		assert.Equal(t, "2", r.URL.Query().Get("limit"))
		seen[r.URL.Query().Get("offset")] = true
	}
	assert.Len(t, seen, total/size, "every offset fetched once")
}

func TestPrefetchBreakCancelsOutstanding(t *testing.T) {
	const size, total, n = 2, 40, 4
	g := newGatedServer(size, total)
	var started, active atomic.Int32
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		started.Add(1)
		active.Add(1)
		defer active.Add(-1)
		return http.DefaultTransport.RoundTrip(r)
	})
	c, _, _ := newClient(t, g, dailybot.WithPrefetch(n), dailybot.WithTransport(rt))
	g.release(size) // of the prefetched pages, only the first is ever answered

	var got []string
	for r, err := range c.Checkins.Responses(context.Background(), "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Limit: size}}) {
		require.NoError(t, err)
		got = append(got, str(r.UUID))
		if len(got) == 4 {
			break
		}
	}
	assert.Equal(t, wantIDs(0, 4), got)
	// When the loop has returned, the requests still waiting on the server
	// were canceled and every fetch goroutine has ended.
	assert.Equal(t, int32(0), active.Load(), "no request outlives the loop")
	assert.LessOrEqual(t, started.Load(), int32(1+n+1), "no more than n pages were started ahead")
	assert.Greater(t, started.Load(), int32(2), "pages were prefetched")
}

func TestPrefetchFirstErrorEndsSequence(t *testing.T) {
	const size, total = 2, 20
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/checkins/c-1/responses/", func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		if offset == 8 {
			write(w, 404, `{"detail":"Not found."}`)
			return
		}
		write(w, 200, responsesPage(r.Host, offset, size, total, true))
	})
	c, _, _ := newClient(t, mux, dailybot.WithPrefetch(3))
	got, err := collect(t, c.Checkins.Responses(context.Background(), "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Limit: size}}))
	var apiErr *botsdk.APIError
	require.True(t, errors.As(err, &apiErr), "the fetch error, not a sibling's cancellation: %v", err)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, wantIDs(0, len(got)), responseIDs(got), "items before the error come in order")
	assert.LessOrEqual(t, len(got), 8)
}

func TestPrefetchFirstPageError(t *testing.T) {
	c, _, _ := newClient(t, reply(403, `{"detail":"Nope.","code":"insufficient_role"}`), dailybot.WithPrefetch(2))
	_, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{}))
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "insufficient_role", apiErr.Code)
}

func TestPrefetchWithoutCountFollowsNext(t *testing.T) {
	const size, total = 2, 7
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/checkins/c-1/responses/", func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		write(w, 200, responsesPage(r.Host, offset, size, total, false))
	})
	c, srv, _ := newClient(t, mux, dailybot.WithPrefetch(4))
	got, err := collect(t, c.Checkins.Responses(context.Background(), "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Limit: size}}))
	require.NoError(t, err)
	assert.Equal(t, wantIDs(0, total), responseIDs(got))
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 4)
}

func TestPrefetchUsesServerPageSize(t *testing.T) {
	// The server caps the page at 3 although 10 were asked for: the offsets
	// follow the size it actually sent, so nothing is skipped.
	const size, total = 3, 10
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/checkins/c-1/responses/", func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		write(w, 200, responsesPage(r.Host, offset, size, total, true))
	})
	c, srv, _ := newClient(t, mux, dailybot.WithPrefetch(2))
	got, err := collect(t, c.Checkins.Responses(context.Background(), "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Limit: 10, Offset: 1}}))
	require.NoError(t, err)
	assert.Equal(t, wantIDs(1, total), responseIDs(got))
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 3)
}

func TestPrefetchSinglePage(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /v1/teams/", reply(200, page(teamJSON, 1)))
	c, srv, _ := newClient(t, mux, dailybot.WithPrefetch(2))
	got, err := collect(t, c.Teams.List(context.Background(), dailybot.ListTeamsParams{}))
	require.NoError(t, err)
	assert.Len(t, got, 1)
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 1)
}

func TestPrefetchBreakOnFirstPage(t *testing.T) {
	c, srv, _ := newClient(t, usersServer(10, 2, absoluteNext), dailybot.WithPrefetch(2))
	for range c.Users.List(context.Background(), dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 2}}) {
		break
	}
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 1)
}

func TestPrefetchContextCanceled(t *testing.T) {
	const size, total, n = 2, 20, 3
	g := newGatedServer(size, total) // no prefetched page is ever released
	c, _, _ := newClient(t, g, dailybot.WithPrefetch(n))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	var gotErr error
	for r, err := range c.Checkins.Responses(ctx, "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Limit: size}}) {
		if err != nil {
			gotErr = err
			break
		}
		got = append(got, str(r.UUID))
		if len(got) == size {
			cancel() // the caller gives up while n pages wait on the server
		}
	}
	assert.Equal(t, wantIDs(0, size), got)
	assert.ErrorIs(t, gotErr, context.Canceled)
}

// TestPrefetchPanicInLoopCancelsOutstanding: a panic in the loop body unwinds
// through the iterator, which must still cancel the pages in flight and wait
// for its goroutines.
func TestPrefetchPanicInLoopCancelsOutstanding(t *testing.T) {
	const size, total, n = 2, 40, 4
	g := newGatedServer(size, total)
	var active atomic.Int32
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		active.Add(1)
		defer active.Add(-1)
		return http.DefaultTransport.RoundTrip(r)
	})
	c, _, _ := newClient(t, g, dailybot.WithPrefetch(n), dailybot.WithTransport(rt))
	g.release(size) // of the prefetched pages, only the first is ever answered
	func() {
		defer func() { assert.Equal(t, "boom", recover()) }()
		seen := 0
		for range c.Checkins.Responses(context.Background(), "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Limit: size}}) {
			if seen++; seen <= size {
				continue // the first page, fetched before any prefetch
			}
			for off := range g.arrivals {
				if off != size {
					break // a page nobody will answer is in flight
				}
			}
			panic("boom")
		}
	}()
	assert.Equal(t, int32(0), active.Load(), "no request outlives the panicking loop")
}

func TestPrefetchEndsOnMisbehavingServer(t *testing.T) {
	const n = 3
	const huge = 1_000_000 // a count that would take half a million pages to reach
	tests := []struct {
		name        string
		page        misbehaving
		wantUsers   []string
		minRequests int // the pages up to the one that ends the iteration
		maxRequests int // and at most the n+1 fetches started ahead of it
		wantLoop    bool
	}{
		{
			name: "empty pages below a huge count",
			page: func(host string, offset int) ([]int, string, int) {
				if offset == 0 {
					return pairAt(0), usersAt(host, 2), huge
				}
				return nil, usersAt(host, offset+2), huge
			},
			wantUsers: userIDs(0, 1), minRequests: 2, maxRequests: 1 + n + 1,
		},
		{
			name: "server ignores offset, huge count",
			page: func(host string, _ int) ([]int, string, int) {
				return pairAt(0), usersAt(host, 2), huge
			},
			wantUsers: userIDs(0, 1, 0, 1), minRequests: 2, maxRequests: 1 + n + 1, wantLoop: true,
		},
		{
			name: "last page before count",
			page: func(host string, offset int) ([]int, string, int) {
				if offset == 4 {
					return pairAt(4), "", huge
				}
				return pairAt(offset), usersAt(host, offset+2), huge
			},
			wantUsers: userIDs(0, 1, 2, 3, 4, 5), minRequests: 3, maxRequests: 3 + n + 1,
		},
		{
			name: "count reached but next never null",
			page: func(host string, offset int) ([]int, string, int) {
				return pairAt(offset), usersAt(host, offset+2), 3
			},
			wantUsers: userIDs(0, 1, 2, 3), minRequests: 2, maxRequests: 2,
		},
		{
			name: "without count, empty first page",
			page: func(host string, offset int) ([]int, string, int) {
				return nil, usersAt(host, offset+2), -1
			},
			wantUsers: userIDs(), minRequests: 1, maxRequests: 1,
		},
		{
			name: "without count, empty pages after the first",
			page: func(host string, offset int) ([]int, string, int) {
				if offset == 0 {
					return pairAt(0), usersAt(host, 2), -1
				}
				return nil, usersAt(host, offset+2), -1
			},
			wantUsers: userIDs(0, 1), minRequests: 2, maxRequests: 2,
		},
		{
			name: "without count, next cycles A, B, A",
			page: func(host string, offset int) ([]int, string, int) {
				switch offset {
				case 0:
					return pairAt(0), usersAt(host, 2), -1
				case 2:
					return pairAt(2), usersAt(host, 4), -1
				default:
					return pairAt(4), usersAt(host, 2), -1
				}
			},
			wantUsers: userIDs(0, 1, 2, 3, 4, 5), minRequests: 3, maxRequests: 3, wantLoop: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			c, srv, _ := newClient(t, misbehavingServer(tt.page, 50, cancel), dailybot.WithPrefetch(n))
			got, err := collect(t, c.Users.List(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 2}}))
			if tt.wantLoop {
				require.ErrorIs(t, err, dailybot.ErrPagingLoop)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.wantUsers, uuids(got))
			reqs, _ := srv.Requests()
			assert.GreaterOrEqual(t, len(reqs), tt.minRequests)
			assert.LessOrEqual(t, len(reqs), tt.maxRequests)
		})
	}
}
