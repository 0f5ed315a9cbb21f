package botsdk

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey    = "KEY-abc123/def+ghi"
	testBearer = "BEARER-zyx987"
)

// errorFor runs body through a Responder holding testKey, for a request
// whose context carries ctxSecrets.
func errorFor(t *testing.T, status int, body string, ctxSecrets ...Secret) *APIError {
	t.Helper()
	r := Responder{
		API: "testapi",
		MapError: func(e *APIError, body []byte) {
			var b struct {
				Detail string `json:"detail"`
				Code   string `json:"code"`
			}
			if json.Unmarshal(body, &b) == nil {
				e.Code, e.Message = b.Code, b.Detail
			}
		},
		Secrets: func() []Secret { return []Secret{NewSecret(testKey)} },
	}
	ctx := WithSecrets(context.Background(), ctxSecrets...)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1/x", nil)
	require.NoError(t, err)
	return r.Error(&http.Response{StatusCode: status, Header: http.Header{}, Request: req}, []byte(body))
}

// visible is everything a user can see of err.
func visible(err error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%v\n%+v\n%#v\n%q\n", err.Error(), err, err, err, err)
	if e, ok := err.(*APIError); ok {
		fmt.Fprintf(&b, "%s\n%s\n%s\n", e.Message, e.Code, e.Body)
	}
	return b.String()
}

