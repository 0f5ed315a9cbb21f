//go:build unix

package main

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChildGroupStops: a child's own children (a shell's background job,
// as npx's node) stop with it, and its readiness line is found.
func TestChildGroupStops(t *testing.T) {
	dir := t.TempDir()
	c, err := startChild("sh", filepath.Join(dir, "sh.log"), "sh", "-c", `sleep 300 & echo "noise"; echo "listening on http://127.0.0.1:1234"; wait`)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := waitForLine(ctx, c, regexp.MustCompile(`listening on (http://\S+)`))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:1234", m[1])
	var cs children
	cs.add(c)
	cs.stopAll()
	select {
	case <-c.done:
	default:
		t.Fatal("the child is still running")
	}
}

func TestWaitForLineFailsWhenTheChildExits(t *testing.T) {
	c, err := startChild("true", filepath.Join(t.TempDir(), "log"), "sh", "-c", "echo bye")
	require.NoError(t, err)
	defer c.stop(time.Second)
	_, err = waitForLine(context.Background(), c, regexp.MustCompile(`never`))
	assert.ErrorContains(t, err, "exited before it was ready")
}

func TestWaitForLineHonoursTheDeadline(t *testing.T) {
	c, err := startChild("sleep", filepath.Join(t.TempDir(), "log"), "sleep", "300")
	require.NoError(t, err)
	defer c.stop(time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = waitForLine(ctx, c, regexp.MustCompile(`never`))
	assert.ErrorIs(t, err, context.Canceled)
}
