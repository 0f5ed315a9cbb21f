package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

// startupHeap is the memory (as the Go runtime counts it, see
// debug.SetMemoryLimit) botctl may use before its first garbage collection:
// more than a command that makes a few calls ever reaches (about 12 MiB for
// `--mock dailybot me`, its spec included), and well under the 32 MiB an
// export is held to.
const startupHeap = 16 << 20

// startupWindow is how long the collector is held back at most: botctl's
// start-up (the command table, the commands, an embedded mock's start) is
// over well within it, and a command that runs longer, an export, collects
// from then on as Go's defaults have it, rather than first growing its heap
// to startupHeap (a 100k-item export at concurrency 1 peaked 2.6 MiB higher
// than without the hold, a 10k-item one, over within a second, did not).
const startupWindow = 50 * time.Millisecond

// holdStartupGC holds the garbage collector back until botctl's memory first
// reaches limit (startupHeap in main) or window (startupWindow) has passed,
// whichever comes first, and then gives it back Go's defaults (no memory
// limit, GOGC=100). A command that ends before that, as most do, never stops
// for a collection: at Go's 4 MB first goal `botctl --mock dailybot me`
// collected twice, about 5 ms of its 75. With GOGC or GOMEMLIMIT set in the
// environment the collector is left as the user set it.
func holdStartupGC(getenv func(string) string, limit int64, window time.Duration) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(limit)
	// The limit first, so that GOGC=100 means both are back.
	release := sync.OnceFunc(func() {
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(100)
	})
	time.AfterFunc(window, release)
	// The first collection finds the sentinel unreachable; once that
	// collection's sweep is over, the cleanup hands the collector back.
	sentinel := new([32]byte) // not a tiny allocation, which could outlive its collection
	runtime.AddCleanup(sentinel, func(struct{}) { release() }, struct{}{})
}
