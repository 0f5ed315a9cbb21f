package speccheck

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/routers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidator(t *testing.T) {
	v, err := New(context.Background(), "assistbot", "/assistbot")
	require.NoError(t, err)
	assert.Equal(t, "/assistbot", v.BasePath())

	tests := []struct {
		name, path, auth, body string
		wantErr                string
	}{
		{name: "valid", path: "/assistbot/v1/company/members", auth: "Bearer k", body: `{"member_id":[1],"role":2}`},
		{name: "missing auth", path: "/assistbot/v1/company/members", body: `{}`, wantErr: "credentials missing"},
		{name: "bad body type", path: "/assistbot/v1/company/members", auth: "Bearer k", body: `{"active":"yes"}`, wantErr: "active"},
		{name: "history without standup_id", path: "/assistbot/v1/history/standups", auth: "Bearer k", body: `{"member_id":[2]}`, wantErr: "standup_id"},
		{name: "unknown path", path: "/assistbot/v1/nope", auth: "Bearer k", body: `{}`, wantErr: "no matching operation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1"+tt.path, strings.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/json")
			if tt.auth != "" {
				r.Header.Set("Authorization", tt.auth)
			}
			_, err := v.ValidateRequest(r)
			if tt.wantErr == "" {
				require.NoError(t, err)
				b, _ := io.ReadAll(r.Body)
				assert.Equal(t, tt.body, string(b), "the body stays readable")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}

	t.Run("route errors are typed", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:1/assistbot/v1/company/info", nil)
		_, _, err := v.Route(r)
		var re *routers.RouteError
		require.True(t, errors.As(err, &re))
		assert.ErrorIs(t, err, routers.ErrMethodNotAllowed)
	})

	t.Run("a routed request is validated against its route", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1/assistbot/v1/history/standups", strings.NewReader(`{"standup_id":"x"}`))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer k")
		route, params, err := v.Route(r)
		require.NoError(t, err)
		in, err := v.ValidateRoute(r, route, params)
		assert.ErrorContains(t, err, "standup_id")
		require.NotNil(t, in)
		assert.Same(t, route, in.Route, "the route is the one handed in, not found again")
		b, _ := io.ReadAll(r.Body)
		assert.Equal(t, `{"standup_id":"x"}`, string(b), "the body stays readable")
	})

	t.Run("responses", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1/assistbot/v1/company/info", strings.NewReader(`{}`))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer k")
		in, err := v.ValidateRequest(r)
		require.NoError(t, err)
		h := http.Header{"Content-Type": {"application/json"}}
		assert.NoError(t, v.ValidateResponse(r.Context(), in, 200, h, []byte(`{"data":{"name":"Acme","bot_enabled":true},"status":true}`)))
		assert.Error(t, v.ValidateResponse(r.Context(), in, 200, h, []byte(`{"data":{"name":7},"status":true}`)))
		assert.NoError(t, v.ValidateResponse(r.Context(), in, 401, h, []byte(`{"error":{"code":101,"message":"Invalid authorization token"},"status":false}`)))
	})
}

// TestNewFromSpec: a validator from spec bytes routes the operations those
// bytes declare, and is not the memoized one.
func TestNewFromSpec(t *testing.T) {
	spec := []byte(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"servers":[{"url":"https://example.com/v2"}],
"paths":{"/ping":{"get":{"operationId":"ping","responses":{"200":{"description":"ok"}}}}}}`)
	v, err := NewFromSpec(context.Background(), "ping", spec, "/mock")
	require.NoError(t, err)
	assert.Equal(t, "/mock/v2", v.BasePath())
	route, _, err := v.Route(httptest.NewRequest(http.MethodGet, "http://127.0.0.1:1/mock/v2/ping", nil))
	require.NoError(t, err)
	assert.Equal(t, "ping", route.Operation.OperationID)

	_, err = NewFromSpec(context.Background(), "broken", []byte(`{"openapi":`), "")
	assert.ErrorContains(t, err, "speccheck: broken")
}

func TestNewServerPassesValidTraffic(t *testing.T) {
	srv := NewServer(t, "assistbot", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":[],"count":0,"status":true}`)
	}))
	req, _ := http.NewRequest(http.MethodPost, srv.BaseURL+"/v1/elements/polls", strings.NewReader(`{"poll_id":1}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer k")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	reqs, bodies := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, `{"poll_id":1}`, string(bodies[0]))
}

func TestPreparePath(t *testing.T) {
	tests := []struct {
		name, api, path string
		wantErr         string
	}{
		{name: "a path of the spec", api: "dailybot", path: "/me/"},
		{name: "a templated path", api: "dailybot", path: "/users/{user_uuid}/"},
		{name: "unknown path", api: "dailybot", path: "/nope/", wantErr: `no path "/nope/"`},
		{name: "unknown api", api: "nope", path: "/me/", wantErr: `unknown spec "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := PreparePath(tt.api, tt.path)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
		})
	}
}

// PreparePath works on the parts a validator routes with, so the document
// it decodes (TestPreparePath: it reports PathDoc's errors) is the one a
// request is routed to, not one decoded again.
func TestPreparePathSharesTheValidatorsParts(t *testing.T) {
	require.NoError(t, PreparePath("botaz", "/messages/"))
	loaded.Lock()
	parts := loaded.parts["botaz"]
	loaded.Unlock()
	prepared, err := parts.RequestDoc("/messages/")
	require.NoError(t, err)

	v, err := New(context.Background(), "botaz", "/botaz")
	require.NoError(t, err)
	route, _, err := v.Route(httptest.NewRequest(http.MethodPost, "/botaz/api/messages/", nil))
	require.NoError(t, err)
	assert.Same(t, prepared, route.Spec)
}
