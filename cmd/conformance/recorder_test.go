package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakePrism answers as Prism 5 does with --errors: a response violation
// in the sl-violations header and a VIOLATIONS problem, a request it
// refuses as an UNPROCESSABLE_ENTITY problem without the header, or the
// upstream's answer; it hands what it received to seen.
func fakePrism(t *testing.T, seen chan<- *http.Request, bodies chan<- string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if seen != nil {
			seen <- r
			bodies <- string(body)
		}
		switch r.URL.Path {
		case "/bad-response":
			w.Header().Set("sl-violations", `[{"location":["response","body","uuid"],"severity":"Error","code":"type","message":"Response body property uuid must be string"}]`)
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, `{"type":"https://stoplight.io/prism/errors#VIOLATIONS","title":"Request/Response not valid","status":500,"validation":[{"location":["response","body","uuid"],"severity":"Error","code":"type","message":"Response body property uuid must be string"}]}`)
		case "/bad-request":
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = io.WriteString(w, `{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request","status":422,"validation":[{"location":["query"],"severity":"Error","code":"required","message":"Request query must have required property 'type'"}]}`)
		case "/no-auth":
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"type":"https://stoplight.io/prism/errors#UNAUTHORIZED","title":"Invalid security scheme used","status":401,"detail":"no luck"}`)
		case "/warned":
			w.Header().Set("sl-violations", `[{"location":["request","query","x"],"severity":"Warning","message":"unknown"}]`)
			w.WriteHeader(http.StatusOK)
		case "/api-problem":
			// The mock's own problem body: not Prism's.
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"type":"about:blank","title":"Not found"}`)
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRecorderNotesViolations(t *testing.T) {
	prism := fakePrism(t, nil, nil)
	u, err := url.Parse(prism.URL)
	require.NoError(t, err)
	rec := newRecorder(u)
	front := httptest.NewServer(rec)
	defer front.Close()

	get := func(path string) (int, string) {
		resp, err := http.Get(front.URL + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	rec.begin(nil)
	for _, p := range []string{"/ok?a=1", "/bad-response", "/bad-request", "/no-auth", "/warned", "/api-problem"} {
		get(p)
	}
	ex := rec.end()
	require.Len(t, ex, 6)

	assert.Equal(t, exchange{Method: "GET", Path: "/ok", Query: "a=1", Status: 200}, ex[0])

	assert.Equal(t, "VIOLATIONS", ex[1].Prism)
	require.Len(t, ex[1].Violations, 1, "the header's, not once more the body's")
	assert.Equal(t, violation{Kind: "response", Location: "response.body.uuid", Message: "Response body property uuid must be string", Severity: "Error"}, ex[1].Violations[0])

	assert.Equal(t, "UNPROCESSABLE_ENTITY", ex[2].Prism)
	require.Len(t, ex[2].Violations, 1)
	assert.Equal(t, "prism UNPROCESSABLE_ENTITY: query: Request query must have required property 'type'", ex[2].Violations[0].String())

	require.Len(t, ex[3].Violations, 1)
	assert.Equal(t, "prism UNAUTHORIZED: Invalid security scheme used: no luck", ex[3].Violations[0].String())

	require.Len(t, ex[4].Violations, 1, "a warning is a violation too")
	assert.Equal(t, "request: request.query.x: unknown (Warning)", ex[4].Violations[0].String())

	assert.Empty(t, ex[5].Prism, "a problem body that is not Prism's")
	assert.Empty(t, ex[5].Violations)

	rec.begin(nil)
	status, body := get("/bad-request")
	assert.Equal(t, http.StatusUnprocessableEntity, status, "passed on as it came")
	assert.Contains(t, body, "UNPROCESSABLE_ENTITY")
	assert.Len(t, rec.end(), 1, "begin dropped the earlier call's")
}

func TestRecorderNotesAnUnreachablePrism(t *testing.T) {
	prism := fakePrism(t, nil, nil)
	u, _ := url.Parse(prism.URL)
	prism.Close()
	rec := newRecorder(u)
	front := httptest.NewServer(rec)
	defer front.Close()
	rec.begin(nil)
	resp, err := http.Get(front.URL + "/x")
	require.NoError(t, err)
	resp.Body.Close()
	ex := rec.end()
	require.Len(t, ex, 1)
	assert.Equal(t, http.StatusBadGateway, ex[0].Status)
	assert.Equal(t, "UNREACHABLE", ex[0].Prism)
	assert.NotEmpty(t, ex[0].Violations)
}

func TestRecorderSpoilsCredentials(t *testing.T) {
	seen, bodies := make(chan *http.Request, 1), make(chan string, 1)
	prism := fakePrism(t, seen, bodies)
	u, _ := url.Parse(prism.URL)
	rec := newRecorder(u)
	front := httptest.NewServer(rec)
	defer front.Close()
	target := &operation{Method: "POST", route: routeOf("/login")}
	send := func(path, auth, body string) (*http.Request, string) {
		req, err := http.NewRequest(http.MethodPost, front.URL+path, strings.NewReader(body))
		require.NoError(t, err)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		req.Header.Set("X-API-KEY", "k")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return <-seen, <-bodies
	}

	rec.begin(&tamper{headers: []string{"Authorization", "X-API-KEY"}, target: target, secrets: []string{"appSecret", "missing"}})
	r, body := send("/login", "", `{"appId":"a","appSecret":"s","n":1}`)
	assert.Empty(t, r.Header.Get("Authorization"), "a header the request lacks stays out")
	assert.Equal(t, wrongCredential, r.Header.Get("X-API-KEY"))
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &got))
	assert.Equal(t, map[string]any{"appId": "a", "appSecret": wrongCredential, "n": 1.0}, got)

	r, body = send("/users", "Bearer tok", `{"appSecret":"s"}`)
	assert.Equal(t, "Bearer "+wrongCredential, r.Header.Get("Authorization"), "the scheme stays")
	assert.JSONEq(t, `{"appSecret":"s"}`, body, "the body of another operation is left alone")
	rec.end()

	r, body = send("/login", "tok", `{"appSecret":"s"}`)
	assert.Equal(t, "tok", r.Header.Get("Authorization"), "no tampering outside an error call")
	assert.Equal(t, "k", r.Header.Get("X-API-KEY"))
	assert.JSONEq(t, `{"appSecret":"s"}`, body)
}

func TestSpoilSecrets(t *testing.T) {
	assert.Equal(t, []byte(`not json`), spoilSecrets([]byte(`not json`), []string{"k"}))
	assert.Equal(t, []byte(`{"k":1}`), spoilSecrets([]byte(`{"k":1}`), []string{"k"}), "only strings")
	assert.Equal(t, []byte(`{"x":"y"}`), spoilSecrets([]byte(`{"x":"y"}`), []string{"k"}))
	assert.True(t, bytes.Contains(spoilSecrets([]byte(`{"k":"v"}`), []string{"k"}), []byte(wrongCredential)))
}

func TestParseViolations(t *testing.T) {
	assert.Nil(t, parseViolations(nil))
	assert.Nil(t, parseViolations([]byte("null")))
	got := parseViolations([]byte(`Too many violations! [{"location":`))
	require.Len(t, got, 1)
	assert.Equal(t, "unreadable", got[0].Kind)
	assert.Contains(t, got[0].Message, "Too many violations!")
	got = parseViolations([]byte(`[{"location":["response","body","results",0,"uuid"],"message":"m","severity":"Error"}]`))
	assert.Equal(t, []violation{{Kind: "response", Location: "response.body.results.0.uuid", Message: "m", Severity: "Error"}}, got)
}
