package fuzzcheck_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/fuzzcheck"
	"github.com/botsdk/botsdk/specs"
)

// recorder is a testing.TB that keeps what Error reports. The embedded TB is
// nil: any method Error is not meant to call panics.
type recorder struct {
	testing.TB
	reports []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.reports = append(r.reports, fmt.Sprintf(format, args...))
}

const secret = "tok-Secret-93xQ"

var (
	errSentinel = errors.New("paging loops")
	errOther    = errors.New("something else")
)

// formatted wraps an error and shows more than its text with %+v, as some
// error libraries' errors do.
type formatted struct {
	err    error
	detail string
}

func (e *formatted) Error() string { return e.err.Error() }

func (e *formatted) Unwrap() error { return e.err }

func (e *formatted) Format(s fmt.State, verb rune) {
	if verb == 'v' && s.Flag('+') {
		fmt.Fprintf(s, "%s (%s)", e.err, e.detail)
		return
	}
	fmt.Fprint(s, e.Error())
}

// joined is a tree of errors whose text, unlike errors.Join's, is one line.
type joined []error

func (j joined) Error() string {
	texts := make([]string, len(j))
	for i, err := range j {
		texts[i] = err.Error()
	}
	return strings.Join(texts, "; ")
}

func (j joined) Unwrap() []error { return j }

// textError is an error that is a string; %#v shows the string.
type textError string

func (textError) Error() string { return "text error" }

