package mock

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestResetWaitsForChangesInFlight: Server.Reset with a state file waits for
// a change being made, so the change, made on the mock the reset drops, is
// not journaled after the reset cleared the journal (a restore would bring
// back what the reset removed).
func TestResetWaitsForChangesInFlight(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	hold := withSleep(func(context.Context, time.Duration) error {
		close(entered)
		<-release
		return nil
	})
	srv, _ := startWithState(t, filepath.Join(t.TempDir(), "state.json"), hold)
	ids := seededIDs(srv)
	done := make(chan int)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, srv.BaseURL("dailybot")+"/checkins/",
			strings.NewReader(`{"name":"In flight","template":"`+ids.template+`"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-API-KEY", DefaultCredentials().DailyBotKey)
		req.Header.Set("Prefer", "latency=1ms")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	<-entered
	reset := make(chan error)
	go func() { reset <- srv.Reset() }()
	close(release)
	require.NoError(t, <-reset)
	assert.Equal(t, http.StatusCreated, <-done)
	assert.Empty(t, srv.ctl.journal.Load().snapshot())
}
