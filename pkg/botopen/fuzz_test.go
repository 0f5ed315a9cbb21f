package botopen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/botsdk/botsdk/pkg/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/fuzzcheck"
)

// The fuzzed client's credentials. The placeholders, anywhere in a fuzzed
// body, are replaced by them: a server that echoes what it was sent.
const (
	fuzzAppID         = "fuzz-app-6123456789abcdef"
	fuzzAppSecret     = "fuzz-secret-7d9f2e4a1b6c"
	fuzzToken         = "fuzz-token-0e8b3f5a9c2d"
	secretPlaceholder = "$SECRET"
	tokenPlaceholder  = "$TOKEN"
)

// fuzzTransport is the Bot Open API as a RoundTripper: the first /login gets
// a fixed token, every later request (/login, /users, /transcripts,
// /botUsage) the fuzzed status and body.
type fuzzTransport struct {
	status int
	body   []byte

	mu       sync.Mutex
	requests int
	loggedIn bool
}

func (t *fuzzTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	t.mu.Lock()
	t.requests++
	first := req.URL.Path == "/login" && !t.loggedIn
	t.loggedIn = t.loggedIn || first
	t.mu.Unlock()
	status, body := t.status, t.body
	if first {
		status, body = http.StatusOK, []byte(`{"authToken":"`+fuzzToken+`","expiresAt":"2099-01-01T00:00:00Z"}`)
	}
	if !first {
		body = served(body)
	}
	return &http.Response{
		Status: strconv.Itoa(status) + " " + http.StatusText(status), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}, nil
}

// served is body as the server sends it: the placeholders replaced by the
// credentials.
func served(body []byte) []byte {
	body = bytes.ReplaceAll(body, []byte(secretPlaceholder), []byte(fuzzAppSecret))
	return bytes.ReplaceAll(body, []byte(tokenPlaceholder), []byte(fuzzToken))
}

func (t *fuzzTransport) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.requests
}

// Bounds of one fuzz run: items read from a list before breaking out, and
// requests per page fetched. A page costs at most a login (the first call's,
// or one after a 401), the call, and its replay after the 401, each tried
// 1+fuzzRetries times.
const (
	fuzzMaxItems      = 10
	fuzzRetries       = 1
	fuzzRequestsPerOp = 3 * (1 + fuzzRetries)
)

// fuzzStatus maps any int onto the statuses a server can send, 200..599.
func fuzzStatus(n int) int {
	if n >= 200 && n <= 599 {
		return n
	}
	return 200 + (n%400+400)%400
}

// addResponseSeeds seeds f with every response example of the Bot Open spec
// (a "default" response as 500) and with answers that echo the credentials.
func addResponseSeeds(f *testing.F) {
	for _, r := range fuzzcheck.Responses(f, "botopen", nil) {
		f.Add(r.Status, r.Body)
	}
	f.Add(401, []byte(`{"statusCode":401,"message":"Unauthorized"}`))
	f.Add(400, []byte(`{"statusCode":400,"message":["appSecret `+secretPlaceholder+` is wrong","token `+tokenPlaceholder+`"],"error":"Bad Request"}`))
	f.Add(200, []byte(`{"authToken":"`+tokenPlaceholder+`","expiresAt":1772367000000,"users":[{"botUserId":"`+secretPlaceholder+`"}],"hasNextPage":1}`))
	f.Add(200, []byte(`{"transcripts":[{"from":"User"}],"paginationDetails":{"page":1,"pages":1000000}}`))
	f.Add(503, []byte(`<html>busy</html>`))
	f.Add(200, []byte(``))
}

// FuzzResponses serves one fuzzed answer to every call of a client (after a
// good first login) and checks that decoding it never panics, never loops,
// and fails only with errors that pass fuzzcheck.Error: typed, showing
// neither the app secret nor the token, no control characters in the text,
// and a bounded length.
func FuzzResponses(f *testing.F) {
	addResponseSeeds(f)
	f.Fuzz(checkResponses)
}

