package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/specs"
)

// fuzzCommand is a command FuzzRequestData feeds --data to: the spec
// operation whose body it sends, its command line, and one body flag that
// replaces a key of --data, with a value it takes for the seeds.
type fuzzCommand struct {
	api, method, path string
	args              []string
	flag, value       string
}

// fuzzCommands are the commands with the richest bodies of each API:
// objects, lists, codes, dates, nullable fields and secrets.
var fuzzCommands = []fuzzCommand{
	{"dailybot", http.MethodPost, "/checkins/", []string{"dailybot", "checkins", "create"}, "name", "Daily Standup"},
	{"dailybot", http.MethodPatch, "/checkins/{checkin_uuid}/", []string{"dailybot", "checkins", "update", "C"}, "reporting-metadata", "channel:C0123ABCD:standups"},
	{"dailybot", http.MethodPatch, "/users/{user_uuid}/", []string{"dailybot", "users", "update", "U"}, "work-days", "1,2,3"},
	{"dailybot", http.MethodPost, "/send-message/", []string{"dailybot", "send-message"}, "buttons", "Start=/standup"},
	{"dailybot", http.MethodPost, "/webhook-subscription/", []string{"dailybot", "webhooks", "subscribe", "--allow-unknown-events"}, "subscriptions", "kudos.posted"},
	{"dailybot", http.MethodPost, "/kudos/", []string{"dailybot", "kudos", "give"}, "content", "Thanks!"},
	{"botaz", http.MethodPut, "/visitors/{id}", []string{"botaz", "visitors", "update", "V"}, "phone", ""},
	{"botaz", http.MethodPost, "/messages/", []string{"botaz", "messages", "send"}, "text", "Hi"},
	{"botopen", http.MethodPost, "/transcripts", []string{"botopen", "transcripts"}, "from", "2021-10-01"},
	{"botopen", http.MethodPost, "/users", []string{"botopen", "users", "list"}, "channel", "whatsapp,webchat"},
	{"assistbot", http.MethodPost, "/v1/history/standups", []string{"assistbot", "history", "standups"}, "timezone", "Europe/Berlin"},
	{"assistbot", http.MethodPost, "/v1/company/members", []string{"assistbot", "company", "members"}, "role", "manager"},
}

// How FuzzRequestData hands the body to --data.
const (
	dataInline = iota
	dataFile
	dataStdin
	dataModes
)

// withFlag, set in FuzzRequestData's which, gives the command's flag as
// well (with the value override, empty included) after --data.
const withFlag = 0x80

// specBodies holds the four specs and, per API, its operations' paths as
// patterns and the keys each operation's JSON request body declares.
type specBodies struct {
	docs map[string]*openapi3.T
	ops  map[string][]specOperation
}

// specOperation is one path of a spec: its pattern and, by method, the keys
// of the JSON request body (nil when the operation takes none).
type specOperation struct {
	pattern *regexp.Regexp
	keys    map[string]map[string]bool
}

// pathParam matches a quoted path template's {parameter}.
var pathParam = regexp.MustCompile(`\\\{[^}]+\\\}`)

func loadSpecBodies(tb testing.TB) *specBodies {
	tb.Helper()
	s := &specBodies{docs: map[string]*openapi3.T{}, ops: map[string][]specOperation{}}
	for _, api := range specs.Names() {
		doc, err := specs.Load(context.Background(), api)
		require.NoError(tb, err)
		s.docs[api] = doc
		for tmpl, item := range doc.Paths.Map() {
			op := specOperation{
				pattern: regexp.MustCompile("^" + pathParam.ReplaceAllString(regexp.QuoteMeta(tmpl), "[^/]+") + "$"),
				keys:    map[string]map[string]bool{},
			}
			for method, o := range item.Operations() {
				if o.RequestBody == nil || o.RequestBody.Value == nil {
					continue
				}
				mt := o.RequestBody.Value.Content.Get("application/json")
				if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
					continue
				}
				keys := map[string]bool{}
				for k := range mt.Schema.Value.Properties {
					keys[k] = true
				}
				op.keys[method] = keys
			}
			s.ops[api] = append(s.ops[api], op)
		}
	}
	return s
}

// keys returns the keys of the JSON request body of the operation of api
// that method and path (below the API's base URL) reach, and false when the
// spec has no such operation with a JSON body.
func (s *specBodies) keys(api, method, path string) (map[string]bool, bool) {
	for _, op := range s.ops[api] {
		if op.pattern.MatchString(path) {
			keys, ok := op.keys[method]
			return keys, ok
		}
	}
	return nil, false
}

