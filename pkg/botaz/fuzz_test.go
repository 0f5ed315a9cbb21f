package botaz_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

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
	for _, r := range fuzzcheck.Responses(f, "botaz", func(ex specs.Example) bool { return ex.MediaType == "application/json" }) {
		// Every example goes to both calls: a visitor's body where a
		// message is expected is a fine test of the decoder too.
		f.Add(false, r.Status, r.Body, "application/json", "")
		f.Add(true, r.Status, r.Body, "application/json", "")
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
			botaz.WithTransport(fuzzAnswer{status: status, header: header, body: body}), botaz.WithRetry(botsdk.NoRetry()))
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

// fuzzVisitor is a valid Visitors.Update answer: the docs' visitor in
// Restivus's success envelope.
const fuzzVisitor = `{"status":"success","data":{"_id":"BtR7qAyvZfTWoaC7a","name":"Anar Hasanzade","email":null,` +
	`"phone":"+994124801574","notes":"Asked about new functionality","addedAt":"2018-11-22T12:18:48.812Z"}}`

// captureTransport answers every request with fuzzVisitor and keeps the
// last request's method, path, Content-Type and body.
type captureTransport struct {
	mu                        sync.Mutex
	requests                  int
	method, path, contentType string
	body                      []byte
}

func (c *captureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		body = b
		_ = req.Body.Close()
	}
	c.mu.Lock()
	c.requests++
	c.method, c.path, c.contentType, c.body = req.Method, req.URL.Path, req.Header.Get("Content-Type"), body
	c.mu.Unlock()
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(strings.NewReader(fuzzVisitor)),
		ContentLength: int64(len(fuzzVisitor)),
		Request:       req,
	}, nil
}

// visitorKeys maps each field of UpdateVisitorParams to its key in the
// request body. FuzzVisitorUpdate fails on a field missing here, so that a
// new field cannot go unfuzzed.
var visitorKeys = map[string]string{"Name": "name", "Email": "email", "Phone": "phone", "Notes": "notes"}

// The states FuzzVisitorUpdate gives a field, two bits each.
const (
	fieldUnchanged = iota // the zero Field: the key is absent
	fieldClear            // Clear(): the key is null
	fieldSet              // Set(the fuzzed string)
	fieldSetEmpty         // Set(""): the key is "", not null and not absent
)

