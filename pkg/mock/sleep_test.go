package mock

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSleepCtx checks the latency's wait: never shorter than asked, nothing
// for a zero or negative wait, and ended by its context with the context's
// error.
func TestSleepCtx(t *testing.T) {
	// Below wakeLead the clock alone is checked; above it, a timer first.
	for _, d := range []time.Duration{wakeLead / 3, time.Millisecond, 5 * time.Millisecond} {
		start := time.Now()
		require.NoError(t, sleepCtx(context.Background(), d))
		assert.GreaterOrEqual(t, time.Since(start), d, "an answer must not leave before its latency")
	}
	require.NoError(t, sleepCtx(context.Background(), 0))
	require.NoError(t, sleepCtx(context.Background(), -time.Second))

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- sleepCtx(ctx, time.Hour) }()
	cancel()
	assert.True(t, errors.Is(<-done, context.Canceled))

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	assert.True(t, errors.Is(sleepCtx(ctx, time.Hour), context.Canceled), "an ended context waits for nothing")
}

// TestStartSleep checks the delayed answer's wait: never shorter than
// asked, and ended by its context with the context's error, in the timer's
// part of the wait as in the clock's.
func TestStartSleep(t *testing.T) {
	for _, d := range []time.Duration{0, wakeLead / 3, 2 * time.Millisecond} {
		start := time.Now()
		wait := startSleep(context.Background(), d)
		require.NoError(t, wait())
		assert.GreaterOrEqual(t, time.Since(start), d, "an answer must not leave before its latency")
	}

	for _, d := range []time.Duration{time.Hour, wakeLead / 3} {
		ctx, cancel := context.WithCancel(context.Background())
		wait := startSleep(ctx, d)
		cancel()
		assert.ErrorIs(t, wait(), context.Canceled, "a client that hung up during a wait of %s", d)
	}
}

// BenchmarkSleepLateness reports how late each wait of the latency ends
// (lateness-µs/op), for the default wait and for a Go timer's.
func BenchmarkSleepLateness(b *testing.B) {
	for _, bc := range []struct {
		name  string
		sleep func(context.Context, time.Duration) error
	}{{"default", sleepCtx}, {"timer", botsdk.SleepContext}} {
		b.Run(bc.name, func(b *testing.B) {
			const d = 2 * time.Millisecond
			var late time.Duration
			for b.Loop() {
				start := time.Now()
				if err := bc.sleep(context.Background(), d); err != nil {
					b.Fatal(err)
				}
				late += time.Since(start) - d
			}
			b.ReportMetric(float64(late.Microseconds())/float64(b.N), "lateness-µs/op")
		})
	}
}
