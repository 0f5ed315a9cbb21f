package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/mock"
	"github.com/botsdk/botsdk/specs"
)

// updateGolden rewrites testdata/*.golden from the current output:
// go test ./cmd/botctl -run Golden -update.
var updateGolden = flag.Bool("update", false, "rewrite testdata/*.golden files from the current output")

// assertGolden compares got with testdata/<name>.golden, or writes the file
// when -update is set.
func assertGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *updateGolden {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to create %s", path)
	assert.Equal(t, string(want), got, "%s differs; run with -update if the change is intended", path)
}

// result is what one in-process botctl run printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs botctl in-process with args, no terminal, and an environment
// holding only vars ("KEY=value"). Use "--mock" in args to run against the
// embedded mock.
func runCLI(t *testing.T, vars []string, args ...string) result {
	t.Helper()
	return runCLIWith(t, &env{args: args, getenv: envFrom(vars)})
}

// runCLIWith runs botctl with a prepared env (set stdin, TTY flags as needed);
// stdout and stderr are captured.
func runCLIWith(t *testing.T, e *env) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e.stdout, e.stderr = &stdout, &stderr
	if e.stdin == nil {
		e.stdin = strings.NewReader("")
	}
	if e.getenv == nil {
		e.getenv = envFrom(nil)
	}
	code := run(context.Background(), e)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// envFrom is a getenv over "KEY=value" pairs.
func envFrom(vars []string) func(string) string {
	m := map[string]string{}
	for _, kv := range vars {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return func(k string) string { return m[k] }
}

// fixedNow is the clock of fixedMock's servers: the mock seeds its data
// relative to now, so a fixed clock keeps data and golden files still.
var fixedNow = time.Date(2024, 6, 3, 12, 0, 0, 0, time.UTC)

// fixedMock starts a mock on loopback whose clock stands at fixedNow.
func fixedMock(t *testing.T, opts ...mock.Option) *mock.Server {
	t.Helper()
	return mock.NewTestServer(t, append([]mock.Option{mock.WithClock(func() time.Time { return fixedNow })}, opts...)...)
}

// mockEnv is an environment holding the mock's default credentials for all
// four APIs, for runs that use --base-url instead of --mock.
func mockEnv() []string {
	c := mock.DefaultCredentials()
	return []string{
		"ASSISTBOT_API_KEY=" + c.AssistBotKey, "DAILYBOT_API_KEY=" + c.DailyBotKey,
		"BOTAZ_USER_ID=" + c.BotAzUserID, "BOTAZ_AUTH_TOKEN=" + c.BotAzToken,
		"BOTOPEN_APP_ID=" + c.BotOpenAppID, "BOTOPEN_APP_SECRET=" + c.BotOpenAppSecret,
	}
}

// onServer prefixes args with --base-url for api's part of srv.
func onServer(srv *mock.Server, api string, args ...string) []string {
	return append([]string{"--base-url", srv.BaseURL(api)}, args...)
}

// decodeOut decodes a run's stdout, failing the test when it is not JSON.
func decodeOut[T any](t *testing.T, r result) T {
	t.Helper()
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	var v T
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &v), "stdout: %s", r.stdout)
	return v
}

// items is a list command's output: objects by their JSON keys.
type items = []map[string]any

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		vars    []string
		args    []string
		wantErr string
	}{
		{name: "unknown flag", args: []string{"--bogus"}, wantErr: "unknown flag: --bogus"},
		{name: "unknown output", args: []string{"-o", "yaml", "dailybot", "checkins", "list"}, wantErr: "want json, jsonl, table or csv"},
		{name: "missing credential names the variable", args: []string{"dailybot", "checkins", "list"}, wantErr: "set DAILYBOT_API_KEY"},
		{name: "mock and base-url", args: []string{"--mock", "--base-url", "http://127.0.0.1:1", "dailybot", "checkins", "list"}, wantErr: "exclude each other"},
		{name: "unknown subcommand", args: []string{"dailybot", "nope"}, wantErr: `unknown command "nope"`},
		{name: "group without subcommand", args: []string{"dailybot"}, wantErr: "needs a subcommand"},
		{name: "extra argument", args: []string{"--mock", "dailybot", "checkins", "list", "x"}, wantErr: "unknown command"},
		{name: "typo in an api suggests it", args: []string{"dailybto", "me"}, wantErr: `(did you mean "dailybot"?); see 'botctl --help'`},
		{name: "typo in a resource suggests it", args: []string{"dailybot", "checkin", "list"}, wantErr: `(did you mean "checkins"?)`},
		{name: "typo in a verb suggests it", args: []string{"botaz", "messages", "snd"}, wantErr: `(did you mean "send"?)`},
		{name: "missing argument shows the usage", args: []string{"dailybot", "checkins", "get"}, wantErr: "; usage: botctl dailybot checkins get CHECKIN_ID"},
		{name: "unknown flag points to the command's help", args: []string{"dailybot", "checkins", "list", "--al"}, wantErr: "unknown flag: --al; see 'botctl dailybot checkins list --help'"},
		{name: "bad base url", vars: mockEnv(), args: []string{"--base-url", "api.dailybot.com/v1", "dailybot", "me"}, wantErr: `--base-url: "api.dailybot.com/v1" is not an absolute http(s) URL`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.vars, tt.args...)
			require.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			assert.True(t, strings.HasPrefix(r.stderr, "error: "), "stderr %q", r.stderr)
			assert.Contains(t, r.stderr, tt.wantErr)
			assert.Empty(t, r.stdout, "stdout carries data only")
		})
	}
}

