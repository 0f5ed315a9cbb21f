package assistbot_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/fuzzcheck"
	"github.com/botsdk/botsdk/specs"
)

// fuzzKey is the API key of the fuzz targets' clients and webhook handler.
const fuzzKey = "ab-fuzz-key-W3n8Qz"

// fuzzExamples returns the embedded AssistBot spec's examples.
var fuzzExamples = sync.OnceValues(func() ([]specs.Example, error) {
	doc, err := specs.Load(context.Background(), "assistbot")
	if err != nil {
		return nil, err
	}
	return specs.Examples(doc), nil
})

// fuzzExampleJSON returns the JSON of the spec's accepted application/json
// examples that pass keep.
func fuzzExampleJSON(f *testing.F, keep func(specs.Example) bool) [][]byte {
	examples, err := fuzzExamples()
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, ex := range examples {
		if ex.Rejected || ex.MediaType != "application/json" || !keep(ex) {
			continue
		}
		b, err := json.Marshal(ex.Value)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// answerTransport answers every request with a fixed status, headers and
// body, and keeps the last request's body and Content-Type.
type answerTransport struct {
	status int
	header http.Header
	body   []byte

	mu          sync.Mutex
	sent        bool
	sentBody    []byte
	contentType string
}

func (a *answerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		body = b
		_ = req.Body.Close()
	}
	a.mu.Lock()
	a.sent, a.sentBody, a.contentType = true, body, req.Header.Get("Content-Type")
	a.mu.Unlock()
	header := a.header.Clone()
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{
		StatusCode: a.status, Status: strconv.Itoa(a.status) + " " + http.StatusText(a.status),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: header, Body: io.NopCloser(bytes.NewReader(a.body)), ContentLength: int64(len(a.body)),
		Request: req,
	}, nil
}

func (a *answerTransport) reset() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sent, a.sentBody, a.contentType = false, nil, ""
}

// request returns what the last request sent: whether there was one, its
// body and its Content-Type.
func (a *answerTransport) request() (sent bool, body []byte, contentType string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sent, a.sentBody, a.contentType
}

