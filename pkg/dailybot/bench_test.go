package dailybot_test

import (
	"testing"

	"github.com/botsdk/botsdk/internal/callbench"
)

// The paired per-call benchmarks: the SDK call, then the hand-written
// net/http + encoding/json baseline on the same server bytes.

func BenchmarkUsersListPage(b *testing.B)         { callbench.DailyBotUsersPage(b) }
func BenchmarkUsersListPageBaseline(b *testing.B) { callbench.DailyBotUsersPageBaseline(b) }
func BenchmarkMessagesSend(b *testing.B)          { callbench.DailyBotSendMessage(b) }
func BenchmarkMessagesSendBaseline(b *testing.B)  { callbench.DailyBotSendMessageBaseline(b) }

// BenchmarkMessagesSendUnbounded is BenchmarkMessagesSend without the
// per-attempt bound (an HTTP client without a Timeout).
func BenchmarkMessagesSendUnbounded(b *testing.B) { callbench.DailyBotSendMessageUnbounded(b) }
