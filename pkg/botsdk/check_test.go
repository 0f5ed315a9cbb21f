package botsdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMatchPath(t *testing.T) {
	tests := []struct {
		template, path string
		want           bool
	}{
		{"/checkins/", "/checkins/", true},
		{"/checkins/", "/checkins", false},
		{"/checkins/{checkin_uuid}/", "/checkins/91b2/", true},
		{"/checkins/{checkin_uuid}/", "/checkins//", false},
		{"/checkins/{checkin_uuid}/", "/checkins/91b2", false},
		{"/checkins/{checkin_uuid}/", "/checkins/91b2/responses/", false},
		{"/checkins/{checkin_uuid}/responses/", "/checkins/91b2/responses/", true},
		{"/messages/{id}", "/messages/qZkS5QLZSBLKzYAwm", true},
		{"/messages/", "/messages/qZkS5QLZSBLKzYAwm", false},
		{"/", "/", true},
	}
	for _, tt := range tests {
		t.Run(tt.template+" "+tt.path, func(t *testing.T) {
			assert.Equal(t, tt.want, matchPath(tt.template, tt.path))
		})
	}
}

func FuzzMatchPath(f *testing.F) {
	for _, s := range [][2]string{
		{"/checkins/{checkin_uuid}/", "/checkins/91b2/"}, {"/checkins/", "/checkins"}, {"/a{b}/", "/a{b}/"},
		{"/x/{id}/y/", "/x//y/"}, {"/{a}", "/"}, {"/{", "/{"}, {"/a/{b}", "/a/b/c"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, template, path string) {
		if got, want := matchPath(template, path), matchSegments(template, path); got != want {
			t.Fatalf("matchPath(%q, %q) = %v, segment by segment %v", template, path, got, want)
		}
	})
}

// TestLazyRules checks that a lazily built check builds its rules once, on
// its first use and not before, however many goroutines check at once, and
// answers as the rules' own Check does.
func TestLazyRules(t *testing.T) {
	var builds atomic.Int32
	rules := FieldRules{{In: InBody, Name: "message", Required: true, Type: "string", Pattern: regexp.MustCompile(`\S`)}}
	check := LazyRules(func() FieldRules {
		builds.Add(1)
		return rules
	})
	assert.Zero(t, builds.Load(), "built before its first use")
	bodies := []any{
		map[string]any{"message": "hi"},
		map[string]any{"message": " "},
		map[string]any{},
		map[string]any{"message": 1.0},
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, body := range bodies {
				req := &OutgoingRequest{API: "testapi", Method: "POST", Path: "/send/", Body: body}
				want, got := rules.Check(req), check(req)
				if want == nil {
					assert.NoError(t, got)
					continue
				}
				assert.EqualError(t, got, want.Error())
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), builds.Load())

	broken := LazyRules(func() FieldRules { panic("bad pattern") })
	req := &OutgoingRequest{API: "testapi", Method: "POST", Path: "/send/", Body: map[string]any{}}
	for range 2 {
		assert.PanicsWithValue(t, "bad pattern", func() { _ = broken(req) }, "a build that panicked checks nothing")
	}
}

