package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/mock"
)

// The seeded mock export standups runs on: BOTCTL_MOCK_* fix its data, and
// mock.New with the same options holds the same stores to count from.
const (
	standupsNow       = "2024-06-03T12:00:00Z"
	standupsResponses = 1500
	standupsFrom      = "2024-02-01"
	standupsTo        = "2024-06-03"
)

var standupsVars = []string{"BOTCTL_MOCK_NOW=" + standupsNow, "BOTCTL_MOCK_RESPONSES=1500"}

// storeAnswers is how many rows the export must give, counted from a mock's
// stores, not by the export code.
func storeAnswers(t *testing.T) (assistbot, dailybot int) {
	t.Helper()
	now, err := time.Parse(time.RFC3339, standupsNow)
	require.NoError(t, err)
	m, err := mock.New(mock.WithSeed(1), mock.WithNow(now), mock.WithCheckinResponses(standupsResponses))
	require.NoError(t, err)
	from, _ := time.Parse(time.DateOnly, standupsFrom)
	to, _ := time.Parse(time.DateOnly, standupsTo)
	return m.StandupAnswers(from, to)
}

func TestExportStandupsRowCount(t *testing.T) {
	wantAB, wantDB := storeAnswers(t)
	require.Positive(t, wantAB)
	require.Positive(t, wantDB)

	t.Run("jsonl", func(t *testing.T) {
		r := runCLI(t, standupsVars, "--mock", "export", "standups", "--from", standupsFrom, "--to", standupsTo)
		require.Equal(t, exitOK, r.code, r.stderr)
		counts := map[string]int{}
		for _, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
			var row map[string]any
			require.NoError(t, json.Unmarshal([]byte(line), &row), line)
			require.Len(t, row, len(standupColumns), "every row has every column: %s", line)
			counts[row["source_api"].(string)]++
		}
		assert.Equal(t, wantAB, counts["assistbot"])
		assert.Equal(t, wantDB, counts["dailybot"])
		assert.Contains(t, r.stderr, "rows")
	})

	t.Run("csv", func(t *testing.T) {
		r := runCLI(t, standupsVars, "--mock", "-o", "csv", "export", "standups", "--from", standupsFrom, "--to", standupsTo, "--api", "dailybot")
		require.Equal(t, exitOK, r.code, r.stderr)
		records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		require.NoError(t, err)
		assert.Equal(t, standupColumns, records[0])
		assert.Len(t, records[1:], wantDB)
	})
}

// TestExportStandupsSinceLast: a second run with no new answers exports
// nothing; a new answer is exported alone.
func TestExportStandupsSinceLast(t *testing.T) {
	dir := t.TempDir()
	since, state := filepath.Join(dir, "since.json"), filepath.Join(dir, "mock.json")
	args := []string{"--mock", "--state", state, "export", "standups", "--from", standupsFrom, "--to", standupsTo, "--api", "dailybot", "--since-last", since}
	r := runCLI(t, standupsVars, args...)
	require.Equal(t, exitOK, r.code, r.stderr)
	_, wantDB := storeAnswers(t)
	assert.Equal(t, wantDB, strings.Count(r.stdout, "\n"))
	b, err := os.ReadFile(since)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"newest":"2024-06-03T`)

	r = runCLI(t, standupsVars, args...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stdout, "nothing new since the last run")
}

func TestExportStandupsUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--from", "2024-02-30", "--to", "2024-03-01"},
		{"--from", "2024-03-02", "--to", "2024-03-01"},
		{"--from", "2024-03-01", "--to", "2024-03-02", "--api", "botaz"},
		{"--from", "2024-03-01", "--to", "2024-03-02", "-o", "table"},
	} {
		r := runCLI(t, standupsVars, append([]string{"--mock", "export", "standups"}, args...)...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
	}
}

// TestExportStandupsParquetNeedsTag: a botctl built without the parquet tag
// says how to get Parquet.
func TestExportStandupsParquetNeedsTag(t *testing.T) {
	if newParquetRows != nil {
		t.Skip("built with -tags parquet")
	}
	r := runCLI(t, standupsVars, "--mock", "export", "standups", "--from", standupsFrom, "--to", standupsTo, "-o", "parquet")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "-tags parquet")
}

// rowSink counts the rows written and samples the live heap every
// sampleEvery rows, while the export runs.
type rowSink struct {
	sampleEvery, rows int
	heap              []uint64
}

func (s *rowSink) Write(p []byte) (int, error) {
	for _, b := range p {
		if b == '\n' {
			s.rows++
			if s.rows%s.sampleEvery == 0 {
				s.heap = append(s.heap, liveHeap())
			}
		}
	}
	return len(p), nil
}

// TestExportStandupsFlatMemory: 100,000 rows and more stream through in
// flat memory: the live heap does not climb with the rows written (keeping
// them would take well over 20 MB).
func TestExportStandupsFlatMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("exports over 100,000 rows")
	}
	sink := &rowSink{sampleEvery: 10_000}
	var stderr strings.Builder
	code := run(context.Background(), &env{args: []string{"--mock", "export", "standups", "--from", "2022-06-01", "--to", standupsTo, "--api", "dailybot"},
		stdin: strings.NewReader(""), stdout: sink, stderr: &stderr, getenv: envFrom([]string{"BOTCTL_MOCK_NOW=" + standupsNow, "BOTCTL_MOCK_RESPONSES=42000"})})
	require.Equal(t, exitOK, code, stderr.String())
	require.GreaterOrEqual(t, sink.rows, 100_000)
	require.GreaterOrEqual(t, len(sink.heap), 10)
	climb := int64(slices.Min(sink.heap[len(sink.heap)-3:])) - int64(slices.Min(sink.heap[:3]))
	t.Logf("%d rows; live heap every 10,000 rows: %v", sink.rows, sink.heap)
	assert.Less(t, climb, int64(10<<20), "the heap does not climb with the rows written")
}
