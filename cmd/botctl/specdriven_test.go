package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/specs"
)

// reactionPath is an operation the DailyBot spec does not have, added to a
// copy of it by TestNewOperationNeedsNoGo.
const reactionPath = `
  /kudos/{kudos_id}/reactions/:
    post:
      operationId: addKudosReaction
      summary: React to kudos
      description: Adds an emoji reaction to kudos (an operation made up for this test).
      x-botctl:
        command: kudos react
        args: [kudos_id]
        columns: [id, emoji]
        examples: ["botctl dailybot kudos react KUDOS_ID --emoji tada"]
      parameters:
        - {name: kudos_id, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [emoji]
              properties:
                emoji: {type: string, enum: [tada, heart], description: The reaction.}
                count: {type: integer, minimum: 1, maximum: 5, description: How many times.}
      responses:
        '200':
          description: The reaction.
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: {type: string}
                  emoji: {type: string}
`

// TestNewOperationNeedsNoGo adds an operation with an x-botctl extension to
// a copy of the DailyBot spec and runs it through the same generator
// (optable.FromSpec) and engine the shipped botctl uses: its command, flags,
// help and validation appear with no Go change.
func TestNewOperationNeedsNoGo(t *testing.T) {
	raw, err := specs.FS.ReadFile("dailybot.yaml")
	require.NoError(t, err)
	raw = bytes.Replace(raw, []byte("\npaths:\n"), []byte("\npaths:"+reactionPath), 1)
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	doc, err := loader.LoadFromData(raw)
	require.NoError(t, err)
	table, err := optable.FromSpec(doc, "dailybot")
	require.NoError(t, err)

	var requests atomic.Int64
	var got []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		assert.Equal(t, "/kudos/K1/reactions/", r.URL.Path)
		got, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id": "r1", "emoji": "tada", "by": {"name": "Ana", "mood": "glad"}}`)
	}))
	defer srv.Close()
	runNew := func(args ...string) result {
		var stdout, stderr bytes.Buffer
		a := newApp(&env{args: append([]string{"--base-url", srv.URL}, args...), stdin: strings.NewReader(""),
			stdout: &stdout, stderr: &stderr, getenv: envFrom(mockEnv())})
		a.tables = []*optable.API{table}
		code := runApp(context.Background(), a)
		return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
	}

	t.Run("help", func(t *testing.T) {
		r := runNew("dailybot", "kudos", "react", "--help")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, "Adds an emoji reaction to kudos")
		assert.Contains(t, r.stdout, "react KUDOS_ID")
		assert.Regexp(t, `--emoji string\s+The reaction`, r.stdout)
		assert.Regexp(t, `--count int\s+How many times`, r.stdout)
		assert.Contains(t, r.stdout, "botctl dailybot kudos react KUDOS_ID --emoji tada")
		r = runNew("dailybot", "--help")
		assert.Regexp(t, `(?m)^  kudos react KUDOS_ID\s+React to kudos$`, r.stdout)
	})
	for _, bad := range []struct {
		name, want string
		args       []string
	}{
		{"missing required key", "dailybot: emoji: is required (missing --emoji: tada or heart)", nil},
		{"value outside the enum", `--emoji: must be tada or heart (got "smile")`, []string{"--emoji", "smile"}},
		{"number over the maximum", "--count: must be between 1 and 5 (got 9)", []string{"--emoji", "tada", "--count", "9"}},
		{"wrong kind in --data", `--data: count: "count" must be a JSON integer (got "two")`, []string{"--data", `{"emoji": "tada", "count": "two"}`}},
		{"missing argument", "accepts 1 arg(s), received 0", []string{}},
	} {
		t.Run(bad.name, func(t *testing.T) {
			args := append([]string{"dailybot", "kudos", "react"}, bad.args...)
			if bad.name != "missing argument" {
				args = append([]string{"dailybot", "kudos", "react", "K1"}, bad.args...)
			}
			r := runNew(args...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.Contains(t, r.stderr, bad.want)
			assert.Empty(t, r.stdout)
			assert.Zero(t, requests.Load(), "nothing sent")
		})
	}
	t.Run("sent and printed as the server answered", func(t *testing.T) {
		r := runNew("dailybot", "kudos", "react", "K1", "--emoji", "tada", "--count", "2")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.JSONEq(t, `{"emoji": "tada", "count": 2}`, string(got))
		assert.JSONEq(t, `{"id": "r1", "emoji": "tada", "by": {"name": "Ana", "mood": "glad"}}`, r.stdout)
		r = runNew("-o", "table", "dailybot", "kudos", "react", "K1", "--emoji", "heart")
		assert.Equal(t, "ID  EMOJI\nr1  tada\n", r.stdout)
	})
}