func TestFieldRules(t *testing.T) {
	clock := regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$`)
	rules := FieldRules{
		{In: InQuery, Name: "date", Type: "string", Format: "date"},
		{In: InQuery, Name: "limit", Type: "integer", Minimum: Bound(1)},
		{In: InQuery, Name: "active", Type: "boolean"},
		{In: InQuery, Name: "type", Type: "string", Required: true, Enum: []string{"checkins", "forms"}},
		{In: InBody, Name: "name", Type: "string", Required: true, MinLength: 1},
		{In: InBody, Name: "text", Type: "string", Pattern: regexp.MustCompile(`\S`), PatternMessage: "must not be blank"},
		{In: InBody, Name: "time", Type: "string", Nullable: true, Pattern: clock},
		{In: InBody, Name: "count", Type: "integer", Minimum: Bound(0), Maximum: Bound(3)},
		{In: InBody, Name: "code", Type: "string", MinLength: 2, MaxLength: 3},
		{In: InBody, Name: "at", Type: "string", Format: "date-time"},
		{In: InBody, Name: "days", Type: "array", MaxItems: 3, Items: &FieldRule{Type: "integer", Minimum: Bound(1), Maximum: Bound(7)}},
		{In: InBody, Name: "channels", Type: "array", MinItems: 1, Items: &FieldRule{Type: "object", Properties: []FieldRule{
			{Name: "id", Type: "string", Required: true},
		}}},
		{In: InBody, Name: "big", Type: "number", Maximum: Bound(1.5)},
		{In: InBody, Name: "subs", OneOf: []FieldRule{{Type: "string", MinLength: 1}, {Type: "array", Items: &FieldRule{Type: "string"}}}},
		{In: InBody, Name: "value", Nullable: true, OneOf: []FieldRule{{Type: "string"}, {Type: "object", Properties: []FieldRule{{Name: "id", Type: "string"}}}}},
	}
	tests := []struct {
		name        string
		query       string
		body        string
		wantField   string
		wantProblem string
	}{
		{name: "all good", query: "type=forms&date=2024-01-31&limit=5&active=true",
			body: `{"name":"n","text":" x ","time":null,"count":3,"code":"ab","at":"2024-01-31T09:30:00Z","days":[1,7],"channels":[{"id":"C1","x":1}],"big":1.5,"extra":{"k":[]}}`},
		{name: "a body that is not an object skips body rules", query: "type=forms", body: `[1]`},
		{name: "no body skips body rules", query: "type=forms"},
		{name: "query required", wantField: "type", wantProblem: "is required"},
		{name: "query enum", query: "type=check-ins", wantField: "type", wantProblem: `must be one of "checkins", "forms" (got "check-ins")`},
		{name: "query date", query: "type=forms&date=2024-2-1", wantField: "date", wantProblem: `must be a date as YYYY-MM-DD, e.g. 2024-01-31 (got "2024-2-1")`},
		{name: "query integer", query: "type=forms&limit=ten", wantField: "limit", wantProblem: `must be a number (got "ten")`},
		{name: "query minimum", query: "type=forms&limit=0", wantField: "limit", wantProblem: "must be at least 1 (got 0)"},
		{name: "query fraction", query: "type=forms&limit=1.5", wantField: "limit", wantProblem: "must be a whole number (got the number 1.5)"},
		{name: "query boolean", query: "type=forms&active=yes", wantField: "active", wantProblem: `must be true or false (got "yes")`},
		{name: "body required", query: "type=forms", body: `{}`, wantField: "name", wantProblem: "is required"},
		{name: "body null", query: "type=forms", body: `{"name":null}`, wantField: "name", wantProblem: "must not be null"},
		{name: "body type", query: "type=forms", body: `{"name":5}`, wantField: "name", wantProblem: "must be a string (got the number 5)"},
		{name: "empty", query: "type=forms", body: `{"name":""}`, wantField: "name", wantProblem: "must not be empty"},
		{name: "blank", query: "type=forms", body: `{"name":"n","text":" \t\n"}`, wantField: "text", wantProblem: `must not be blank (got " \t\n")`},
		{name: "pattern without message", query: "type=forms", body: `{"name":"n","time":"9:30"}`, wantField: "time",
			wantProblem: `must match the pattern ^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$ (got "9:30")`},
		{name: "range", query: "type=forms", body: `{"name":"n","count":4}`, wantField: "count", wantProblem: "must be between 0 and 3 (got 4)"},
		{name: "integer as string", query: "type=forms", body: `{"name":"n","count":"2"}`, wantField: "count", wantProblem: "must be a whole number (got a string)"},
		{name: "too short", query: "type=forms", body: `{"name":"n","code":"a"}`, wantField: "code", wantProblem: "must be at least 2 characters long (got 1)"},
		{name: "too long", query: "type=forms", body: `{"name":"n","code":"abcd"}`, wantField: "code", wantProblem: "must be at most 3 characters long (got 4)"},
		{name: "date-time", query: "type=forms", body: `{"name":"n","at":"yesterday"}`, wantField: "at",
			wantProblem: `must be a date and time as RFC 3339, e.g. 2024-01-31T09:30:00Z (got "yesterday")`},
		{name: "element", query: "type=forms", body: `{"name":"n","days":[1,9]}`, wantField: "days", wantProblem: "element 1 must be between 1 and 7 (got 9)"},
		{name: "too many", query: "type=forms", body: `{"name":"n","days":[1,2,3,4]}`, wantField: "days", wantProblem: "must have at most 3 elements (got 4)"},
		{name: "too few", query: "type=forms", body: `{"name":"n","channels":[]}`, wantField: "channels", wantProblem: "must have at least 1 elements (got 0)"},
		{name: "nested key", query: "type=forms", body: `{"name":"n","channels":[{"name":"x"}]}`, wantField: "channels", wantProblem: "element 0 key id is required"},
		{name: "maximum on a number", query: "type=forms", body: `{"name":"n","big":2}`, wantField: "big", wantProblem: "must be at most 1.5 (got 2)"},
		{name: "one of: a string", query: "type=forms", body: `{"name":"n","subs":"a","value":"v"}`},
		{name: "one of: an array", query: "type=forms", body: `{"name":"n","subs":["a"],"value":{"id":"v"}}`},
		{name: "one of: null where nullable", query: "type=forms", body: `{"name":"n","value":null}`},
		{name: "one of: null", query: "type=forms", body: `{"name":"n","subs":null}`, wantField: "subs", wantProblem: "must be a string or an array (got null)"},
		{name: "one of: neither type", query: "type=forms", body: `{"name":"n","subs":5}`, wantField: "subs",
			wantProblem: "must be a string or an array (got the number 5)"},
		{name: "one of: the shape of its type", query: "type=forms", body: `{"name":"n","subs":[1]}`, wantField: "subs",
			wantProblem: "element 0 must be a string (got the number 1)"},
		{name: "one of: a nested key", query: "type=forms", body: `{"name":"n","value":{"id":2}}`, wantField: "value",
			wantProblem: "key id must be a string (got the number 2)"},
		{name: "long values are clipped", query: "type=forms", body: `{"name":"n","text":"` + string(bytes.Repeat([]byte(" "), 100)) + `"}`,
			wantField: "text", wantProblem: `must not be blank (got "` + string(bytes.Repeat([]byte(" "), 64)) + `…")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			require.NoError(t, err)
			req := &OutgoingRequest{API: "testapi", Method: "POST", Path: "/x/", Query: q, Body: decodeBody([]byte(tt.body))}
			err = rules.Check(req)
			if tt.wantField == "" {
				assert.NoError(t, err)
				return
			}
			var v *ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, "testapi", v.API)
			assert.Equal(t, tt.wantField, v.Field)
			assert.Equal(t, tt.wantProblem, v.Problem)
		})
	}
}

