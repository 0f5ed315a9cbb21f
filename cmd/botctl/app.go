package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
// mock when --mock asked for one, the command tables (nil for the embedded
// ones; tests replace them), the count of HTTP requests sent, for the
// progress line, the stored profiles once read, the credentials the client
// was built with, and the request --dry-run caught instead of sending it,
// and the lists read to find ids by name.
type app struct {
	env      *env
	g        globals
	mock     *mock.Server
	state    *mock.StateFile // --state's file, while the embedded mock runs
	tables   []*optable.API
	requests atomic.Int64
	stored   *profiles
	creds    []string
	dry      *dryRun
	lists    map[string][]listedItem // list calls made to find ids by name, by API, path and query
	mockAPIs []string                // the other APIs a command calls, served by the embedded mock too
	// invoked tells, from an operation's command words, whether the
	// command line may run it; the others are built without their flags
	// (see newOpCmd). nil: every one is built whole.
	invoked func(words []string) bool
	// mockPrepare starts the embedded mock's reading of api's spec, and
	// of the part of it that checks requests to paths, in the background;
	// nil is mock.Prepare (tests record the calls instead).
	mockPrepare func(api string, paths ...string)
	// preparePath is set when the command line runs a command against the
	// embedded mock that sends its request: newAPICmd then has the mock
	// prepare that command's path (prepareRun).
	preparePath bool
}

// newApp returns the app of e; its tables are the embedded ones, every
// API's whole (runApp decodes fewer, for its command line).
func newApp(e *env) *app { return &app{env: e} }

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
// rawClient to reach the rest), its first page's items and the total the
// page announces, and pageTotal, which reads that total from a page's body
// (0 when it tells none).
type client struct {
	rawClient
	firstPage func(ctx context.Context, method string, r *request) ([]json.RawMessage, int, error)
	pageTotal func(body []byte) int
}

// lister is a client with its Page type, P.
type lister[P any] interface {
	rawClient
	Page(ctx context.Context, method, path string, query url.Values, body any) (P, error)
}

// clientOf adapts cl, which New returned with err; results reads a page's
// items and the total number of items it says the list has (0: unknown),
// as each API's Page reads it (DailyBot's count, Bot Open's total).
func clientOf[P any](cl lister[P], err error, results func(P) ([]json.RawMessage, int)) (*client, error) {
	if err != nil {
		return nil, err
	}
	return &client{rawClient: cl, firstPage: func(ctx context.Context, method string, r *request) ([]json.RawMessage, int, error) {
		p, err := cl.Page(ctx, method, r.path, r.query, r.payload)
		if err != nil {
			return nil, 0, err
		}
		items, total := results(p)
		return items, total, nil
	}, pageTotal: func(body []byte) int {
		var p P
		if json.Unmarshal(body, &p) != nil {
			return 0
		}
		_, total := results(p)
		return total
	}}, nil
}

// pageTotalOf reads a page's total; a nil page (a JSON null) tells none.
func pageTotalOf[P any](p *P, total func(*P) int) int {
	if p == nil {
		return 0
	}
	return total(p)
}

// listed yields items, or err alone.
func listed(items []json.RawMessage, err error) iter.Seq2[json.RawMessage, error] {
	return botsdk.Items(func() ([]json.RawMessage, error) { return items, err })
}

// client returns api's client, built from the global flags. Credentials are
// checked first, so a missing one fails before the embedded mock starts.
func (a *app) client(ctx context.Context, api string, keyless bool) (*client, error) {
	creds, err := a.credentials(api, keyless)
	if err != nil {
		return nil, err
	}
	a.creds = creds
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
		return clientOf(cl, err, func(p *assistbot.Page[json.RawMessage]) ([]json.RawMessage, int) {
			return p.Results, pageTotalOf(p, func(p *assistbot.Page[json.RawMessage]) int { return p.Count })
		})
	case "dailybot":
		// --page-size is the query's limit. Every list item is printed (or
		// read, for a name's id) before the loop moves to the next item, so
		// a page's buffer can serve a later page: most of an export's
		// allocations.
		opts := []dailybot.Option{dailybot.WithSettings(set...), dailybot.WithTransientItems()}
		// Pages fetched ahead could pass --limit: under one, pages come one by one.
		if a.g.all && a.g.limit == 0 {
			// Twice --concurrency pages and one more are fetched at once,
			// and the transport lets --concurrency requests through until
			// their answers' headers arrive (settings): a page is read,
			// decoded and printed while the next is on the wire, even at
			// --concurrency 1, and pages arriving together are decoded
			// while the next requests leave.
			opts = append(opts, dailybot.WithPrefetch(2*max(1, a.g.concurrency)+1))
		}
		cl, err := dailybot.New(creds[0], opts...)
		return clientOf(cl, err, func(p *dailybot.Page[json.RawMessage]) ([]json.RawMessage, int) {
			return p.Results, pageTotalOf(p, func(p *dailybot.Page[json.RawMessage]) int { return p.Count })
		})
	case "botaz":
		cl, err := botaz.New(creds[0], creds[1], botaz.WithSettings(set...))
		return clientOf(cl, err, func(p *botaz.Page[json.RawMessage]) ([]json.RawMessage, int) {
			return p.Results, pageTotalOf(p, func(p *botaz.Page[json.RawMessage]) int { return p.Count })
		})
	case "botopen":
		cl, err := botopen.New(creds[0], creds[1], botopen.WithSettings(set...))
		return clientOf(cl, err, func(p *botopen.Page[json.RawMessage]) ([]json.RawMessage, int) {
			return p.Results, pageTotalOf(p, func(p *botopen.Page[json.RawMessage]) int { return p.Count })
		})
	}
	return nil, fmt.Errorf("botctl has no client for %q", api)
}

