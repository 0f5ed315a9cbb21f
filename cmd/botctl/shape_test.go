package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/mock"
)

// runBuilt runs the built botctl with args and the mock's credentials in its
// environment, stdin empty.
func runBuilt(t *testing.T, args ...string) result {
	t.Helper()
	return runBinary(t, mockEnv(), "", args...)
}

// showingLine is the note a list prints on stderr when it stops before the
// total its API announced.
var showingLine = regexp.MustCompile(`^showing \d+ of \d+ items \((--all prints every item|--limit \d+)\)\n$`)

// assertOnlyShowing checks that stderr is empty, or only the "showing X of
// N" note.
func assertOnlyShowing(t *testing.T, stderr string) {
	t.Helper()
	if stderr != "" {
		assert.Regexp(t, showingLine, stderr)
	}
}

// lines splits output into its lines, failing when it does not end in one.
func lines(t *testing.T, out string) []string {
	t.Helper()
	if out == "" {
		return nil
	}
	require.True(t, strings.HasSuffix(out, "\n"), "output ends with a newline: %q", out)
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// requestsTo counts the requests -v logged to a path ending in suffix.
func requestsTo(stderr, suffix string) int {
	return strings.Count(stderr, suffix+" attempt=")
}

func TestJQEndToEnd(t *testing.T) {
	srv := fixedMock(t)
	db := func(args ...string) []string { return onServer(srv, "dailybot", args...) }
	tests := []struct {
		name       string
		args       []string
		code       int
		wantOut    func(t *testing.T, out string)
		wantStderr string // a substring; "" wants stderr empty
	}{
		{name: "per item of every page, one result a line in jsonl",
			args: db("--all", "--page-size", "10", "-o", "jsonl", "--jq", "{name: .full_name, n: 1}", "dailybot", "users", "list"),
			wantOut: func(t *testing.T, out string) {
				ls := lines(t, out)
				assert.Len(t, ls, 52)
				for _, l := range ls {
					assert.Regexp(t, `^\{"n":1,"name":"[^"]+"\}$`, l)
				}
			}},
		{name: "a json list of results, strings as JSON",
			args: db("--page-size", "3", "--jq", ".full_name", "dailybot", "users", "list"),
			wantOut: func(t *testing.T, out string) {
				var names []string
				require.NoError(t, json.Unmarshal([]byte(out), &names), out)
				assert.Len(t, names, 3)
			}, wantStderr: "showing 3 of 52 items (--all prints every item)"},
		{name: "raw strings one a line",
			args: db("--page-size", "3", "-r", "--jq", ".full_name", "dailybot", "users", "list"),
			wantOut: func(t *testing.T, out string) {
				ls := lines(t, out)
				assert.Len(t, ls, 3)
				assert.NotContains(t, out, `"`)
			}, wantStderr: "showing 3 of 52"},
		{name: "several results of one item, and none of another",
			args: db("--page-size", "4", "-o", "jsonl", "--jq", "select(.is_active) | .uuid, .full_name", "dailybot", "users", "list"),
			wantOut: func(t *testing.T, out string) {
				assert.Equal(t, 0, len(lines(t, out))%2)
			}, wantStderr: "showing 4 of 52"},
		{name: "the whole object of a single result",
			args:    db("--jq", "keys | length > 1", "dailybot", "me"),
			wantOut: func(t *testing.T, out string) { assert.Equal(t, "true\n", out) }},
		{name: "table rows from object results",
			args: db("--page-size", "2", "-o", "table", "--jq", "{who: .full_name, active: .is_active}", "dailybot", "users", "list"),
			wantOut: func(t *testing.T, out string) {
				ls := lines(t, out)
				require.Len(t, ls, 3)
				assert.Regexp(t, `^ACTIVE +WHO$`, ls[0])
			}, wantStderr: "showing 2 of 52"},
		{name: "a parse error names the flag and the column",
			args: db("--jq", ".full_name | {", "dailybot", "users", "list"), code: exitUsage,
			wantOut:    func(t *testing.T, out string) { assert.Empty(t, out) },
			wantStderr: `error: --jq: unexpected EOF at column 15 of ".full_name | {"`},
		{name: "an unknown function is a usage error",
			args: db("--jq", "nosuch(1)", "dailybot", "users", "list"), code: exitUsage,
			wantOut:    func(t *testing.T, out string) { assert.Empty(t, out) },
			wantStderr: "error: --jq: function not defined: nosuch/1"},
		{name: "a run-time error exits 1 with jq's message; the json array stays closed",
			args: db("--page-size", "3", "--jq", `.uuid, (.full_name | tonumber)`, "dailybot", "users", "list"), code: exitError,
			wantOut: func(t *testing.T, out string) {
				assert.Regexp(t, `^\["[0-9a-f-]{36}"\]\n$`, out)
			}, wantStderr: "error: --jq: tonumber cannot be applied to \""},
		{name: "-r without --jq is a usage error",
			args: db("-r", "dailybot", "users", "list"), code: exitUsage,
			wantOut: func(t *testing.T, out string) { assert.Empty(t, out) }, wantStderr: "-r/--raw-output needs --jq"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBuilt(t, tt.args...)
			assert.Equal(t, tt.code, r.code, "stderr: %s", r.stderr)
			tt.wantOut(t, r.stdout)
			if tt.wantStderr == "" {
				assert.Empty(t, r.stderr)
			} else {
				assert.Contains(t, r.stderr, tt.wantStderr)
			}
		})
	}
}

