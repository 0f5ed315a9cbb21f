package assistbot_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestErrorCodes maps every documented code, with the docs' message, to its
// sentinel. The HTTP statuses are guesses (the docs do not give them); the mapping must not
// depend on them.
func TestErrorCodes(t *testing.T) {
	tests := []struct {
		code     int
		status   int
		message  string
		sentinel assistbot.ErrorCode
	}{
		{100, http.StatusUnauthorized, "Authorization token is not provided", assistbot.ErrTokenNotProvided},
		{101, http.StatusUnauthorized, "Invalid authorization token", assistbot.ErrInvalidToken},
		{102, http.StatusForbidden, "Not enough rights to access the API", assistbot.ErrNotEnoughRights},
		{200, http.StatusBadRequest, "Missing parameter", assistbot.ErrMissingParameter},
		{201, http.StatusBadRequest, `"From" date should be equal or before "To" date`, assistbot.ErrFromAfterTo},
		{202, http.StatusBadRequest, "Incorrect timezone", assistbot.ErrIncorrectTimezone},
		{203, http.StatusBadRequest, `"From" and "To" dates together are required`, assistbot.ErrFromToTogether},
		{204, http.StatusBadRequest, "Element id is required", assistbot.ErrElementIDRequired},
		{500, http.StatusInternalServerError, "Server error", assistbot.ErrServerError},
		{501, http.StatusNotFound, "Endpoint not found", assistbot.ErrEndpointNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.sentinel.Error(), func(t *testing.T) {
			t.Parallel()
			body := errorBody(tt.code, tt.message)
			c, _ := newTestClient(t, answer(tt.status, body))
			_, err := c.Polls.List(t.Context(), assistbot.ListPollsParams{})
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			for _, other := range tests {
				if other.code != tt.code {
					assert.NotErrorIs(t, err, other.sentinel)
				}
			}
			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "assistbot", apiErr.API)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, tt.sentinel.Error()[len("assistbot: error "):len("assistbot: error ")+3], apiErr.Code)
			assert.Equal(t, tt.message, apiErr.Message)
			assert.Equal(t, http.MethodPost, apiErr.Method)
			assert.Equal(t, "/v1/elements/polls", apiErr.Path)
			assert.JSONEq(t, string(body), string(apiErr.Body))
			assert.True(t, tt.sentinel.Valid())
		})
	}
}

// TestStatusFalseWithHTTP200 checks that a 200 whose body says status:false
// is an error too.
func TestStatusFalseWithHTTP200(t *testing.T) {
	t.Run("with error details", func(t *testing.T) {
		c, _ := newTestClient(t, answer(http.StatusOK, errorBody(101, "Invalid authorization token")))
		info, err := c.Company.Info(t.Context())
		assert.Nil(t, info)
		require.ErrorIs(t, err, assistbot.ErrInvalidToken)
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusOK, apiErr.StatusCode)
		assert.Equal(t, "101", apiErr.Code)
		assert.Equal(t, "assistbot: HTTP 200 [101]: Invalid authorization token", err.Error())
	})
	t.Run("without details", func(t *testing.T) {
		c, _ := newTestClient(t, answer(http.StatusOK, []byte(`{"data":[],"status":false}`)))
		got, err := c.Tasks.List(t.Context(), assistbot.ListTasksParams{})
		assert.Nil(t, got)
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusOK, apiErr.StatusCode)
		assert.Empty(t, apiErr.Code)
		assert.Nil(t, apiErr.Err)
		assert.Contains(t, err.Error(), "status:false")
	})
}

func TestErrorCodeText(t *testing.T) {
	assert.Equal(t, "assistbot: error 101: invalid authorization token", assistbot.ErrInvalidToken.Error())
	assert.Equal(t, 203, int(assistbot.ErrFromToTogether))
	assert.True(t, errors.Is(assistbot.ErrServerError, assistbot.ErrorCode(500)))
}
