package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// idsOf lists the ids (uuid, else id) a list command prints with -o jsonl,
// run through the built binary against the embedded mock.
func idsOf(t *testing.T, args ...string) []string {
	t.Helper()
	r := runBinary(t, nil, "", append([]string{"--mock", "-o", "jsonl", "--all"}, args...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		it := readItem("", json.RawMessage(line))
		ids = append(ids, it.idText)
	}
	require.NotEmpty(t, ids)
	return ids
}

// completions runs `botctl __complete args…` through the built binary and
// returns the offered values (descriptions cut) and the directive line.
func completions(t *testing.T, args ...string) ([]string, string) {
	t.Helper()
	r := runBinary(t, nil, "", append([]string{"__complete"}, args...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	var values []string
	for _, l := range lines[:len(lines)-1] {
		v, _, _ := strings.Cut(l, "\t")
		values = append(values, v)
	}
	return values, lines[len(lines)-1]
}

func TestCompletionOfIDsFromTheirList(t *testing.T) {
	checkins := idsOf(t, "dailybot", "checkins", "list")
	teams := idsOf(t, "dailybot", "teams", "list")
	users := idsOf(t, "dailybot", "users", "list")
	forms := idsOf(t, "dailybot", "forms", "list")
	responses := idsOf(t, "dailybot", "forms", "responses", "list", forms[0])

	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"an argument", []string{"--mock", "dailybot", "checkins", "delete", ""}, checkins},
		{"the second argument", []string{"--mock", "dailybot", "teams", "remove-member", teams[0], ""}, users},
		{"a nested list takes the first argument", []string{"--mock", "dailybot", "forms", "responses", "get", forms[0], ""}, responses},
		{"a flag", []string{"--mock", "dailybot", "send-message", "--target-teams", ""}, teams},
		{"a list flag's next item", []string{"--mock", "dailybot", "send-message", "--target-teams", teams[0] + ","}, prefixed(teams[0]+",", teams)},
		{"by prefix", []string{"--mock", "dailybot", "checkins", "get", checkins[1][:8]}, []string{checkins[1]}},
		{"either list", []string{"--mock", "dailybot", "kudos", "give", "--receivers", ""}, append(users, teams...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, directive := completions(t, tt.args...)
			assert.ElementsMatch(t, tt.want, got)
			assert.Equal(t, ":4", directive, "no file names")
		})
	}

	t.Run("descriptions name them", func(t *testing.T) {
		r := runBinary(t, nil, "", "__complete", "--mock", "dailybot", "users", "get", "")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Regexp(t, `(?m)^`+users[0]+`\t\S+ \S+ \S+@\S+$`, r.stdout)
	})
	t.Run("-o", func(t *testing.T) {
		got, _ := completions(t, "-o", "")
		assert.Equal(t, []string{"json", "jsonl", "table", "csv"}, got)
	})
	t.Run("enum flag", func(t *testing.T) {
		got, _ := completions(t, "dailybot", "forms", "responses", "list", "X", "--flow-status", "")
		assert.Equal(t, []string{"pending", "approved", "denied"}, got)
	})
	t.Run("no credentials: nothing, no error", func(t *testing.T) {
		got, directive := completions(t, "dailybot", "checkins", "delete", "")
		assert.Empty(t, got)
		assert.Equal(t, ":5", directive, "an error directive, no file names")
	})
}

func prefixed(prefix string, values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = prefix + v
	}
	return out
}

// directory is a fake DailyBot that lists users and teams (two people share
// a name) and records every other request, counting the list calls.
type directory struct {
	*httptest.Server
	mu     sync.Mutex
	lists  map[string]int
	sent   []string
	bodies []string
}

const (
	anaID   = "0b5c6b1e-1111-4c55-9a39-000000000001"
	ana2ID  = "0b5c6b1e-1111-4c55-9a39-000000000002"
	bruno   = "0b5c6b1e-1111-4c55-9a39-000000000003"
	teamEng = "7e000000-2222-4c55-9a39-000000000001"
)

func newDirectory(t *testing.T) *directory {
	d := &directory{lists: map[string]int{}}
	d.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.mu.Lock()
		defer d.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/users/":
			d.lists["users"]++
			fmt.Fprintf(w, `[{"uuid":%q,"full_name":"Ana Lima","email":"ana@example.com"},`+
				`{"uuid":%q,"full_name":"Ana Lima","email":"ana.lima@example.com"},`+
				`{"uuid":%q,"full_name":"Bruno Reis","email":"Bruno@Example.com"}]`, anaID, ana2ID, bruno)
		case "/teams/":
			d.lists["teams"]++
			fmt.Fprintf(w, `[{"uuid":%q,"name":"Engineering"},{"uuid":"7e000000-2222-4c55-9a39-000000000002","name":"Bruno Reis"}]`, teamEng)
		default:
			d.sent = append(d.sent, r.Method+" "+r.URL.RequestURI())
			body, _ := io.ReadAll(r.Body)
			d.bodies = append(d.bodies, string(body))
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	t.Cleanup(d.Close)
	return d
}

