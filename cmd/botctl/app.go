package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botaz"
	"github.com/botsdk/botsdk/pkg/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/mock"
)

// app is one botctl run: its environment, the global flags, and the
// embedded mock when --mock asked for one.
type app struct {
	env  *env
	g    globals
	mock *mock.Server
	// tables are the commands' tables (the generated commandTables) and
	// spec loads an API's spec when a command runs; tests replace both.
	tables []*optable.API
	spec   func(ctx context.Context, api string) (*openapi3.T, error)
	// requests counts the HTTP requests sent, for the progress line.
	requests atomic.Int64
}

func newApp(e *env) *app {
	return &app{env: e, tables: commandTables, spec: loadEmbeddedSpec}
}

// rawClient returns api's client, built from the global flags.
func (a *app) rawClient(ctx context.Context, api string) (rawClient, error) {
	switch api {
	case "assistbot":
		var extra []assistbot.Option
		if a.g.form {
			extra = append(extra, assistbot.WithFormEncoding())
		}
		return a.assistbot(ctx, extra...)
	case "dailybot":
		return a.dailybot(ctx)
	case "botaz":
		return a.botaz(ctx)
	case "botopen":
		return a.botopen(ctx)
	}
	return nil, fmt.Errorf("botctl has no client for %q", api)
}

// close stops the embedded mock, if one was started.
func (a *app) close() {
	if a.mock != nil {
		_ = a.mock.Close()
	}
}

// baseURL returns the URL to give api's client: the embedded mock's (started
// on first use), --base-url, or "" for the client's default.
func (a *app) baseURL(ctx context.Context, api string) (string, error) {
	if !a.g.mock {
		return a.g.baseURL, nil
	}
	if a.mock == nil {
		opts, err := embeddedMockOptions(a.env.getenv)
		if err != nil {
			return "", err
		}
		srv, err := mock.Start(ctx, "127.0.0.1:0", opts...)
		if err != nil {
			return "", fmt.Errorf("start the embedded mock: %w", err)
		}
		a.mock = srv
	}
	return a.mock.BaseURL(api), nil
}

// settings are the shared client settings the global flags ask for; each
// API's client takes them through its WithSettings option.
func (a *app) settings(ctx context.Context, api string) ([]botsdk.Setting, error) {
	base, err := a.baseURL(ctx, api)
	if err != nil {
		return nil, err
	}
	retry := botsdk.RetryPolicy{MaxRetries: a.g.retries}
	if a.g.retries == 0 {
		retry = botsdk.NoRetry()
	}
	opts := []botsdk.Setting{
		botsdk.Retry(retry),
		botsdk.HTTPClient(&http.Client{Timeout: a.g.timeout, Transport: countingTransport{next: a.transport(), n: &a.requests}}),
		botsdk.UserAgent("botctl/" + version),
	}
	if base != "" {
		opts = append(opts, botsdk.BaseURL(base))
	}
	if a.g.verbose {
		// The clients log method, path, status, attempt and duration; never a credential.
		opts = append(opts, botsdk.Logger(slog.New(slog.NewTextHandler(a.env.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	return opts, nil
}

// transport is the HTTP transport of every client: the SDK's default, which
// keeps connections open for reuse, with room for --concurrency requests at
// once.
func (a *app) transport() http.RoundTripper {
	if tr := botsdk.NewHTTPTransport(a.g.concurrency); tr != nil {
		return tr
	}
	return http.DefaultTransport
}

// mockCreds are the embedded mock's credentials, used when --mock is set and
// no credential was given.
func (a *app) mockCreds() mock.Credentials { return mock.DefaultCredentials() }

// assistbot returns the AssistBot client; extra options (such as
// assistbot.WithFormEncoding) follow the global ones.
func (a *app) assistbot(ctx context.Context, extra ...assistbot.Option) (*assistbot.Client, error) {
	key := a.mockCreds().AssistBotKey
	if !a.g.mock {
		var err error
		if key, err = a.credential(a.g.apiKey, assistBotKeyCred); err != nil {
			return nil, err
		}
	}
	set, err := a.settings(ctx, "assistbot")
	if err != nil {
		return nil, err
	}
	return assistbot.New(key, append([]assistbot.Option{assistbot.WithSettings(set...)}, extra...)...)
}

func (a *app) dailybot(ctx context.Context) (*dailybot.Client, error) {
	key := a.mockCreds().DailyBotKey
	if !a.g.mock {
		var err error
		if key, err = a.credential(a.g.apiKey, dailyBotKeyCred); err != nil {
			return nil, err
		}
	}
	set, err := a.settings(ctx, "dailybot")
	if err != nil {
		return nil, err
	}
	opts := []dailybot.Option{dailybot.WithSettings(set...)}
	if a.g.pageSize > 0 {
		opts = append(opts, dailybot.WithPageSize(a.g.pageSize))
	}
	if a.g.concurrency > 1 {
		opts = append(opts, dailybot.WithPrefetch(a.g.concurrency))
	}
	return dailybot.New(key, opts...)
}

func (a *app) botaz(ctx context.Context) (*botaz.Client, error) {
	creds := a.mockCreds()
	user, token := creds.BotAzUserID, creds.BotAzToken
	if !a.g.mock {
		var err error
		if user, err = a.credential(a.g.userID, botAzUserIDCred); err != nil {
			return nil, err
		}
		if token, err = a.credential(a.g.authToken, botAzAuthTokenCred); err != nil {
			return nil, err
		}
	}
	set, err := a.settings(ctx, "botaz")
	if err != nil {
		return nil, err
	}
	return botaz.New(user, token, botaz.WithSettings(set...))
}

func (a *app) botopen(ctx context.Context) (*botopen.Client, error) {
	creds := a.mockCreds()
	id, secret := creds.BotOpenAppID, creds.BotOpenAppSecret
	if !a.g.mock {
		var err error
		if id, err = a.credential(a.g.appID, botOpenAppIDCred); err != nil {
			return nil, err
		}
		if secret, err = a.credential(a.g.appSecret, botOpenAppSecretCred); err != nil {
			return nil, err
		}
	}
	set, err := a.settings(ctx, "botopen")
	if err != nil {
		return nil, err
	}
	return botopen.New(id, secret, botopen.WithSettings(set...))
}

// progressInterval is how often the progress line is redrawn.
const progressInterval = 200 * time.Millisecond
