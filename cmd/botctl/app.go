package main

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botaz"
	"github.com/botsdk/botsdk/pkg/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/mock"
)

// app is one botctl run: its environment, the global flags, the embedded
// mock when --mock asked for one, the command tables (tests replace them)
// and the count of HTTP requests sent, for the progress line.
type app struct {
	env      *env
	g        globals
	mock     *mock.Server
	state    *mock.StateFile // --state's file, while the embedded mock runs
	tables   []*optable.API
	requests atomic.Int64
}

func newApp(e *env) *app { return &app{env: e, tables: commandTables} }

// close stops the embedded mock, if one was started.
func (a *app) close() {
	a.saveMockState()
	if a.mock != nil {
		_ = a.mock.Close()
	}
}

// rawClient is what every client of pkg/ offers a command: the raw request
// path, redaction, and its own paging over raw items.
type rawClient interface {
	Do(ctx context.Context, method, path string, query url.Values, body, out any) (*botsdk.Response, error)
	Redact(ctx context.Context, b []byte) []byte
	Items(ctx context.Context, method, path string, query url.Values, body any) iter.Seq2[json.RawMessage, error]
}

// client is an API's client as a command uses it (the hooks type-assert
// rawClient to reach the rest) and its first page's items.
type client struct {
	rawClient
	firstPage func(ctx context.Context, method string, r *request) ([]json.RawMessage, error)
}

// lister is a client with its Page type, P.
type lister[P any] interface {
	rawClient
	Page(ctx context.Context, method, path string, query url.Values, body any) (P, error)
}

// clientOf adapts cl, which New returned with err; results reads a page's
// items.
func clientOf[P any](cl lister[P], err error, results func(P) []json.RawMessage) (*client, error) {
	if err != nil {
		return nil, err
	}
	return &client{rawClient: cl, firstPage: func(ctx context.Context, method string, r *request) ([]json.RawMessage, error) {
		p, err := cl.Page(ctx, method, r.path, r.query, r.payload)
		if err != nil {
			return nil, err
		}
		return results(p), nil
	}}, nil
}

// listed yields items, or err alone.
func listed(items []json.RawMessage, err error) iter.Seq2[json.RawMessage, error] {
	return botsdk.Items(func() ([]json.RawMessage, error) { return items, err })
}

// client returns api's client, built from the global flags. Credentials are
// checked first, so a missing one fails before the embedded mock starts.
func (a *app) client(ctx context.Context, api string) (*client, error) {
	creds, err := a.credentials(api)
	if err != nil {
		return nil, err
	}
	set, err := a.settings(ctx, api)
	if err != nil {
		return nil, err
	}
	switch api {
	case "assistbot":
		opts := []assistbot.Option{assistbot.WithSettings(set...)}
		if a.g.form {
			opts = append(opts, assistbot.WithFormEncoding())
		}
		cl, err := assistbot.New(creds[0], opts...)
		return clientOf(cl, err, func(p *assistbot.Page[json.RawMessage]) []json.RawMessage { return p.Results })
	case "dailybot":
		opts := []dailybot.Option{dailybot.WithSettings(set...)} // --page-size is the query's limit
		if a.g.concurrency > 1 {
			opts = append(opts, dailybot.WithPrefetch(a.g.concurrency))
		}
		cl, err := dailybot.New(creds[0], opts...)
		return clientOf(cl, err, func(p *dailybot.Page[json.RawMessage]) []json.RawMessage { return p.Results })
	case "botaz":
		cl, err := botaz.New(creds[0], creds[1], botaz.WithSettings(set...))
		return clientOf(cl, err, func(p *botaz.Page[json.RawMessage]) []json.RawMessage { return p.Results })
	case "botopen":
		cl, err := botopen.New(creds[0], creds[1], botopen.WithSettings(set...))
		return clientOf(cl, err, func(p *botopen.Page[json.RawMessage]) []json.RawMessage { return p.Results })
	}
	return nil, fmt.Errorf("botctl has no client for %q", api)
}

// settings are the client settings the global flags ask for, the embedded
// mock's base URL (started on first use) and an HTTP client with room for
// --concurrency requests at once, counting them.
func (a *app) settings(ctx context.Context, api string) ([]botsdk.Setting, error) {
	base := a.g.baseURL
	if a.g.mock && a.mock == nil {
		opts, err := embeddedMockOptions(a.env.getenv)
		if err == nil {
			a.mock, a.state, err = startMock(ctx, "127.0.0.1:0", a.g.state, opts, a.env.stderr)
		}
		if err != nil {
			return nil, fmt.Errorf("start the embedded mock: %w", err)
		}
	}
	if a.g.mock {
		base = a.mock.BaseURL(api)
	}
	retry := botsdk.RetryPolicy{MaxRetries: a.g.retries}
	if a.g.retries == 0 {
		retry = botsdk.NoRetry()
	}
	tr := botsdk.NewHTTPTransport(a.g.concurrency) // not nil: botctl keeps net/http's default transport
	count := roundTripper(func(r *http.Request) (*http.Response, error) { a.requests.Add(1); return tr.RoundTrip(r) })
	opts := []botsdk.Setting{botsdk.Retry(retry), botsdk.UserAgent("botctl/" + version),
		botsdk.HTTPClient(&http.Client{Timeout: a.g.timeout, Transport: count})}
	if base != "" {
		opts = append(opts, botsdk.BaseURL(base))
	}
	if a.g.verbose {
		opts = append(opts, botsdk.Logger(slog.New(slog.NewTextHandler(a.env.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	return opts, nil
}

// roundTripper is a function as an http.RoundTripper.
type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// credentials returns api's credentials in the order its New takes them:
// the mock's with --mock, else each from its flag or variable (trimmed). One
// missing, or one the clients would refuse, is a usage error naming where it
// came from, before any client exists; the value is never printed.
func (a *app) credentials(api string) ([]string, error) {
	m := mock.DefaultCredentials()
	creds := map[string][]struct{ name, flag, env, mock string }{ // name: in errors; mock: the mock's value
		"assistbot": {{"API key", "api-key", "ASSISTBOT_API_KEY", m.AssistBotKey}},
		"dailybot":  {{"API key", "api-key", "DAILYBOT_API_KEY", m.DailyBotKey}},
		"botaz":     {{"user id", "user-id", "BOTAZ_USER_ID", m.BotAzUserID}, {"auth token", "auth-token", "BOTAZ_AUTH_TOKEN", m.BotAzToken}},
		"botopen":   {{"app id", "app-id", "BOTOPEN_APP_ID", m.BotOpenAppID}, {"app secret", "app-secret", "BOTOPEN_APP_SECRET", m.BotOpenAppSecret}},
	}
	var out []string
	for _, c := range creds[api] {
		value, from := *a.g.creds[c.flag], "--"+c.flag
		switch {
		case a.g.mock:
			value = c.mock
		case value == "":
			if value, from = strings.TrimSpace(a.env.getenv(c.env)), c.env; value == "" {
				return nil, usagef("missing credential: set %s (or pass --%s)", c.env, c.flag)
			}
		}
		if err := botsdk.CheckCredential(api, c.name, c.env, value); err != nil {
			return nil, usagef("%s: %w", from, err)
		}
		out = append(out, value)
	}
	return out, nil
}
