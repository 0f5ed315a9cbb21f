package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingWriter counts the writes made to it.
type countingWriter struct {
	bytes.Buffer
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// TestOutputIsBuffered checks that a jsonl export writes stdout in a few
// large writes, not one per item, and that every item gets there: a write
// per page at most (a page taking longer than flushEvery), plus the end.
func TestOutputIsBuffered(t *testing.T) {
	srv := fixedMock(t)
	const pageSize = 5
	var stdout countingWriter
	var stderr bytes.Buffer
	code := run(context.Background(), &env{args: onServer(srv, "dailybot", "--all", "--page-size", "5", "-o", "jsonl", "dailybot", "users", "list"),
		stdin: strings.NewReader(""), getenv: envFrom(mockEnv()), stdout: &stdout, stderr: &stderr})
	require.Equal(t, exitOK, code, stderr.String())
	lines := strings.Count(stdout.String(), "\n")
	pages := (lines + pageSize - 1) / pageSize
	require.Greater(t, lines, 3*(pages+2)/2, "too few users to tell")
	assert.LessOrEqual(t, stdout.writes, pages+2, "%d items", lines)

	want := runCLI(t, mockEnv(), onServer(srv, "dailybot", "--all", "-o", "jsonl", "dailybot", "users", "list")...)
	assert.Equal(t, want.stdout, stdout.String())
}
