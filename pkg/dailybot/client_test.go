package dailybot_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		key  string
		opts []dailybot.Option
		want string
	}{
		{name: "empty key", key: "", want: "DAILYBOT_API_KEY"},
		{name: "blank key", key: " \t", want: "the API key is empty"},
		{name: "key with newline", key: testKey + "\n", want: "control characters"},
		{name: "bad base URL", key: testKey, opts: []dailybot.Option{dailybot.WithBaseURL("api.dailybot.com")}, want: "WithBaseURL"},
		{name: "page size 0", key: testKey, opts: []dailybot.Option{dailybot.WithPageSize(0)}, want: "WithPageSize"},
		{name: "prefetch -1", key: testKey, opts: []dailybot.Option{dailybot.WithPrefetch(-1)}, want: "WithPrefetch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := dailybot.New(tt.key, tt.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), testKey)
		})
	}
}

func TestNewDefaults(t *testing.T) {
	c, err := dailybot.New(testKey)
	require.NoError(t, err)
	assert.NotNil(t, c.Me)
	assert.NotNil(t, c.Webhooks)
	assert.Equal(t, "https://api.dailybot.com/v1", dailybot.DefaultBaseURL)
}

func TestCallerHTTPClientIsNotModified(t *testing.T) {
	var n atomic.Int32
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		n.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})
	hc := &http.Client{Transport: rt}
	c, _, _ := newClient(t, reply(200, teamJSON), dailybot.WithHTTPClient(hc))
	_, err := c.Teams.Get(context.Background(), "t-1")
	require.NoError(t, err)
	assert.Equal(t, int32(1), n.Load(), "requests go through the caller's RoundTripper")
	assert.NotNil(t, hc.Transport)
	_, isOwn := hc.Transport.(roundTripFunc)
	assert.True(t, isOwn, "the caller's client keeps its own transport")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestSecretsNeverLeak formats the client, the params and the webhook
// handler, produces errors and logs, and greps everything for the API key,
// the webhook bearer and an exchange token.
func TestSecretsNeverLeak(t *testing.T) {
	const exchangeToken = "xtk-TEST-77aa88bb-SECRET"
	secrets := []string{testKey, testBearer, exchangeToken}
	var out bytes.Buffer // everything that must stay clean
	logger := slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))

	var calls atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/me/", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			write(w, 429, `{"detail":"Request was throttled."}`)
			return
		}
		write(w, 401, `{"detail":"Invalid API key."}`)
	})
	mux.Handle("POST /v1/webhook-subscription/", reply(400, `{"detail":"Bad hook.","errors":{"hook_url":["Unreachable."]}}`))
	mux.Handle("POST /v1/send-message/", reply(403, `{"detail":"Exchange tokens are disabled.","code":"insufficient_role"}`))
	mux.HandleFunc("GET /v1/users/", func(w http.ResponseWriter, r *http.Request) {
		write(w, 200, `{"count":2,"next":"http://elsewhere.example/v1/%zz/users/?offset=1","previous":null,"results":[]}`)
	})
	c, srv, _ := newClient(t, mux, dailybot.WithLogger(logger))
	ctx := context.Background()

	_, err := c.Me.Get(ctx, dailybot.GetMeParams{})
	require.Error(t, err)
	fmt.Fprintf(&out, "%v %+v %#v\n", err, err, err)
	subscribe := dailybot.SubscribeWebhookParams{HookURL: "https://hooks.example.com/db", Bearer: botsdk.NewSecret(testBearer)}
	_, err = c.Webhooks.Subscribe(ctx, subscribe)
	require.Error(t, err)
	fmt.Fprintf(&out, "%v %+v\n", err, err)
	send := dailybot.SendMessageParams{Message: "hi", TargetUsers: []string{"u-1"}, ExchangeToken: botsdk.NewSecret(exchangeToken)}
	_, err = c.Messages.Send(ctx, send)
	require.Error(t, err)
	fmt.Fprintf(&out, "%v %+v\n", err, err)
	_, err = collect(t, c.Users.List(ctx, dailybot.ListUsersParams{}))
	require.ErrorIs(t, err, dailybot.ErrNextURL)
	fmt.Fprintf(&out, "%v\n", err)
	_, err = c.Checkins.Create(ctx, dailybot.CreateCheckinParams{})
	fmt.Fprintf(&out, "%v\n", err)

	// A network error: the server is gone.
	closed, err := dailybot.New(testKey, botsdkBase("http://"+deadAddr(t)), dailybot.WithRetry(botsdk.NoRetry()), dailybot.WithLogger(logger))
	require.NoError(t, err)
	_, err = closed.Me.Get(ctx, dailybot.GetMeParams{})
	require.Error(t, err)
	fmt.Fprintf(&out, "%v %+v\n", err, err)

	h := mustWebhook(t)(dailybot.NewWebhookHandler(testBearer, func(context.Context, *dailybot.WebhookEvent) error { return nil },
		dailybot.WithWebhookLogger(logger)))
	deliver(h, "wrong", []byte(`{"event":"kudos.posted"}`))
	for _, v := range []any{c, *c, h, *h, subscribe, send, botsdk.NewSecret(testKey)} {
		fmt.Fprintf(&out, "%v %+v %#v %s\n", v, v, v, v)
	}
	logger.Info("params", "subscribe", subscribe, "send", send)

	reqs, _ := srv.Requests()
	require.GreaterOrEqual(t, len(reqs), 4)
	require.NotEmpty(t, out.String())
	for _, s := range secrets {
		assert.NotContains(t, out.String(), s)
	}
	assert.Contains(t, out.String(), "[redacted]")
}

// deadAddr returns an address nothing listens on.
func deadAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// TestButtonCallbackAuthIsRedacted: a button's callback_auth holds a
// credential (the bearer token, or the undocumented keys of the other
// kinds); a server that echoes the request must not put it in the error.
func TestButtonCallbackAuthIsRedacted(t *testing.T) {
	const token, password = "cbt-TEST-1234-SECRET", "cbp-TEST-5678-SECRET"
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		write(w, 400, `{"detail":`+strconv.Quote("bad request: "+string(b))+`}`)
	})
	c, _, _ := newClient(t, echo)
	basic := dailybot.MessageButton{Label: dailybot.Ptr("Basic"), ButtonType: dailybot.Ptr("interactive"), Value: dailybot.Ptr("b"),
		CallbackURL: dailybot.Ptr("https://hooks.example.com/b"), CallbackAuth: &gendailybot.MessageButton_CallbackAuth{Type: dailybot.Ptr("basic")}}
	basic.CallbackAuth.Set("password", password)
	_, err := c.Messages.Send(context.Background(), dailybot.SendMessageParams{
		Message: "hi", TargetUsers: []string{"u-1"},
		Buttons: []dailybot.MessageButton{{Label: dailybot.Ptr("Go"), ButtonType: dailybot.Ptr("interactive"), Value: dailybot.Ptr("go"),
			CallbackURL:  dailybot.Ptr("https://hooks.example.com/go"),
			CallbackAuth: &gendailybot.MessageButton_CallbackAuth{Type: dailybot.Ptr("bearer"), Token: dailybot.Ptr(token)}}},
		Messages: []dailybot.MessagePart{{Message: dailybot.Ptr("part"), Buttons: &[]dailybot.MessageButton{basic}}},
	})
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	text := fmt.Sprintf("%v %+v %s", err, err, apiErr.Body)
	assert.Contains(t, text, "[redacted]")
	assert.NotContains(t, text, token)
	assert.NotContains(t, text, password)
}
