package botopen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/fuzzcheck"
	"github.com/botsdk/botsdk/pkg/internal/undeclared"
	"github.com/botsdk/botsdk/specs"
)

// specAnswer returns the spec's response example name of the operation at
// path, with an undeclared key added to every object.
func specAnswer(t *testing.T, path, name string) []byte {
	t.Helper()
	for _, r := range fuzzcheck.Responses(t, api, func(ex specs.Example) bool { return ex.Path == path && ex.Name == name }) {
		return undeclared.MarkJSON(t, r.Body)
	}
	t.Fatalf("no response example %q for %s in specs/botopen.yaml", name, path)
	return nil
}

// answering serves login like f and every other path with its answer.
func answering(f *fake, answers map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" && answers["/login"] == nil {
			f.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(answers[r.URL.Path])
	})
}

// TestLosslessResults serves each operation's spec examples with an
// undeclared key added to every object, and checks that every object of the
// typed result gives it back (Get), and that the examples reach every object
// type the result can hold.
func TestLosslessResults(t *testing.T) {
	transcripts := ListTranscriptsParams{BotUserID: "+919876543210", ChannelID: ChannelIDWhatsapp}
	tests := []struct {
		name, path, example string
		call                func(ctx context.Context, c *Client) (any, error)
		// unreached are the object types the example does not hold (a page of
		// users has no botUser); partial: the example holds few (one kind).
		unreached []string
		partial   bool
	}{
		{name: "Auth.Login", path: "/login", example: "token", call: func(ctx context.Context, c *Client) (any, error) {
			return c.Auth.Login(ctx)
		}},
		{name: "Auth.Login, live keys", path: "/login", example: "constructedObservedToken", call: func(ctx context.Context, c *Client) (any, error) {
			return c.Auth.Login(ctx)
		}},
		{name: "Usage.Get", path: "/botUsage", example: "usage", call: func(ctx context.Context, c *Client) (any, error) {
			return c.Usage.Get(ctx, GetUsageParams{})
		}},
		{name: "Users.ListPage", path: "/users", example: "constructedObservedUser", unreached: []string{"botopen.BotUser", "botopen.PaginationDetails"}, call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.ListPage(ctx, validUsersParams())
		}},
		{name: "Users.ListPage, the doc's sample", path: "/users", example: "users", unreached: []string{"botopen.BotUser", "botopen.PaginationDetails"}, call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.ListPage(ctx, validUsersParams())
		}},
		{name: "Transcripts.ListPage, every kind", path: "/transcripts", example: "transcripts", call: func(ctx context.Context, c *Client) (any, error) {
			return c.Transcripts.ListPage(ctx, transcripts)
		}},
		{name: "Transcripts.ListPage, live shape", path: "/transcripts", example: "constructedObservedTextMessage", partial: true, call: func(ctx context.Context, c *Client) (any, error) {
			return c.Transcripts.ListPage(ctx, transcripts)
		}},
		{name: "Transcripts.ListPage, the keys a consumer reads", path: "/transcripts", example: "constructedConsumerKeys", partial: true, call: func(ctx context.Context, c *Client) (any, error) {
			return c.Transcripts.ListPage(ctx, transcripts)
		}},
		{name: "Transcripts.List", path: "/transcripts", example: "transcripts", call: func(ctx context.Context, c *Client) (any, error) {
			var out []Transcript
			for tr, err := range c.Transcripts.List(ctx, transcripts) {
				if err != nil {
					return nil, err
				}
				out = append(out, tr)
			}
			return out, nil
		}},
		{name: "Page", path: "/transcripts", example: "transcripts", call: func(ctx context.Context, c *Client) (any, error) {
			return c.Page(ctx, http.MethodPost, "/transcripts", nil, map[string]any{"botUserId": "+919876543210", "channelId": 1014})
		}},
	}
	all := map[reflect.Type]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newHandlerClient(t, answering(&fake{}, map[string][]byte{tt.path: specAnswer(t, tt.path, tt.example)}))
			got, err := tt.call(t.Context(), c)
			require.NoError(t, err)
			reached := undeclared.Check(t, got)
			maps.Copy(all, reached)
			assert.NotEmpty(t, reached)
			if !tt.partial {
				assert.Equal(t, tt.unreached, undeclared.Missing(undeclared.ObjectTypes(reflect.TypeOf(got)), reached),
					"object types the example does not reach")
			}
		})
	}
	t.Run("every result type of the client", func(t *testing.T) {
		c, err := New(testAppID, testAppSecret)
		require.NoError(t, err)
		want := map[reflect.Type]bool{}
		for _, root := range undeclared.Results(c) {
			if root != reflect.TypeFor[*botsdk.Response]() { // Do's: the answer's bytes
				maps.Copy(want, undeclared.ObjectTypes(root))
			}
		}
		assert.Contains(t, want, reflect.TypeFor[Token]())
		assert.Contains(t, want, reflect.TypeFor[genbotopen.TranscriptFormResponse]())
		assert.Empty(t, undeclared.Missing(want, all), "result types no case reached")
	})
}

