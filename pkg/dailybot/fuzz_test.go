package dailybot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/internal/fuzzcheck"
	"github.com/botsdk/botsdk/specs"
)

// The fuzz targets below reach DailyBot's decoding only through the public
// API (a client with a fake RoundTripper, the webhook handler), so they keep
// working whatever the decoding looks like inside.

// fuzzRetries is how often the fuzzed client retries a 429 or 5xx.
const fuzzRetries = 2

// fuzzPrefetch is the concurrency of the prefetching List in FuzzPage.
const fuzzPrefetch = 2

// maxFuzzRequests bounds the requests one List may send when every request is
// answered with the same status and body. Following next: the first page and
// the page its next names, whose identical next then ends the iteration.
// Prefetching: the first page, the page that ends it and the n+1 pages the
// producer may have started ahead. Each page may be retried fuzzRetries times.
const maxFuzzRequests = (1 + 1 + fuzzPrefetch + 1) * (1 + fuzzRetries)

// errTooManyRequests is what the fake transport answers once a call has sent
// more than maxFuzzRequests requests, so that a looping iterator ends and the
// target reports it instead of hanging.
var errTooManyRequests = errors.New("fuzz: too many requests")

// cannedTransport answers every request with the same status and body and
// counts the requests.
type cannedTransport struct {
	status int
	body   []byte

	mu       sync.Mutex
	requests int
}

func (rt *cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.requests++
	n := rt.requests
	rt.mu.Unlock()
	if n > maxFuzzRequests {
		return nil, errTooManyRequests
	}
	return &http.Response{
		StatusCode: rt.status,
		Status:     http.StatusText(rt.status),
		Proto:      "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(rt.body)),
		ContentLength: int64(len(rt.body)),
		Request:       req,
	}, nil
}

// count returns the requests sent so far and starts counting afresh.
func (rt *cannedTransport) count() int {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	n := rt.requests
	rt.requests = 0
	return n
}

// checkFuzzError fails t when the fake transport had to stop a call that did
// not end, and otherwise checks err with fuzzcheck.Error, which also accepts
// what the client documents for a bad next URL: one that is refused
// (ErrNextURL), loops (ErrPagingLoop) or does not parse (*url.Error).
func checkFuzzError(t *testing.T, call string, err error) {
	t.Helper()
	if errors.Is(err, errTooManyRequests) {
		t.Errorf("%s: %v", call, err)
		return
	}
	fuzzcheck.Error(t, call, err, fuzzcheck.Options{
		Secrets:   []string{testKey},
		Sentinels: []error{dailybot.ErrPagingLoop, dailybot.ErrNextURL},
	})
}

// FuzzPage answers every request of a List (following next, and prefetching)
// and a Get with the fuzzed status and body: none may panic, a List must end
// within maxFuzzRequests requests, and every error must be one the API
// documents.
func FuzzPage(f *testing.F) {
	for _, r := range fuzzcheck.Responses(f, "dailybot", func(ex specs.Example) bool { return ex.Method == http.MethodGet }) {
		f.Add(uint16(r.Status), r.Body)
	}
	f.Add(uint16(200), []byte(`{"count":1000000,"next":"https://api.dailybot.com/v1/users/?offset=2","previous":null,"results":[{"uuid":"u-1"}]}`))
	f.Add(uint16(200), []byte(`{"count":3,"next":"/v1/users/?offset=2","results":[]}`))
	f.Add(uint16(200), []byte(`[{"uuid":"u-1"}]`))
	f.Add(uint16(200), []byte(`<html>Bad gateway</html>`))
	f.Add(uint16(204), []byte(``))
	f.Add(uint16(302), []byte(``))

	f.Fuzz(func(t *testing.T, status uint16, body []byte) {
		code := int(status)
		if code < 100 || code > 599 {
			code = 100 + code%500
		}
		rt := &cannedTransport{status: code, body: body}
		retry := botsdk.RetryPolicy{
			MaxRetries: fuzzRetries,
			BaseDelay:  time.Millisecond,
			Sleep:      func(context.Context, time.Duration) error { return nil },
		}
		opts := []dailybot.Option{dailybot.WithTransport(rt), dailybot.WithRetry(retry)}
		plain, err := dailybot.New(testKey, opts...)
		if err != nil {
			t.Fatal(err)
		}
		prefetching, err := dailybot.New(testKey, append(opts, dailybot.WithPrefetch(fuzzPrefetch))...)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()

		for name, c := range map[string]*dailybot.Client{"List": plain, "List with prefetch": prefetching} {
			items := 0
			for _, err := range c.Users.List(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 2}}) {
				if err != nil {
					checkFuzzError(t, name, err)
					break
				}
				items++
			}
			if n := rt.count(); n > maxFuzzRequests {
				t.Errorf("%s: sent more than %d requests (%d items): it does not end", name, maxFuzzRequests, items)
			}
		}

		_, err = plain.Users.Get(ctx, "u-1", dailybot.GetUserParams{})
		checkFuzzError(t, "Get", err)
		if n := rt.count(); n > 1+fuzzRetries {
			t.Errorf("Get: sent %d requests", n)
		}
	})
}