// fuzzClient returns a client whose requests go to rt, without retries.
func fuzzClient(t *testing.T, rt http.RoundTripper, opts ...assistbot.Option) *assistbot.Client {
	t.Helper()
	c, err := assistbot.New(fuzzKey, append([]assistbot.Option{assistbot.WithTransport(rt), assistbot.WithRetry(botsdk.NoRetry())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fuzzInts reads a comma-separated list of integers, skipping what does not
// parse; an empty string is no list.
func fuzzInts(s string) []int {
	var out []int
	for _, part := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(part)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// fuzzFlag reads two bits of flags as an optional boolean: nil, false or true.
func fuzzFlag(flags uint8) *bool {
	switch flags & 3 {
	case 1:
		return new(false)
	case 2, 3:
		return new(true)
	}
	return nil
}

// FuzzFormEncoding sends history and member filters with WithFormEncoding
// and checks the body that goes out: it parses with url.ParseQuery and
// carries every value that was set, in order, and nothing else. Filters the
// client refuses (*botsdk.ValidationError) must send nothing.
func FuzzFormEncoding(f *testing.F) {
	f.Add(1, "2", "1,2", "2020-08-25", "2020-08-27", "America/New_York", []byte{0, 2}, uint8(0b1001))
	f.Add(7, "", "", "", "", "Etc/GMT+5", []byte{}, uint8(0))
	f.Add(-1, "-3,9223372036854775807", "0", "2024-02-29", "2024-02-28", "Local", []byte{3}, uint8(0b0110))

	f.Fuzz(func(t *testing.T, standupID int, members, departments, from, to, timezone string, roles []byte, flags uint8) {
		ctx := context.Background()
		rt := &answerTransport{status: http.StatusOK, body: []byte(`{"data":[],"count":0,"status":true}`)}
		c := fuzzClient(t, rt, assistbot.WithFormEncoding())

		hp := assistbot.ListStandupHistoryParams{
			StandupID: standupID, MemberIDs: fuzzInts(members), DepartmentIDs: fuzzInts(departments),
			From: from, To: to, Timezone: timezone,
		}
		_, err := c.History.Standups(ctx, hp)
		want := url.Values{"standup_id": {strconv.Itoa(standupID)}}
		addInts(want, "member_id", hp.MemberIDs)
		addInts(want, "department_id", hp.DepartmentIDs)
		addString(want, "from", from)
		addString(want, "to", to)
		addString(want, "timezone", timezone)
		checkForm(t, "history standups", rt, err, want)

		mp := assistbot.ListMembersParams{MemberIDs: hp.MemberIDs, Active: fuzzFlag(flags), Accepted: fuzzFlag(flags >> 2)}
		for _, r := range roles {
			mp.Roles = append(mp.Roles, assistbot.MemberRole(r%4)) // 3 is no role: refused
		}
		rt.reset()
		_, err = c.Company.Members(ctx, mp)
		want = url.Values{}
		addInts(want, "member_id", mp.MemberIDs)
		for _, r := range mp.Roles {
			want.Add("role[]", strconv.Itoa(int(r)))
		}
		if mp.Active != nil {
			want.Set("active", strconv.FormatBool(*mp.Active))
		}
		if mp.Accepted != nil {
			want.Set("accepted", strconv.FormatBool(*mp.Accepted))
		}
		checkForm(t, "company members", rt, err, want)
	})
}

// addInts adds a list as the form spells it: one key[] pair per item.
func addInts(v url.Values, key string, ints []int) {
	for _, n := range ints {
		v.Add(key+"[]", strconv.Itoa(n))
	}
}

func addString(v url.Values, key, s string) {
	if s != "" {
		v.Set(key, s)
	}
}

// checkForm checks the form rt received against want, or that nothing was
// sent when the call was refused before sending.
func checkForm(t *testing.T, call string, rt *answerTransport, err error, want url.Values) {
	t.Helper()
	sent, body, contentType := rt.request()
	if botsdk.IsValidation(err) {
		if sent {
			t.Fatalf("%s: refused (%v) but sent %q", call, err, body)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: %v", call, err)
	}
	if !sent {
		t.Fatalf("%s: nothing sent", call)
	}
	if contentType != "application/x-www-form-urlencoded" {
		t.Fatalf("%s: Content-Type %q", call, contentType)
	}
	got, perr := url.ParseQuery(string(body))
	if perr != nil {
		t.Fatalf("%s: the body %q does not parse: %v", call, body, perr)
	}
	for key, values := range want {
		if !slices.Equal(got[key], values) {
			t.Fatalf("%s: %s is %q, want %q (body %q)", call, key, got[key], values, body)
		}
	}
	for key := range got {
		if _, ok := want[key]; !ok {
			t.Fatalf("%s: unexpected %s=%q (body %q)", call, key, got[key], body)
		}
	}
}

// The ways FuzzWebhookHandler signs a delivery.
const (
	signFuzzed    = iota // the fuzzed signature as it is
	signHex              // the right HMAC in hex
	signBase64           // … in padded standard base64
	signBase64URL        // … in unpadded URL base64
	signCompact          // the right HMAC of the body's compact JSON form, in hex
	signModes
)

// FuzzWebhookHandler posts fuzzed deliveries (body, signature, or a right
// signature in one of the encodings AssistBot may use) to the webhook
// handler. It must not panic; it answers 2xx only to a delivery whose
// signature is right and whose body is a JSON object, hands that body to the
// handler unchanged, and answers 401 to any other signature.
func FuzzWebhookHandler(f *testing.F) {
	for _, b := range fuzzExampleJSON(f, func(ex specs.Example) bool { return ex.In == "response" && ex.Status == "200" }) {
		f.Add(b, "", uint8(signHex))
	}
	vote := []byte(`{"poll_id":1,"option_id":11,"member_id":2}`)
	f.Add(vote, "", uint8(signBase64))
	// Unicode spaces around a correctly signed object are not JSON: 400, not
	// a 500 from a payload that fails to decode later.
	f.Add(append([]byte("\u00a0"), vote...), "", uint8(signHex))
	f.Add(append(append([]byte(nil), vote...), "\u0085"...), "", uint8(signHex))
	f.Add([]byte("{\n  \"poll_id\": 1,\n  \"option_id\": 11\n}"), "", uint8(signCompact))
	f.Add(vote, strings.Repeat("0", 64), uint8(signFuzzed))
	f.Add([]byte(`[1,2]`), "", uint8(signHex))

	f.Fuzz(func(t *testing.T, body []byte, signature string, mode uint8) {
		var events []assistbot.WebhookEvent
		h, err := assistbot.NewWebhookHandler(fuzzKey, func(_ context.Context, ev assistbot.WebhookEvent) error {
			events = append(events, ev)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		mac := hmac.New(sha256.New, []byte(fuzzKey))
		mac.Write(body)
		switch mode % signModes {
		case signHex:
			signature = hex.EncodeToString(mac.Sum(nil))
		case signBase64:
			signature = base64.StdEncoding.EncodeToString(mac.Sum(nil))
		case signBase64URL:
			signature = base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
		case signCompact:
			var compact bytes.Buffer
			if json.Compact(&compact, body) != nil {
				return
			}
			signature = hex.EncodeToString(hmacOf(compact.Bytes()))
		}
		if !validHeaderValue(signature) {
			return // net/http would not hand it over
		}
		req := httptest.NewRequest(http.MethodPost, "https://hooks.example.com/assistbot", bytes.NewReader(body))
		req.Header.Set(assistbot.HeaderSignature, signature)
		req.Header.Set(assistbot.HeaderEventType, assistbot.EventPollVote)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)

		signed := signatureMatches(signature, body)
		object := isObject(body)
		switch {
		case rec.Code >= 200 && rec.Code < 300:
			if !signed || !object {
				t.Fatalf("answered %d to signature %q (right: %v) on body %q (an object: %v)", rec.Code, signature, signed, body, object)
			}
			if len(events) != 1 || !bytes.Equal(events[0].Payload, body) {
				t.Fatalf("answered %d but handed over %d events, want the body %q once", rec.Code, len(events), body)
			}
		case !signed && rec.Code != http.StatusUnauthorized:
			t.Fatalf("answered %d to a wrong signature %q, want 401", rec.Code, signature)
		case signed && object:
			t.Fatalf("answered %d to a right signature on a JSON object %q", rec.Code, body)
		}
		if rec.Code >= 300 && len(events) > 0 {
			t.Fatalf("answered %d but called the handler", rec.Code)
		}
	})
}

func hmacOf(body []byte) []byte {
	m := hmac.New(sha256.New, []byte(fuzzKey))
	m.Write(body)
	return m.Sum(nil)
}

// signatureMatches is the test's own reading of the handler's rule: the
// signature, trimmed, is the HMAC-SHA256 of the body (or of its compact JSON
// form) in hex or in base64 of either alphabet, padded or not.
func signatureMatches(signature string, body []byte) bool {
	signature = strings.TrimSpace(signature)
	var given [][]byte
	if b, err := hex.DecodeString(signature); err == nil {
		given = append(given, b)
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(signature); err == nil {
			given = append(given, b)
		}
	}
	want := [][]byte{hmacOf(body)}
	var compact bytes.Buffer
	if json.Compact(&compact, body) == nil {
		want = append(want, hmacOf(compact.Bytes()))
	}
	for _, g := range given {
		for _, w := range want {
			if hmac.Equal(g, w) {
				return true
			}
		}
	}
	return false
}

// isObject reports whether body, as received, is a JSON object: what
// WebhookEvent.Payload promises and WebhookEvent.Decode needs.
func isObject(body []byte) bool {
	trimmed := bytes.TrimLeft(body, " \t\r\n") // JSON's whitespace only
	return json.Valid(body) && len(trimmed) > 0 && trimmed[0] == '{'
}

// validHeaderValue reports whether net/http would carry v as a header value:
// no control characters but tab.
func validHeaderValue(v string) bool {
	return !strings.ContainsFunc(v, func(r rune) bool { return (r < ' ' && r != '\t') || r == 0x7f })
}

// decodeOps are the calls FuzzDecode makes, one shape of answer each: an
// object, lists of objects, and history with lenient fields.
var decodeOps = []struct {
	name      string
	operation string // the spec's operationId, for seeds
	call      func(ctx context.Context, c *assistbot.Client) error
}{
	{"company info", "getCompanyInfo", func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.Company.Info(ctx)
		return err
	}},
	{"members", "listMembers", func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.Company.Members(ctx, assistbot.ListMembersParams{})
		return err
	}},
	{"tasks", "listTasks", func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.Tasks.List(ctx, assistbot.ListTasksParams{})
		return err
	}},
	{"standup history", "listStandupHistory", func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.History.Standups(ctx, assistbot.ListStandupHistoryParams{StandupID: 1})
		return err
	}},
	{"poll history", "listPollHistory", func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.History.Polls(ctx, assistbot.ListPollHistoryParams{PollID: 1})
		return err
	}},
	{"raw items", "listStandups", func(ctx context.Context, c *assistbot.Client) error {
		for _, err := range c.Items(ctx, http.MethodPost, "/v1/elements/standups", nil, nil) {
			if err != nil {
				return err
			}
		}
		return nil
	}},
}

// FuzzDecode answers a call with a fuzzed status, Content-Type, Retry-After
// and body. The client must not panic, and must fail only with an
// *botsdk.APIError (always for a non-2xx status, carrying that status) or a
// *botsdk.DecodeError; the error passes fuzzcheck.Error: no control
// characters in its text, no sight of the API key even when the body echoes
// it, and a bounded length.
func FuzzDecode(f *testing.F) {
	responses := fuzzcheck.Responses(f, "assistbot", nil)
	for i, op := range decodeOps {
		for _, r := range responses {
			if r.Example.OperationID == op.operation {
				f.Add(uint8(i), r.Status, r.Body, r.Example.MediaType, "")
			}
		}
	}
	f.Add(uint8(1), 200, []byte(`{"error":{"code":"101","message":"bad key `+fuzzKey+`"},"status":false}`), "application/json", "")
	f.Add(uint8(0), 429, []byte(`{"error":{"code":500,"message":"slow down\n\x1b[31m"},"status":false}`), "application/json", "3")
	f.Add(uint8(3), 502, []byte("<html><body>Bad Gateway</body></html>"), "text/html", "")

	f.Fuzz(func(t *testing.T, op uint8, status int, body []byte, contentType, retryAfter string) {
		status = 100 + abs(status)%500
		if !validHeaderValue(contentType) || !validHeaderValue(retryAfter) {
			return
		}
		header := http.Header{}
		if contentType != "" {
			header.Set("Content-Type", contentType)
		}
		if retryAfter != "" {
			header.Set("Retry-After", retryAfter)
		}
		call := decodeOps[int(op)%len(decodeOps)]
		c := fuzzClient(t, &answerTransport{status: status, header: header, body: body})
		err := call.call(context.Background(), c)
		checkDecodeError(t, call.name, status, err)
	})
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1) // no overflow at the minimum int
	}
	return n
}

