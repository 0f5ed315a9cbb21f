package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/mock"
)

// The bulk export: at least 10,000 DailyBot check-in responses
// with --all -o jsonl, complete, in the mock's order (newest first), in flat
// memory, and the same bytes with --concurrency.

const (
	// exportResponses is how many responses the exported check-in holds; not
	// a multiple of the page size, so the last page is a short one.
	exportResponses = 10_500
	// exportMaxHeapGrowth bounds the live heap's growth during an export.
	exportMaxHeapGrowth = 50 << 20
	// exportMaxClimb bounds the heap's climb from the 1,000th line to the
	// 10,000th; keeping those 9,000 responses would take at least 15 MB.
	exportMaxClimb = 12 << 20
	// exportWindow covers every response the mock holds.
	exportStart, exportEnd = "2024-01-01", "2024-12-31"
)

// exportFixture is a mock whose busiest check-in is topped up to
// exportResponses responses. Its clock steps a millisecond per reading, so
// every submitted response has its own created_at.
type exportFixture struct {
	srv     *mock.Server
	checkin string
	// first and last are the uuids the mock lists first and last, read
	// directly with limit/offset.
	first, last string
}

func newExportFixture(tb testing.TB) *exportFixture {
	tb.Helper()
	var tick atomic.Int64
	clock := func() time.Time { return fixedNow.Add(time.Duration(tick.Add(1)) * time.Millisecond) }
	f := &exportFixture{srv: mock.NewTestServer(tb, mock.WithClock(clock))}
	c, err := dailybot.New(mock.DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(f.srv.BaseURL("dailybot")))
	require.NoError(tb, err)
	ctx := context.Background()
	window := dailybot.ListCheckinResponsesParams{DateStart: exportStart, DateEnd: exportEnd, ListOptions: dailybot.ListOptions{Limit: 1}}

	// The busiest seeded check-in needs the fewest extra responses.
	most := 0
	for ci, err := range c.Checkins.List(ctx, dailybot.ListCheckinsParams{}) {
		require.NoError(tb, err)
		page, err := c.Checkins.ResponsesPage(ctx, *ci.ID, window)
		require.NoError(tb, err)
		if page.Count > most {
			most, f.checkin = page.Count, *ci.ID
		}
	}
	var users []string
	for u, err := range c.Users.List(ctx, dailybot.ListUsersParams{}) {
		require.NoError(tb, err)
		users = append(users, *u.UUID)
	}
	for i := most; i < exportResponses; i++ {
		_, err := f.srv.Mock.SubmitCheckinResponse(f.checkin, users[i%len(users)], exportAnswer(i, 1), exportAnswer(i, 2))
		require.NoError(tb, err)
	}

	head, err := c.Checkins.ResponsesPage(ctx, f.checkin, window)
	require.NoError(tb, err)
	require.Equal(tb, exportResponses, head.Count)
	window.Offset = exportResponses - 1
	tail, err := c.Checkins.ResponsesPage(ctx, f.checkin, window)
	require.NoError(tb, err)
	f.first, f.last = *head.Results[0].UUID, *tail.Results[0].UUID
	return f
}

// exportAnswer is a submitted answer of about a kilobyte, so the export is
// big enough (about 20 MB) that holding it would show on the heap.
func exportAnswer(i, question int) string {
	return fmt.Sprintf("Answer %d to question %d: %s", i, question, strings.Repeat("Shipped the export; reviewed the plan. ", 25))
}

// export runs the bulk export into a fresh sink and returns it with the
// live heap before the run; extra are more global flags (--concurrency).
func (f *exportFixture) export(tb testing.TB, sampleEvery int, extra ...string) (sink *exportSink, heapBefore uint64, stderr string, code int) {
	tb.Helper()
	args := append([]string{"--base-url", f.srv.BaseURL("dailybot"), "--all", "-o", "jsonl"}, extra...)
	args = append(args, "dailybot", "checkins", "responses", f.checkin, "--date-start", exportStart, "--date-end", exportEnd)
	sink = newExportSink(sampleEvery)
	var errBuf bytes.Buffer
	heapBefore = liveHeap()
	code = run(context.Background(), &env{
		args: args, stdin: strings.NewReader(""), stdout: sink, stderr: &errBuf, getenv: envFrom(mockEnv()),
	})
	return sink, heapBefore, errBuf.String(), code
}

// liveHeap returns the bytes of live heap objects after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// exportSink is the export's stdout. It reads the jsonl stream as it is
// written and keeps only what the checks need: each line's uuid, whether
// created_at ever went up, a hash of every byte, and a sample of the live
// heap every sampleEvery lines (the heap while the export runs, not after).
type exportSink struct {
	sampleEvery int
	partial     []byte
	bytes       int
	uuids       []string
	lastCreated time.Time
	outOfOrder  int
	badLines    int
	hash        hash.Hash
	// heap holds the live heap sampled every sampleEvery lines.
	heap []uint64
}

func newExportSink(sampleEvery int) *exportSink {
	return &exportSink{sampleEvery: sampleEvery, hash: sha256.New()}
}