// FuzzPageBodyDecode holds the client's one-pass decode of a page's body
// (UnmarshalBodyJSON, which checks the body itself and keeps raw items as
// parts of it) to json.Unmarshal of the same body: both fail with errors of
// the same type and message, or both give the same page.
func FuzzPageBodyDecode(f *testing.F) {
	for _, r := range fuzzcheck.Responses(f, "dailybot", func(ex specs.Example) bool { return ex.Method == http.MethodGet }) {
		f.Add(r.Body)
	}
	f.Add([]byte(` {"count":1,"next":null,"results":[ {"uuid":"u-1"} , "\u00e9" ]} `))
	f.Add([]byte(`{"results":[]} {}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var want, got dailybot.Page[json.RawMessage]
		wantErr := json.Unmarshal(body, &want)
		gotErr := got.UnmarshalBodyJSON(bytes.Clone(body))
		if (wantErr != nil) != (gotErr != nil) || wantErr != nil && (reflect.TypeOf(wantErr) != reflect.TypeOf(gotErr) || wantErr.Error() != gotErr.Error()) {
			t.Fatalf("json.Unmarshal: %v (%T); UnmarshalBodyJSON: %v (%T)", wantErr, wantErr, gotErr, gotErr)
		}
		if wantErr == nil && !reflect.DeepEqual(want, got) {
			t.Fatalf("json.Unmarshal gave %+v; UnmarshalBodyJSON %+v", want, got)
		}
	})
}

// validEnvelope reports whether body is what the webhook handler documents it
// accepts: a JSON object, no larger than the limit, that decodes as a
// WebhookEvent with an event name.
func validEnvelope(body []byte) bool {
	trimmed := bytes.TrimSpace(body)
	if len(body) > dailybot.DefaultMaxWebhookBody || len(trimmed) == 0 || trimmed[0] != '{' {
		return false
	}
	var ev dailybot.WebhookEvent
	return json.Unmarshal(trimmed, &ev) == nil && ev.Event != ""
}

// FuzzWebhookHandler posts the fuzzed body with the fuzzed X-BEARER to a
// WebhookHandler: it must not panic, must answer 2xx only with the right
// bearer and a valid envelope (and then always, as the callback succeeds),
// and must never echo the bearer.
func FuzzWebhookHandler(f *testing.F) {
	doc, err := specs.Load(context.Background(), "dailybot")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"webhookEventFollowupsResponseCompleted", "webhookEventFormsResponseCreated", "webhookEventKudosPosted"} {
		ex, ok := doc.Components.Examples[name]
		if !ok {
			f.Fatalf("spec example %s is missing", name)
		}
		b, err := json.Marshal(ex.Value.Value)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, testBearer)
		f.Add(b, "")
		f.Add(b, testBearer+"x")
	}
	f.Add([]byte(`{"event":""}`), testBearer)
	f.Add([]byte(`{"event":"kudos.posted","event_timestamp":"not a time","body":null}`), testBearer)
	f.Add([]byte(`["event"]`), testBearer)
	f.Add([]byte(``), testBearer)

	f.Fuzz(func(t *testing.T, body []byte, bearer string) {
		var got []*dailybot.WebhookEvent
		h, err := dailybot.NewWebhookHandler(testBearer, func(_ context.Context, ev *dailybot.WebhookEvent) error {
			got = append(got, ev)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/hooks/dailybot", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-BEARER", bearer)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)

		ok := w.Code >= 200 && w.Code <= 299
		valid := bearer == testBearer && validEnvelope(body)
		if ok != valid {
			t.Errorf("status %d for bearer match %v, valid envelope %v", w.Code, bearer == testBearer, validEnvelope(body))
		}
		if ok && (len(got) != 1 || got[0].Event == "") {
			t.Errorf("status %d but the callback got %d events", w.Code, len(got))
		}
		if !ok && len(got) != 0 {
			t.Errorf("status %d but the callback ran", w.Code)
		}
		if strings.Contains(w.Body.String(), testBearer) {
			t.Errorf("the answer echoes the bearer: %q", w.Body.String())
		}
	})
}

// fuzzOperations are the operations FuzzRequestChecks sends a body or a
// query to, one for each table of rules.
var fuzzOperations = []struct{ method, path string }{
	{http.MethodPost, "/checkins/"},
	{http.MethodPatch, "/checkins/c-1/"},
	{http.MethodGet, "/checkins/c-1/responses/"},
	{http.MethodPost, "/checkins/c-1/send-reminders/"},
	{http.MethodPatch, "/users/u-1/"},
	{http.MethodPost, "/send-message/"},
	{http.MethodPost, "/webhook-subscription/"},
	{http.MethodGet, "/templates/"},
}

// FuzzRequestChecks sends Do a fuzzed body (and the same text as a query
// string) for each operation with rules. The checks must not panic; a
// request they refuse gives a *botsdk.ValidationError that passes
// fuzzcheck.Error (escaped, bounded, no key) and sends nothing.
func FuzzRequestChecks(f *testing.F) {
	f.Add(uint8(1), []byte(`{"end_on":null,"start_on":"2024-02-01","custom_trigger_time":"25:00:00","frequency_on_days":[0,8]}`))
	f.Add(uint8(2), []byte(`date_start=2024-03-01&date_end=2024-01-01&limit=0`))
	f.Add(uint8(4), []byte(`{"birth_date":"02-30","timezone":"Local","work_days":[1,"2"],"timeoff_start":"06/01/2022"}`))
	f.Add(uint8(5), []byte(`{"target_users":[],"message":"\u001b[2J"}`))
	f.Add(uint8(6), []byte(`{"hook_url":"ftp://x?token=`+testKey+`"}`))
	f.Add(uint8(7), []byte(`type=%00`))
	f.Add(uint8(0), []byte(`{"name":"","template":5,"reminders_max_count":1e400}`))

	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		op := fuzzOperations[int(which)%len(fuzzOperations)]
		rt := &cannedTransport{status: 200, body: []byte(`{}`)}
		c, err := dailybot.New(testKey, dailybot.WithTransport(rt), dailybot.WithRetry(botsdk.NoRetry()))
		if err != nil {
			t.Fatal(err)
		}
		var body any
		query, _ := url.ParseQuery(string(data))
		if op.method != http.MethodGet {
			body, query = json.RawMessage(data), nil
		}
		_, err = c.Do(context.Background(), op.method, op.path, query, body, nil)
		var v *botsdk.ValidationError
		if !errors.As(err, &v) {
			return // sent; what the canned answer gives is FuzzPage's business
		}
		checkFuzzError(t, op.method+" "+op.path, err)
		if rt.requests != 0 || v.API != "dailybot" || v.Field == "" {
			t.Fatalf("%s %s refused with %v (field %q) after %d requests", op.method, op.path, err, v.Field, rt.requests)
		}
	})
}
