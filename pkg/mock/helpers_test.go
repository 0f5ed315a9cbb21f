package mock

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// specCall is one raw request to the mock whose response is checked against
// the API's spec.
type specCall struct {
	API     string            // "assistbot", "dailybot", "botaz", "botopen"
	Method  string            // HTTP method
	Path    string            // path below the API's base path, e.g. "/checkins/?limit=2"
	Body    string            // request body (JSON unless Header says otherwise)
	Header  map[string]string // extra headers; credentials are added by auth unless NoAuth
	NoAuth  bool              // send no credentials
	Invalid bool              // the request is meant to violate the spec: skip request validation
}

var (
	validatorsMu sync.Mutex
	validators   = map[string]*speccheck.Validator{}
)

// validatorFor returns the spec validator for api mounted at the mock prefix.
func validatorFor(t *testing.T, api string) *speccheck.Validator {
	t.Helper()
	validatorsMu.Lock()
	defer validatorsMu.Unlock()
	if v, ok := validators[api]; ok {
		return v
	}
	v, err := speccheck.New(context.Background(), api, "/"+api)
	require.NoError(t, err)
	validators[api] = v
	return v
}

// do sends c to srv, validates the request (unless c.Invalid) and the
// response against the spec, and returns the status, headers and body.
// auth adds the default credentials for c.API (see authHeaders).
func do(t *testing.T, srv *Server, c specCall) (int, http.Header, []byte) {
	t.Helper()
	v := validatorFor(t, c.API)
	url := srv.URL + v.BasePath() + c.Path
	req, err := http.NewRequest(c.Method, url, strings.NewReader(c.Body))
	require.NoError(t, err)
	if c.Body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if !c.NoAuth {
		for k, val := range authHeaders(t, srv, c.API) {
			req.Header.Set(k, val)
		}
	}
	for k, val := range c.Header {
		req.Header.Set(k, val)
	}
	// Validate a copy, so the request sent is untouched.
	check := req.Clone(context.Background())
	check.Body = io.NopCloser(strings.NewReader(c.Body))
	in, reqErr := v.ValidateRequest(check)
	if !c.Invalid {
		require.NoError(t, reqErr, "the test's own request violates the %s spec", c.API)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if in != nil && in.Route != nil {
		// Responses to invalid requests must still be in the spec's error shapes.
		in.Request.Body = io.NopCloser(bytes.NewReader([]byte(c.Body)))
		require.NoError(t, v.ValidateResponse(context.Background(), in, resp.StatusCode, resp.Header, body),
			"the mock's %d response to %s %s violates the %s spec: %s", resp.StatusCode, c.Method, c.Path, c.API, body)
	}
	return resp.StatusCode, resp.Header, body
}

// authHeaders returns working credentials for api against srv. For Bot Open it
// logs in first.
func authHeaders(t *testing.T, srv *Server, api string) map[string]string {
	t.Helper()
	creds := srv.Mock.cfg.creds
	switch api {
	case "assistbot":
		return map[string]string{"Authorization": "Bearer " + creds.AssistBotKey}
	case "dailybot":
		return map[string]string{"X-API-KEY": creds.DailyBotKey}
	case "botaz":
		return map[string]string{"X-User-Id": creds.BotAzUserID, "X-Auth-Token": creds.BotAzToken}
	case "botopen":
		return map[string]string{"Authorization": botOpenToken(t, srv)}
	}
	t.Fatalf("unknown api %q", api)
	return nil
}