func TestFieldsEndToEnd(t *testing.T) {
	srv := fixedMock(t)
	db := func(args ...string) []string { return onServer(srv, "dailybot", args...) }
	tests := []struct {
		name string
		args []string
		want func(t *testing.T, out string)
	}{
		{name: "jsonl keys in the order given, nested, unknown absent",
			args: db("--page-size", "2", "-o", "jsonl", "--fields", "organization.name,full_name,no_such,organization.no_such,uuid", "dailybot", "users", "list"),
			want: func(t *testing.T, out string) {
				for _, l := range lines(t, out) {
					assert.Regexp(t, `^\{"organization":\{"name":"[^"]*"\},"full_name":"[^"]+","uuid":"[^"]+"\}$`, l)
				}
			}},
		{name: "a json object keeps the values' bytes",
			args: db("--fields", "uuid,is_active", "dailybot", "me"),
			want: func(t *testing.T, out string) {
				assert.Regexp(t, `^\{"uuid":"[^"]+","is_active":(true|false)\}\n$`, out)
			}},
		{name: "csv columns in the order given, unknown empty",
			args: db("--page-size", "2", "-o", "csv", "--fields", "full_name,organization.name,no_such,uuid", "dailybot", "users", "list"),
			want: func(t *testing.T, out string) {
				ls := lines(t, out)
				require.Len(t, ls, 3)
				assert.Equal(t, "full_name,organization.name,no_such,uuid", ls[0])
				assert.Regexp(t, `^[^,]+,[^,]*,,[0-9a-f-]{36}$`, ls[1])
			}},
		{name: "table columns, an object as its JSON, unknown as -",
			args: db("--page-size", "2", "-o", "table", "--fields", "uuid,organization,no_such", "dailybot", "users", "list"),
			want: func(t *testing.T, out string) {
				ls := lines(t, out)
				require.Len(t, ls, 3)
				assert.Regexp(t, `^UUID +ORGANIZATION +NO_SUCH$`, ls[0])
				assert.Regexp(t, `^[0-9a-f-]{36} +\{"name":.* +-$`, ls[1])
			}},
		{name: "after --jq, on its results",
			args: db("--page-size", "2", "-o", "jsonl", "--jq", "{a: .uuid, b: {c: .full_name, d: 1}}", "--fields", "b.d,a", "dailybot", "users", "list"),
			want: func(t *testing.T, out string) {
				for _, l := range lines(t, out) {
					assert.Regexp(t, `^\{"b":\{"d":1\},"a":"[^"]+"\}$`, l)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBuilt(t, tt.args...)
			require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assertOnlyShowing(t, r.stderr)
			tt.want(t, r.stdout)
		})
	}
	r := runBuilt(t, db("--fields", "uuid,,name", "dailybot", "users", "list")...)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, `error: --fields: "" is not a field`)
	assert.Empty(t, r.stdout)
}

