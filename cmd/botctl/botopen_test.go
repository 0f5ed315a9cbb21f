package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/mock"
	"github.com/botsdk/botsdk/specs"
)

// The fixed mock's Bot Open users talked to the bot in the 85 days before
// fixedNow; this window holds most of them.
var (
	boFrom = fixedNow.AddDate(0, 0, -80).Format(time.DateOnly)
	boTo   = fixedNow.Format(time.DateOnly)
)

func TestBotOpenLogin(t *testing.T) {
	r := runCLI(t, nil, "--mock", "botopen", "login")
	assert.Empty(t, r.stderr)
	out := decodeOut[map[string]any](t, r)
	tok, _ := out["authToken"].(string)
	assert.Equal(t, 3, len(strings.Split(tok, ".")), "a JWT-shaped token: %q", tok)
	exp, err := time.Parse(time.RFC3339, out["expiresAt"].(string))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(10*time.Minute), exp, time.Minute)

	r = runCLI(t, nil, "--mock", "-o", "csv", "botopen", "login")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 2)
	assert.Equal(t, "auth_token,expires_at", lines[0])

	r = runCLI(t, []string{"BOTOPEN_APP_ID=mock-app", "BOTOPEN_APP_SECRET=wrong"}, onServer(fixedMock(t), "botopen", "botopen", "login")...)
	assert.Equal(t, exitError, r.code)
	assert.Equal(t, "error: botopen: HTTP 400: invalid appId or appSecret\n", r.stderr)
	assert.Empty(t, r.stdout)
}

func TestBotOpenCommands(t *testing.T) {
	srv := fixedMock(t)
	run := func(args ...string) result {
		return runCLI(t, mockEnv(), onServer(srv, "botopen", append([]string{"botopen"}, args...)...)...)
	}

	t.Run("usage by channel name or number", func(t *testing.T) {
		byName := decodeOut[map[string]any](t, run("usage", "--month", "2024-05", "--channel", "whatsapp"))
		byCode := decodeOut[map[string]any](t, run("usage", "--month", "2024-05-17", "--channel", "1014"))
		assert.Equal(t, byName, byCode)
		assert.Greater(t, byName["totalMessages"], float64(0))
		all := decodeOut[map[string]any](t, run("usage", "--month", "2024-05"))
		assert.Greater(t, all["totalMessages"], byName["totalMessages"])
		none := decodeOut[map[string]any](t, run("usage", "--month", "2021-08", "--channel", "webchat"))
		assert.Equal(t, map[string]any{"totalMessages": float64(0), "totalUsers": float64(0)}, none)
	})

	t.Run("1021 by either name", func(t *testing.T) {
		// The doc calls 1021 instagramMessaging, a public client instagram;
		// which the API uses is unknown, so both name the same code.
		want := decodeOut[items](t, run("users", "list", "--channel", "1021", "--from", boFrom, "--to", boTo))
		require.NotEmpty(t, want)
		for _, name := range []string{"instagram", "instagramMessaging", "Instagram"} {
			assert.Equal(t, want, decodeOut[items](t, run("users", "list", "--channel", name, "--from", boFrom, "--to", boTo)), name)
		}
		usage := runCLI(t, nil, "botopen", "usage", "--help")
		assert.Contains(t, usage.stdout, "instagramMessaging (1021), instagram (1021)")
	})

	var firstPage, everyone items
	t.Run("users: first page", func(t *testing.T) {
		firstPage = decodeOut[items](t, run("users", "list", "--channel", "whatsapp,webchat", "--from", boFrom, "--to", boTo, "--page-size", "25"))
		assert.NotEmpty(t, firstPage)
		assert.LessOrEqual(t, len(firstPage), 25, "one page of --page-size")
		for _, u := range firstPage {
			assert.Contains(t, []string{"whatsapp", "webchat"}, u["channelName"])
		}
	})
	t.Run("users: --all follows the pages", func(t *testing.T) {
		everyone = decodeOut[items](t, run("--all", "users", "list", "--channel", "whatsapp", "--channel", "webchat", "--channel", "telegram",
			"--from", boFrom, "--to", boTo+"T12:00:00Z", "--page-size", "25"))
		assert.Greater(t, len(everyone), 25)
		page2 := decodeOut[items](t, run("users", "list", "--channel", "whatsapp,webchat,telegram", "--from", boFrom, "--to", boTo+"T12:00:00Z",
			"--page-size", "25", "--page", "2"))
		assert.Equal(t, everyone[25:], page2)
	})
	t.Run("users: --data with flags over it", func(t *testing.T) {
		r := runCLIWith(t, &env{
			args:   onServer(srv, "botopen", "botopen", "users", "list", "--data", "-", "--channel", "telegram"),
			getenv: envFrom(mockEnv()),
			stdin:  strings.NewReader(`{"channelIds":[1014],"startDate":"` + boFrom + `","endDate":"` + boTo + `T00:00:00Z"}`),
		})
		users := decodeOut[items](t, r)
		require.NotEmpty(t, users)
		for _, u := range users {
			assert.Equal(t, "telegram", u["channelName"])
		}
	})
	t.Run("transcripts", func(t *testing.T) {
		entries := decodeOut[items](t, run("--page-size", "25", "transcripts", "--user", mock.BotOpenExampleUserID, "--channel", "whatsapp"))
		require.Len(t, entries, 25, "the first page")
		assert.Equal(t, "text", entries[0]["type"])
		all := decodeOut[items](t, run("--all", "--page-size", "25", "transcripts", "--user", mock.BotOpenExampleUserID, "--channel", "1014"))
		require.Greater(t, len(all), 25)
		assert.Equal(t, createdAts(entries), createdAts(all[:25]), "the same entries in the same order")
		for i := 1; i < len(all); i++ {
			assert.Less(t, all[i-1]["createdAt"], all[i]["createdAt"], "oldest first, no repeats")
		}
	})
	t.Run("transcripts in a range", func(t *testing.T) {
		from := fixedNow.AddDate(0, 0, -30).Add(time.Hour)
		entries := decodeOut[items](t, run("transcripts", "--user", mock.BotOpenExampleUserID, "--channel", "whatsapp",
			"--from", from.Format(time.RFC3339), "--to", boTo))
		require.NotEmpty(t, entries)
		for _, e := range entries {
			at, err := time.Parse(time.RFC3339, e["createdAt"].(string))
			require.NoError(t, err)
			assert.False(t, at.Before(from), "entry at %s before --from", at)
		}
	})
	t.Run("transcripts --bot-user", func(t *testing.T) {
		u := decodeOut[map[string]any](t, run("transcripts", "--user", mock.BotOpenExampleUserID, "--channel", "whatsapp", "--bot-user"))
		assert.Contains(t, u, "customFields")
		assert.Contains(t, u, "tags")
	})
	t.Run("jsonl streams one entry per line", func(t *testing.T) {
		r := run("-o", "jsonl", "--all", "transcripts", "--user", mock.BotOpenExampleUserID, "--channel", "whatsapp")
		require.Equal(t, exitOK, r.code, r.stderr)
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			assert.True(t, json.Valid([]byte(line)), line)
		}
	})
}

