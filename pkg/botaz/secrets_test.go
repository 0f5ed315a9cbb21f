package botaz

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

func TestSecretsNeverShow(t *testing.T) {
	const userID, token = "agent-id-5b1e0c9d", "auth-token-c0ffee-1234567890"
	srv := speccheck.NewServer(t, api, sequence(
		reply(200, docMessage),
		reply(401, `{"status":"error","message":"You must be logged in to do this."}`),
		reply(503, `{"status":"error","message":"down"}`),
	))
	var logs bytes.Buffer
	var s sleeps
	c, err := New(userID, token,
		WithBaseURL(srv.BaseURL),
		WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		WithRetry(s.policy(1)),
	)
	require.NoError(t, err)

	ctx := context.Background()
	var out []string
	m, err := c.Messages.Get(ctx, "qZkS5QLZSBLKzYAwm")
	require.NoError(t, err)
	out = append(out, fmt.Sprintf("%v %+v %#v", m, m, *m))
	_, err = c.Visitors.Get(ctx, "BtR7qAyvZfTWoaC7a")
	require.Error(t, err)
	out = append(out, err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err))
	_, err = c.Messages.Send(ctx, SendMessageParams{UserID: "u", VisitorID: "v", Text: "hi"})
	require.Error(t, err)
	out = append(out, err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err))
	_, err = New(userID, "")
	require.Error(t, err)
	out = append(out, err.Error())
	// %s and %d are "bad verbs" for pointers, which makes fmt print one level deeper.
	for _, v := range []any{c, *c, c.Messages, *c.Messages, c.Visitors, *c.Visitors} {
		out = append(out, fmt.Sprintf("%v|%+v|%#v|%s|%d|%x|%q", v, v, v, v, v, v, v))
	}
	out = append(out, logs.String())

	require.NotEmpty(t, logs.String(), "the logger was used")
	reqs, _ := srv.Requests()
	require.NotEmpty(t, reqs)
	assert.Equal(t, token, reqs[0].Header.Get("X-Auth-Token"), "the token does go on the wire")
	all := strings.Join(out, "\n")
	assert.NotContains(t, all, token)
	assert.NotContains(t, all, userID)
	assert.Contains(t, logs.String(), `"path":"/api/messages/qZkS5QLZSBLKzYAwm"`)
	assert.Contains(t, logs.String(), `"status":401`)
}