func TestLimitEndToEnd(t *testing.T) {
	srv := fixedMock(t)
	tests := []struct {
		name, api    string
		args         []string
		items, pages int
		path         string // of the list, for counting its requests
		stderr       string
	}{
		{name: "stops paging once it has enough", api: "dailybot",
			args:  []string{"--page-size", "5", "--limit", "7", "dailybot", "users", "list"},
			items: 7, pages: 2, path: "/users/", stderr: "showing 7 of 52 items (--limit 7)"},
		{name: "with --all too", api: "dailybot",
			args:  []string{"--all", "--page-size", "5", "--limit", "10", "dailybot", "users", "list"},
			items: 10, pages: 2, path: "/users/", stderr: "showing 10 of 52 items (--limit 10)"},
		{name: "no page fetched ahead under --concurrency", api: "dailybot",
			args:  []string{"--all", "--concurrency", "4", "--page-size", "5", "--limit", "7", "dailybot", "users", "list"},
			items: 7, pages: 2, path: "/users/", stderr: "showing 7 of 52 items (--limit 7)"},
		{name: "a limit past the total prints every item without a note", api: "dailybot",
			args:  []string{"--page-size", "20", "--limit", "500", "dailybot", "users", "list"},
			items: 52, pages: 3, path: "/users/"},
		{name: "the first page only says how many there are", api: "dailybot",
			args:  []string{"--page-size", "10", "dailybot", "users", "list"},
			items: 10, pages: 1, path: "/users/", stderr: "showing 10 of 52 items (--all prints every item)"},
		{name: "every page: no note", api: "dailybot",
			args:  []string{"--all", "--page-size", "25", "dailybot", "users", "list"},
			items: 52, pages: 3, path: "/users/"},
		{name: "Bot Open's total", api: "botopen",
			args:  []string{"--page-size", "25", "--limit", "30", "botopen", "transcripts", "--user", mock.BotOpenExampleUserID, "--channel", "whatsapp"},
			items: 30, pages: 2, path: "/transcripts", stderr: "showing 30 of 43 items (--limit 30)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBuilt(t, onServer(srv, tt.api, append([]string{"-v", "-o", "jsonl"}, tt.args...)...)...)
			require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assert.Len(t, lines(t, r.stdout), tt.items)
			assert.Equal(t, tt.pages, requestsTo(r.stderr, tt.path), "requests of the list: %s", r.stderr)
			if tt.stderr != "" {
				assert.Contains(t, r.stderr, tt.stderr+"\n")
			}
			assert.NotContains(t, r.stderr, "exporting", "no progress line on a pipe")
			assert.Equal(t, tt.stderr != "", strings.Contains(r.stderr, "showing "), "stderr: %s", r.stderr)
		})
	}
	r := runBuilt(t, onServer(srv, "dailybot", "--limit", "-1", "dailybot", "users", "list")...)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--limit: must not be negative")
}

// TestProgressInATerminal runs the built botctl with stderr on a
// pseudo-terminal against a mock that answers each request after 25 ms, so
// the progress line is drawn while the pages arrive: it counts the items of
// the total the API announced, with the percentage and the time left, and
// is cleared before the "showing" note.
func TestProgressInATerminal(t *testing.T) {
	srv := fixedMock(t, mock.WithLatency(25*time.Millisecond, 0))
	tests := []struct {
		name   string
		args   []string
		total  int
		stderr *regexp.Regexp // what is left once the line is cleared
	}{
		{name: "--all", args: []string{"--all", "--page-size", "4", "dailybot", "users", "list"}, total: 52,
			stderr: regexp.MustCompile(`\r +\r$`)},
		{name: "--limit", args: []string{"--limit", "30", "--page-size", "3", "dailybot", "users", "list"}, total: 30,
			stderr: regexp.MustCompile(`\r +\rshowing 30 of 52 items \(--limit 30\)\r\n$`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ptmx, tty, err := pty.Open()
			require.NoError(t, err)
			defer ptmx.Close()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, botctlBinary(t), onServer(srv, "dailybot", append([]string{"-o", "jsonl"}, tt.args...)...)...)
			cmd.Env = append(mockEnv(), "PATH="+os.Getenv("PATH"), "HOME="+t.TempDir())
			var stdout bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, tty
			require.NoError(t, cmd.Start())
			_ = tty.Close() // the child holds its own copy
			read := make(chan []byte)
			go func() {
				b, _ := io.ReadAll(ptmx) // ends with EIO once the child has exited
				read <- b
			}()
			require.NoError(t, cmd.Wait())
			_ = ptmx.Close()
			stderr := string(<-read)

			assert.Len(t, lines(t, stdout.String()), tt.total)
			assert.Regexp(t, `exporting: \d+ requests, ETA \d+s +\d+% \|[^|]*\| \(\d+/`+strconv.Itoa(tt.total)+`, [\d.]+ items/s\)`, stderr)
			assert.NotContains(t, stderr, "/-", "the total is known from the first line on")
			assert.Regexp(t, tt.stderr, stderr, "the line is cleared at the end")
		})
	}
}
