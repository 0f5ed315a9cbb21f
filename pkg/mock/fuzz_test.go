package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
	"github.com/botsdk/botsdk/specs"
)

// FuzzMockRequest sends a fuzzed request (method, path below an API's base
// path, body, Content-Type, with or without working credentials) to every
// API of one mock, used as an http.Handler. Whatever comes in, the mock must
// not panic, must answer with a status in 200..599, and must answer an error
// in that API's own error shape as JSON; when the spec has an operation for
// the request, the error must also be one the spec declares for it.
//
// The mock's state is shared by all the inputs of a run (building a mock
// seeds thousands of objects), so a write one input makes is seen by the
// next; a failure names the input, the API and the answer.
func FuzzMockRequest(f *testing.F) {
	m, err := New(WithTokenTTL(24*time.Hour), WithWebhookClient(&http.Client{Transport: refuseTransport{}}))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(m.close)
	auth := fuzzCredentials(f, m)
	validators := map[string]*speccheck.Validator{}
	for _, api := range apiPrefixes {
		if validators[api], err = speccheck.New(context.Background(), api, "/"+api); err != nil {
			f.Fatal(err)
		}
	}
	for _, s := range fuzzSeeds(f, validators) {
		f.Add(s.method, s.path, s.body, s.contentType, true)
	}
	f.Add("GET", "/", []byte(nil), "", false)
	f.Add("POST", "/checkins/", []byte(`{"name":`), "application/json", true)
	f.Add("PATCH", "/messages/qZkS5QLZSBLKzYAwm", []byte("text=hi"), "application/x-www-form-urlencoded", true)

	f.Fuzz(func(t *testing.T, method, path string, body []byte, contentType string, withAuth bool) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path // below the API's base path, not beside it ("/assistbotx")
		}
		if !validHeaderValue(contentType) {
			return // net/http would not send it
		}
		for _, api := range apiPrefixes {
			req, err := http.NewRequest(method, "http://mock.test"+m.BasePath(api)+path, bytes.NewReader(body))
			if err != nil {
				return // not a request a client could send
			}
			if contentType != "" {
				req.Header.Set("Content-Type", contentType)
			}
			if withAuth {
				for k, v := range auth[api] {
					req.Header.Set(k, v)
				}
			}
			// The spec's operation for the request, if any, read from a copy.
			check := req.Clone(context.Background())
			check.Body = io.NopCloser(bytes.NewReader(body))
			in, _ := validators[api].ValidateRequest(check)

			rec := httptest.NewRecorder()
			m.ServeHTTP(rec, req)
			answer := fmt.Sprintf("%s: %s %q answered %d", api, method, req.URL.Path, rec.Code)
			if rec.Code < 200 || rec.Code > 599 {
				t.Fatalf("%s: %s", answer, rec.Body.Bytes())
			}
			if rec.Code < 400 {
				continue
			}
			if err := checkErrorShape(api, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
				t.Fatalf("%s, not in the API's error shape: %v: %s", answer, err, rec.Body.Bytes())
			}
			if in != nil && in.Route != nil {
				in.Request.Body = io.NopCloser(bytes.NewReader(body))
				if err := validators[api].ValidateResponse(context.Background(), in, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
					t.Fatalf("%s, an error its spec does not declare: %v: %s", answer, err, rec.Body.Bytes())
				}
			}
		}
	})
}

// refuseTransport fails every request: the fuzzer may subscribe a webhook,
// and its deliveries must not reach anything listening on this machine.
type refuseTransport struct{}

func (refuseTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("fuzz: webhook deliveries are not sent")
}

// fuzzCredentials returns each API's working credential headers for m,
// logging in to Bot Open for a token.
func fuzzCredentials(f testing.TB, m *Mock) map[string]map[string]string {
	c := m.cfg.creds
	login, _ := json.Marshal(map[string]string{"appId": c.BotOpenAppID, "appSecret": c.BotOpenAppSecret})
	req := httptest.NewRequest(http.MethodPost, m.BasePath("botopen")+"/login", bytes.NewReader(login))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, req)
	var out struct {
		AuthToken string `json:"authToken"`
	}
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &out) != nil || out.AuthToken == "" {
		f.Fatalf("Bot Open login: %d %s", rec.Code, rec.Body.Bytes())
	}
	return map[string]map[string]string{
		"assistbot": {"Authorization": "Bearer " + c.AssistBotKey},
		"dailybot":  {"X-API-KEY": c.DailyBotKey},
		"botaz":     {"X-User-Id": c.BotAzUserID, "X-Auth-Token": c.BotAzToken},
		"botopen":   {"Authorization": out.AuthToken},
	}
}

// fuzzSeed is one seed input of FuzzMockRequest.
type fuzzSeed struct {
	method, path string
	body         []byte
	contentType  string
}

