package botsdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errSentinel = errors.New("sentinel")

func TestAPIError(t *testing.T) {
	tests := []struct {
		name string
		err  *APIError
		want string
	}{
		{name: "code and message", err: &APIError{API: "assistbot", StatusCode: 401, Code: "101", Message: "Invalid authorization token"},
			want: "assistbot: HTTP 401 [101]: Invalid authorization token"},
		{name: "no code", err: &APIError{API: "botaz", StatusCode: 403, Message: "You do not have permission to do this."},
			want: "botaz: HTTP 403: You do not have permission to do this."},
		{name: "no message falls back to status text", err: &APIError{API: "dailybot", StatusCode: 502},
			want: "dailybot: HTTP 502: Bad Gateway"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
	wrapped := fmt.Errorf("outer: %w", &APIError{API: "a", StatusCode: 400, Err: errSentinel})
	var apiErr *APIError
	require.True(t, errors.As(wrapped, &apiErr))
	assert.True(t, errors.Is(wrapped, errSentinel))
	assert.False(t, apiErr.Temporary())
	assert.True(t, (&APIError{StatusCode: 503}).Temporary())
}

func TestResponderDecode(t *testing.T) {
	mapErr := func(e *APIError, body []byte) {
		var b struct {
			Detail string `json:"detail"`
			Code   string `json:"code"`
		}
		if json.Unmarshal(body, &b) == nil {
			e.Code, e.Message = b.Code, b.Detail
		}
	}
	r := Responder{API: "dailybot", MapError: mapErr}
	tests := []struct {
		name     string
		status   int
		body     string
		header   http.Header
		wantName string
		wantErr  string
		check    func(t *testing.T, e *APIError)
	}{
		{name: "200 with unknown fields", status: 200, body: `{"name":"x","surprise":1}`, wantName: "x"},
		{name: "201", status: 201, body: `{"name":"made"}`, wantName: "made"},
		{name: "202 empty", status: 202, body: ``},
		{name: "204 empty", status: 204, body: ``},
		{name: "bad JSON", status: 200, body: `{"name":`, wantErr: "decode HTTP 200 response"},
		{name: "404 mapped", status: 404, body: `{"detail":"Not found.","code":"not_found"}`, wantErr: "dailybot: HTTP 404 [not_found]: Not found.",
			check: func(t *testing.T, e *APIError) {
				assert.Equal(t, "GET", e.Method)
				assert.Equal(t, "/v1/x/", e.Path)
				assert.Contains(t, string(e.Body), "Not found.")
			}},
		{name: "429 keeps Retry-After", status: 429, body: `{"detail":"Request was throttled."}`, header: http.Header{"Retry-After": {"30"}},
			wantErr: "HTTP 429", check: func(t *testing.T, e *APIError) { assert.Equal(t, 30*time.Second, e.RetryAfter) }},
		{name: "500 HTML body", status: 500, body: `<html>oops</html>`, wantErr: "dailybot: HTTP 500: Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				for k, v := range tt.header {
					w.Header()[k] = v
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			resp, err := http.Get(srv.URL + "/v1/x/")
			var out struct {
				Name string `json:"name"`
			}
			err = r.Decode(resp, err, &out)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				var e *APIError
				if tt.check != nil {
					require.True(t, errors.As(err, &e))
					tt.check(t, e)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantName, out.Name)
		})
	}
}

func TestTruncateKeepsRunes(t *testing.T) {
	body := []byte(strings.Repeat("é", MaxErrorBody)) // 2 bytes each
	e := NewAPIError("x", nil, body)
	assert.LessOrEqual(t, len(e.Body), MaxErrorBody)
	assert.True(t, strings.HasPrefix(string(body), string(e.Body)))
	assert.Equal(t, 0, len(e.Body)%2)
}

func TestSecretNeverPrints(t *testing.T) {
	const value = "sk-very-secret-value"
	s := NewSecret(value)
	cfg := struct {
		Key  Secret
		Name string
		key  Secret // unexported: fmt prints it by reflection, without calling Format
	}{Key: s, Name: "n", key: s}
	var logBuf bytes.Buffer
	slog.New(slog.NewJSONHandler(&logBuf, nil)).Info("cfg", "key", s)
	js, err := json.Marshal(cfg)
	require.NoError(t, err)
	outputs := []string{
		fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q %x", s, s, s, s, s, s),
		fmt.Sprintf("%v %+v %#v", cfg, cfg, cfg), string(js), logBuf.String(),
	}
	for _, out := range outputs {
		assert.NotContains(t, out, value)
		assert.Contains(t, out, "[redacted]")
	}
	assert.Equal(t, value, s.Reveal())
	assert.False(t, s.IsZero())
	assert.True(t, Secret{}.IsZero())
	assert.Equal(t, "", Secret{}.Reveal())
}

func TestResponderDecodeWithoutOutStillWantsJSON(t *testing.T) {
	r := Responder{API: "dailybot"}
	tests := []struct {
		name, body, contentType string
		wantErr                 bool
	}{
		{name: "JSON answer", body: `{"bot_message_id":"m1"}`, contentType: "application/json"},
		{name: "empty answer", body: ``},
		{name: "proxy's HTML page", body: `<html>Welcome to the hotel Wi-Fi</html>`, contentType: "text/html", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/send-message/", nil)
			resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {tt.contentType}},
				Body: io.NopCloser(strings.NewReader(tt.body)), Request: req}
			err := r.Decode(resp, nil, nil)
			if !tt.wantErr {
				require.NoError(t, err)
				return
			}
			var d *DecodeError
			require.ErrorAs(t, err, &d)
			assert.Equal(t, "text/html", d.ContentType)
			assert.Contains(t, err.Error(), "dailybot: POST /v1/send-message/: decode HTTP 200 response (text/html): the answer is not JSON")
		})
	}
}