func TestAPIErrorRedactsEchoedCredentials(t *testing.T) {
	jsonEscaped, _ := json.Marshal(testKey)
	tests := []struct {
		name string
		body string
	}{
		{name: "echoed header in detail", body: `{"detail":"bad request; headers: X-API-KEY: ` + testKey + `","code":"invalid"}`},
		{name: "JSON-escaped", body: `{"detail":"got ` + string(jsonEscaped[1:len(jsonEscaped)-1]) + `"}`},
		{name: "percent-encoded in an echoed URL", body: `{"detail":"GET /x?key=` + url.QueryEscape(testKey) + `"}`},
		{name: "in the code", body: `{"detail":"x","code":"` + testKey + `"}`},
		{name: "per-request bearer", body: `{"detail":"hook bearer ` + testBearer + ` refused"}`},
		{name: "JSON with escaped slashes", body: `{"detail":"got KEY-abc123\\/def+ghi"}`},
		{name: "lower-case percent-encoding", body: `{"detail":"GET /x?key=` + string(lowerHex(url.QueryEscape(testKey))) + `"}`},
		{name: "not JSON", body: `<html>Authorization: Bearer ` + testKey + ` / ` + testBearer + `</html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := errorFor(t, http.StatusBadRequest, tt.body, NewSecret(testBearer))
			seen := visible(e)
			for _, secret := range []string{testKey, testBearer, url.QueryEscape(testKey), string(jsonEscaped[1 : len(jsonEscaped)-1])} {
				assert.NotContains(t, seen, secret)
			}
			assert.Contains(t, seen, "[redacted]")
		})
	}
}

func TestRedactionAcrossTheCut(t *testing.T) {
	// A credential echoed across MaxErrorBody: cutting first and redacting
	// after would keep its first bytes in APIError.Body.
	for _, at := range []int{MaxErrorBody - 8, MaxErrorBody - 1, MaxErrorBody - len(testKey)} {
		prefix := `{"detail":"`
		body := prefix + strings.Repeat("x", at-len(prefix)) + testKey + `"}`
		require.Equal(t, at, strings.Index(body, testKey))
		e := errorFor(t, http.StatusBadRequest, body)
		assert.LessOrEqual(t, len(e.Body), MaxErrorBody)
		assert.NotContains(t, string(e.Body), testKey[:6], "credential at %d", at)
		assert.NotContains(t, e.Message, testKey[:6])
	}
	t.Run("multi-byte runes are not split", func(t *testing.T) {
		body := strings.Repeat("é", MaxErrorBody) // 2 bytes each
		e := errorFor(t, http.StatusBadGateway, body)
		assert.Len(t, e.Body, MaxErrorBody)
		assert.True(t, utf8.Valid(e.Body))
		e = errorFor(t, http.StatusBadGateway, "x"+body)
		assert.Len(t, e.Body, MaxErrorBody-1)
		assert.True(t, utf8.Valid(e.Body))
	})
}

func TestLongerCredentialIsRedactedWhole(t *testing.T) {
	// One credential inside another: replacing the shorter first would
	// leave the rest of the longer one behind.
	r := newRedactor([]Secret{NewSecret("abcdef"), NewSecret("abcdef-and-more-secret")})
	assert.Equal(t, "x [redacted] y [redacted]", r.string("x abcdef-and-more-secret y abcdef"))
}

func TestShortCredentialsAreNotRedacted(t *testing.T) {
	r := newRedactor([]Secret{NewSecret("abc"), {}})
	assert.Equal(t, "abc is a word", r.string("abc is a word"))
}

func TestAPIErrorMessageIsCappedAndEscaped(t *testing.T) {
	t.Run("huge detail is cut with a note", func(t *testing.T) {
		detail := strings.Repeat("d", 200<<10)
		e := errorFor(t, http.StatusBadRequest, `{"detail":"`+detail+`"}`)
		assert.LessOrEqual(t, len(e.Message), MaxErrorMessage+64)
		assert.True(t, strings.HasPrefix(e.Message, "ddd"))
		assert.Contains(t, e.Message, fmt.Sprintf("[cut: %d bytes in all]", len(detail)))
		assert.LessOrEqual(t, len(e.Error()), MaxErrorMessage+100)
		assert.Len(t, e.Body, MaxErrorBody)
	})
	t.Run("control characters cannot forge a line or drive the terminal", func(t *testing.T) {
		e := errorFor(t, http.StatusBadRequest, `{"detail":"bad\n\u001b[2J\u001b]0;owned\u0007error: forged\r\u0085\u202eend","code":"x\ny"}`)
		msg := e.Error()
		for _, r := range msg {
			assert.False(t, needsEscape(r), "%q left in %q", r, msg)
		}
		assert.Equal(t, `testapi: HTTP 400 [x\ny]: bad\n\x1b[2J\x1b]0;owned\aerror: forged\r\u0085\u202eend`, msg)
	})
	t.Run("invalid UTF-8 is escaped", func(t *testing.T) {
		assert.Equal(t, `a\xffb`, cleanText("a\xffb", 100))
	})
	t.Run("clean short text is returned as is", func(t *testing.T) {
		assert.Equal(t, "héllo wörld", cleanText("héllo wörld", 100))
	})
}

func TestWithSecretsAccumulates(t *testing.T) {
	ctx := WithSecrets(context.Background(), NewSecret("first-secret"))
	ctx = WithSecrets(ctx, NewSecret("second-secret"))
	got := secretsFrom(ctx)
	require.Len(t, got, 2)
	r := newRedactor(got)
	assert.Equal(t, []byte("[redacted] [redacted]"), r.bytes([]byte("first-secret second-secret")))
	assert.True(t, bytes.Equal([]byte("none here"), r.bytes([]byte("none here"))))
}

func TestDecodeErrorRedactsQuotedValues(t *testing.T) {
	r := Responder{API: "testapi", Secrets: func() []Secret { return []Secret{NewSecret(testKey)} }}
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/x", nil)
	resp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"text/" + testKey}}, Request: req}
	var out struct {
		At time.Time `json:"at"`
	}
	err := json.Unmarshal([]byte(`{"at":"`+testKey+`\u001b[2J"}`), &out)
	require.Error(t, err)
	require.Contains(t, err.Error(), testKey, "the decoder quotes the value")
	derr := r.DecodeError(resp, err)
	assert.NotContains(t, visible(derr), testKey)
	assert.NotContains(t, derr.Error(), "\x1b")
	var parseErr *time.ParseError
	assert.ErrorAs(t, derr, &parseErr, "the decoder's error stays reachable")
}

