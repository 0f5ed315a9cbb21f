package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/mock"
)

// ids collects the "id" of each item as integers.
func ids(list items) []int {
	out := make([]int, 0, len(list))
	for _, it := range list {
		out = append(out, int(it["id"].(float64)))
	}
	return out
}

func TestAssistBotCommands(t *testing.T) {
	// --mock seeds 90 days of history before now.
	yesterday := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)
	weekAgo := yesterday.AddDate(0, 0, -6)
	tests := []struct {
		name  string
		args  []string
		stdin string
		check func(t *testing.T, list items)
	}{
		{name: "departments", args: []string{"company", "departments"}, check: func(t *testing.T, l items) {
			assert.Len(t, l, 6)
		}},
		{name: "departments by id, comma-separated", args: []string{"company", "departments", "--department-id", "1,3"}, check: func(t *testing.T, l items) {
			assert.Equal(t, []int{1, 3}, ids(l))
		}},
		{name: "departments by id, repeated", args: []string{"company", "departments", "--department-id", "1", "--department-id", "3"}, check: func(t *testing.T, l items) {
			assert.Equal(t, []int{1, 3}, ids(l))
		}},
		{name: "members by role name", args: []string{"company", "members", "--role", "administrator"}, check: func(t *testing.T, l items) {
			assert.Equal(t, []int{1, 2}, ids(l))
		}},
		{name: "members by role number and name", args: []string{"company", "members", "--role", "2,manager", "--active"}, check: func(t *testing.T, l items) {
			require.NotEmpty(t, l)
			for _, m := range l {
				assert.Contains(t, []float64{1, 2}, m["role"])
				assert.Equal(t, true, m["active"])
			}
		}},
		{name: "members not accepted", args: []string{"company", "members", "--accepted=false"}, check: func(t *testing.T, l items) {
			require.NotEmpty(t, l)
			for _, m := range l {
				assert.Equal(t, false, m["accepted"])
			}
		}},
		{name: "members by id", args: []string{"company", "members", "--member-id", "5"}, check: func(t *testing.T, l items) {
			assert.Equal(t, []int{5}, ids(l))
		}},
		{name: "templates", args: []string{"templates", "list", "--template-id", "2"}, check: func(t *testing.T, l items) {
			assert.Equal(t, []int{2}, ids(l))
		}},
		{name: "standups by status name", args: []string{"standups", "list", "--status", "active"}, check: func(t *testing.T, l items) {
			require.NotEmpty(t, l)
			for _, s := range l {
				assert.Equal(t, float64(1), s["status"])
			}
		}},
		{name: "tasks", args: []string{"tasks", "list"}, check: func(t *testing.T, l items) {
			assert.NotEmpty(t, l)
		}},
		{name: "polls", args: []string{"polls", "list", "--poll-id", "1"}, check: func(t *testing.T, l items) {
			assert.Equal(t, []int{1}, ids(l))
		}},
		{name: "standup history", args: []string{"history", "standups", "--standup-id", "1", "--member-id", "4"}, check: func(t *testing.T, l items) {
			require.NotEmpty(t, l)
			for _, r := range l {
				assert.Equal(t, float64(1), r["standup_id"])
				assert.Equal(t, float64(4), r["member_id"])
			}
		}},
		{name: "standup history in a window", args: []string{"history", "standups", "--standup-id", "1", "--from", weekAgo.Format(time.DateOnly), "--to", yesterday.Format(time.DateOnly), "--timezone", "UTC"}, check: func(t *testing.T, l items) {
			require.NotEmpty(t, l)
			lo, hi := weekAgo.Unix(), yesterday.AddDate(0, 0, 1).Unix()
			for _, r := range l {
				at := int64(r["launch_dt"].(float64))
				assert.True(t, at >= lo && at < hi, "launch_dt %d outside the window", at)
			}
		}},
		{name: "poll history", args: []string{"history", "polls", "--poll-id", "1"}, check: func(t *testing.T, l items) {
			require.NotEmpty(t, l)
			for _, r := range l {
				assert.Equal(t, float64(1), r["poll_id"])
			}
		}},
		{name: "form encoding", args: []string{"--form", "company", "departments", "--department-id", "2,3"}, check: func(t *testing.T, l items) {
			assert.Equal(t, []int{2, 3}, ids(l))
		}},
		{name: "data from stdin", args: []string{"company", "members", "--data", "-"}, stdin: `{"member_id": [3, 4], "active": true}`, check: func(t *testing.T, l items) {
			assert.Equal(t, []int{3, 4}, ids(l))
		}},
		{name: "flags override data", args: []string{"company", "departments", "--data", `{"department_id": [1, 2]}`, "--department-id", "4"}, check: func(t *testing.T, l items) {
			assert.Equal(t, []int{4}, ids(l))
		}},
		{name: "data null is no filter", args: []string{"company", "departments", "--data", `{"department_id": null}`}, check: func(t *testing.T, l items) {
			assert.Len(t, l, 6)
		}},
		{name: "data with one id", args: []string{"history", "polls", "--data", `{"poll_id": 1, "department_id": 1}`}, check: func(t *testing.T, l items) {
			require.NotEmpty(t, l)
			for _, r := range l {
				assert.Equal(t, float64(1), r["department_id"])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLIWith(t, &env{args: append([]string{"--mock", "assistbot"}, tt.args...), stdin: strings.NewReader(tt.stdin)})
			assert.Empty(t, r.stderr)
			tt.check(t, decodeOut[items](t, r))
		})
	}
}

