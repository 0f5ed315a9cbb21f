package specs_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/gen/botopen"
)

// botOpenTypes maps every example slot of specs/botopen.yaml to the generated
// Go type its body decodes into. The doc shows no error bodies, so there are
// no error slots.
var botOpenTypes = map[string]func() any{
	"login request":                func() any { return new(botopen.LoginJSONRequestBody) },
	"login response 200":           func() any { return new(botopen.LoginResult) },
	"getBotUsage response 200":     func() any { return new(botopen.BotUsage) },
	"listUsers request":            func() any { return new(botopen.ListUsersJSONRequestBody) },
	"listUsers response 200":       func() any { return new(botopen.UsersPage) },
	"listTranscripts request":      func() any { return new(botopen.ListTranscriptsJSONRequestBody) },
	"listTranscripts response 200": func() any { return new(botopen.TranscriptsPage) },
}

// TestBotOpenExamplesDecode decodes every request and response example of the
// Bot Open API spec into its generated type and checks that re-encoding keeps
// every documented key, including "first interacted date", " description"
// (leading space) and the null answerMapping values.
func TestBotOpenExamplesDecode(t *testing.T) {
	decodeAll(t, "botopen", botOpenTypes)
}

// TestBotOpenQuirks checks the doc's odd keys and types decode to what a
// caller expects.
func TestBotOpenQuirks(t *testing.T) {
	t.Run("keys with spaces map to clean Go fields", func(t *testing.T) {
		var p botopen.UsersPage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botopen", "listUsers", "200", "constructedObservedUser"), &p))
		require.NotNil(t, p.Users)
		require.Len(t, *p.Users, 1)
		u := (*p.Users)[0]
		assert.Equal(t, "2021-10-01T04:27:29.652Z", *u.FirstInteractedDate)
		assert.Equal(t, "2021-10-01T13:00:27.629Z", *u.LastInteractedDate)
		assert.Equal(t, "+919876543210", *u.BotUserID)
		assert.Nil(t, u.UserName, "userName was not seen live")
	})

	t.Run("hasNextPage is an integer", func(t *testing.T) {
		var p botopen.UsersPage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botopen", "listUsers", "200", "users"), &p))
		require.NotNil(t, p.HasNextPage)
		assert.Equal(t, 0, *p.HasNextPage)
		assert.Error(t, json.Unmarshal([]byte(`{"hasNextPage":false}`), &p), "a boolean is outside the documented type")
	})

	t.Run("list rows use a leading-space description, dynamic lists do not", func(t *testing.T) {
		var p botopen.TranscriptsPage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botopen", "listTranscripts", "200", "transcripts"), &p))
		require.NotNil(t, p.Transcripts)
		tr := (*p.Transcripts)[0]
		row := (*(*tr.List.Actions.Sections)[0].Row)[0]
		require.NotNil(t, row.Description)
		dynRow := (*(*tr.DynamicList.Actions.Sections)[0].Row)[0]
		require.NotNil(t, dynRow.Description)

		out, err := json.Marshal(row)
		require.NoError(t, err)
		assert.JSONEq(t, `{"title":"string"," description":"string"}`, string(out))
		out, err = json.Marshal(dynRow)
		require.NoError(t, err)
		assert.JSONEq(t, `{"title":"string","description":"string"}`, string(out))
	})

	t.Run("answerMapping null survives and other values are kept raw", func(t *testing.T) {
		var p botopen.TranscriptsPage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botopen", "listTranscripts", "200", "transcripts"), &p))
		tr := (*p.Transcripts)[0]
		assert.JSONEq(t, `null`, string((*tr.Form.FormElements)[0].AnswerMapping))
		assert.JSONEq(t, `null`, string(tr.FormResponse.AnswerMapping))
		require.NotNil(t, tr.CreatedAt)
		assert.True(t, tr.CreatedAt.Equal(time.Date(2019, 8, 24, 14, 15, 22, 0, time.UTC)))

		var fr botopen.TranscriptFormResponse
		require.NoError(t, json.Unmarshal([]byte(`{"answerMapping":{"city":"Pune"}}`), &fr))
		assert.JSONEq(t, `{"city":"Pune"}`, string(fr.AnswerMapping))
	})

	t.Run("card image_url is an object, carousel image_url a string", func(t *testing.T) {
		var p botopen.TranscriptsPage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botopen", "listTranscripts", "200", "transcripts"), &p))
		tr := (*p.Transcripts)[0]
		assert.Equal(t, "string", *tr.Card.ImageURL.URL)
		assert.Equal(t, "string", *(*tr.Carousel)[0].ImageURL)
	})

	t.Run("the keys a production consumer reads are declared, of unknown shape", func(t *testing.T) {
		var p botopen.TranscriptsPage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botopen", "listTranscripts", "200", "constructedConsumerKeys"), &p))
		tr := (*p.Transcripts)[0]
		for name, raw := range map[string]json.RawMessage{"isFromAgent": tr.IsFromAgent, "isConfigMessage": tr.IsConfigMessage,
			"isTemplateSentFromFlow": tr.IsTemplateSentFromFlow, "caption": tr.Caption, "attachment.voice": tr.Attachment.Voice,
			"reply.actions": tr.Reply.Actions, "tag": tr.Tag, "aiAction": tr.AIAction, "whatsappFlow": tr.WhatsappFlow,
			"messageDetails": tr.MessageDetails, "orderPaymentMessage": tr.OrderPaymentMessage, "paymentStatus": tr.PaymentStatus,
			"aiAgentClearContext": tr.AIAgentClearContext, "callPermission": tr.CallPermission, "locationRequest": tr.LocationRequest} {
			assert.NotEmpty(t, raw, name)
		}
		assert.Empty(t, tr.AdditionalProperties, "every key of the example is declared")

		var other botopen.Transcript
		require.NoError(t, json.Unmarshal([]byte(`{"tag":"sales","aiAction":{"name":"x"},"reply":{"actions":null}}`), &other),
			"a value of another shape still decodes: the Go fields are raw JSON")
		assert.JSONEq(t, `"sales"`, string(other.Tag))
		assert.JSONEq(t, `null`, string(other.Reply.Actions))
	})

	t.Run("login accepts expireAt (doc) and expiresAt (live)", func(t *testing.T) {
		var r botopen.LoginResult
		require.NoError(t, json.Unmarshal([]byte(`{"authToken":"eyJ","expiresAt":"2026-05-06T10:00:00.000Z"}`), &r))
		require.NotNil(t, r.ExpiresAt)
		assert.Nil(t, r.ExpireAt)
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botopen", "login", "200", "token"), &r))
		assert.Equal(t, "string", *r.ExpireAt)
		var live botopen.LoginResult
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botopen", "login", "200", "constructedObservedToken"), &live))
		require.NotNil(t, live.ExpiresAt)
		assert.Nil(t, live.ExpireAt, "the live login sends expiresAt only")
	})

	t.Run("channel ids are named", func(t *testing.T) {
		var req botopen.TranscriptsRequest
		require.NoError(t, json.Unmarshal(exampleJSON(t, "botopen", "listTranscripts", "request", "payload"), &req))
		assert.Equal(t, botopen.ChannelIDWhatsapp, req.ChannelID)
		assert.Equal(t, botopen.ChannelID(1021), botopen.ChannelIDInstagramMessaging)
		assert.Equal(t, map[string]any{"Instagram": float64(1021)},
			loadSpec(t, "botopen").Components.Schemas["ChannelID"].Value.Extensions["x-enum-varname-aliases"],
			"1021's other name; pkg/botopen has a constant for it")
		assert.True(t, botopen.ChannelIDWebchat.Valid())
	})
}
