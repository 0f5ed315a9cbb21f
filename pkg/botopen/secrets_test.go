package botopen

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

func TestSecretsNeverShow(t *testing.T) {
	// A server that echoes credentials in an error body, the worst case.
	f := &fake{users: makeUsers(30), transcripts: makeTranscripts(3)}
	f.fail = func(n int) (int, string) {
		if n == 3 {
			return 400, `{"statusCode":400,"message":"bad request with appSecret ` + testAppSecret + ` and token ` + f.token(1) + `"}`
		}
		return 0, ""
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, srv := newTestClient(t, f, WithLogger(logger))
	ctx := context.Background()

	var out []string
	show := func(vs ...any) {
		for _, v := range vs {
			out = append(out, fmt.Sprintf("%v|%+v|%#v|%s|%d|%x|%q", v, v, v, v, v, v, v))
		}
	}

	tok, err := c.Auth.Login(ctx) // login 1
	require.NoError(t, err)
	show(tok, *tok)
	pg, err := c.Users.ListPage(ctx, validUsersParams()) // call 1
	require.NoError(t, err)
	show(pg)
	f.revoke()
	tp, err := c.Transcripts.ListPage(ctx, ListTranscriptsParams{BotUserID: "x", ChannelID: ChannelIDSMS}) // call 2: 401, login 2, call 3: replay gets the echo
	require.Error(t, err)
	show(tp, err)
	out = append(out, err.Error())
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "[redacted]")

	f.reject = true
	_, err = c.Usage.Get(ctx, GetUsageParams{}) // 401, login 3, 401
	require.Error(t, err)
	show(err)

	_, err = New(testAppID, "")
	show(err)
	show(c, *c, c.Auth, c.Users, c.Transcripts, c.Usage, *c.Auth, *c.Users)

	out = append(out, logs.String())
	require.Contains(t, logs.String(), `"path":"/login"`, "the logger was used")

	// The secrets did go on the wire.
	reqs, bodies := srv.Requests()
	assert.Contains(t, string(bodies[0]), testAppSecret)
	assert.Equal(t, f.token(1), reqs[1].Header.Get("Authorization"))

	all := strings.Join(out, "\n")
	for _, secret := range []string{testAppSecret, f.token(1), f.token(2), f.token(3)} {
		assert.NotContains(t, all, secret)
	}
	assert.NotContains(t, all, "jwt-token-", "no token prefix at all")
}
