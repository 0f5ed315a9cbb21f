package assistbot

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestMapErrorOddBodies feeds mapError the bodies a proxy or a changed API
// might send; the spec-validating server cannot produce them.
func TestMapErrorOddBodies(t *testing.T) {
	tests := []struct {
		name, body      string
		wantCode        string
		wantMessage     string
		wantErr         error
		wantHTTPMessage bool
	}{
		{name: "empty", body: ``, wantHTTPMessage: true},
		{name: "html", body: `<html><body>502 Bad Gateway</body></html>`, wantHTTPMessage: true},
		{name: "other json", body: `{"detail":"nope"}`, wantHTTPMessage: true},
		{name: "error not an object", body: `{"error":"boom","status":false}`, wantHTTPMessage: true},
		{name: "code as string", body: `{"error":{"code":"101","message":"Invalid authorization token"},"status":false}`,
			wantCode: "101", wantMessage: "Invalid authorization token", wantErr: ErrInvalidToken},
		{name: "no message", body: `{"error":{"code":500},"status":false}`, wantCode: "500", wantErr: ErrServerError, wantHTTPMessage: true},
		{name: "code not a number", body: `{"error":{"code":"E1","message":"odd"},"status":false}`, wantMessage: "odd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: http.StatusBadGateway, Header: http.Header{}, Request: &http.Request{Method: http.MethodPost, URL: mustURL("https://api.assist-bot.com/v1/elements/polls")}}
			e := botsdk.NewAPIError(apiName, resp, []byte(tt.body))
			mapError(e, []byte(tt.body))
			assert.Equal(t, tt.wantCode, e.Code)
			assert.Equal(t, tt.wantMessage, e.Message)
			assert.Equal(t, tt.wantErr, e.Err)
			if tt.wantHTTPMessage {
				assert.Contains(t, e.Error(), "Bad Gateway")
			}
		})
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// TestUndocumentedCode keeps a code the docs do not list matchable (the
// spec's enum would refuse it in a spec-validated answer).
func TestUndocumentedCode(t *testing.T) {
	body := []byte(`{"error":{"code":777,"message":"Something new"},"status":false}`)
	e := botsdk.NewAPIError(apiName, &http.Response{StatusCode: http.StatusBadRequest, Header: http.Header{}}, body)
	mapError(e, body)
	var err error = e
	assert.ErrorIs(t, err, ErrorCode(777))
	var code ErrorCode
	require.ErrorAs(t, err, &code)
	assert.False(t, code.Valid())
	assert.Equal(t, "assistbot: error 777: undocumented error code", code.Error())
	assert.Equal(t, "assistbot: HTTP 400 [777]: Something new", err.Error())
}