// createdAts lists the entries' createdAt, a compact view for comparing lists.
func createdAts(list items) []any {
	out := make([]any, len(list))
	for i, it := range list {
		out[i] = it["createdAt"]
	}
	return out
}

func TestBotOpenGolden(t *testing.T) {
	srv := fixedMock(t)
	tests := []struct {
		name string
		args []string
	}{
		{name: "botopen_users.table", args: []string{"-o", "table", "botopen", "users", "list", "--channel", "whatsapp,webchat", "--from", boFrom, "--to", boTo}},
		{name: "botopen_users.csv", args: []string{"-o", "csv", "botopen", "users", "list", "--channel", "whatsapp,webchat", "--from", boFrom, "--to", boTo}},
		{name: "botopen_transcripts.table", args: []string{"-o", "table", "--page-size", "30", "botopen", "transcripts", "--user", mock.BotOpenExampleUserID, "--channel", "whatsapp"}},
		{name: "botopen_usage.csv", args: []string{"-o", "csv", "botopen", "usage", "--month", "2024-05", "--channel", "webchat"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, mockEnv(), onServer(srv, "botopen", tt.args...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assertOnlyShowing(t, r.stderr)
			assertGolden(t, tt.name, r.stdout)
		})
	}
}

func TestBotOpenErrors(t *testing.T) {
	tests := []struct {
		name     string
		vars     []string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "unknown user", args: []string{"--mock", "botopen", "transcripts", "--user", "+10000000000", "--channel", "whatsapp"},
			wantCode: exitError, wantErr: "error: botopen: HTTP 400: no bot user \"+10000000000\" on channel 1014\n"},
		{name: "missing app id", vars: []string{"BOTOPEN_APP_SECRET=s"}, args: []string{"botopen", "login"},
			wantCode: exitUsage, wantErr: "set BOTOPEN_APP_ID"},
		{name: "missing app secret", vars: []string{"BOTOPEN_APP_ID=a"}, args: []string{"botopen", "usage"},
			wantCode: exitUsage, wantErr: "set BOTOPEN_APP_SECRET"},
		{name: "unknown channel", args: []string{"--mock", "botopen", "usage", "--channel", "myspace"},
			wantCode: exitUsage, wantErr: `"myspace" is not one of webchat`},
		{name: "unknown channel code", args: []string{"--mock", "botopen", "usage", "--channel", "999"},
			wantCode: exitUsage, wantErr: "999 is not one of"},
		{name: "bad month", args: []string{"--mock", "botopen", "usage", "--month", "August"},
			wantCode: exitUsage, wantErr: `--month: "August" is not a month (YYYY-MM)`},
		{name: "users without channel", args: []string{"--mock", "botopen", "users", "list", "--from", "2024-01-01", "--to", "2024-01-02"},
			wantCode: exitUsage, wantErr: "missing --channel"},
		{name: "users without from", args: []string{"--mock", "botopen", "users", "list", "--channel", "sms", "--to", "2024-01-02"},
			wantCode: exitUsage, wantErr: "missing --from"},
		{name: "users without to", args: []string{"--mock", "botopen", "users", "list", "--channel", "sms", "--from", "2024-01-02"},
			wantCode: exitUsage, wantErr: "missing --to"},
		{name: "bad date", args: []string{"--mock", "botopen", "users", "list", "--channel", "sms", "--from", "yesterday", "--to", "2024-01-02"},
			wantCode: exitUsage, wantErr: `--from: "yesterday" is not a date`},
		{name: "from after to", args: []string{"--mock", "botopen", "users", "list", "--channel", "sms", "--from", "2024-01-03", "--to", "2024-01-02"},
			wantCode: exitUsage, wantErr: "error: botopen: "},
		{name: "page size under the minimum", args: []string{"--mock", "--page-size", "10", "botopen", "users", "list", "--channel", "sms", "--from", "2024-01-01", "--to", "2024-01-02"},
			wantCode: exitUsage, wantErr: "error: botopen: limit: must be at least 25"},
		{name: "bad date in data", args: []string{"--mock", "botopen", "transcripts", "--data", `{"botUserId":"u","channelId":1014,"startDate":"soon"}`},
			wantCode: exitUsage, wantErr: `--data: startDate: "soon" is not a date`},
		{name: "transcripts without user", args: []string{"--mock", "botopen", "transcripts", "--channel", "whatsapp"},
			wantCode: exitUsage, wantErr: "missing --user"},
		{name: "transcripts without channel", args: []string{"--mock", "botopen", "transcripts", "--user", "u"},
			wantCode: exitUsage, wantErr: "missing --channel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.vars, tt.args...)
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

// recordingMock serves a mock with distinctive credentials and records
// every Authorization, X-Auth-Token and X-Api-Key value clients send, so a
// test can look for them in botctl's output.
type recordingMock struct {
	srv   *httptest.Server
	m     *mock.Mock
	mu    sync.Mutex
	heard map[string]bool
}

func newRecordingMock(t *testing.T, creds mock.Credentials) *recordingMock {
	t.Helper()
	m, err := mock.New(mock.WithCredentials(creds), mock.WithClock(func() time.Time { return fixedNow }))
	require.NoError(t, err)
	rm := &recordingMock{m: m, heard: map[string]bool{}}
	rm.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rm.mu.Lock()
		for _, h := range []string{"Authorization", "X-Auth-Token", "X-Api-Key"} {
			if v := r.Header.Get(h); v != "" {
				rm.heard[strings.TrimPrefix(v, "Bearer ")] = true
			}
		}
		rm.mu.Unlock()
		m.ServeHTTP(w, r)
	}))
	t.Cleanup(rm.srv.Close)
	return rm
}

