package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gcSettings reads the collector's GC percent (-1 for off) and memory
// limit without changing them (a read through debug.SetGCPercent would race
// with the cleanup that sets them).
func gcSettings() (percent int, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	percent = int(s[0].Value.Uint64())
	if s[0].Value.Uint64() == math.MaxUint64 {
		percent = -1 // how runtime/metrics shows GOGC=off (a uint64 of -1)
	}
	return percent, int64(s[1].Value.Uint64())
}

// restoreGC puts back the settings the test started with.
func restoreGC(t *testing.T) {
	percent, limit := gcSettings()
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

func TestHoldStartupGC(t *testing.T) {
	restoreGC(t)
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)

	// A limit far above what the test process holds, so that no
	// collection comes before the test's own.
	const limit = 1 << 40
	holdStartupGC(func(string) string { return "" }, limit, time.Hour)
	percent, gotLimit := gcSettings()
	assert.Equal(t, -1, percent, "no collection by percent")
	assert.Equal(t, int64(limit), gotLimit, "the first collection comes at the limit")

	// The first collection hands the collector back (its cleanup runs once
	// that collection's sweep is over, on a goroutine of the runtime's).
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		percent, gotLimit = gcSettings()
		if percent == 100 && gotLimit == math.MaxInt64 || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	assert.Equal(t, 100, percent, "Go's default GC percent after the first collection")
	assert.Equal(t, int64(math.MaxInt64), gotLimit, "no memory limit after the first collection")
}

// Past its window the hold ends without a collection: a long command
// collects as Go's defaults have it from then on.
func TestHoldStartupGCEndsAfterItsWindow(t *testing.T) {
	restoreGC(t)
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)

	// No collection comes below a limit this far above the process, and
	// none is asked for: only the window can end the hold.
	holdStartupGC(func(string) string { return "" }, 1<<40, 10*time.Millisecond)
	deadline := time.Now().Add(5 * time.Second)
	percent, limit := gcSettings()
	for (percent != 100 || limit != math.MaxInt64) && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
		percent, limit = gcSettings()
	}
	assert.Equal(t, 100, percent, "Go's default GC percent after the window")
	assert.Equal(t, int64(math.MaxInt64), limit, "no memory limit after the window")
}

func TestHoldStartupGCLeavesTheUsersSettings(t *testing.T) {
	restoreGC(t)
	for _, key := range []string{"GOGC", "GOMEMLIMIT"} {
		debug.SetGCPercent(250)
		debug.SetMemoryLimit(1 << 30)
		holdStartupGC(func(k string) string {
			if k == key {
				return "250"
			}
			return ""
		}, 1<<40, time.Hour)
		percent, limit := gcSettings()
		require.Equal(t, 250, percent, key)
		require.Equal(t, int64(1<<30), limit, key)
	}
}