// examples returns the request body examples the spec gives for c's
// operation, as JSON.
func (s *specBodies) examples(tb testing.TB, c fuzzCommand) [][]byte {
	var out [][]byte
	for _, ex := range specs.Examples(s.docs[c.api]) {
		if ex.In != "request" || ex.Method != c.method || ex.Path != c.path || ex.MediaType != "application/json" {
			continue
		}
		b, err := json.Marshal(ex.Value)
		require.NoError(tb, err)
		out = append(out, b)
	}
	return out
}

// sentRequest is one request the fuzz server received.
type sentRequest struct {
	method, path string
	body         []byte
}

// FuzzRequestData feeds arbitrary bytes to --data (inline, as @file and on
// stdin) of commands of all four APIs, with and without a flag replacing
// one of its keys (which picks the command and withFlag; mode the way in), against a 127.0.0.1 server that records what it gets. It
// checks that botctl never panics, exits 0, 1 or 2, sends nothing when it
// exits 2, and that any body it does send is valid JSON: an object whose
// keys are all declared by the spec for that operation.
func FuzzRequestData(f *testing.F) {
	bodies := loadSpecBodies(f)
	for i, c := range fuzzCommands {
		for j, ex := range bodies.examples(f, c) {
			f.Add(uint8(i), uint8(j%dataModes), ex, "")
			f.Add(uint8(i)|withFlag, uint8(dataInline), ex, c.value)
		}
		f.Add(uint8(i), uint8(dataInline), []byte(`{}`), "")
		f.Add(uint8(i), uint8(dataStdin), []byte(`{"zzz_unknown": 1}`), "")
	}

	var (
		mu   sync.Mutex
		sent []sentRequest
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		sent = append(sent, sentRequest{method: r.Method, path: r.URL.Path, body: body})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/login") {
			_, _ = io.WriteString(w, `{"authToken": "fuzz-token", "expiresAt": "2099-01-01T00:00:00Z"}`)
			return
		}
		// Any failure will do: only what botctl sent is checked.
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{}`)
	}))
	f.Cleanup(srv.Close)
	file := filepath.Join(f.TempDir(), "body.json")

	f.Fuzz(func(t *testing.T, which, mode uint8, data []byte, override string) {
		c := fuzzCommands[int(which&^withFlag)%len(fuzzCommands)]
		e := &env{getenv: envFrom(mockEnv()), stdin: strings.NewReader("")}
		args := append([]string{"--base-url", srv.URL + "/" + c.api, "--retries", "0", "--timeout", "10s"}, c.args...)
		switch mode % dataModes {
		case dataInline:
			// "@…" and "-" would name a file or stdin: the other modes' job.
			if bytes.HasPrefix(data, []byte("@")) || string(data) == "-" {
				t.Skip()
			}
			args = append(args, "--data", string(data))
		case dataFile:
			require.NoError(t, os.WriteFile(file, data, 0o600))
			args = append(args, "--data", "@"+file)
		case dataStdin:
			e.stdin = bytes.NewReader(data)
			args = append(args, "--data", "-")
		}
		if which&withFlag != 0 {
			args = append(args, "--"+c.flag, override)
		}
		e.args = args

		mu.Lock()
		sent = sent[:0]
		mu.Unlock()
		r := runCLIWith(t, e)
		mu.Lock()
		got := append([]sentRequest(nil), sent...)
		mu.Unlock()

		if r.code < exitOK || r.code > exitNetwork {
			t.Fatalf("exit %d; stderr: %s", r.code, r.stderr)
		}
		if r.code == exitUsage && len(got) > 0 {
			t.Fatalf("exit 2 after %d requests (first %s %s); stderr: %s", len(got), got[0].method, got[0].path, r.stderr)
		}
		for _, req := range got {
			path := strings.TrimPrefix(req.path, "/"+c.api)
			if len(req.body) == 0 {
				continue
			}
			if !json.Valid(req.body) {
				t.Fatalf("%s %s: the body is not JSON: %q", req.method, path, req.body)
			}
			var obj map[string]json.RawMessage
			if err := json.Unmarshal(req.body, &obj); err != nil {
				t.Fatalf("%s %s: the body is not a JSON object: %s", req.method, path, req.body)
			}
			keys, ok := bodies.keys(c.api, req.method, path)
			if !ok {
				t.Fatalf("%s %s: sent a body to an operation without one in the %s spec: %s", req.method, path, c.api, req.body)
			}
			for k := range obj {
				if !keys[k] {
					t.Fatalf("%s %s: key %q is not the API's (body %s)", req.method, path, k, req.body)
				}
			}
		}
	})
}
