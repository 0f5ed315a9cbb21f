package mock

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