// TestGroupsAreKeyedByPrefix builds, from an in-process table, commands
// whose groups share a word below different parents (checkins members,
// teams members): each reaches its own operation, and a group takes its
// description by its whole prefix.
func TestGroupsAreKeyedByPrefix(t *testing.T) {
	paths := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths <- r.URL.Path
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id": "x"}`)
	}))
	defer srv.Close()
	table := &optable.API{Name: "dailybot", Groups: map[string]string{"teams members": "A team's members"}, Ops: []optable.Op{
		{Command: []string{"checkins", "members", "list"}, Method: http.MethodGet, Path: "/checkins/members/", Summary: "Check-in members"},
		{Command: []string{"teams", "list"}, Method: http.MethodGet, Path: "/teams/", Summary: "Teams"},
		{Command: []string{"teams", "members", "list"}, Method: http.MethodGet, Path: "/teams/members/", Summary: "Team members"},
	}}
	run := func(args ...string) result {
		var stdout, stderr bytes.Buffer
		a := newApp(&env{args: append([]string{"--base-url", srv.URL, "dailybot"}, args...), stdin: strings.NewReader(""),
			stdout: &stdout, stderr: &stderr, getenv: envFrom(mockEnv())})
		a.tables = []*optable.API{table}
		code := runApp(context.Background(), a)
		return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
	}
	for _, tt := range []struct {
		command, path string
	}{
		{"checkins members list", "/checkins/members/"},
		{"teams members list", "/teams/members/"},
		{"teams list", "/teams/"},
	} {
		t.Run(tt.command, func(t *testing.T) {
			r := run(strings.Fields(tt.command)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, tt.path, <-paths)
		})
	}
	r := run("teams", "--help")
	assert.Regexp(t, `(?m)^  members\s+A team's members$`, r.stdout)
	r = run("--help")
	assert.Regexp(t, `(?m)^  checkins members list\s+Check-in members$`, r.stdout)
	assert.Regexp(t, `(?m)^  teams members list\s+Team members$`, r.stdout)
}

// withUnknownKeys returns v with a key the specs do not declare added to
// every object at every depth.
func withUnknownKeys(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, sub := range t {
			t[k] = withUnknownKeys(sub)
		}
		t["zz_undeclared"] = map[string]any{"mood": "glad", "nested": []any{map[string]any{"deep": 1.5}}}
		return t
	case []any:
		for i := range t {
			t[i] = withUnknownKeys(t[i])
		}
	}
	return v
}

// losslessArgs are the arguments each list or get command needs to pass
// its checks; positional arguments are filled in with "X".
var losslessArgs = map[string][]string{
	"dailybot templates list":       {"--type", "checkins"},
	"dailybot important-dates list": {"--user", "u1"},
	"assistbot history standups":    {"--standup-id", "1"},
	"assistbot history polls":       {"--poll-id", "1"},
	"botopen users list":            {"--channel", "whatsapp", "--from", "2024-01-01", "--to", "2024-01-02"},
	"botopen transcripts":           {"--user", "u", "--channel", "whatsapp"},
	"dailybot agents health get":    {"--agent-name", "a"},
	"dailybot agents messages list": {"--agent-name", "a"},
}

// TestOutputIsLossless runs every list and get command against a server
// that adds undeclared keys at every depth of each item, and checks that
// -o json and -o jsonl print each item equal to what the server sent.
func TestOutputIsLossless(t *testing.T) {
	if testing.Short() {
		t.Skip("a sweep of every list and get command; make test runs it")
	}
	item := func() map[string]any {
		return withUnknownKeys(map[string]any{"id": "i1", "uuid": "u1", "name": "n",
			"user": map[string]any{"full_name": "Ana", "org": map[string]any{"name": "Acme"}}, "list": []any{map[string]any{"a": 1}}}).(map[string]any)
	}
	for _, api := range commandTables() {
		for _, op := range api.Ops {
			if op.Method != http.MethodGet && !op.List || slices.Contains(op.Hooks, "login") {
				continue
			}
			words := append([]string{api.Name}, op.Command...)
			name := strings.Join(words, " ")
			t.Run(name, func(t *testing.T) {
				items := []any{item(), item()}
				// Each API's answer: AssistBot's {data, count, status}, a
				// DailyBot page {count, next, results}, a Bot Open page
				// keyed like its path ({users, page, pages}), or the items.
				key := map[string]string{"assistbot": "data", "dailybot": "results", "botopen": path.Base(op.Path)}[api.Name]
				if api.Name != "assistbot" && op.Start == "" {
					key = ""
				}
				var answer any = items
				switch {
				case op.List && key != "":
					answer = map[string]any{key: items, "count": 2, "status": true, "next": nil, "page": 1, "pages": 1}
				case key == "data":
					answer = map[string]any{"data": items[0], "status": true}
				case !op.List:
					answer = items[0]
				}
				body, err := json.Marshal(answer)
				require.NoError(t, err)
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "application/json")
					if strings.HasSuffix(r.URL.Path, "/login") {
						_, _ = io.WriteString(w, `{"authToken": "tok-123456789"}`)
						return
					}
					_, _ = w.Write(body)
				}))
				defer srv.Close()
				args := append([]string{}, words...)
				for _, f := range op.Fields {
					if f.Arg > 0 {
						args = append(args, "X")
					}
				}
				args = append(args, losslessArgs[name]...)
				want := items
				if !op.List {
					want = items[:1]
				}
				for _, format := range []string{"json", "jsonl"} {
					r := runCLI(t, mockEnv(), append([]string{"--base-url", srv.URL, "-o", format}, args...)...)
					require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
					var got []any
					if format == "jsonl" || !op.List {
						for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
							var v any
							require.NoError(t, json.Unmarshal([]byte(line), &v), r.stdout)
							got = append(got, v)
						}
					} else {
						require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
					}
					wantJSON, _ := json.Marshal(want)
					gotJSON, _ := json.Marshal(got)
					assert.JSONEq(t, string(wantJSON), string(gotJSON), "-o %s", format)
				}
			})
		}
	}
}

// BenchmarkHelp builds the whole command tree in-process and prints
// botctl --help, as a start-up does: no spec is parsed.
func BenchmarkHelp(b *testing.B) {
	for b.Loop() {
		var out bytes.Buffer
		if code := run(context.Background(), &env{args: []string{"--help"}, stdin: strings.NewReader(""),
			stdout: &out, stderr: io.Discard, getenv: envFrom(nil)}); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
