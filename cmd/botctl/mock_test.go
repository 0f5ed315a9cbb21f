package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader in two goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// quickStartCheckinID is the mock's seeded "Daily Standup" check-in, the
// README's quick start's id.
const quickStartCheckinID = "1956f945-815d-4b65-960b-ee04e2cd592e"

// mockCommand is a `botctl mock` running in-process on a free port.
type mockCommand struct {
	banner  string            // the banner's first line
	urls    map[string]string // each API's base URL, read from the banner
	creds   map[string]string // the credentials the banner prints, by variable
	stderr  *syncBuffer
	cancel  context.CancelFunc
	exit    chan int
	stopped bool
}

// startMockCommand runs `botctl mock --addr 127.0.0.1:0` with args and reads
// its banner; the command is stopped, as a signal stops it, by stop or when
// the test ends.
func startMockCommand(t *testing.T, args ...string) *mockCommand {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	m := &mockCommand{urls: map[string]string{}, creds: map[string]string{}, stderr: &syncBuffer{}, cancel: cancel, exit: make(chan int, 1)}
	go func() {
		m.exit <- run(ctx, &env{args: append([]string{"mock", "--addr", "127.0.0.1:0"}, args...),
			stdin: strings.NewReader(""), stdout: w, stderr: m.stderr, getenv: envFrom(nil)})
		w.Close()
	}()
	t.Cleanup(func() { m.stop() })
	lines := bufio.NewScanner(out)
	for lines.Scan() && !strings.HasPrefix(lines.Text(), "Press Ctrl+C") {
		fields := strings.Fields(lines.Text())
		switch {
		case m.banner == "":
			m.banner = lines.Text()
		case len(fields) == 2 && strings.HasPrefix(fields[1], "http://"):
			m.urls[fields[0]] = fields[1]
		case len(fields) == 1 && strings.Contains(fields[0], "="):
			k, v, _ := strings.Cut(fields[0], "=")
			m.creds[k] = v
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	require.Len(t, m.urls, 4, "banner: %s, stderr: %s", m.banner, m.stderr)
	return m
}

// stop ends the command's context, as SIGINT does, and returns its exit code.
func (m *mockCommand) stop() int {
	if !m.stopped {
		m.cancel()
		m.stopped = true
		return <-m.exit
	}
	return exitOK
}

// get answers a DailyBot GET of path below the base URL.
func (m *mockCommand) get(t *testing.T, path string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, m.urls["dailybot"]+path, nil)
	require.NoError(t, err)
	req.Header.Set("X-API-KEY", m.creds["DAILYBOT_API_KEY"])
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, body
}

// TestMockCommandServes starts `botctl mock` in-process on a free port, reads
// the DailyBot base URL and a credential from its output, calls the API, and
// stops it the way a signal does: by ending its context.
func TestMockCommandServes(t *testing.T) {
	m := startMockCommand(t, "--seed", "7")
	require.Regexp(t, `^http://127\.0\.0\.1:\d+/dailybot/v1$`, m.urls["dailybot"])
	require.Equal(t, "mock-dailybot-key", m.creds["DAILYBOT_API_KEY"])
	assert.Regexp(t, `\(seed 7, now \d{4}-\d\d-\d\dT[0-9:.]+Z\)$`, m.banner)

	status, body := m.get(t, "/me/")
	assert.Equal(t, http.StatusOK, status, "%s", body)
	assert.Contains(t, string(body), `"role":"ADMIN"`)

	assert.Equal(t, exitOK, m.stop(), "stderr: %s", m.stderr)
	assert.Contains(t, m.stderr.String(), "stopping the mock")
	_, err := http.Get(m.urls["dailybot"] + "/me/")
	assert.Error(t, err, "the server is gone")
}

// TestMockCommandSeeds: --seed and --now fix the data, so two runs with the
// same flags answer alike and the banner's now starts a third run with the
// same data; --responses sets how many check-in responses there are.
func TestMockCommandSeeds(t *testing.T) {
	const now = "2024-06-03T09:30:00Z"
	all := "/checkins/" + quickStartCheckinID + "/responses/?date_start=2000-01-01&date_end=2024-06-03&limit=1"
	tests := []struct {
		name       string
		args       []string
		wantBanner string
	}{
		{"seed and now", []string{"--seed", "1", "--now", now}, "(seed 1, now " + now + ")"},
		{"a time zone", []string{"--now", "2024-06-03T11:30:00+02:00"}, "(seed 1, now " + now + ")"},
		{"more responses", []string{"--now", now, "--responses", "50000"}, "(seed 1, now " + now + ")"},
	}
	var first []byte
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := startMockCommand(t, tt.args...)
			assert.True(t, strings.HasSuffix(m.banner, tt.wantBanner), m.banner)
			status, users := m.get(t, "/users/")
			require.Equal(t, http.StatusOK, status)
			if first == nil {
				first = users
			}
			assert.Equal(t, string(first), string(users), "the same seed and now, the same users")
			status, page := m.get(t, all)
			require.Equal(t, http.StatusOK, status, "%s", page)
			var count struct{ Count int }
			require.NoError(t, json.Unmarshal(page, &count))
			assert.Positive(t, count.Count)
		})
	}

	t.Run("the banner's now seeds the same data again", func(t *testing.T) {
		m := startMockCommand(t, "--seed", "3")
		at := regexp.MustCompile(`now (\S+)\)$`).FindStringSubmatch(m.banner)
		require.Len(t, at, 2, m.banner)
		again := startMockCommand(t, "--seed", "3", "--now", at[1])
		for _, path := range []string{"/users/", "/checkins/?include_summary=true", all} {
			_, a := m.get(t, path)
			_, b := again.get(t, path)
			assert.Equal(t, string(a), string(b), path)
		}
	})

	t.Run("responses in all", func(t *testing.T) {
		total := func(m *mockCommand) int {
			_, list := m.get(t, "/checkins/")
			var checkins struct{ Results []struct{ ID string } }
			require.NoError(t, json.Unmarshal(list, &checkins))
			n := 0
			for _, c := range checkins.Results {
				_, page := m.get(t, "/checkins/"+c.ID+"/responses/?date_start=2000-01-01&date_end=2024-06-03&limit=1")
				var count struct{ Count int }
				require.NoError(t, json.Unmarshal(page, &count))
				n += count.Count
			}
			return n
		}
		assert.Equal(t, 50_000, total(startMockCommand(t, "--now", now, "--responses", "50000")))
		assert.Equal(t, 120, total(startMockCommand(t, "--now", now, "--responses", "120")))
	})
}

