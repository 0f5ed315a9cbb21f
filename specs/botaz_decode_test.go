package specs_test

import (
	"encoding/json"
	"testing"

	"github.com/oapi-codegen/nullable"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/gen/botaz"
)

// botAzTypes maps every example slot of specs/botaz.yaml to the generated Go
// type its body decodes into. The 401, 403 and 405 slots come from the shared
// components/responses, which every operation references.
var botAzTypes = map[string]func() any{
	"sendMessage request":        func() any { return new(botaz.SendMessageJSONRequestBody) },
	"sendMessage response 200":   func() any { return new(botaz.Message) },
	"sendMessage response 401":   func() any { return new(botaz.Unauthorized) },
	"sendMessage response 403":   func() any { return new(botaz.Forbidden) },
	"sendMessage response 405":   func() any { return new(botaz.MethodNotAllowed) },
	"getMessage response 200":    func() any { return new(botaz.Message) },
	"getMessage response 401":    func() any { return new(botaz.Unauthorized) },
	"getMessage response 403":    func() any { return new(botaz.Forbidden) },
	"getMessage response 405":    func() any { return new(botaz.MethodNotAllowed) },
	"editMessage request":        func() any { return new(botaz.EditMessageJSONRequestBody) },
	"editMessage response 200":   func() any { return new(botaz.Message) },
	"editMessage response 401":   func() any { return new(botaz.Unauthorized) },
	"editMessage response 403":   func() any { return new(botaz.Forbidden) },
	"editMessage response 405":   func() any { return new(botaz.MethodNotAllowed) },
	"deleteMessage response 200": func() any { return new(botaz.Message) },
	"deleteMessage response 401": func() any { return new(botaz.Unauthorized) },
	"deleteMessage response 403": func() any { return new(botaz.Forbidden) },
	"deleteMessage response 405": func() any { return new(botaz.MethodNotAllowed) },
	"getVisitor response 200":    func() any { return new(botaz.Visitor) },
	"getVisitor response 401":    func() any { return new(botaz.Unauthorized) },
	"getVisitor response 403":    func() any { return new(botaz.Forbidden) },
	"getVisitor response 405":    func() any { return new(botaz.MethodNotAllowed) },
	"updateVisitor request":      func() any { return new(botaz.UpdateVisitorJSONRequestBody) },
	"updateVisitor response 200": func() any { return new(botaz.Visitor) },
	"updateVisitor response 401": func() any { return new(botaz.Unauthorized) },
	"updateVisitor response 403": func() any { return new(botaz.Forbidden) },
	"updateVisitor response 405": func() any { return new(botaz.MethodNotAllowed) },
}

// TestBotAzExamplesDecode decodes every request and response example of the
// Bot.Az spec into its generated type and checks that re-encoding keeps every
// documented key, including the "email": null of the visitor update response.
func TestBotAzExamplesDecode(t *testing.T) {
	decodeAll(t, "botaz", botAzTypes)
}

// TestBotAzQuirks checks the doc's quirks decode to what a caller expects.
func TestBotAzQuirks(t *testing.T) {
	t.Run("update response email null is null, not absent", func(t *testing.T) {
		var v botaz.Visitor
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botaz", "updateVisitor", "200", "updatedVisitor"), &v))
		assert.True(t, v.Email.IsSpecified(), "email key present")
		assert.True(t, v.Email.IsNull(), "email is null")
		assert.Equal(t, "Asked about new functionality", v.Notes.MustGet())
	})

	t.Run("obfuscated email is kept as text", func(t *testing.T) {
		var v botaz.Visitor
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botaz", "getVisitor", "200", "visitor"), &v))
		assert.Equal(t, "[email protected]", v.Email.MustGet())
	})

	t.Run("visitor update sends absent, null and value distinctly", func(t *testing.T) {
		body := botaz.VisitorUpdate{
			Email: nullable.NewNullNullable[string](),
			Phone: nullable.NewNullableWithValue("+994124801574"),
		}
		got, err := json.Marshal(body)
		require.NoError(t, err)
		assert.JSONEq(t, string(exampleJSON(t, "botaz", "updateVisitor", "request", "constructedNullEmailSetPhone")), string(got))
		assert.NotContains(t, string(got), "name")
		assert.NotContains(t, string(got), "notes")
	})

	t.Run("edit example request and response texts differ as documented", func(t *testing.T) {
		var req botaz.EditMessageRequest
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botaz", "editMessage", "request", "editMessage"), &req))
		var resp botaz.Message
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botaz", "editMessage", "200", "editedMessage"), &resp))
		assert.Equal(t, "Good evening! Can I help you?", req.Text)
		assert.Equal(t, "Good evening. Can I help you?", *resp.Text)
		require.NotNil(t, resp.SentAt)
		assert.Equal(t, 438000000, resp.SentAt.Nanosecond())
	})
}
