package assistbot_test

import (
	"testing"

	"github.com/botsdk/botsdk/internal/callbench"
)

// The paired per-call benchmarks: the SDK call, then the hand-written
// net/http + encoding/json baseline on the same server bytes.

func BenchmarkHistoryStandups(b *testing.B)         { callbench.AssistBotStandupHistory(b) }
func BenchmarkHistoryStandupsBaseline(b *testing.B) { callbench.AssistBotStandupHistoryBaseline(b) }