func TestAssistBotCompanyInfo(t *testing.T) {
	info := decodeOut[map[string]any](t, runCLI(t, nil, "--mock", "assistbot", "company", "info"))
	assert.NotEmpty(t, info["name"])
	assert.NotEmpty(t, info["timezone"])

	r := runCLI(t, nil, "--mock", "-o", "table", "assistbot", "company", "info")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 2, "a header and one row")
	assert.True(t, strings.HasPrefix(lines[0], "NAME "), lines[0])
}

func TestAssistBotJSONLines(t *testing.T) {
	r := runCLI(t, nil, "--mock", "-o", "jsonl", "assistbot", "company", "members")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	assert.Len(t, lines, 50)
	for _, l := range lines {
		assert.True(t, json.Valid([]byte(l)), l)
	}
}

func TestAssistBotErrors(t *testing.T) {
	tests := []struct {
		name     string
		vars     []string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "unknown standup is an API error", args: []string{"--mock", "assistbot", "history", "standups", "--standup-id", "999"},
			wantCode: exitError, wantErr: "error: assistbot: HTTP 400 [204]: Element id is required: no standup with standup_id 999\n"},
		{name: "unknown poll is an API error", args: []string{"--mock", "assistbot", "history", "polls", "--poll-id", "999"},
			wantCode: exitError, wantErr: "error: assistbot: HTTP 400 [204]: "},
		{name: "wrong key is an API error", vars: []string{"ASSISTBOT_API_KEY=wrong"}, args: []string{"assistbot", "company", "info"},
			wantCode: exitAuth, wantErr: "error: assistbot: HTTP 401 [101]: Invalid authorization token\n"},
		{name: "missing standup id", args: []string{"--mock", "assistbot", "history", "standups"},
			wantCode: exitUsage, wantErr: "missing --standup-id"},
		{name: "missing poll id", args: []string{"--mock", "assistbot", "history", "polls", "--from", "2024-01-01", "--to", "2024-01-02"},
			wantCode: exitUsage, wantErr: "missing --poll-id"},
		{name: "bad timezone", args: []string{"--mock", "assistbot", "history", "standups", "--standup-id", "1", "--timezone", "Mars/Olympus"},
			wantCode: exitUsage, wantErr: "error: assistbot: timezone: "},
		{name: "from after to", args: []string{"--mock", "assistbot", "history", "standups", "--standup-id", "1", "--from", "2024-05-02", "--to", "2024-05-01"},
			wantCode: exitUsage, wantErr: "error: assistbot: from: must not be after to"},
		{name: "from without to", args: []string{"--mock", "assistbot", "history", "polls", "--poll-id", "1", "--from", "2024-05-02"},
			wantCode: exitUsage, wantErr: "error: assistbot: "},
		{name: "bad date", args: []string{"--mock", "assistbot", "history", "polls", "--poll-id", "1", "--from", "05/02/2024", "--to", "2024-05-03"},
			wantCode: exitUsage, wantErr: "error: assistbot: from: "},
		{name: "bad role", args: []string{"--mock", "assistbot", "company", "members", "--role", "boss"},
			wantCode: exitUsage, wantErr: `--role: "boss" is not one of worker (0), manager (1), administrator (2) or a number`},
		{name: "unknown role number", args: []string{"--mock", "assistbot", "company", "members", "--role", "7"},
			wantCode: exitUsage, wantErr: "7 is not one of"},
		{name: "bad id list", args: []string{"--mock", "assistbot", "company", "departments", "--department-id", "1,x"},
			wantCode: exitUsage, wantErr: "--department-id"},
		{name: "unknown data key", args: []string{"--mock", "assistbot", "company", "departments", "--data", `{"departments": [1]}`},
			wantCode: exitUsage, wantErr: `unknown field "departments"`},
		{name: "data not an object", args: []string{"--mock", "assistbot", "tasks", "list", "--data", `[1]`},
			wantCode: exitUsage, wantErr: "--data: want a JSON object"},
		{name: "data file missing", args: []string{"--mock", "assistbot", "tasks", "list", "--data", "@/nonexistent/body.json"},
			wantCode: exitUsage, wantErr: "--data: open /nonexistent/body.json"},
		{name: "missing credential", args: []string{"assistbot", "company", "info"},
			wantCode: exitUsage, wantErr: "set ASSISTBOT_API_KEY"},
		{name: "extra argument", args: []string{"--mock", "assistbot", "tasks", "list", "7"},
			wantCode: exitUsage, wantErr: "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if len(tt.vars) > 0 {
				srv := fixedMock(t)
				args = onServer(srv, "assistbot", args...)
			}
			r := runCLI(t, tt.vars, args...)
			assert.Equal(t, tt.wantCode, r.code, "stderr: %s", r.stderr)
			assert.True(t, strings.HasPrefix(r.stderr, "error: "), "stderr %q", r.stderr)
			if strings.HasSuffix(tt.wantErr, "\n") {
				assert.Equal(t, tt.wantErr, r.stderr)
			} else {
				assert.Contains(t, r.stderr, tt.wantErr)
			}
			assert.Empty(t, r.stdout, "stdout carries data only")
		})
	}
}