// TestDataTakesTheKeysItsHelpLists checks every command with --data: its
// help lists the body's keys, and --data takes each of them. Keys are read
// in sorted order, so a known key passes (null fits any) and the error names
// the unknown key after it, before any credential or request is needed.
func TestDataTakesTheKeysItsHelpLists(t *testing.T) {
	if testing.Short() {
		t.Skip("a sweep of every key of every --data command; make test runs it")
	}
	root := newRootCmd(newApp(&env{getenv: envFrom(nil)}))
	var withData []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Flags().Lookup("data") != nil && c.Name() != "request" { // request's body is any JSON
			withData = append(withData, c)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	bodies := 0
	for _, name := range specs.Names() {
		doc, err := specs.Load(context.Background(), name)
		require.NoError(t, err)
		for _, item := range doc.Paths.Map() {
			for _, op := range item.Operations() {
				if op.RequestBody != nil && !bodyAllArgs(op) {
					bodies++
				}
			}
		}
	}
	require.Len(t, withData, bodies+1, "a --data for each operation of the specs that sends a body not all given as arguments, and botctl mock trigger's")
	for _, c := range withData {
		path := strings.Fields(strings.TrimPrefix(c.CommandPath(), "botctl "))
		t.Run(strings.Join(path, " "), func(t *testing.T) {
			usage := c.Flags().Lookup("data").Usage
			if strings.Contains(usage, "its keys are undocumented") {
				return // an open body: --data takes any object (TestOpenBodyPassesThrough)
			}
			_, list, ok := strings.Cut(usage, ". Keys: ")
			require.True(t, ok, "--data's help lists the keys")
			args := path
			for _, word := range strings.Fields(c.Use)[1:] {
				if word == strings.ToUpper(word) { // a positional argument, e.g. ID
					args = append(args, "X")
				}
			}
			for _, key := range strings.Split(list, ", ") {
				r := runCLI(t, nil, append(args, "--data", `{"`+key+`": null, "zzz_unknown": 1}`)...)
				assert.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
				assert.Contains(t, r.stderr, `unknown field "zzz_unknown"`, "--data takes %q", key)
			}
		})
	}
}

// TestInterruptedExport checks that an export stopped by SIGINT says so in
// plain words, exits 1, and leaves the complete items it printed, buffered
// or not, as a valid JSON array.
func TestInterruptedExport(t *testing.T) {
	srv := fixedMock(t)
	all := decodeOut[items](t, runCLI(t, mockEnv(), onServer(srv, "dailybot", "--all", "dailybot", "users", "list")...))
	require.Greater(t, len(all), 4)

	// The signal arrives as the fourth page is asked for.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var requests atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requests.Add(1) == 4 {
			cancel()
		}
		srv.Mock.ServeHTTP(w, r)
	}))
	defer ts.Close()
	var stdout, stderr bytes.Buffer
	code := run(ctx, &env{
		args:  []string{"--base-url", ts.URL + srv.Mock.BasePath("dailybot"), "--all", "--page-size", "1", "dailybot", "users", "list"},
		stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: envFrom(mockEnv()),
	})
	assert.Equal(t, exitInterrupted, code)
	assert.Equal(t, "error: interrupted; the output is incomplete\n", stderr.String())
	var partial items
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &partial), "stdout: %s", stdout.String())
	assert.NotEmpty(t, partial)
	assert.Less(t, len(partial), len(all))
	assert.Equal(t, all[:len(partial)], partial)
}

// TestOpenBodyPassesThrough: a command whose body the docs leave open
// (no key declared) sends --data's object as given, and {} without it.
func TestOpenBodyPassesThrough(t *testing.T) {
	bodies := make(chan string, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies <- string(b)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"kept":true}`)
	}))
	defer srv.Close()
	r := runCLI(t, mockEnv(), "--base-url", srv.URL, "dailybot", "webhooks", "sample", "--data", `{"event":"kudos.posted","zzz_any":[1]}`)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.JSONEq(t, `{"event":"kudos.posted","zzz_any":[1]}`, <-bodies)
	assert.JSONEq(t, `{"kept":true}`, r.stdout)
	r = runCLI(t, mockEnv(), "--base-url", srv.URL, "dailybot", "important-dates", "create")
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.JSONEq(t, `{}`, <-bodies)
}

// bodyAllArgs reports whether every key of op's JSON body is one of its
// command's positional arguments (`teams add-member TEAM_ID USER_ID…`) or
// hidden (Bot Open's login credentials come from the environment): such a
// command has no --data.
func bodyAllArgs(op *openapi3.Operation) bool {
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || len(mt.Schema.Value.Properties) == 0 {
		return false
	}
	ext, _ := op.Extensions["x-botctl"].(map[string]any)
	args, _ := ext["args"].([]any)
	hidden, _ := ext["hide"].([]any)
	args = append(args, hidden...)
	for key := range mt.Schema.Value.Properties {
		if !slices.ContainsFunc(args, func(a any) bool { s, _ := a.(string); return strings.TrimSuffix(s, "...") == key }) {
			return false
		}
	}
	return true
}