// TestRedactKeepsJSON: in a JSON answer only strings are redacted, so a
// credential made of digits inside a number leaves valid JSON, and one in a
// string (escaped or not) is still replaced.
func TestRedactKeepsJSON(t *testing.T) {
	r := Responder{API: "testapi", Secrets: func() []Secret { return []Secret{NewSecret("123456"), NewSecret("tok/en-secret")} }}
	tests := []struct{ in, want string }{
		{`{"count":99123456,"user":"123456"}`, `{"count":99123456,"user":"[redacted]"}`},
		{`{"a":"x tok\/en-secret y","b":"tok/en-secret"}`, `{"a":"x [redacted] y","b":"[redacted]"}`},
		{`{"quote":"say \"123456\""}`, `{"quote":"say \"[redacted]\""}`},
		{`{"none":1}`, `{"none":1}`},
		{`not json 123456`, `not json [redacted]`},
	}
	for _, tt := range tests {
		got := r.Redact(context.Background(), []byte(tt.in))
		assert.Equal(t, tt.want, string(got), tt.in)
		if json.Valid([]byte(tt.in)) {
			assert.True(t, json.Valid(got), "still JSON: %s", got)
		}
	}
}

// TestRedactFastPathMissesNoSpelling holds Redact, which returns bytes
// without a credential before checking they are JSON, to the path that
// checks first: for each spelling a server echoes, in a JSON string, as a
// JSON value's key and in text that is not JSON, the answer is the same and
// no spelling is left.
func TestRedactFastPathMissesNoSpelling(t *testing.T) {
	secret := "KEY-abc/1+2 é\"x"
	r := Responder{API: "testapi", Secrets: func() []Secret { return []Secret{NewSecret(secret)} }}
	quoted, err := json.Marshal(secret)
	require.NoError(t, err)
	inner := string(quoted[1 : len(quoted)-1])
	spellings := []string{secret, inner, strings.ReplaceAll(inner, "/", `\/`),
		url.QueryEscape(secret), url.PathEscape(secret), string(lowerHex(url.QueryEscape(secret))), string(lowerHex(url.PathEscape(secret)))}
	red := newRedactor([]Secret{NewSecret(secret)})
	for _, s := range spellings {
		for _, in := range []string{`{"echo":"` + s + `"}`, `{"` + s + `":1}`, `["a","b ` + s + ` c"]`, `echo ` + s, s} {
			want := []byte(in)
			if json.Valid(want) {
				want = red.jsonStrings(want)
			} else {
				want = red.bytes(want)
			}
			got := r.Redact(context.Background(), []byte(in))
			assert.Equal(t, string(want), string(got), in)
			for _, sp := range spellings {
				assert.NotContains(t, string(got), sp, in)
			}
		}
	}
}

// A Responder from NewResponder reuses its redactor only while the
// credentials stay the same: a credential that changes (a new login's token)
// is redacted from the next call on, and two clients never share one.
func TestNewResponderRedactsTheCurrentCredentials(t *testing.T) {
	current := "first-token-0123456789"
	r := NewResponder("test", nil, func() []Secret { return []Secret{NewSecret(current)} })
	other := NewResponder("other", nil, func() []Secret { return []Secret{NewSecret("other-token-0123456789")} })
	ctx := context.Background()
	body := []byte(`{"a":"first-token-0123456789","b":"second-token-0123456789","c":"other-token-0123456789"}`)

	assert.JSONEq(t, `{"a":"[redacted]","b":"second-token-0123456789","c":"other-token-0123456789"}`, string(r.Redact(ctx, body)))
	assert.JSONEq(t, `{"a":"first-token-0123456789","b":"second-token-0123456789","c":"[redacted]"}`, string(other.Redact(ctx, body)))
	current = "second-token-0123456789"
	assert.JSONEq(t, `{"a":"first-token-0123456789","b":"[redacted]","c":"other-token-0123456789"}`, string(r.Redact(ctx, body)))
	// A Responder literal has no cache and redacts alike.
	lit := Responder{Secrets: r.Secrets}
	assert.JSONEq(t, `{"a":"first-token-0123456789","b":"[redacted]","c":"other-token-0123456789"}`, string(lit.Redact(ctx, body)))
}