// TestTranscriptKindsKept checks the transcript keys a production consumer
// reads beyond the doc: they decode into their declared fields (shapes
// unknown: open objects and raw JSON, the flag-like is… keys in whatever
// type they come), a key nobody declares
// still reaches the user through Transcript.Get, and decode → encode gives
// the entry back. The values are made up in the shapes the spec allows.
func TestTranscriptKindsKept(t *testing.T) {
	entry := map[string]any{
		"type": "image", "from": "User", "image": map[string]any{"url": "https://example.com/a.jpg"},
		"isConfigMessage": json.Number("0"), "isFromAgent": true, "isTemplateSentFromFlow": "false",
		"caption": "a photo", "aiAction": []any{map[string]any{"name": "handoff"}},
		"attachment":     map[string]any{"contentUrl": "https://example.com/v.ogg", "voice": true},
		"reply":          map[string]any{"body": "Pick one", "actions": map[string]any{"buttons": []any{map[string]any{"title": "Yes"}}}},
		"whatsappFlow":   map[string]any{"flowId": "f1", "response": map[string]any{"a": json.Number("1")}},
		"messageDetails": map[string]any{"id": "wamid.1"}, "paymentStatus": map[string]any{"status": "captured"},
		"locationRequest": map[string]any{"body": "where?"}, "tag": map[string]any{"name": "sales"},
		"orderPaymentMessage": map[string]any{"orderId": json.Number("12345678901234567890")},
		"aiAgentClearContext": map[string]any{}, "callPermission": map[string]any{"granted": false},
		"someFutureKind": map[string]any{"x": json.Number("1")},
	}
	body, err := json.Marshal(map[string]any{"transcripts": []any{entry}, "paginationDetails": map[string]any{"page": 1, "pages": 1}})
	require.NoError(t, err)
	c, _ := newHandlerClient(t, answering(&fake{}, map[string][]byte{"/transcripts": body}))
	pg, err := c.Transcripts.ListPage(t.Context(), ListTranscriptsParams{BotUserID: "+919876543210", ChannelID: ChannelIDWhatsapp})
	require.NoError(t, err)
	require.Len(t, pg.Results, 1)
	tr := pg.Results[0]

	t.Run("declared fields", func(t *testing.T) {
		assert.JSONEq(t, `"a photo"`, string(tr.Caption))
		assert.JSONEq(t, `[{"name":"handoff"}]`, string(tr.AIAction))
		assert.JSONEq(t, `true`, string(tr.Attachment.Voice))
		assert.JSONEq(t, `{"buttons":[{"title":"Yes"}]}`, string(tr.Reply.Actions))
		assert.Nil(t, tr.Reply.Action, "the doc's reply.action was not sent")
		for name, raw := range map[string]json.RawMessage{"whatsappFlow": tr.WhatsappFlow, "messageDetails": tr.MessageDetails,
			"paymentStatus": tr.PaymentStatus, "locationRequest": tr.LocationRequest, "tag": tr.Tag,
			"orderPaymentMessage": tr.OrderPaymentMessage, "aiAgentClearContext": tr.AIAgentClearContext, "callPermission": tr.CallPermission,
			"isConfigMessage": tr.IsConfigMessage, "isFromAgent": tr.IsFromAgent, "isTemplateSentFromFlow": tr.IsTemplateSentFromFlow} {
			assert.JSONEq(t, string(mustJSON(t, entry[name])), string(raw), name)
			_, undeclared := tr.Get(name)
			assert.False(t, undeclared, "%s is declared", name)
		}
		assert.Contains(t, string(tr.OrderPaymentMessage), "12345678901234567890", "a big number stays as sent")
	})
	t.Run("a key nobody declares", func(t *testing.T) {
		got, ok := tr.Get("someFutureKind")
		require.True(t, ok)
		assert.Equal(t, entry["someFutureKind"], got)
	})
	t.Run("round trip", func(t *testing.T) {
		again, err := json.Marshal(tr)
		require.NoError(t, err)
		assert.JSONEq(t, string(mustJSON(t, entry)), string(again), "decode then encode loses nothing")
	})
}