// fuzzSeeds returns a request per operation of each spec (path parameters
// filled from the spec's examples) with each of its documented request
// bodies, or none.
func fuzzSeeds(f *testing.F, validators map[string]*speccheck.Validator) []fuzzSeed {
	var seeds []fuzzSeed
	for _, api := range apiPrefixes {
		doc, err := validators[api].Doc()
		if err != nil {
			f.Fatal(err)
		}
		bodies := map[string][]fuzzSeed{} // by operation id
		for _, ex := range specs.Examples(doc) {
			if ex.In != "request" || ex.Rejected {
				continue
			}
			b, err := json.Marshal(ex.Value)
			if err != nil {
				f.Fatal(err)
			}
			bodies[ex.OperationID] = append(bodies[ex.OperationID], fuzzSeed{body: b, contentType: ex.MediaType})
		}
		paths := doc.Paths.InMatchingOrder()
		sort.Strings(paths)
		for _, p := range paths {
			item := doc.Paths.Value(p)
			methods := make([]string, 0, len(item.Operations()))
			for method := range item.Operations() {
				methods = append(methods, method)
			}
			sort.Strings(methods)
			for _, method := range methods {
				op := item.Operations()[method]
				path := fillPath(p, append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...))
				seeds = append(seeds, fuzzSeed{method: method, path: path})
				for _, b := range bodies[op.OperationID] {
					b.method, b.path = method, path
					seeds = append(seeds, b)
				}
			}
		}
	}
	return seeds
}

// fillPath replaces each {name} in path with the parameter's example, or "1".
func fillPath(path string, params openapi3.Parameters) string {
	for _, p := range params {
		if p.Value == nil || p.Value.In != openapi3.ParameterInPath {
			continue
		}
		value := "1"
		switch {
		case p.Value.Example != nil:
			value = fmt.Sprint(p.Value.Example)
		case p.Value.Schema != nil && p.Value.Schema.Value != nil && p.Value.Schema.Value.Example != nil:
			value = fmt.Sprint(p.Value.Schema.Value.Example)
		}
		path = strings.ReplaceAll(path, "{"+p.Value.Name+"}", value)
	}
	return path
}

// validHeaderValue reports whether net/http would send v as a header value:
// no control characters other than tab.
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// checkErrorShape checks an error answer against its API's error dialect:
// AssistBot {"error":{"code":N,"message":"…"},"status":false}; DailyBot
// {"detail":"…"} with optional code and field errors; Bot.Az
// {"status":"error","message":"…"}; Bot Open {"statusCode":N,"message":"…",
// "error":"…"} with statusCode the HTTP status.
func checkErrorShape(api string, status int, header http.Header, body []byte) error {
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("Content-Type %q", ct)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	switch api {
	case "assistbot":
		var e struct {
			Error *struct {
				Code    *int    `json:"code"`
				Message *string `json:"message"`
			} `json:"error"`
			Status *bool `json:"status"`
		}
		if err := dec.Decode(&e); err != nil {
			return err
		}
		if e.Error == nil || e.Error.Code == nil || e.Error.Message == nil || e.Status == nil || *e.Status {
			return errors.New(`want {"error":{"code","message"},"status":false}`)
		}
	case "dailybot":
		var e struct {
			Detail *string             `json:"detail"`
			Code   string              `json:"code"`
			Errors map[string][]string `json:"errors"`
		}
		if err := dec.Decode(&e); err != nil {
			return err
		}
		if e.Detail == nil || *e.Detail == "" {
			return errors.New(`want {"detail":"…"}`)
		}
	case "botaz":
		var e struct {
			Status  *string `json:"status"`
			Message *string `json:"message"`
		}
		if err := dec.Decode(&e); err != nil {
			return err
		}
		if e.Status == nil || *e.Status != "error" || e.Message == nil || *e.Message == "" {
			return errors.New(`want {"status":"error","message":"…"}`)
		}
	case "botopen":
		var e struct {
			StatusCode *int    `json:"statusCode"`
			Message    *string `json:"message"`
			Error      *string `json:"error"`
		}
		if err := dec.Decode(&e); err != nil {
			return err
		}
		if e.StatusCode == nil || *e.StatusCode != status || e.Message == nil || e.Error == nil {
			return errors.New(`want {"statusCode":<the status>,"message","error"}`)
		}
	default:
		return fmt.Errorf("unknown api %q", api)
	}
	return nil
}

// TestHandlerReadsFormOfClientRequest: a form body in a request built by
// http.NewRequest, as FuzzMockRequest and tests that use the mock as a
// handler build them, is answered like the same parameters sent as JSON.
// Such a request has a GetBody, which once made AssistBot's spec check read
// the form text as JSON and answer code 200 "Invalid parameter".
func TestHandlerReadsFormOfClientRequest(t *testing.T) {
	m, err := New()
	require.NoError(t, err)
	t.Cleanup(m.close)
	send := func(contentType, body string) (int, string) {
		req, err := http.NewRequest(http.MethodPost, "http://mock.test/assistbot/v1/history/standups", strings.NewReader(body))
		require.NoError(t, err)
		require.NotNil(t, req.GetBody)
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Authorization", "Bearer "+DefaultCredentials().AssistBotKey)
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	wantStatus, want := send("application/json", `{"standup_id":1,"department_id":[1,2]}`)
	require.Equal(t, http.StatusOK, wantStatus, want)
	status, got := send("application/x-www-form-urlencoded", "standup_id=1&department_id[]=1&department_id[]=2")
	assert.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, want, got)
}