func TestAssistBotGolden(t *testing.T) {
	srv := fixedMock(t)
	tests := []struct {
		name string
		args []string
	}{
		{name: "assistbot_members.table", args: []string{"-o", "table", "assistbot", "company", "members"}},
		{name: "assistbot_members.csv", args: []string{"-o", "csv", "assistbot", "company", "members"}},
		{name: "assistbot_departments.table", args: []string{"-o", "table", "assistbot", "company", "departments"}},
		{name: "assistbot_standups.table", args: []string{"-o", "table", "assistbot", "standups", "list"}},
		{name: "assistbot_history_standups.csv", args: []string{"-o", "csv", "assistbot", "history", "standups",
			"--standup-id", "1", "--from", "2024-05-27", "--to", "2024-05-31", "--timezone", "UTC"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, mockEnv(), onServer(srv, "assistbot", tt.args...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			assertGolden(t, tt.name, r.stdout)
		})
	}
}

func TestAssistBotTableCells(t *testing.T) {
	members, tasks := tableOp(t, "assistbot", "company members"), tableOp(t, "assistbot", "tasks list")
	tests := []struct{ in, role, status, unix string }{
		{in: "2", role: "administrator", status: "2", unix: "1970-01-01T00:00:02Z"},
		{in: "0", role: "worker", status: "draft", unix: "1970-01-01T00:00:00Z"},
		{in: "1602676980", role: "1602676980", status: "1602676980", unix: "2020-10-14T12:03:00Z"},
		{in: "x", role: "x", status: "x", unix: "x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.role, (&printer{op: members}).text(optable.Column{Path: "role", Cell: "codes"}, tt.in))
			assert.Equal(t, tt.status, (&printer{op: tasks}).text(optable.Column{Path: "status", Cell: "codes"}, tt.in))
			assert.Equal(t, tt.unix, (&printer{op: tasks}).text(optable.Column{Path: "launch_dt", Cell: "unix"}, tt.in))
		})
	}
}