// TestRequesterChecks: Do runs the checks of the operation a request belongs
// to, raw or built elsewhere, and refuses a request that breaks one before
// anything is sent; a request that passes is sent with its body whole.
func TestRequesterChecks(t *testing.T) {
	var hits atomic.Int32
	var lastBody atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		b, _ := io.ReadAll(r.Body)
		lastBody.Store(string(b))
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(srv.Close)
	base, err := url.Parse(srv.URL + "/v1")
	require.NoError(t, err)
	order := func(req *OutgoingRequest) error {
		if start, end := req.String("start_on"), req.String("end_on"); start != "" && end != "" && start > end {
			return req.Invalid("start_on", "must not be after end_on")
		}
		return nil
	}
	r := Requester{
		Base:      base,
		Transport: newTransport(t, NoRetry()),
		Responder: Responder{API: "testapi"},
		Checks: []RequestCheck{
			{Method: "PATCH", Path: "/checkins/{id}/", Check: FieldRules{{In: InBody, Name: "start_on", Type: "string", Format: "date"}}.Check},
			{Method: "PATCH", Path: "/checkins/{id}/", Check: order},
			{Method: "GET", Path: "/checkins/", Check: FieldRules{{In: InQuery, Name: "limit", Type: "integer", Minimum: Bound(1)}}.Check},
		},
	}
	ctx := context.Background()
	tests := []struct {
		name      string
		method    string
		path      string
		query     url.Values
		body      any
		wantField string
	}{
		{name: "rule of the spec", method: "PATCH", path: "/checkins/c1/", body: map[string]any{"start_on": "25/01/2022"}, wantField: "start_on"},
		{name: "rule of the library", method: "PATCH", path: "/checkins/c1/", body: json.RawMessage(`{"start_on":"2024-02-01","end_on":"2024-01-01"}`), wantField: "start_on"},
		{name: "query rule", method: "GET", path: "/checkins/", query: url.Values{"limit": {"0"}}, wantField: "limit"},
		{name: "passes", method: "PATCH", path: "/checkins/c1/", body: []byte(`{"start_on":"2024-01-01","end_on":null}`)},
		{name: "another method is not checked", method: "POST", path: "/checkins/c1/", body: map[string]any{"start_on": "x"}},
		{name: "another path is not checked", method: "PATCH", path: "/users/u1/", body: map[string]any{"start_on": "x"}},
		{name: "a body that is not JSON is not checked", method: "PATCH", path: "/checkins/c1/", body: []byte(`start_on=x`)},
		{name: "an empty path parameter", method: "GET", path: "/checkins//", wantField: "path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := hits.Load()
			var out json.RawMessage
			_, err := r.Call(ctx, tt.method, tt.path, tt.query, tt.body, &out)
			if tt.wantField != "" {
				var v *ValidationError
				require.ErrorAs(t, err, &v)
				assert.Equal(t, tt.wantField, v.Field)
				assert.Equal(t, before, hits.Load(), "nothing is sent")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, before+1, hits.Load())
			sent, _ := json.Marshal(tt.body)
			if raw, ok := tt.body.([]byte); ok {
				sent = raw
			}
			assert.Equal(t, string(sent), lastBody.Load(), "the body reaches the server whole")
		})
	}

	t.Run("a request built elsewhere is checked too", func(t *testing.T) {
		req, err := http.NewRequestWithContext(ctx, "PATCH", srv.URL+"/v1/checkins/c1/", io.NopCloser(bytes.NewReader([]byte(`{"start_on":"x"}`))))
		require.NoError(t, err)
		require.Nil(t, req.GetBody, "a body without GetBody is read and put back")
		before := hits.Load()
		_, err = r.Do(req, nil)
		assert.True(t, IsValidation(err))
		assert.Equal(t, before, hits.Load())

		req, err = http.NewRequestWithContext(ctx, "PATCH", srv.URL+"/v1/checkins/c1/", io.NopCloser(bytes.NewReader([]byte(`{"start_on":"2024-01-01"}`))))
		require.NoError(t, err)
		_, err = r.Do(req, nil)
		require.NoError(t, err)
		assert.Equal(t, `{"start_on":"2024-01-01"}`, lastBody.Load())
		assert.Equal(t, "application/json", req.Header.Get("Accept"), "Do asks for JSON")
	})

	t.Run("WithoutChecks sends a request as it is", func(t *testing.T) {
		before := hits.Load()
		_, err := r.Call(WithoutChecks(ctx), "GET", "/checkins/", url.Values{"limit": {"0"}}, nil, nil)
		require.NoError(t, err)
		assert.Equal(t, before+1, hits.Load())
	})
}

