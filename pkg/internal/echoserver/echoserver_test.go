package echoserver

import (
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

func TestHandler(t *testing.T) {
	const key = "K-123/+x"
	do := func(h Handler, path string) (*http.Response, map[string]any, error) {
		srv := httptest.NewServer(h)
		defer srv.Close()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(`{"secret":"`+key+`"}`))
		req.Header.Set("X-Api-Key", key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		var body map[string]any
		raw, _ := io.ReadAll(resp.Body)
		_ = json.Unmarshal(raw, &body)
		return resp, body, nil
	}

	resp, body, err := do(Handler{Status: http.StatusBadRequest}, "/v1/x")
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	for _, field := range []string{"detail", "message"} {
		assert.Contains(t, body[field], "X-Api-Key: "+key)
		assert.Contains(t, body[field], url.QueryEscape(key))
		assert.Contains(t, body[field], `{"secret":"`+key+`"}`)
	}
	assert.Contains(t, body["error"].(map[string]any)["message"], key)
	assert.Contains(t, resp.Header.Get("X-Echo"), key)

	resp, body, err = do(Handler{Status: http.StatusOK}, "/v1/x")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, body)

	_, body, err = do(Handler{LoginStatus: http.StatusOK}, "/login")
	require.NoError(t, err)
	assert.Equal(t, LoginToken, body["authToken"])

	_, body, err = do(Handler{LoginStatus: http.StatusUnauthorized}, "/login")
	require.NoError(t, err)
	assert.Contains(t, body["message"], key)

	_, _, err = do(Handler{Status: 0}, "/v1/x")
	assert.Error(t, err, "status 0 resets the connection")
}