// tableOp returns the table of the command api cmd.
func tableOp(t *testing.T, api, cmd string) *optable.Op {
	t.Helper()
	for _, a := range commandTables() {
		for i, op := range a.Ops {
			if a.Name == api && strings.Join(op.Command, " ") == cmd {
				return &a.Ops[i]
			}
		}
	}
	t.Fatalf("no command %s %s", api, cmd)
	return nil
}

// TestAssistBotFormOnTheWire runs --form commands against the mock behind a
// server that records each body: lists go as name[]=item pairs (the spec's
// form encoding), a single value bare, and the mock answers them as it
// answers JSON.
func TestAssistBotFormOnTheWire(t *testing.T) {
	m, err := mock.New(mock.WithClock(func() time.Time { return fixedNow }))
	require.NoError(t, err)
	type heard struct{ contentType, body string }
	var mu sync.Mutex
	var got []heard
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		mu.Lock()
		got = append(got, heard{r.Header.Get("Content-Type"), string(b)})
		mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(b))
		m.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	base := srv.URL + m.BasePath("assistbot")

	tests := []struct {
		name     string
		args     []string
		wantBody string
		check    func(t *testing.T, l items)
	}{
		{name: "two lists", args: []string{"company", "members", "--member-id", "3,4", "--role", "worker,manager,administrator"},
			wantBody: "member_id[]=3&member_id[]=4&role[]=0&role[]=1&role[]=2",
			check:    func(t *testing.T, l items) { assert.Equal(t, []int{3, 4}, ids(l)) }},
		{name: "a list of one", args: []string{"company", "departments", "--department-id", "2"},
			wantBody: "department_id[]=2",
			check:    func(t *testing.T, l items) { assert.Equal(t, []int{2}, ids(l)) }},
		{name: "history", args: []string{"history", "polls", "--poll-id", "1", "--department-id", "1,2"},
			wantBody: "department_id[]=1&department_id[]=2&poll_id=1",
			check: func(t *testing.T, l items) {
				require.NotEmpty(t, l)
				for _, r := range l {
					assert.Equal(t, float64(1), r["poll_id"])
				}
			}},
		{name: "a bare id from --data", args: []string{"company", "departments", "--data", `{"department_id": 5}`},
			wantBody: "department_id=5",
			check:    func(t *testing.T, l items) { assert.Equal(t, []int{5}, ids(l)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			r := runCLI(t, mockEnv(), append([]string{"--base-url", base, "assistbot", "--form"}, tt.args...)...)
			tt.check(t, decodeOut[items](t, r))
			mu.Lock()
			defer mu.Unlock()
			require.Len(t, got, 1)
			assert.Equal(t, "application/x-www-form-urlencoded", got[0].contentType)
			assert.Equal(t, tt.wantBody, got[0].body)
		})
	}
}
