package dailybot_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestThrottledScopeHoldsOnlyItsOwnCalls: an agent's e-mail cap answered
// with 429 and an hour's Retry-After holds back the next agent call, but not
// reads, writes or messages, which DailyBot meters in their own scopes.
func TestThrottledScopeHoldsOnlyItsOwnCalls(t *testing.T) {
	var throttled atomic.Bool
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/v1/agent") && throttled.CompareAndSwap(false, true):
			w.Header().Set("Retry-After", "3600")
			write(w, http.StatusTooManyRequests, `{"detail":"Agent e-mail limit reached","limit":50,"current":50}`)
		case r.URL.Path == "/v1/teams/t-1/":
			write(w, http.StatusOK, teamJSON)
		case r.URL.Path == "/v1/send-message/":
			write(w, http.StatusAccepted, "")
		default:
			write(w, http.StatusOK, `{"sent_count":1,"total_recipients":1}`)
		}
	})
	c, srv, rec := newClient(t, h)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	email := dailybot.SendAgentEmailParams{AgentName: "A", To: []string{"ops@example.com"}, Subject: "Build", BodyHTML: "<p>ok</p>"}

	_, err := c.Agents.SendEmail(ctx, email)
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)

	_, err = c.Teams.Get(ctx, "t-1")
	require.NoError(t, err, "a read is another scope")
	_, err = c.Messages.Send(ctx, dailybot.SendMessageParams{Message: "hi", TargetUsers: []string{"u-1"}})
	require.NoError(t, err, "messaging is another scope")
	assert.Empty(t, rec.waits, "neither waited for the agent scope's pause")

	_, err = c.Agents.SendEmail(ctx, email)
	require.ErrorAs(t, err, &apiErr, "the agent scope is paused past the deadline")
	assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 3, "the paused e-mail was not sent")
}
