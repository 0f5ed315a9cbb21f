package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/mock"
)

func TestBotAzMessages(t *testing.T) {
	srv := fixedMock(t)
	run := func(args ...string) result {
		return runCLI(t, mockEnv(), onServer(srv, "botaz", append([]string{"botaz"}, args...)...)...)
	}
	self := mock.DefaultCredentials().BotAzUserID

	t.Run("get", func(t *testing.T) {
		m := decodeOut[map[string]any](t, run("messages", "get", mock.BotAzExampleMessageID))
		assert.Equal(t, mock.BotAzExampleMessageID, m["_id"])
		assert.Equal(t, mock.BotAzExampleAgentID, m["userId"])
		assert.Equal(t, mock.BotAzExampleVisitorID, m["visitorId"])
	})

	var sent string
	t.Run("send as the credential's user by default", func(t *testing.T) {
		r := run("messages", "send", "--visitor-id", mock.BotAzExampleVisitorID, "--text", "Hello from botctl")
		assert.Empty(t, r.stderr)
		m := decodeOut[map[string]any](t, r)
		// The agent is the credential's user id, which botctl scrubs from
		// everything it prints, the API's answers included.
		assert.Equal(t, "[redacted]", m["userId"])
		assert.NotContains(t, r.stdout, self)
		assert.Equal(t, "Hello from botctl", m["text"])
		sent, _ = m["_id"].(string)
		require.NotEmpty(t, sent)
	})
	t.Run("send as another agent from --data", func(t *testing.T) {
		r := runCLIWith(t, &env{
			args:   onServer(srv, "botaz", "botaz", "messages", "send", "--data", "-", "--text", "flag wins"),
			getenv: envFrom(mockEnv()),
			stdin:  strings.NewReader(`{"userId":"` + mock.BotAzExampleAgentID + `","visitorId":"` + mock.BotAzExampleVisitorID + `","text":"data"}`),
		})
		m := decodeOut[map[string]any](t, r)
		assert.Equal(t, mock.BotAzExampleAgentID, m["userId"])
		assert.Equal(t, "flag wins", m["text"])
	})
	t.Run("send with --agent-id", func(t *testing.T) {
		m := decodeOut[map[string]any](t, run("messages", "send", "--agent-id", mock.BotAzExampleAgentID,
			"--visitor-id", mock.BotAzExampleVisitorID, "--text", "hi"))
		assert.Equal(t, mock.BotAzExampleAgentID, m["userId"])
	})
	t.Run("edit, then read back", func(t *testing.T) {
		m := decodeOut[map[string]any](t, run("messages", "edit", sent, "--text", "Edited"))
		assert.Equal(t, "Edited", m["text"])
		m = decodeOut[map[string]any](t, run("messages", "get", sent))
		assert.Equal(t, "Edited", m["text"])
	})
	t.Run("table", func(t *testing.T) {
		r := run("-o", "table", "messages", "get", sent)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Regexp(t, `^ID\s+USER_ID\s+VISITOR_ID\s+TEXT\s+SEEN\s+SENT_AT\n`+sent+`\s+\[redacted\]\s+`, r.stdout)
	})
	t.Run("delete, then get is an API error", func(t *testing.T) {
		m := decodeOut[map[string]any](t, run("messages", "delete", sent))
		assert.Equal(t, sent, m["_id"])
		r := run("messages", "get", sent)
		assert.Equal(t, exitNotFound, r.code)
		assert.Equal(t, `error: botaz: HTTP 404: Message not found: "`+sent+`"`+"\n", r.stderr)
		assert.Empty(t, r.stdout)
	})
}

func TestBotAzVisitorUpdate(t *testing.T) {
	srv := fixedMock(t)
	run := func(args ...string) result {
		return runCLI(t, mockEnv(), onServer(srv, "botaz", append([]string{"botaz"}, args...)...)...)
	}
	get := func(t *testing.T) map[string]any {
		return decodeOut[map[string]any](t, run("visitors", "get", mock.BotAzExampleVisitorID))
	}
	before := get(t)
	require.Equal(t, "Anar Hasanzade", before["name"])
	require.NotEmpty(t, before["phone"])
	require.NotEmpty(t, before["email"])

	t.Run("--phone empty sets the empty string", func(t *testing.T) {
		v := decodeOut[map[string]any](t, run("visitors", "update", mock.BotAzExampleVisitorID, "--phone", ""))
		assert.Equal(t, "", v["phone"])
		after := get(t)
		assert.Contains(t, after, "phone")
		assert.Equal(t, "", after["phone"])
		assert.Equal(t, before["email"], after["email"], "a flag not given leaves the field alone")
		assert.Equal(t, before["name"], after["name"])
	})
	t.Run("--clear sends null", func(t *testing.T) {
		require.Equal(t, exitOK, run("visitors", "update", mock.BotAzExampleVisitorID, "--clear", "phone", "--clear", "notes").code)
		after := get(t)
		assert.Contains(t, after, "phone")
		assert.Nil(t, after["phone"], "phone is null")
		assert.Nil(t, after["notes"], "notes is null")
		assert.Equal(t, before["email"], after["email"])
	})
	t.Run("set, clear and data together", func(t *testing.T) {
		r := run("visitors", "update", mock.BotAzExampleVisitorID, "--data", `{"name":"From data","email":"x@example.com"}`,
			"--name", "Anar H.", "--clear", "email", "--phone", "+994124801574")
		require.Equal(t, exitOK, r.code, r.stderr)
		after := get(t)
		assert.Equal(t, "Anar H.", after["name"], "the flag replaces the data's key")
		assert.Nil(t, after["email"], "--clear replaces the data's key")
		assert.Equal(t, "+994124801574", after["phone"])
	})
	t.Run("table shows an emptied and a cleared field", func(t *testing.T) {
		require.Equal(t, exitOK, run("visitors", "update", mock.BotAzExampleVisitorID, "--notes", "", "--clear", "phone").code)
		r := run("-o", "table", "visitors", "get", mock.BotAzExampleVisitorID)
		require.Equal(t, exitOK, r.code, r.stderr)
		assertGolden(t, "botaz_visitor.table", r.stdout)
	})
}