func (rm *recordingMock) baseURL(api string) string { return rm.srv.URL + rm.m.BasePath(api) }

func (rm *recordingMock) secrets() []string {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	var out []string
	for s := range rm.heard {
		out = append(out, s)
	}
	return out
}

// TestVerboseNeverPrintsSecrets runs every API's commands with -v against a
// mock with distinctive credentials and checks that no credential, and no
// Bot Open token the client was given, appears on stdout or stderr, except
// the token login prints on stdout, which is its purpose.
func TestVerboseNeverPrintsSecrets(t *testing.T) {
	creds := mock.Credentials{
		AssistBotKey: "ab-key-7f3a9c", BotAzUserID: "mock-agent", BotAzToken: "bz-token-51d2e8",
		BotOpenAppID: "bo-app-0b6e", BotOpenAppSecret: "bo-secret-c41f77",
	}
	rm := newRecordingMock(t, creds)
	vars := []string{
		"ASSISTBOT_API_KEY=" + creds.AssistBotKey, "BOTAZ_USER_ID=" + creds.BotAzUserID, "BOTAZ_AUTH_TOKEN=" + creds.BotAzToken,
		"BOTOPEN_APP_ID=" + creds.BotOpenAppID, "BOTOPEN_APP_SECRET=" + creds.BotOpenAppSecret,
	}
	runs := []struct {
		api  string
		args []string
	}{
		{"botopen", []string{"botopen", "usage", "--month", "2024-05"}},
		{"botopen", []string{"--all", "--page-size", "25", "botopen", "users", "list", "--channel", "whatsapp", "--from", boFrom, "--to", boTo}},
		{"botopen", []string{"botopen", "transcripts", "--user", mock.BotOpenExampleUserID, "--channel", "whatsapp"}},
		{"botopen", []string{"botopen", "transcripts", "--user", "+1", "--channel", "whatsapp"}}, // an API error
		{"assistbot", []string{"assistbot", "company", "info"}},
		{"assistbot", []string{"assistbot", "history", "standups", "--standup-id", "999"}},
		{"botaz", []string{"botaz", "visitors", "get", mock.BotAzExampleVisitorID}},
		{"botaz", []string{"botaz", "messages", "get", "nope"}},
	}
	var outputs []string
	for _, run := range runs {
		r := runCLI(t, vars, append([]string{"-v", "--base-url", rm.baseURL(run.api)}, run.args...)...)
		assert.Contains(t, r.stderr, "botsdk request", "-v logs requests: %v", run.args)
		outputs = append(outputs, r.stdout, r.stderr)
	}
	login := runCLI(t, vars, "-v", "--base-url", rm.baseURL("botopen"), "botopen", "login")
	require.Equal(t, exitOK, login.code, login.stderr)
	token := decodeOut[map[string]any](t, login)["authToken"].(string)
	outputs = append(outputs, login.stderr)

	secrets := append(rm.secrets(), creds.AssistBotKey, creds.BotAzToken, creds.BotOpenAppSecret, token)
	require.Greater(t, len(secrets), 5, "the clients sent tokens")
	for _, s := range secrets {
		for _, out := range outputs {
			assert.NotContains(t, out, s)
		}
	}
	assert.Contains(t, login.stdout, token, "login prints its token on stdout")
}

