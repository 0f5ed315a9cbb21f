package main

import (
	"math"
	"runtime"
	"runtime/debug"
)

// startupHeap is the memory (as the Go runtime counts it, see
// debug.SetMemoryLimit) botctl may use before its first garbage collection:
// more than a command that makes a few calls ever reaches (about 12 MiB for
// `--mock dailybot me`, its spec included), and well under the 32 MiB an
// export is held to.
const startupHeap = 16 << 20

// holdStartupGC holds the garbage collector back until botctl's memory first
// reaches limit (startupHeap in main), and then gives it back Go's defaults
// (no memory limit, GOGC=100). A command that ends before that, as most do,
// never stops for a collection: at Go's 4 MB first goal `botctl --mock
// dailybot me` collected twice, about 5 ms of its 75. A long export and
// `botctl mock` collect as before once past the first collection. With GOGC
// or GOMEMLIMIT set in the environment the collector is left as the user set
// it.
func holdStartupGC(getenv func(string) string, limit int64) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(limit)
	// The first collection finds the sentinel unreachable; once that
	// collection's sweep is over, the cleanup hands the collector back
	// (the limit first, so that GOGC=100 means both are back).
	sentinel := new([32]byte) // not a tiny allocation, which could outlive its collection
	runtime.AddCleanup(sentinel, func(struct{}) {
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(100)
	}, struct{}{})
}
