package botopen_test

import (
	"testing"

	"github.com/botsdk/botsdk/internal/callbench"
)

// The paired per-call benchmarks: the SDK call, then the hand-written
// net/http + encoding/json baseline on the same server bytes.

func BenchmarkTranscriptsListPage(b *testing.B)         { callbench.BotOpenTranscriptsPage(b) }
func BenchmarkTranscriptsListPageBaseline(b *testing.B) { callbench.BotOpenTranscriptsPageBaseline(b) }