// checkDecodeError checks a call's error against FuzzDecode's rules: the
// ones every fuzz target shares (fuzzcheck.Error), and that an answer with a
// status outside 2xx gives an *botsdk.APIError carrying that status, while
// the fixed, valid parameters are never refused.
func checkDecodeError(t *testing.T, call string, status int, err error) {
	t.Helper()
	fuzzcheck.Error(t, call, err, fuzzcheck.Options{Secrets: []string{fuzzKey}})
	var apiErr *botsdk.APIError
	switch {
	case errors.As(err, &apiErr):
		if apiErr.StatusCode != status {
			t.Fatalf("%s: APIError with status %d, the answer was %d", call, apiErr.StatusCode, status)
		}
	case status < 200 || status > 299:
		t.Fatalf("%s: HTTP %d gave %T %v, want an *botsdk.APIError", call, status, err, err)
	case botsdk.IsValidation(err):
		t.Fatalf("%s: HTTP %d gave %v, want an *botsdk.DecodeError or no error", call, status, err)
	}
}

// FuzzPage decodes the fuzzed body as a Page: a body that decodes must
// encode back to JSON equal to it (numbers by value at any size), and that JSON must decode to a page that
// encodes the same way again.
func FuzzPage(f *testing.F) {
	for _, b := range fuzzExampleJSON(f, func(ex specs.Example) bool { return ex.In == "response" }) {
		f.Add(b)
	}
	f.Add([]byte(`{"data":{"name":"Acme"},"status":true,"x":12345678901234567890}`))
	f.Add([]byte(`{"data":null,"count":"one","status":null}`))
	f.Add([]byte(`{"data":[1, "x"],"count":1.5,"status":false,"error":{"code":101}}`))

	f.Fuzz(func(t *testing.T, body []byte) {
		var p assistbot.Page[json.RawMessage]
		if json.Unmarshal(body, &p) != nil {
			return
		}
		if botsdk.IsNull(body) {
			// null decodes as a no-op (TestPageNullLeavesPage): there is
			// no page to encode back.
			return
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("the page of %q does not encode: %v", body, err)
		}
		if !fuzzcheck.SameJSON(body, out) {
			t.Fatalf("%q encodes back as %q", body, out)
		}
		var again assistbot.Page[json.RawMessage]
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("%q encodes as %q, which does not decode: %v", body, out, err)
		}
		if twice, err := json.Marshal(again); err != nil || !bytes.Equal(out, twice) {
			t.Fatalf("%q encodes as %q, then as %q (%v)", body, out, twice, err)
		}
	})
}