// checkResponses runs Usage.Get, Users.List, Transcripts.ListPage and List,
// and Auth.Login against a server that answers status and body.
func checkResponses(t *testing.T, status int, body []byte) {
	tr := &fuzzTransport{status: fuzzStatus(status), body: body}
	noWait := botsdk.RetryPolicy{MaxRetries: fuzzRetries, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }}
	c, err := botopen.New(fuzzAppID, fuzzAppSecret, botopen.WithTransport(tr), botopen.WithRetry(noWait))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	start := time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)

	// op runs one call and checks its request count and error; pages is
	// how many pages it may fetch.
	op := func(name string, pages int, call func() error) {
		before := tr.count()
		err := call()
		if n := tr.count() - before; n > pages*fuzzRequestsPerOp {
			t.Errorf("%s: %d requests for at most %d pages", name, n, pages)
		}
		fuzzcheck.Error(t, name, err, fuzzcheck.Options{Secrets: []string{fuzzAppSecret, fuzzToken}})
	}
	op("Usage.Get", 1, func() error {
		_, err := c.Usage.Get(ctx, botopen.GetUsageParams{Month: start, Channel: botopen.ChannelIDWhatsapp})
		return err
	})
	op("Users.List", fuzzMaxItems+1, func() error {
		return drain(c.Users.List(ctx, botopen.ListUsersParams{
			ChannelIDs: []botopen.ChannelID{botopen.ChannelIDWhatsapp}, StartDate: start, EndDate: start.AddDate(0, 0, 5), Limit: 25,
		}))
	})
	tp := botopen.ListTranscriptsParams{BotUserID: "+919876543210", ChannelID: botopen.ChannelIDWhatsapp}
	op("Transcripts.ListPage", 1, func() error {
		p, err := c.Transcripts.ListPage(ctx, tp)
		if err == nil {
			checkEncodes(t, "Transcripts.ListPage", served(body), p)
		}
		return err
	})
	op("Transcripts.List", fuzzMaxItems+1, func() error { return drain(c.Transcripts.List(ctx, tp)) })
	op("Items", fuzzMaxItems+1, func() error {
		return drain(c.Items(ctx, http.MethodPost, "/transcripts", nil, json.RawMessage(`{"botUserId":"+919876543210","channelId":1014}`)))
	})
	op("Auth.Login", 1, func() error {
		tok, err := c.Auth.Login(ctx)
		if err == nil && tok.Value.Reveal() == "" {
			t.Error("Auth.Login: no error and no token")
		}
		if err == nil {
			out := checkEncodes(t, "Auth.Login", served(body), tok)
			var answer struct{ AuthToken string }
			if json.Unmarshal(out, &answer) != nil || answer.AuthToken != "[redacted]" {
				t.Errorf("Auth.Login: the token encodes as %q", out)
			}
		}
		return err
	})
}

// checkEncodes checks that v, read from the answer body, encodes, and that
// when body is a JSON object the encoding has the same keys: none lost,
// none added. It returns the encoding.
func checkEncodes(t *testing.T, name string, body []byte, v any) []byte {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: the result of %q does not encode: %v", name, body, err)
	}
	var in, back map[string]json.RawMessage
	if json.Unmarshal(body, &in) != nil {
		return out // not an object: a bare list, or an answer read as empty
	}
	if err := json.Unmarshal(out, &back); err != nil || !slices.Equal(slices.Sorted(maps.Keys(in)), slices.Sorted(maps.Keys(back))) {
		t.Errorf("%s: %q encodes back as %q (%v)", name, body, out, err)
	}
	return out
}

// drain reads at most fuzzMaxItems items of seq and returns its error. An
// error must be the sequence's last value.
func drain[T any](seq func(yield func(T, error) bool)) error {
	var last error
	n := 0
	for _, err := range seq {
		if last != nil {
			return errors.New("the sequence went on after an error")
		}
		last = err
		if n++; n >= fuzzMaxItems && err == nil {
			break
		}
	}
	return last
}