func TestBotAzErrors(t *testing.T) {
	tests := []struct {
		name     string
		vars     []string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "unknown message", args: []string{"--mock", "botaz", "messages", "get", "nope"},
			wantCode: exitNotFound, wantErr: "error: botaz: HTTP 404: Message not found: \"nope\"\n"},
		{name: "unknown visitor", args: []string{"--mock", "botaz", "visitors", "update", "nope", "--name", "x"},
			wantCode: exitNotFound, wantErr: "error: botaz: HTTP 404: Visitor not found: \"nope\"\n"},
		{name: "wrong token", vars: []string{"BOTAZ_USER_ID=mock-agent", "BOTAZ_AUTH_TOKEN=wrong"}, args: []string{"botaz", "visitors", "get", "x"},
			wantCode: exitAuth, wantErr: "error: botaz: HTTP 401: You must be logged in to do this.\n"},
		{name: "missing user id", vars: []string{"BOTAZ_AUTH_TOKEN=t"}, args: []string{"botaz", "messages", "get", "x"},
			wantCode: exitUsage, wantErr: "set BOTAZ_USER_ID"},
		{name: "missing auth token", vars: []string{"BOTAZ_USER_ID=u"}, args: []string{"botaz", "messages", "get", "x"},
			wantCode: exitUsage, wantErr: "set BOTAZ_AUTH_TOKEN"},
		{name: "missing visitor", args: []string{"--mock", "botaz", "messages", "send", "--text", "x"},
			wantCode: exitUsage, wantErr: "error: botaz: visitorId: is required (missing --visitor-id)\n"},
		{name: "missing text", args: []string{"--mock", "botaz", "messages", "send", "--visitor-id", "v"},
			wantCode: exitUsage, wantErr: "error: botaz: text: is required (missing --text)\n"},
		{name: "blank text", args: []string{"--mock", "botaz", "messages", "send", "--visitor-id", "v", "--text", " \t"},
			wantCode: exitUsage, wantErr: "error: botaz: text: must not be empty or blank (got \" \\t\") (flag --text)\n"},
		{name: "edit without text", args: []string{"--mock", "botaz", "messages", "edit", "m"},
			wantCode: exitUsage, wantErr: "error: botaz: text: is required (missing --text)\n"},
		{name: "get without id", args: []string{"--mock", "botaz", "messages", "get"},
			wantCode: exitUsage, wantErr: "accepts 1 arg(s), received 0"},
		{name: "clear and set the same field", args: []string{"--mock", "botaz", "visitors", "update", "v", "--clear", "phone", "--phone", "1"},
			wantCode: exitUsage, wantErr: "--clear phone and --phone exclude each other"},
		{name: "clear an unknown field", args: []string{"--mock", "botaz", "visitors", "update", "v", "--clear", "agents"},
			wantCode: exitUsage, wantErr: `--clear: "agents" is not one of name, email, phone, notes`},
		{name: "nothing to update", args: []string{"--mock", "botaz", "visitors", "update", "v"},
			wantCode: exitUsage, wantErr: "nothing to update"},
		{name: "data key of the wrong type", args: []string{"--mock", "botaz", "visitors", "update", "v", "--data", `{"phone": 5}`},
			wantCode: exitUsage, wantErr: `"phone" must be a JSON string or null`},
		{name: "unknown data key", args: []string{"--mock", "botaz", "messages", "send", "--data", `{"visitor":"v","text":"t"}`},
			wantCode: exitUsage, wantErr: `unknown field "visitor"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if len(tt.vars) > 0 {
				args = onServer(fixedMock(t), "botaz", args...)
			}
			r := runCLI(t, tt.vars, args...)
			assert.Equal(t, tt.wantCode, r.code, "stderr: %s", r.stderr)
			if strings.HasSuffix(tt.wantErr, "\n") {
				assert.Equal(t, tt.wantErr, r.stderr)
			} else {
				assert.True(t, strings.HasPrefix(r.stderr, "error: "), "stderr %q", r.stderr)
				assert.Contains(t, r.stderr, tt.wantErr)
			}
			assert.Empty(t, r.stdout)
		})
	}
}
