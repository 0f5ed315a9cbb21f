package mock

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// retryClient is a DailyBot client against srv whose retry waits are
// recorded instead of slept.
func retryClient(t *testing.T, srv *Server) (*dailybot.Client, *sleepRecorder) {
	t.Helper()
	rec := &sleepRecorder{}
	c, err := dailybot.New(DefaultCredentials().DailyBotKey,
		dailybot.WithBaseURL(srv.BaseURL("dailybot")),
		dailybot.WithRetry(botsdk.RetryPolicy{
			MaxRetries: 3, BaseDelay: 100 * time.Millisecond, MaxDelay: 2 * time.Second,
			Sleep:  rec.sleep,
			Jitter: func(d time.Duration) time.Duration { return d }, // no randomness: waits are the ceilings
		}))
	require.NoError(t, err)
	return c, rec
}

// TestClientRetriesAgainstFaults shows, per fault kind, what the DailyBot
// client does against the mock's injected misbehaviour.
func TestClientRetriesAgainstFaults(t *testing.T) {
	ctx := context.Background()

	t.Run("429 waits Retry-After once, then succeeds", func(t *testing.T) {
		srv := NewTestServer(t, WithThrottleEvery(2))
		c, rec := retryClient(t, srv)
		_, err := c.Me.Get(ctx, dailybot.GetMeParams{}) // request 1
		require.NoError(t, err)
		_, err = c.Me.Get(ctx, dailybot.GetMeParams{}) // request 2 is throttled, request 3 answers
		require.NoError(t, err)
		assert.Equal(t, []time.Duration{time.Second}, rec.recorded())
	})

	t.Run("5xx on every request exhausts the retries", func(t *testing.T) {
		srv := NewTestServer(t, WithFailRate(1))
		c, rec := retryClient(t, srv)
		_, err := c.Me.Get(ctx, dailybot.GetMeParams{})
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Contains(t, []int{500, 502, 503}, apiErr.StatusCode)
		assert.Contains(t, apiErr.Message, "injected by the mock")
		assert.Equal(t, []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}, rec.recorded(),
			"three retries with exponential backoff")
	})

	t.Run("5xx on a seeded share is retried deterministically", func(t *testing.T) {
		run := func() (int, []time.Duration) {
			srv := NewTestServer(t, WithSeed(11), WithFailRate(0.4))
			c, rec := retryClient(t, srv)
			ok := 0
			for range 10 {
				if _, err := c.Me.Get(ctx, dailybot.GetMeParams{}); err == nil {
					ok++
				}
			}
			return ok, rec.recorded()
		}
		ok, waits := run()
		assert.Equal(t, 10, ok, "with 3 retries every call gets through a 40% failure rate (seed 11)")
		assert.NotEmpty(t, waits)
		ok2, waits2 := run()
		assert.Equal(t, ok, ok2)
		assert.Equal(t, waits, waits2, "same seed, same faults, same retries")
	})

	t.Run("latency delays the answer, the client does not retry", func(t *testing.T) {
		mockSleep := &sleepRecorder{}
		srv := NewTestServer(t, WithLatency(20*time.Millisecond, 5*time.Millisecond), withSleep(mockSleep.sleep))
		c, rec := retryClient(t, srv)
		_, err := c.Me.Get(ctx, dailybot.GetMeParams{})
		require.NoError(t, err)
		assert.Empty(t, rec.recorded())
		require.Len(t, mockSleep.recorded(), 1)
		assert.GreaterOrEqual(t, mockSleep.recorded()[0], 20*time.Millisecond)
	})

	t.Run("connection resets: GET is retried, POST is not", func(t *testing.T) {
		srv := NewTestServer(t, WithConnectionResets(1))
		c, rec := retryClient(t, srv)
		_, err := c.Me.Get(ctx, dailybot.GetMeParams{})
		require.Error(t, err)
		assert.ErrorIs(t, err, io.EOF)
		assert.Len(t, rec.recorded(), 3, "an idempotent GET is retried after a reset")

		c, rec = retryClient(t, srv)
		_, err = c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{seededIDs(srv).user}, Content: "Thanks"})
		require.Error(t, err)
		assert.Empty(t, rec.recorded(), "a POST that may have reached the server is not replayed")
	})

	t.Run("truncated body: GET is retried, POST is not", func(t *testing.T) {
		srv := NewTestServer(t, WithTruncatedBodies(1))
		c, rec := retryClient(t, srv)
		_, err := c.Me.Get(ctx, dailybot.GetMeParams{})
		require.Error(t, err)
		assert.True(t, errors.Is(err, io.ErrUnexpectedEOF), "%v", err)
		assert.Len(t, rec.recorded(), 3, "reading the body is part of an idempotent attempt")

		c, rec = retryClient(t, srv)
		_, err = c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{seededIDs(srv).user}, Content: "Thanks"})
		require.Error(t, err)
		assert.Empty(t, rec.recorded(), "a POST whose answer was cut may have been applied: not replayed")
	})
}

// TestClientSeesDailyBotErrors: the mock's error bodies reach the client's
// APIError with their code and field errors.
func TestClientSeesDailyBotErrors(t *testing.T) {
	srv := NewTestServer(t)
	ctx := context.Background()
	bad, err := dailybot.New("wrong-key", dailybot.WithBaseURL(srv.BaseURL("dailybot")), dailybot.WithRetry(botsdk.NoRetry()))
	require.NoError(t, err)
	_, err = bad.Me.Get(ctx, dailybot.GetMeParams{})
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusForbidden, apiErr.StatusCode)
	assert.Equal(t, "authentication_failed", apiErr.Code)

	c, _ := retryClient(t, srv)
	_, err = c.Checkins.Get(ctx, "nope", dailybot.GetCheckinParams{})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)

	_, err = c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "x", Template: "nope"})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Contains(t, dailybot.FieldErrors(err), "template")
}