func (d *directory) state() (map[string]int, []string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.lists, append([]string(nil), d.sent...)
}

func TestPeopleAndTeamsByName(t *testing.T) {
	t.Run("path arguments by e-mail and name", func(t *testing.T) {
		d := newDirectory(t)
		r := runBinary(t, mockEnv(), "", "--base-url", d.URL, "dailybot", "teams", "remove-member", "Engineering", "BRUNO@example.com")
		require.Equal(t, exitOK, r.code, r.stderr)
		lists, sent := d.state()
		assert.Equal(t, []string{"DELETE /teams/" + teamEng + "/member/" + bruno + "/"}, sent)
		assert.Equal(t, map[string]int{"users": 1, "teams": 1}, lists)
	})
	t.Run("body lists, cached for the command", func(t *testing.T) {
		d := newDirectory(t)
		r := runBinary(t, mockEnv(), "", "--base-url", d.URL, "dailybot", "send-message", "--message", "hi",
			"--target-users", "ana@example.com,Bruno Reis", "--target-users", anaID, "--target-teams", "engineering")
		require.Equal(t, exitOK, r.code, r.stderr)
		lists, sent := d.state()
		assert.Equal(t, []string{"POST /send-message/"}, sent)
		assert.Equal(t, map[string]int{"users": 1, "teams": 1}, lists, "one list call each")
		assert.JSONEq(t, `{"message": "hi", "target_users": ["`+anaID+`", "`+bruno+`", "`+anaID+`"], "target_teams": ["`+teamEng+`"]}`, d.bodies[0])
	})
	t.Run("with a body from stdin", func(t *testing.T) {
		d := newDirectory(t)
		r := runBinary(t, mockEnv(), `{"message": "hi"}`, "--base-url", d.URL, "dailybot", "send-message", "--data", "-",
			"--target-users", "Bruno Reis")
		require.Equal(t, exitOK, r.code, r.stderr)
		_, sent := d.state()
		assert.Equal(t, []string{"POST /send-message/"}, sent)
		assert.JSONEq(t, `{"message": "hi", "target_users": ["`+bruno+`"]}`, d.bodies[0])
	})
	t.Run("a word no one has passes as an id", func(t *testing.T) {
		d := newDirectory(t)
		r := runBinary(t, mockEnv(), "", "--base-url", d.URL, "dailybot", "users", "get", "u-1")
		require.Equal(t, exitOK, r.code, r.stderr)
		lists, sent := d.state()
		assert.Equal(t, []string{"GET /users/u-1/"}, sent)
		assert.Equal(t, map[string]int{"users": 1}, lists)
	})
	t.Run("ids pass without a look-up", func(t *testing.T) {
		d := newDirectory(t)
		r := runBinary(t, mockEnv(), "", "--base-url", d.URL, "dailybot", "users", "get", bruno)
		require.Equal(t, exitOK, r.code, r.stderr)
		lists, _ := d.state()
		assert.Empty(t, lists)
	})
	for name, tt := range map[string]struct {
		args []string
		want string
	}{
		"ambiguous name": {[]string{"users", "get", "Ana Lima"},
			`error: USER_ID: "Ana Lima" is ambiguous: user Ana Lima <ana@example.com> (` + anaID + `), user Ana Lima <ana.lima@example.com> (` + ana2ID + `); give the id` + "\n"},
		"unknown name":   {[]string{"users", "get", "Carla Gomez"}, `error: USER_ID: no user has the id, e-mail or name "Carla Gomez" (3 listed)` + "\n"},
		"unknown e-mail": {[]string{"users", "get", "carla@example.com"}, `error: USER_ID: no user has the id, e-mail or name "carla@example.com" (3 listed)` + "\n"},
		"near names":     {[]string{"users", "get", "ana lim"}, `did you mean user Ana Lima <ana@example.com>`},
		"a user or a team of the same name": {[]string{"kudos", "give", "--receivers", "Bruno Reis", "--content", "x"},
			`error: --receivers: "Bruno Reis" is ambiguous: user Bruno Reis <Bruno@Example.com> (` + bruno + `), team Bruno Reis (7e000000-2222-4c55-9a39-000000000002)`},
	} {
		t.Run(name, func(t *testing.T) {
			d := newDirectory(t)
			r := runBinary(t, mockEnv(), "", append([]string{"--base-url", d.URL, "dailybot"}, tt.args...)...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.want)
			assert.Empty(t, r.stdout)
			_, sent := d.state()
			assert.Empty(t, sent, "nothing sent")
		})
	}
}