// TestRequesterUnwrap: a typed out decodes what Unwrap leaves, a raw out the
// whole body, and typed methods and Do decode alike (Responder.decode).
func TestRequesterUnwrap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/html":
			_, _ = io.WriteString(w, "<html>proxy</html>")
		default:
			_, _ = io.WriteString(w, `{"status":"success","data":{"id":"x"}}`)
		}
	}))
	t.Cleanup(srv.Close)
	base, err := url.Parse(srv.URL)
	require.NoError(t, err)
	r := Requester{
		Base: base, Transport: newTransport(t, NoRetry()), Responder: Responder{API: "testapi"},
		Unwrap: func(body []byte) []byte {
			var env struct{ Data json.RawMessage }
			if json.Unmarshal(body, &env) == nil && env.Data != nil {
				return env.Data
			}
			return body
		},
	}
	ctx := context.Background()
	var typed struct{ ID string }
	_, err = r.Call(ctx, "GET", "/thing", nil, nil, &typed)
	require.NoError(t, err)
	assert.Equal(t, "x", typed.ID)

	var raw json.RawMessage
	res, err := r.Call(ctx, "GET", "/thing", nil, nil, &raw)
	require.NoError(t, err)
	assert.JSONEq(t, `{"status":"success","data":{"id":"x"}}`, string(raw))
	assert.Equal(t, []byte(raw), res.Body)

	_, err = r.Call(ctx, "GET", "/html", nil, nil, nil)
	var d *DecodeError
	require.True(t, errors.As(err, &d), "a 2xx that is not JSON is a DecodeError even when out is nil: %v", err)
}