func TestToken(t *testing.T) {
	const token = "jwt-token-9-f00dfeed"
	tests := []struct {
		name          string
		answer        string
		wantExpiresAt time.Time
		wantRaw       [2]string // ExpiresAtRaw, ExpireAtRaw
		wantExtra     map[string]any
	}{
		{name: "the live server's expiresAt and more keys",
			answer:        `{"authToken":"` + token + `","expiresAt":"2031-01-01T00:00:00Z","refreshToken":"rt-secret-1","scope":["read"],"ttl":3600}`,
			wantExpiresAt: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), wantRaw: [2]string{`"2031-01-01T00:00:00Z"`},
			wantExtra: map[string]any{"refreshToken": "rt-secret-1", "scope": []any{"read"}, "ttl": json.Number("3600")}},
		{name: "the doc's expireAt as epoch milliseconds",
			answer:        `{"authToken":"` + token + `","expireAt":1924992000000}`,
			wantExpiresAt: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), wantRaw: [2]string{"", `1924992000000`}},
		{name: "an expiry not believed, kept as sent",
			answer:  `{"authToken":"` + token + `","expiresAt":3600,"expireAt":null,"id":12345678901234567890}`,
			wantRaw: [2]string{`3600`, `null`}, wantExtra: map[string]any{"id": json.Number("12345678901234567890")}},
		{name: "the token alone", answer: `{"authToken":"` + token + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A plain server: the spec types the expiries as strings, the
			// client takes numbers too.
			base := newPlainServer(t, answering(&fake{}, map[string][]byte{"/login": []byte(tt.answer)}))
			c, err := New(testAppID, testAppSecret, WithBaseURL(base), WithRetry(botsdk.NoRetry()))
			require.NoError(t, err)
			tok, err := c.Auth.Login(t.Context())
			require.NoError(t, err)
			assert.Equal(t, token, tok.Value.Reveal())
			assert.True(t, tt.wantExpiresAt.Equal(tok.ExpiresAt), "ExpiresAt %v", tok.ExpiresAt)
			assert.Equal(t, tt.wantRaw, [2]string{string(tok.ExpiresAtRaw), string(tok.ExpireAtRaw)})
			assert.Equal(t, tt.wantExtra, tok.AdditionalProperties)
			for key, want := range tt.wantExtra {
				v, ok := tok.Get(key)
				require.True(t, ok, key)
				assert.Equal(t, want, v, key)
			}
			for _, declared := range tokenKeys {
				_, ok := tok.Get(declared)
				assert.False(t, ok, "%s is a field of the Token, not an undeclared key", declared)
			}

			out, err := json.Marshal(tok)
			require.NoError(t, err)
			var want map[string]any
			require.NoError(t, json.Unmarshal([]byte(tt.answer), &want))
			want["authToken"] = "[redacted]"
			assert.JSONEq(t, string(mustJSON(t, want)), string(out), "the login answer back, but for the token")

			var logs bytes.Buffer
			slog.New(slog.NewJSONHandler(&logs, nil)).Info("login", "token", tok, "copy", *tok)
			slog.New(slog.NewTextHandler(&logs, nil)).Info("login", "token", tok, "copy", *tok)
			shown := []string{logs.String()}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
				shown = append(shown, fmt.Sprintf(verb, tok), fmt.Sprintf(verb, *tok),
					fmt.Sprintf(verb, []Token{*tok}), fmt.Sprintf(verb, struct{ T Token }{*tok}))
			}
			for _, s := range shown {
				assert.NotContains(t, s, token, "a Token never shows its token")
				assert.NotContains(t, s, "rt-secret-1", "nor a key of the login answer")
				assert.NotContains(t, s, "12345678901234567890")
			}
			if !tok.ExpiresAt.IsZero() {
				assert.Contains(t, fmt.Sprint(tok), "2031-01-01T00:00:00Z", "its expiry shows")
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