func TestError(t *testing.T) {
	base := fuzzcheck.Options{Secrets: []string{secret}, Sentinels: []error{errSentinel}}
	apiErr := func(code, message string, body []byte) *botsdk.APIError {
		return &botsdk.APIError{API: "botaz", StatusCode: 400, Code: code, Message: message, Method: "GET", Path: "/visitors/1", Body: body}
	}
	longest := apiErr(strings.Repeat("c", botsdk.MaxErrorMessage)+"… [cut: 5000 bytes in all]",
		strings.Repeat("m", botsdk.MaxErrorMessage)+"… [cut: 9000 bytes in all]", nil)
	tests := []struct {
		name string
		err  error
		opts fuzzcheck.Options
		// want holds one piece of each report Error must make; none means
		// the error passes.
		want []string
	}{
		{name: "nil", err: nil, opts: base},
		{name: "APIError", err: apiErr("101", "Invalid token", []byte(`{"message":"[redacted]"}`)), opts: base},
		{name: "wrapped DecodeError", err: fmt.Errorf("page 2: %w", &botsdk.DecodeError{API: "botaz", Method: "GET", Path: "/m", StatusCode: 200, ContentType: "text/html", Err: errors.New("invalid character '<'")}), opts: base},
		{name: "ValidationError", err: &botsdk.ValidationError{API: "botaz", Field: "id", Problem: "must not be empty"}, opts: base},
		{name: "wrapped sentinel", err: fmt.Errorf("%w: page 3 names itself as next (/v1/users/)", errSentinel), opts: base},
		{name: "sentinel in a tree", err: joined{errOther, errSentinel}, opts: base},
		{name: "context error allowed", err: fmt.Errorf("list: %w", context.Canceled), opts: fuzzcheck.Options{Sentinels: []error{context.Canceled}}},
		{name: "Allow", err: fmt.Errorf("next page URL: %w", &url.Error{Op: "parse", URL: "%zz", Err: errors.New("invalid URL escape")}),
			opts: fuzzcheck.Options{Allow: func(err error) bool { var u *url.Error; return errors.As(err, &u) }}},
		{name: "printable Unicode and a literal U+FFFD", err: apiErr("", "café ✓ « » \ufffd \\x1b", nil), opts: base},
		{name: "Code and Message at their caps, wrapped", err: fmt.Errorf("dailybot: list users: page 12: %w", longest), opts: base},
		{name: "empty secret skipped", err: apiErr("", "no", nil), opts: fuzzcheck.Options{Secrets: []string{""}}},

		{name: "untyped", err: errOther, opts: base, want: []string{"*errors.errorString is not an error the client documents"}},
		{name: "sentinel not given", err: fmt.Errorf("x: %w", errSentinel), opts: fuzzcheck.Options{}, want: []string{"not an error the client documents"}},
		{name: "context error not allowed", err: context.DeadlineExceeded, opts: base, want: []string{"not an error the client documents"}},
		{name: "Allow says no", err: errOther, opts: fuzzcheck.Options{Allow: func(error) bool { return false }}, want: []string{"not an error the client documents"}},

		{name: "secret in the text", err: &botsdk.ValidationError{API: "botaz", Field: "id", Problem: "bad " + secret}, opts: base,
			want: []string{`credential "tok-Secret-93xQ" in Error(), %v, %+v, %#v: botaz: id: bad tok-Secret-93xQ`}},
		{name: "secret only in APIError.Body", err: fmt.Errorf("w: %w", apiErr("", "nope", []byte(`{"token":"`+secret+`"}`))), opts: base,
			want: []string{"APIError.Body shows"}},
		{name: "secret only in APIError.Path", err: &botsdk.APIError{API: "botaz", StatusCode: 404, Path: "/t/" + secret}, opts: base,
			want: []string{"credential \"tok-Secret-93xQ\" in %#v: ", "APIError.Path shows"}},
		{name: "secret only in DecodeError.ContentType, past the cut", err: &botsdk.DecodeError{API: "botaz", StatusCode: 200,
			ContentType: strings.Repeat("x", 120) + secret, Err: errOther}, opts: base,
			want: []string{"in %#v: ", "DecodeError.ContentType shows"}},
		{name: "secret only in %+v", err: &formatted{apiErr("", "x", nil), secret}, opts: base,
			want: []string{"in %+v: "}},
		{name: "secret only in %#v", err: &botsdk.ValidationError{API: "botaz", Field: "id", Problem: "bad", Err: textError(secret)}, opts: base,
			want: []string{"in %#v: "}},
		{name: "APIError in a tree", err: joined{errSentinel, apiErr("", "x", []byte(secret))}, opts: base,
			want: []string{"APIError.Body shows"}},

		{name: "ESC in a sentinel's wrapping", err: fmt.Errorf("%w: page 2 (/v1/\x1b[2Jusers)", errSentinel), opts: base,
			want: []string{`characters to escape: paging loops: page 2 (/v1/\x1b[2Jusers)`}},
		{name: "newline", err: apiErr("", "a\nb", nil), opts: base, want: []string{"characters to escape"}},
		{name: "errors.Join's newline", err: errors.Join(errSentinel, errOther), opts: base, want: []string{`paging loops\nsomething else`}},
		{name: "tab", err: apiErr("", "a\tb", nil), opts: base, want: []string{"characters to escape"}},
		{name: "DEL", err: apiErr("", "a\x7fb", nil), opts: base, want: []string{"characters to escape"}},
		{name: "C1 CSI", err: apiErr("", "a\u009b2Jb", nil), opts: base, want: []string{"characters to escape"}},
		{name: "bidi override", err: apiErr("", "a\u202eb", nil), opts: base, want: []string{`a\u202eb`}},
		{name: "bidi isolate", err: apiErr("", "a\u2066b", nil), opts: base, want: []string{"characters to escape"}},
		{name: "line separator", err: apiErr("", "a\u2028b", nil), opts: base, want: []string{"characters to escape"}},
		{name: "paragraph separator", err: apiErr("", "a\u2029b", nil), opts: base, want: []string{"characters to escape"}},
		{name: "byte that is not UTF-8", err: apiErr("", "a\xffb", nil), opts: base, want: []string{`a\xffb`}},
		{name: "control in a DecodeError's cause", err: &botsdk.DecodeError{API: "botaz", StatusCode: 200, Err: errors.New("bad \x00")}, opts: base,
			want: []string{"characters to escape"}},

		{name: "too long", err: apiErr("", strings.Repeat("m", fuzzcheck.DefaultMaxLen), nil), opts: base,
			want: []string{fmt.Sprintf("over %d", fuzzcheck.DefaultMaxLen)}},
		{name: "over a given MaxLen", err: apiErr("", "twenty bytes or more", nil), opts: fuzzcheck.Options{MaxLen: 20},
			want: []string{"over 20"}},

		{name: "every rule at once", err: errors.New(strings.Repeat("\x1b", fuzzcheck.DefaultMaxLen) + secret), opts: base,
			want: []string{"not an error the client documents", "in Error(), %v, %+v, %#v", "characters to escape", "bytes, over"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			fuzzcheck.Error(rec, "Visitors.Get", tt.err, tt.opts)
			if !assert.Len(t, rec.reports, len(tt.want), "reports: %q", rec.reports) {
				return
			}
			for i, want := range tt.want {
				assert.Contains(t, rec.reports[i], want)
			}
			for _, report := range rec.reports {
				assert.True(t, strings.HasPrefix(report, "Visitors.Get: "), "the report names the call: %q", report)
				assert.Equal(t, botsdk.EscapeControls(report), report, "the report itself is safe to print")
				assert.Less(t, len(report), 1000, "the report is cut")
			}
		})
	}
}

func TestResponses(t *testing.T) {
	all := fuzzcheck.Responses(t, "dailybot", nil)
	require.NotEmpty(t, all)
	gets := fuzzcheck.Responses(t, "dailybot", func(ex specs.Example) bool { return ex.Method == http.MethodGet })
	require.NotEmpty(t, gets)
	assert.Less(t, len(gets), len(all))
	for _, r := range all {
		assert.Equal(t, "response", r.Example.In)
		assert.False(t, r.Example.Rejected)
		assert.True(t, json.Valid(r.Body), "%s %s %s", r.Example.Method, r.Example.Path, r.Example.Name)
		assert.GreaterOrEqual(t, r.Status, 100)
	}
	defaults := fuzzcheck.Responses(t, "botopen", func(ex specs.Example) bool { return ex.StatusCode() == 0 })
	for _, r := range defaults {
		assert.Equal(t, http.StatusInternalServerError, r.Status, "a default response counts as 500")
	}
}
