package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/specs"
)

// answering returns the URL of a server that answers every request with
// status and body (JSON), the way one of the documented shapes of an
// answer looks.
func answering(t *testing.T, status int, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestDailyBotOpenConversationTableReadsEitherShape: the table's channel
// column reads `channel` (official clients) and the old doc's `body.channel`.
func TestDailyBotOpenConversationTableReadsEitherShape(t *testing.T) {
	for name, body := range map[string]string{
		"top level (official clients)": `{"channel":"C0123ABCD"}`,
		"nested (old doc)":             `{"ok":true,"body":{"channel":"C0123ABCD"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, mockEnv(), "--base-url", answering(t, 200, body), "--retries", "0", "-o", "table",
				"dailybot", "open-conversation", "--users-uuids", "u-1")
			assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assert.Equal(t, "CHANNEL\nC0123ABCD\n", r.stdout)
		})
	}
}

// TestDailyBotKudosGiveReadsEveryShape: `kudos give` exits 0 on each of the
// three documented answers to a create (dailybot-current §2.5), so a
// successful create is never mistaken for a failure (and retried, giving
// the kudos twice); the table reads id or uuid, user or sender.
func TestDailyBotKudosGiveReadsEveryShape(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"old docs and V3 items", `{"id":"k-1","parent":null,"user":{"uuid":"u-1","full_name":"John Wick"},"receivers":[{"uuid":"u-2"}],` +
			`"company_value":{"id":"v-1","name":"Teamwork"},"content":"Great work","is_anonymous":false,"by_dailybot":false,"metadata":{},` +
			`"created_at":"2026-02-25T10:00:00Z"}`, "k-1  John Wick  Great work  false      2026-02-25T10:00:00Z"},
		{"pages.dev 201", `{"uuid":"k-2","sender":{"uuid":"u-1","full_name":"John Wick"},"receivers":[{"uuid":"u-2"}],"content":"Great work",` +
			`"company_value":"excellence","is_anonymous":false,"created_at":"2026-02-14T12:00:00Z"}`, "k-2  John Wick  Great work  false      2026-02-14T12:00:00Z"},
		{"official CLI docs", `{"uuid":"k-3"}`, "k-3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := answering(t, 201, tt.body)
			r := runCLI(t, mockEnv(), "--base-url", base, "--retries", "0", "dailybot", "kudos", "give", "--receivers", "u-2", "--content", "Great work")
			assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assert.JSONEq(t, tt.body, r.stdout, "the answer passes through as sent")
			r = runCLI(t, mockEnv(), "--base-url", base, "--retries", "0", "-o", "table", "dailybot", "kudos", "give", "--users-receivers", "u-2", "--content", "Great work")
			assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assert.Contains(t, r.stdout, tt.want)
		})
	}
}

// TestDailyBotTemplatesListReadsEitherShape: a page holding an old-doc
// template ({fields, logic} questions, intro) and a pages.dev one (an array
// of questions, intro_message) prints both, in JSON as sent and in the table.
func TestDailyBotTemplatesListReadsEitherShape(t *testing.T) {
	body := `{"count":2,"next":null,"previous":null,"results":[` +
		`{"id":"tpl-1","name":"Old","questions":{"logic":[{"next_key":false,"prev_key":false,"question_key":0}],"fields":[{"uuid":"q-1","question":"Q?"}],"version":1},"intro":"Hello","outro":""},` +
		`{"uuid":"tpl-2","name":"New","type":"checkins","system_default":true,"questions":[{"text":"Q?","type":"text","required":true}],"intro_message":"Hi","outro_message":"Bye"}]}`
	base := answering(t, 200, body)
	r := runCLI(t, mockEnv(), "--base-url", base, "--retries", "0", "-o", "jsonl", "dailybot", "templates", "list", "--type", "checkins")
	assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.Contains(t, r.stdout, `"questions":[{"text":"Q?","type":"text","required":true}]`)
	r = runCLI(t, mockEnv(), "--base-url", base, "--retries", "0", "-o", "table", "dailybot", "templates", "list", "--type", "checkins")
	assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.Equal(t, "UUID   NAME  INTRO\ntpl-1  Old   Hello\ntpl-2  New   Hi\n", r.stdout)
}

// TestDailyBotWebhooksUnsubscribeSendsQueryAndBody: the docs disagree on
// where hook_id and hook_url go, so one flag sets both the query parameter
// and the body key, and --data's values reach the query string too.
func TestDailyBotWebhooksUnsubscribeSendsQueryAndBody(t *testing.T) {
	for name, args := range map[string][]string{
		"flags": {"--hook-id", "h-1", "--hook-url", "https://example.com/h"},
		"data":  {"--data", `{"hook_id":"h-1","hook_url":"https://example.com/h"}`},
	} {
		t.Run(name, func(t *testing.T) {
			var query url.Values
			var body []byte
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				query = r.URL.Query()
				body, _ = io.ReadAll(r.Body) // a short body fails the JSONEq below
				w.WriteHeader(http.StatusNoContent)
			}))
			t.Cleanup(srv.Close)
			r := runCLI(t, mockEnv(), append([]string{"--base-url", srv.URL, "--retries", "0", "dailybot", "webhooks", "unsubscribe"}, args...)...)
			assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assert.Equal(t, url.Values{"hook_id": {"h-1"}, "hook_url": {"https://example.com/h"}}, query)
			assert.JSONEq(t, `{"hook_id":"h-1","hook_url":"https://example.com/h"}`, string(body))
		})
	}
}

// TestDailyBotSendMessageTargetsAndButtons: --target-channels sends a bare id
// as the official clients do, TYPE:ID and ID#THREAD as {id, channel_type?,
// thread?}, dm:ID as the older {id, is_channel_message}; --buttons sends
// LABEL=URL as a link button and LABEL=COMMAND as a Command button. The body
// passes the spec's checks before it is sent.
func TestDailyBotSendMessageTargetsAndButtons(t *testing.T) {
	tests := []struct{ name, channels, buttons, wantChannels, wantButtons string }{
		{"bare id", "C0123ABCD", "Start=/standup", `["C0123ABCD"]`, `[{"label":"Start","value":"/standup","button_type":"Command"}]`},
		{"typed", "group_chat:G0123ABCD,direct_message:D1", "Docs=https://example.com/d?a=b",
			`[{"id":"G0123ABCD","channel_type":"group_chat"},{"id":"D1","channel_type":"direct_message"}]`,
			`[{"label":"Docs","url":"https://example.com/d?a=b","button_type":"link"}]`},
		{"thread", "C1#1700000000.000100,private_channel:C2#t-9", "Go=http://example.com",
			`[{"id":"C1","thread":"1700000000.000100"},{"id":"C2","channel_type":"private_channel","thread":"t-9"}]`,
			`[{"label":"Go","url":"http://example.com","button_type":"link"}]`},
		{"older dm", "dm:D0456", "A=b", `[{"id":"D0456","is_channel_message":false}]`, `[{"label":"A","value":"b","button_type":"Command"}]`},
		{"a colon that names no type is the id's", "19:abc@thread.tacv2", "A=b", `["19:abc@thread.tacv2"]`, `[{"label":"A","value":"b","button_type":"Command"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body []byte
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ = io.ReadAll(r.Body) // a short body fails the JSONEq below
				w.WriteHeader(http.StatusNoContent)
			}))
			t.Cleanup(srv.Close)
			r := runCLI(t, mockEnv(), "--base-url", srv.URL, "--retries", "0", "dailybot", "send-message", "--message", "hi",
				"--target-channels", tt.channels, "--buttons", tt.buttons)
			require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assert.JSONEq(t, fmt.Sprintf(`{"message":"hi","target_channels":%s,"buttons":%s}`, tt.wantChannels, tt.wantButtons), string(body))
		})
	}
}

// TestChannelTypesAreTheSpecs: --target-channels' TYPE values are the
// spec's ChannelType enum.
func TestChannelTypesAreTheSpecs(t *testing.T) {
	doc, err := specs.Load(t.Context(), "dailybot")
	require.NoError(t, err)
	var want []string
	for _, v := range doc.Components.Schemas["ChannelType"].Value.Enum {
		want = append(want, fmt.Sprint(v))
	}
	assert.ElementsMatch(t, want, channelTypes())
}