// settings are the client settings the global flags ask for, the embedded
// mock's base URL (started on first use, serving api alone: loading and
// seeding the other APIs would be most of a command's time) and an HTTP
// client with room for --concurrency requests at once, counting them.
func (a *app) settings(ctx context.Context, api string) ([]botsdk.Setting, error) {
	base, _, err := a.resolve(api, "base-url", a.g.baseURL, "")
	if err != nil {
		return nil, err
	}
	if u, err := url.Parse(base); base != "" && (err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "") {
		return nil, usagef("%s.base-url: %q is not an absolute http(s) URL", api, base)
	}
	if a.g.mock && a.mock != nil && a.mock.Mock.BasePath(api) == "" {
		return nil, fmt.Errorf("the embedded mock was started for another API than %s", api)
	}
	if a.g.mock && a.mock == nil {
		opts, err := embeddedMockOptions(a.env.getenv)
		if err == nil {
			if a.g.state == "" { // a state file replays every API's changes
				opts = append(opts, mock.WithAPIs(append([]string{api}, a.mockAPIs...)...))
			}
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
	if a.g.retries == 0 || a.g.dryRun {
		retry = botsdk.NoRetry()
	}
	conns := a.g.concurrency
	if a.g.all {
		// The requests on the wire, and one more whose body is still read.
		conns = max(1, a.g.concurrency) + 1
	}
	ht := botsdk.NewHTTPTransport(conns) // not nil: botctl keeps net/http's default transport
	var tr http.RoundTripper = ht
	if a.g.all {
		// A body is read whole before its page is decoded, so a request
		// waits for a connection only while another page's body is read.
		ht.MaxConnsPerHost = conns
		tr = limitInFlight(tr, max(1, a.g.concurrency))
	}
	if a.g.dryRun {
		a.dry = &dryRun{api: api}
		tr = a.dry
	}
	count := roundTripper(func(r *http.Request) (*http.Response, error) {
		if stop, ok := r.Context().Value(checkOnlyKey{}).(context.CancelFunc); ok {
			stop() // the client checked the request: it is not sent
			return nil, context.Canceled
		}
		a.requests.Add(1)
		resp, err := tr.RoundTrip(r)
		if w, ok := r.Context().Value(totalWatchKey{}).(*totalWatch); ok && err == nil {
			w.watch(r, resp)
		}
		return resp, err
	})
	opts := []botsdk.Setting{botsdk.Retry(retry), botsdk.UserAgent("botctl/" + version),
		botsdk.HTTPClient(&http.Client{Timeout: a.g.timeout, Transport: count})}
	if base != "" {
		opts = append(opts, botsdk.BaseURL(base))
	}
	if a.g.verbose && !a.g.dryRun { // a dry run's one line is the request
		opts = append(opts, botsdk.Logger(slog.New(slog.NewTextHandler(a.env.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	return opts, nil
}

// limitInFlight lets at most n requests through rt at once, each from its
// sending until its answer's status and headers arrive (or the round trip
// fails). A request is answered then: its body is read while the next one
// is already on its way, which at --concurrency 1 saves the body's transfer
// on every page (the server's writing and the client's reading of a page of
// 250, about a millisecond); the transport's MaxConnsPerHost keeps the
// connections to n + 1. A request waiting for its turn ends with its
// context.
func limitInFlight(rt http.RoundTripper, n int) http.RoundTripper {
	sem := make(chan struct{}, n)
	return roundTripper(func(r *http.Request) (*http.Response, error) {
		select {
		case sem <- struct{}{}:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
		resp, err := rt.RoundTrip(r)
		<-sem
		return resp, err
	})
}

// checkOnlyKey marks a context whose requests the client checks and botctl
// does not send: its value is the context's cancel function.
type checkOnlyKey struct{}

// checkOnly runs the client's checks of a request without sending it: the
// error is the client's *botsdk.ValidationError, or nil.
func checkOnly(ctx context.Context, cl *client, method string, r *request) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_, err := cl.Do(context.WithValue(ctx, checkOnlyKey{}, cancel), method, r.path, r.query, r.payload, nil)
	if v := (*botsdk.ValidationError)(nil); errors.As(err, &v) {
		return err
	}
	return nil
}

// roundTripper is a function as an http.RoundTripper.
type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// credentials returns api's credentials in the order its New takes them:
// the mock's with --mock, else each by precedence (see resolve: the flag, an
// explicit --profile, the environment, the default profile), trimmed. One
// missing, or one the clients would refuse, is a usage error naming where it
// came from, before any client exists; the value is never printed. A
// keyless operation (its spec's `security: []`) needs none of an API that
// sends its credentials on each request: a placeholder stands in, which the
// client does not send there. So does one missing under --dry-run, which
// prints a reference to its variable in its place.
func (a *app) credentials(api string, keyless bool) ([]string, error) {
	m := mock.DefaultCredentials()
	mocks := map[string]string{"ASSISTBOT_API_KEY": m.AssistBotKey, "DAILYBOT_API_KEY": m.DailyBotKey,
		"BOTAZ_USER_ID": m.BotAzUserID, "BOTAZ_AUTH_TOKEN": m.BotAzToken,
		"BOTOPEN_APP_ID": m.BotOpenAppID, "BOTOPEN_APP_SECRET": m.BotOpenAppSecret}
	var out []string
	for _, c := range apiCredentials[api] {
		value, from, err := a.resolve(api, c.flag, *a.g.creds[c.flag], c.env)
		switch {
		case err != nil:
			return nil, err
		case a.g.mock:
			value, from = mocks[c.env], "--mock"
		case value == "" && (a.g.dryRun || keyless && api != "botopen"):
			value, from = placeholder(c.env), "--dry-run"
		case value == "":
			return nil, usagef("missing credential: set %s (or pass --%s, or store it in a profile: botctl config set %s.%s -)", c.env, c.flag, api, c.flag)
		}
		if err := botsdk.CheckCredential(api, c.name, c.env, value); err != nil {
			return nil, usagef("%s: %w", from, err)
		}
		out = append(out, value)
	}
	return out, nil
}

// placeholder is what stands in for a credential botctl does not have: a
// value no API issues, which --dry-run replaces by $envVar.
func placeholder(envVar string) string { return "botctl-placeholder-" + strings.ToLower(envVar) }

// totalWatchKey is the context key of a list's totalWatch.
type totalWatchKey struct{}

// totalWatch reads the total a list's API announces from the body of the
// first successful answer to the list's own path (Bot Open's login, sent
// with the same context, is not one) as the client reads it, so that a list
// followed page by page by the client's own iterator can show "X of N"
// without a request of its own. Only that one body is read twice.
type totalWatch struct {
	path  string // the list's path, escaped as sent
	read  func([]byte) int
	total *listTotal
	armed atomic.Bool // no answer has been read yet
}

// watchTotal returns ctx carrying a watch that sets total from the first
// answer to path, read by cl.pageTotal.
func watchTotal(ctx context.Context, cl *client, path string, total *listTotal) context.Context {
	if u, err := url.Parse(path); err == nil {
		path = u.EscapedPath()
	}
	w := &totalWatch{path: path, read: cl.pageTotal, total: total}
	w.armed.Store(true)
	return context.WithValue(ctx, totalWatchKey{}, w)
}

// maxWatched caps the body a totalWatch keeps: a page larger than this
// tells no total.
const maxWatched = 32 << 20

// watch tees resp's body, when it is the first successful answer to the
// list's path, and reads the total once the client has read it all.
func (w *totalWatch) watch(r *http.Request, resp *http.Response) {
	if resp.StatusCode/100 != 2 || !strings.HasSuffix(r.URL.EscapedPath(), w.path) || !w.armed.CompareAndSwap(true, false) {
		return
	}
	resp.Body = &teeBody{ReadCloser: resp.Body, done: func(b []byte) {
		if n := w.read(b); n > 0 {
			w.total.n.Store(int64(n))
		}
	}}
}

// teeBody keeps what is read of a body and hands it to done at its end, or
// when it is closed first (a decoder may stop at the end of the JSON value).
type teeBody struct {
	io.ReadCloser
	buf  bytes.Buffer
	done func([]byte)
	over bool // the body passed maxWatched or failed
}

func (t *teeBody) Read(p []byte) (int, error) {
	n, err := t.ReadCloser.Read(p)
	if !t.over {
		t.buf.Write(p[:n])
		t.over = t.buf.Len() > maxWatched
	}
	if err == io.EOF && !t.over {
		t.over = true // done once
		t.done(t.buf.Bytes())
		t.buf = bytes.Buffer{}
	} else if err != nil {
		t.over = true
	}
	return n, err
}

func (t *teeBody) Close() error {
	if !t.over {
		t.over = true
		t.done(t.buf.Bytes())
	}
	return t.ReadCloser.Close()
}