func TestUndeclaredKeys(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantExtra map[string]any
		wantOut   string
	}{
		{name: "none", in: `{"count":1,"results":[]}`, wantOut: `{"count":1,"results":[]}`},
		{name: "some", in: `{"count":1,"mood":"ok","n":{"a":[1]}}`, wantExtra: map[string]any{"mood": "ok", "n": map[string]any{"a": []any{json.Number("1")}}},
			wantOut: `{"count":1,"mood":"ok","n":{"a":[1]}}`},
		{name: "big number keeps its digits", in: `{"count":1,"id":12345678901234567890}`, wantExtra: map[string]any{"id": json.Number("12345678901234567890")},
			wantOut: `{"count":1,"id":12345678901234567890}`},
		{name: "empty object", in: `{ }`, wantOut: `{ }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			extra, err := UndeclaredKeys([]byte(tt.in), "count", "results")
			require.NoError(t, err)
			assert.Equal(t, tt.wantExtra, extra)
			declared := map[string]any{}
			require.NoError(t, json.Unmarshal([]byte(tt.in), &declared))
			for k := range extra {
				delete(declared, k)
			}
			b, err := json.Marshal(declared)
			require.NoError(t, err)
			out, err := AppendKeys(b, extra)
			require.NoError(t, err)
			assert.JSONEq(t, tt.wantOut, string(out), "a round trip keeps every key")
		})
	}
	_, err := UndeclaredKeys([]byte(`[1]`))
	assert.Error(t, err, "an array is not an object")
	out, err := AppendKeys([]byte(`{ }`), map[string]any{"a": 1, "b": "x"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":1,"b":"x"}`, string(out))
	_, err = AppendKeys([]byte(`[]`), map[string]any{"a": 1})
	assert.Error(t, err)
}

func TestDecodeArray(t *testing.T) {
	tests := []struct {
		in        string
		wantItems []int
		wantArray bool
		wantErr   bool
	}{
		{in: ` [1,2]`, wantItems: []int{1, 2}, wantArray: true},
		{in: `[]`, wantItems: []int{}, wantArray: true},
		{in: `{"results":[1]}`},
		{in: ``},
		{in: `["x"]`, wantArray: true, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			items, isArray, err := DecodeArray[int]([]byte(tt.in))
			assert.Equal(t, tt.wantArray, isArray)
			assert.Equal(t, tt.wantErr, err != nil)
			if !tt.wantErr {
				assert.Equal(t, tt.wantItems, items)
			}
		})
	}
}
