package botaz_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/botsdk/botsdk/pkg/botaz"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/fuzzcheck"
	"github.com/botsdk/botsdk/specs"
)

// The fuzz client's credentials; distinctive, so that a leak shows.
const (
	fuzzUserID = "fuzzAgent7Kq2WvXp"
	fuzzToken  = "fuzz-token-Jd93kLq0ZmR"
)

// fuzzAnswer answers every request with a fixed status, headers and body.
type fuzzAnswer struct {
	status int
	header http.Header
	body   []byte
}

func (a fuzzAnswer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
	return &http.Response{
		StatusCode: a.status, Status: strconv.Itoa(a.status) + " " + http.StatusText(a.status),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: a.header.Clone(), Body: io.NopCloser(bytes.NewReader(a.body)), ContentLength: int64(len(a.body)),
		Request: req,
	}, nil
}

// FuzzDecode answers Messages.Get or Visitors.Get with a fuzzed status,
// Content-Type, Retry-After and body. The client must not panic, and must
// fail only with an *botsdk.APIError (always for a non-2xx status, carrying
// that status) or a *botsdk.DecodeError; a success returns a value. The
// error passes fuzzcheck.Error: no control characters in its text, no sight
// of the credentials even when the body echoes them, and a bounded length.
func FuzzDecode(f *testing.F) {
	doc, err := specs.Load(context.Background(), "botaz")
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range specs.Examples(doc) {
		if ex.In != "response" || ex.Rejected || ex.MediaType != "application/json" {
			continue
		}
		b, err := json.Marshal(ex.Value)
		if err != nil {
			f.Fatal(err)
		}
		status := ex.StatusCode()
		if status == 0 {
			status = http.StatusInternalServerError
		}
		// Every example goes to both calls: a visitor's body where a
		// message is expected is a fine test of the decoder too.
		f.Add(false, status, b, "application/json", "")
		f.Add(true, status, b, "application/json", "")
	}
	f.Add(false, 200, []byte(`{"status":"success","data":{"_id":"qZkS5QLZSBLKzYAwm","text":"hi"}}`), "application/json", "")
	f.Add(true, 200, []byte(`{"status":"error","message":"`+fuzzToken+`"}`), "application/json", "")
	f.Add(false, 429, []byte(`{"status":"error","message":"slow\r\n\u202edown"}`), "application/json", "2")

	f.Fuzz(func(t *testing.T, visitor bool, status int, body []byte, contentType, retryAfter string) {
		status = 100 + fuzzAbs(status)%500
		if !fuzzHeaderValue(contentType) || !fuzzHeaderValue(retryAfter) {
			return // net/http would not carry it
		}
		header := http.Header{}
		if contentType != "" {
			header.Set("Content-Type", contentType)
		}
		if retryAfter != "" {
			header.Set("Retry-After", retryAfter)
		}
		c, err := botaz.New(fuzzUserID, fuzzToken,
			botsdk.WithTransport(fuzzAnswer{status: status, header: header, body: body}), botsdk.WithRetry(botsdk.NoRetry()))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		call, gotValue := "Messages.Get", false
		if visitor {
			call = "Visitors.Get"
			var v *botaz.Visitor
			v, err = c.Visitors.Get(ctx, "BtR7qAyvZfTWoaC7a")
			gotValue = v != nil
		} else {
			var m *botaz.Message
			m, err = c.Messages.Get(ctx, "qZkS5QLZSBLKzYAwm")
			gotValue = m != nil
		}
		if gotValue == (err != nil) {
			t.Fatalf("%s: HTTP %d: a value (%v) and the error %v: want exactly one", call, status, gotValue, err)
		}
		checkError(t, call, status, err)
	})
}

func fuzzAbs(n int) int {
	if n < 0 {
		return -(n + 1) // no overflow at the minimum int
	}
	return n
}

// fuzzHeaderValue reports whether net/http would carry v as a header value:
// no control characters but tab.
func fuzzHeaderValue(v string) bool {
	return !strings.ContainsFunc(v, func(r rune) bool { return (r < ' ' && r != '\t') || r == 0x7f })
}

// checkError checks a call's error against FuzzDecode's rules: the ones
// every fuzz target shares (fuzzcheck.Error), and that an answer with a
// status outside 2xx gives an *botsdk.APIError carrying that status, while
// the fixed, valid ids are never refused.
func checkError(t *testing.T, call string, status int, err error) {
	t.Helper()
	fuzzcheck.Error(t, call, err, fuzzcheck.Options{Secrets: []string{fuzzUserID, fuzzToken}})
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
