package reliability

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botaz"
	"github.com/botsdk/botsdk/pkg/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/internal/echoserver"
)

// Recognisable credentials: if any of them shows up anywhere a user can
// see, the test names it.
const (
	secretAssistKey  = "SECRET-assistbot-key-0001"
	secretDailyKey   = "SECRET-dailybot-key-0002"
	secretExchange   = "SECRET-dailybot-exchange-0003"
	secretBearer     = "SECRET-dailybot-bearer-0004"
	secretBotAzUser  = "SECRET-botaz-user-0005"
	secretBotAzToken = "SECRET-botaz-token-0006"
	secretAppSecret  = "SECRET-botopen-app-secret-0007"
	secretToken      = echoserver.LoginToken
	secretAppID      = "SECRET-botopen-app-id-0009"
)

var secretAll = []string{
	secretAssistKey, secretDailyKey, secretExchange, secretBearer,
	secretBotAzUser, secretBotAzToken, secretAppSecret, secretToken, secretAppID,
}

// secretCall is one client call made with the recognisable credentials.
type secretCall struct {
	name string
	run  func(ctx context.Context, base string, opts []botsdk.Setting) error
}

var secretCalls = []secretCall{
	{"assistbot company info", func(ctx context.Context, base string, opts []botsdk.Setting) error {
		c, err := assistbot.New(secretAssistKey, assistbot.WithSettings(append(opts, botsdk.BaseURL(base))...))
		if err != nil {
			return err
		}
		_, err = c.Company.Info(ctx)
		return err
	}},
	{"dailybot me", func(ctx context.Context, base string, opts []botsdk.Setting) error {
		c, err := dailybot.New(secretDailyKey, dailybot.WithSettings(append(opts, botsdk.BaseURL(base))...))
		if err != nil {
			return err
		}
		_, err = c.Me.Get(ctx, dailybot.GetMeParams{})
		return err
	}},
	{"dailybot send-message with an exchange token", func(ctx context.Context, base string, opts []botsdk.Setting) error {
		c, err := dailybot.New(secretDailyKey, dailybot.WithSettings(append(opts, botsdk.BaseURL(base))...))
		if err != nil {
			return err
		}
		_, err = c.Messages.Send(ctx, dailybot.SendMessageParams{Message: "hi", TargetUsers: []string{"u1"}, ExchangeToken: botsdk.NewSecret(secretExchange)})
		return err
	}},
	{"dailybot webhook subscribe with a bearer", func(ctx context.Context, base string, opts []botsdk.Setting) error {
		c, err := dailybot.New(secretDailyKey, dailybot.WithSettings(append(opts, botsdk.BaseURL(base))...))
		if err != nil {
			return err
		}
		_, err = c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{HookURL: "http://127.0.0.1:9/hook", Bearer: botsdk.NewSecret(secretBearer)})
		return err
	}},
	{"botaz messages get", func(ctx context.Context, base string, opts []botsdk.Setting) error {
		c, err := botaz.New(secretBotAzUser, secretBotAzToken, botaz.WithSettings(append(opts, botsdk.BaseURL(base))...))
		if err != nil {
			return err
		}
		_, err = c.Messages.Get(ctx, "m1")
		return err
	}},
	{"botaz messages send", func(ctx context.Context, base string, opts []botsdk.Setting) error {
		c, err := botaz.New(secretBotAzUser, secretBotAzToken, botaz.WithSettings(append(opts, botsdk.BaseURL(base))...))
		if err != nil {
			return err
		}
		_, err = c.Messages.Send(ctx, botaz.SendMessageParams{UserID: "agent", VisitorID: "v1", Text: "hi"})
		return err
	}},
	{"botopen usage", func(ctx context.Context, base string, opts []botsdk.Setting) error {
		c, err := botopen.New(secretAppID, secretAppSecret, botopen.WithSettings(append(opts, botsdk.BaseURL(base))...))
		if err != nil {
			return err
		}
		_, err = c.Usage.Get(ctx, botopen.GetUsageParams{})
		return err
	}},
}

// secretVisible is everything of err a user can see: its text in every fmt
// verb, and the fields of the typed errors it wraps.
func secretVisible(err error) string {
	if err == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%v\n%+v\n%#v\n%q\n", err.Error(), err, err, err, err)
	var apiErr *botsdk.APIError
	if errors.As(err, &apiErr) {
		fmt.Fprintf(&b, "%s\n%s\n%s\n%#v\n%+v\n", apiErr.Message, apiErr.Code, apiErr.Body, *apiErr, *apiErr)
	}
	for field, msgs := range dailybot.FieldErrors(err) {
		fmt.Fprintf(&b, "%s: %s\n", field, strings.Join(msgs, " "))
	}
	b.WriteString(dailybot.UpgradeURL(err))
	return b.String()
}

// lockedBuffer is a log sink safe for the clients' concurrent writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// TestSecretsNeverShow calls every client with recognisable credentials on
// every path a user sees something (an API error whose body and headers echo
// the request, a retry that logs, a network error, a success, a refused
// login) and asserts that no credential appears in the error, its typed
// fields, or the debug log.
func TestSecretsNeverShow(t *testing.T) {
	paths := []struct {
		name string
		echo echoserver.Handler
		// botopenOnly marks a login path: only Bot Open logs in.
		botopenOnly bool
	}{
		{name: "API error echoing the request", echo: echoserver.Handler{Status: http.StatusBadRequest, LoginStatus: http.StatusOK}},
		{name: "retried 503 echoing the request", echo: echoserver.Handler{Status: http.StatusServiceUnavailable, LoginStatus: http.StatusOK}},
		{name: "401 echoing the request", echo: echoserver.Handler{Status: http.StatusUnauthorized, LoginStatus: http.StatusOK}},
		{name: "network error", echo: echoserver.Handler{Status: 0, LoginStatus: http.StatusOK}},
		{name: "success", echo: echoserver.Handler{Status: http.StatusOK, LoginStatus: http.StatusOK}},
		{name: "refused login echoing the request", echo: echoserver.Handler{Status: http.StatusOK, LoginStatus: http.StatusBadRequest}, botopenOnly: true},
	}
	checked := 0
	for _, path := range paths {
		for _, call := range secretCalls {
			if path.botopenOnly && !strings.HasPrefix(call.name, "botopen") {
				continue
			}
			t.Run(path.name+"/"+call.name, func(t *testing.T) {
				srv := httptest.NewServer(path.echo)
				defer srv.Close()
				logs := &lockedBuffer{}
				policy := botsdk.RetryPolicy{MaxRetries: 2, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }}
				opts := []botsdk.Setting{
					botsdk.Retry(policy),
					botsdk.Logger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
				}
				err := call.run(context.Background(), srv.URL, opts)
				if path.echo.Status != http.StatusOK || path.echo.LoginStatus != http.StatusOK {
					require.Error(t, err, "the call must fail on this path")
				} else {
					require.NoError(t, err)
				}
				seen := secretVisible(err) + "\n" + logs.String()
				for _, s := range secretAll {
					assert.NotContains(t, seen, s)
					assert.NotContains(t, seen, url.QueryEscape(s))
				}
				if path.echo.Status >= 400 || path.echo.LoginStatus >= 400 {
					assert.Contains(t, seen, "[redacted]", "the echo reached the error, redacted")
				}
				checked++
			})
		}
	}
	t.Logf("secrets: %d paths, %d calls, %d cases checked for %d credentials each", len(paths), len(secretCalls), checked, len(secretAll))
}