// TestBotOpenTranscriptKeysPassThrough serves the spec's transcript example
// carrying the keys a production consumer reads beyond the doc, and checks
// that botctl prints the entry exactly as sent, in every JSON format.
func TestBotOpenTranscriptKeysPassThrough(t *testing.T) {
	doc, err := specs.Load(t.Context(), "botopen")
	require.NoError(t, err)
	var answer []byte
	for _, ex := range specs.Examples(doc) {
		if ex.OperationID == "listTranscripts" && ex.In == "response" && ex.Name == "constructedConsumerKeys" {
			answer, err = json.Marshal(ex.Value)
			require.NoError(t, err)
		}
	}
	require.NotNil(t, answer, "no constructedConsumerKeys example in specs/botopen.yaml")
	var page struct {
		Transcripts []json.RawMessage `json:"transcripts"`
	}
	require.NoError(t, json.Unmarshal(answer, &page))
	require.Len(t, page.Transcripts, 1)

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/login" {
			_, _ = w.Write([]byte(`{"authToken":"tok-123456789","expiresAt":"2099-01-01T00:00:00.000Z"}`))
			return
		}
		_, _ = w.Write(answer)
	}))
	t.Cleanup(srv.Close)
	for _, format := range []string{"json", "jsonl"} {
		r := runCLI(t, mockEnv(), "--base-url", srv.URL, "-o", format, "botopen", "transcripts", "--user", "u", "--channel", "instagram")
		require.Equal(t, exitOK, r.code, r.stderr)
		out := strings.TrimSpace(r.stdout)
		if format == "json" {
			var entries []json.RawMessage
			require.NoError(t, json.Unmarshal([]byte(out), &entries))
			require.Len(t, entries, 1)
			out = string(entries[0])
		}
		assert.JSONEq(t, string(page.Transcripts[0]), out, "-o %s", format)
	}
}
