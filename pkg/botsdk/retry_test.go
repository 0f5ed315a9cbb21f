package botsdk

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestSleepContext checks the default wait of retries: nothing to wait for
// d <= 0, the context's error once it has ended, and no shorter than d.
func TestSleepContext(t *testing.T) {
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		d    time.Duration
		want error
	}{
		{name: "zero", ctx: context.Background(), d: 0},
		{name: "negative", ctx: context.Background(), d: -time.Second},
		{name: "a short wait", ctx: context.Background(), d: time.Millisecond},
		{name: "ended context, long wait", ctx: ended, d: time.Hour, want: context.Canceled},
		{name: "ended context, no wait", ctx: ended, d: 0, want: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			assert.ErrorIs(t, SleepContext(tt.ctx, tt.d), tt.want)
			if tt.want == nil {
				assert.GreaterOrEqual(t, time.Since(start), tt.d)
			}
		})
	}
}