// FuzzVisitorUpdate sends a Visitors.Update whose fields are each unchanged,
// cleared, set to a fuzzed string or set to "", and checks the PUT body: a
// JSON object with no key for an unchanged field, null for a cleared one,
// and the string itself for a set one, and nothing else.
func FuzzVisitorUpdate(f *testing.F) {
	f.Add(uint8(0), "Anar", "anar@example.com", "+994124801574", "notes")
	f.Add(uint8(fieldSet|fieldClear<<2|fieldSetEmpty<<4|fieldSet<<6), "Anar \"A\" <b>&", "", "", "line\nbreak \u2028 \\ </script>")

	f.Fuzz(func(t *testing.T, states uint8, name, email, phone, notes string) {
		values := map[string]string{"Name": name, "Email": email, "Phone": phone, "Notes": notes}
		var p botaz.UpdateVisitorParams
		pv := reflect.ValueOf(&p).Elem()
		want := map[string]botaz.Field{} // by body key
		for i := range pv.NumField() {
			sf := pv.Type().Field(i)
			key, ok := visitorKeys[sf.Name]
			if !ok || sf.Type != reflect.TypeFor[botaz.Field]() {
				t.Fatalf("UpdateVisitorParams.%s (%s) is not fuzzed: add it to visitorKeys and the target's strings", sf.Name, sf.Type)
			}
			var field botaz.Field
			switch states >> (2 * i) & 3 {
			case fieldClear:
				field = botaz.Clear()
			case fieldSet:
				field = botaz.Set(values[sf.Name])
			case fieldSetEmpty:
				field = botaz.Set("")
			}
			pv.Field(i).Set(reflect.ValueOf(field))
			want[key] = field
		}

		rt := &captureTransport{}
		c, err := botaz.New(fuzzUserID, fuzzToken, botaz.WithTransport(rt), botaz.WithRetry(botsdk.NoRetry()))
		if err != nil {
			t.Fatal(err)
		}
		v, err := c.Visitors.Update(context.Background(), "BtR7qAyvZfTWoaC7a", p)
		invalid := false
		for _, f := range want {
			if v, err := f.Get(); err == nil && !utf8.ValidString(v) {
				invalid = true
			}
		}
		if invalid {
			// JSON cannot carry the value unchanged: refused, nothing sent.
			var verr *botsdk.ValidationError
			if !errors.As(err, &verr) || rt.requests != 0 {
				t.Fatalf("Update with a value that is not UTF-8: error %v, %d requests; want a ValidationError and none", err, rt.requests)
			}
			return
		}
		if err != nil || v == nil {
			t.Fatalf("Update(%+v): visitor %v, error %v", p, v, err)
		}
		rt.mu.Lock()
		defer rt.mu.Unlock()
		if rt.requests != 1 || rt.method != http.MethodPut || !strings.HasSuffix(rt.path, "/visitors/BtR7qAyvZfTWoaC7a") ||
			rt.contentType != "application/json" {
			t.Fatalf("Update sent %d requests, the last %s %s (%s)", rt.requests, rt.method, rt.path, rt.contentType)
		}

		var got map[string]json.RawMessage
		if err := json.Unmarshal(rt.body, &got); err != nil || got == nil {
			t.Fatalf("the body %q is not a JSON object: %v", rt.body, err)
		}
		sent := 0
		for key, field := range want {
			raw, present := got[key]
			value, getErr := field.Get()
			isSet := getErr == nil
			switch {
			case !field.IsSpecified():
				if present {
					t.Errorf("%s is unchanged but sent as %s", key, raw)
				}
				continue
			case !present:
				t.Errorf("%s is %v but absent from the body %q", key, field, rt.body)
				continue
			case field.IsNull():
				if string(raw) != "null" {
					t.Errorf("%s is cleared but sent as %s, want null", key, raw)
				}
			case isSet:
				var s *string
				if err := json.Unmarshal(raw, &s); err != nil || s == nil || *s != value {
					t.Errorf("%s is set to %q but sent as %s", key, value, raw)
				}
			}
			sent++
		}
		if len(got) != sent {
			t.Errorf("the body %q has %d keys, want the %d changed fields only", rt.body, len(got), sent)
		}
	})
}

// FuzzPage answers Page with a fuzzed status and body. The client must not
// panic, must give a page or an error (one that passes checkError), and a
// page must encode back to JSON that decodes to the same items.
func FuzzPage(f *testing.F) {
	f.Add(200, []byte(`[{"_id":"BtR7qAyvZfTWoaC7a","mood":"x"},{"_id":"b"}]`))
	f.Add(200, []byte(`{"status":"success","data":[{"_id":"a"}],"total":1}`))
	f.Add(200, []byte(`{"status":"error","message":"`+fuzzToken+`"}`))
	f.Add(200, []byte(`{"_id":"not a list"}`))
	f.Add(401, []byte(`{"status":"error","message":"You must be logged in to do this."}`))

	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 100 + fuzzAbs(status)%500
		c, err := botaz.New(fuzzUserID, fuzzToken,
			botaz.WithTransport(fuzzAnswer{status: status, header: http.Header{"Content-Type": {"application/json"}}, body: body}),
			botaz.WithRetry(botsdk.NoRetry()))
		if err != nil {
			t.Fatal(err)
		}
		p, err := c.Page(context.Background(), http.MethodGet, "/visitors", nil, nil)
		if (p != nil) == (err != nil) {
			t.Fatalf("HTTP %d: a page (%v) and the error %v: want exactly one", status, p != nil, err)
		}
		if err != nil {
			checkError(t, "Page", status, err)
			return
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("the page of %q does not encode: %v", body, err)
		}
		var again botaz.Page[json.RawMessage]
		if err := json.Unmarshal(out, &again); err != nil || again.Count != p.Count {
			t.Fatalf("the page of %q encodes as %q, which decodes to %d items (%v), not %d", body, out, again.Count, err, p.Count)
		}
	})
}