func (s *exportSink) Write(p []byte) (int, error) {
	s.bytes += len(p)
	s.hash.Write(p)
	s.partial = append(s.partial, p...)
	start := 0
	for {
		i := bytes.IndexByte(s.partial[start:], '\n')
		if i < 0 {
			break
		}
		s.line(s.partial[start : start+i])
		start += i + 1
	}
	s.partial = append(s.partial[:0], s.partial[start:]...)
	return len(p), nil
}

func (s *exportSink) line(b []byte) {
	var r struct {
		UUID      string    `json:"uuid"`
		CreatedAt time.Time `json:"created_at"`
	}
	if err := json.Unmarshal(b, &r); err != nil || r.UUID == "" {
		s.badLines++
		return
	}
	// Newest first: created_at never increases down the list.
	if len(s.uuids) > 0 && r.CreatedAt.After(s.lastCreated) {
		s.outOfOrder++
	}
	s.lastCreated = r.CreatedAt
	s.uuids = append(s.uuids, r.UUID)
	if s.sampleEvery > 0 && len(s.uuids)%s.sampleEvery == 0 {
		s.heap = append(s.heap, liveHeap())
	}
}

func (s *exportSink) sum() string { return hex.EncodeToString(s.hash.Sum(nil)) }

// peakHeap is the largest live heap sampled.
func (s *exportSink) peakHeap() uint64 { return slices.Max(append([]uint64{0}, s.heap...)) }

// duplicates counts uuids that appear more than once.
func (s *exportSink) duplicates() int {
	sorted := slices.Sorted(slices.Values(s.uuids))
	return len(sorted) - len(slices.Compact(sorted))
}

func TestDailyBotExportResponses(t *testing.T) {
	if testing.Short() {
		t.Skip("exports 10,500 responses")
	}
	f := newExportFixture(t)

	var sums []string
	for _, concurrency := range []string{"1", "4"} {
		t.Run("concurrency "+concurrency, func(t *testing.T) {
			sink, before, stderr, code := f.export(t, 1000, "--concurrency", concurrency)
			require.Equal(t, exitOK, code, "stderr: %s", stderr)
			assert.Empty(t, stderr, "no progress bar when stderr is not a terminal")

			assert.Empty(t, sink.partial, "the stream ends with a newline")
			assert.Zero(t, sink.badLines, "every line is one response")
			assert.Len(t, sink.uuids, exportResponses, "complete")
			assert.Zero(t, sink.duplicates(), "no response twice")
			assert.Zero(t, sink.outOfOrder, "newest first, as the mock lists them")
			require.NotEmpty(t, sink.uuids)
			assert.Equal(t, f.first, sink.uuids[0], "starts where the mock's list starts")
			assert.Equal(t, f.last, sink.uuids[len(sink.uuids)-1], "ends where the mock's list ends")

			growth := int64(sink.peakHeap()) - int64(before)
			t.Logf("exported %d responses, %.1f MB of jsonl; live heap %.1f MB before, peak %.1f MB during (growth %.1f MB); samples every 1000 lines: %v",
				len(sink.uuids), mb(sink.bytes), mb(int(before)), mb(int(sink.peakHeap())), mb(int(growth)), sink.heap)
			assert.Less(t, growth, int64(exportMaxHeapGrowth), "memory stays flat")
			// Flat, not merely small: holding the responses already written
			// would add at least 1.7 KB of live heap per response between the first
			// sample and the last; streaming adds only the pages in flight.
			// The troughs are compared (the lowest of the first three samples
			// and of the last three), because with --concurrency the pages in
			// flight make single samples swing by several MB.
			require.GreaterOrEqual(t, len(sink.heap), 10)
			climb := int64(slices.Min(sink.heap[len(sink.heap)-3:])) - int64(slices.Min(sink.heap[:3]))
			assert.Less(t, climb, int64(exportMaxClimb), "the heap does not climb with the responses written")
			sums = append(sums, sink.sum())
		})
	}
	if len(sums) == 2 {
		assert.Equal(t, sums[0], sums[1], "--concurrency 4 writes the same bytes as page-by-page")
	}
}

func mb(n int) float64 { return float64(n) / (1 << 20) }

// BenchmarkDailyBotExport measures the bulk export end to end (mock, client,
// CLI, jsonl) and reports the live heap's peak growth while it runs.
func BenchmarkDailyBotExport(b *testing.B) {
	f := newExportFixture(b)
	for _, concurrency := range []string{"1", "4"} {
		b.Run("concurrency="+concurrency, func(b *testing.B) {
			b.ReportAllocs()
			var growth, size int
			for b.Loop() {
				sink, before, stderr, code := f.export(b, 2500, "--concurrency", concurrency)
				if code != exitOK || len(sink.uuids) != exportResponses {
					b.Fatalf("exit %d, %d responses: %s", code, len(sink.uuids), stderr)
				}
				growth = max(growth, int(sink.peakHeap())-int(before))
				size = sink.bytes
			}
			b.ReportMetric(float64(exportResponses), "responses/op")
			b.ReportMetric(mb(size), "MB-jsonl/op")
			b.ReportMetric(mb(growth), "MB-peak-heap-growth")
		})
	}
}