// TestEmbeddedMockSeeds: BOTCTL_MOCK_SEED, BOTCTL_MOCK_NOW and
// BOTCTL_MOCK_RESPONSES seed the mock --mock starts as botctl mock's flags
// do; a bad value is a usage error naming the variable.
func TestEmbeddedMockSeeds(t *testing.T) {
	export := []string{"--mock", "-o", "jsonl", "--all", "dailybot", "checkins", "responses", quickStartCheckinID,
		"--date-start", "2000-01-01", "--date-end", "2024-06-03"}
	pinned := []string{"BOTCTL_MOCK_NOW=2024-06-03T09:30:00Z", "BOTCTL_MOCK_SEED=1"}
	a, b := runCLI(t, pinned, export...), runCLI(t, pinned, export...)
	require.Equal(t, exitOK, a.code, "stderr: %s", a.stderr)
	assert.Equal(t, a.stdout, b.stdout, "the same seed and now, the same responses")
	other := runCLI(t, []string{"BOTCTL_MOCK_NOW=2024-06-03T09:30:00Z", "BOTCTL_MOCK_SEED=2"}, "--mock", "dailybot", "users", "list")
	same := runCLI(t, pinned, "--mock", "dailybot", "users", "list")
	assert.NotEqual(t, other.stdout, same.stdout, "another seed, other users")

	more := runCLI(t, append(pinned, "BOTCTL_MOCK_RESPONSES=30000"), export...)
	require.Equal(t, exitOK, more.code, "stderr: %s", more.stderr)
	assert.Greater(t, strings.Count(more.stdout, "\n"), strings.Count(a.stdout, "\n"), "more responses, older days")
	assert.True(t, strings.HasPrefix(more.stdout, a.stdout), "the last 90 days (listed first) stay as they were")

	for _, bad := range []string{"BOTCTL_MOCK_SEED=-1", "BOTCTL_MOCK_NOW=yesterday", "BOTCTL_MOCK_RESPONSES=lots", "BOTCTL_MOCK_RESPONSES=-5"} {
		r := runCLI(t, []string{bad}, "--mock", "dailybot", "me")
		assert.Equal(t, exitUsage, r.code, "%s: stderr: %s", bad, r.stderr)
		name, _, _ := strings.Cut(bad, "=")
		assert.Contains(t, r.stderr, name)
		assert.Empty(t, r.stdout)
	}
}

func TestMockCommandUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"every interface", []string{"mock", "--addr", ":0"}, "--allow-remote"},
		{"unspecified address", []string{"mock", "--addr", "0.0.0.0:0"}, "not loopback"},
		{"private address", []string{"mock", "--addr", "192.168.1.10:0"}, "not loopback"},
		{"host name", []string{"mock", "--addr", "example.com:80"}, "not loopback"},
		{"no port", []string{"mock", "--addr", "127.0.0.1"}, "want host:port"},
		{"fail rate above 1", []string{"mock", "--addr", "127.0.0.1:0", "--fail-rate", "2"}, "WithFailRate"},
		{"negative latency", []string{"mock", "--addr", "127.0.0.1:0", "--latency", "-1s"}, "WithLatency"},
		{"bad duration", []string{"mock", "--token-ttl", "soon"}, "token-ttl"},
		{"now not RFC 3339", []string{"mock", "--addr", "127.0.0.1:0", "--now", "2024-06-03"}, "--now"},
		{"negative responses", []string{"mock", "--addr", "127.0.0.1:0", "--responses", "-1"}, "--responses"},
		{"extra argument", []string{"mock", "now"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.args...)
			assert.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			assert.Contains(t, r.stderr, tt.wantErr)
			assert.Empty(t, r.stdout)
		})
	}
}

func TestMockCommandPortTaken(t *testing.T) {
	m := startMockCommand(t)
	addr := strings.TrimSuffix(strings.TrimPrefix(m.urls["dailybot"], "http://"), "/dailybot/v1")

	r := runCLI(t, nil, "mock", "--addr", addr)
	assert.Equal(t, exitError, r.code, "a taken port is an error, not a usage error: %s", r.stderr)
	assert.Contains(t, r.stderr, "listen on")
}

func TestCheckListenAddr(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:8080": true, "127.0.0.2:1": true, "[::1]:0": true, "localhost:8080": true,
		":8080": false, "0.0.0.0:80": false, "[::]:80": false, "10.0.0.1:80": false,
	} {
		assert.Equal(t, ok, checkListenAddr(addr, false) == nil, addr)
		assert.NoError(t, checkListenAddr(addr, true), "--allow-remote accepts %s", addr)
	}
}
