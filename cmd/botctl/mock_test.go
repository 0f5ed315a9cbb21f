package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
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

// TestMockCommandServes starts `botctl mock` in-process on a free port, reads
// the DailyBot base URL and a credential from its output, calls the API, and
// stops it the way a signal does: by ending its context.
func TestMockCommandServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, w := io.Pipe()
	stderr := &syncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, &env{args: []string{"mock", "--addr", "127.0.0.1:0", "--seed", "7"},
			stdin: strings.NewReader(""), stdout: w, stderr: stderr, getenv: envFrom(nil)})
		w.Close()
	}()

	var baseURL, key string
	lines := bufio.NewScanner(out)
	for lines.Scan() && (baseURL == "" || key == "") {
		fields := strings.Fields(lines.Text())
		switch {
		case len(fields) == 2 && fields[0] == "dailybot":
			baseURL = fields[1]
		case len(fields) == 1 && strings.HasPrefix(fields[0], "DAILYBOT_API_KEY="):
			key = strings.TrimPrefix(fields[0], "DAILYBOT_API_KEY=")
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }() // the rest of the banner
	require.Regexp(t, `^http://127\.0\.0\.1:\d+/dailybot/v1$`, baseURL)
	require.Equal(t, "mock-dailybot-key", key)

	req, err := http.NewRequest(http.MethodGet, baseURL+"/me/", nil)
	require.NoError(t, err)
	req.Header.Set("X-API-KEY", key)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	assert.Contains(t, string(body), `"role":"ADMIN"`)

	cancel()
	assert.Equal(t, exitOK, <-code, "stderr: %s", stderr)
	assert.Contains(t, stderr.String(), "stopping the mock")
	_, err = http.DefaultClient.Do(req)
	assert.Error(t, err, "the server is gone")
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, w := io.Pipe()
	go func() {
		run(ctx, &env{args: []string{"mock", "--addr", "127.0.0.1:0"}, stdin: strings.NewReader(""), stdout: w, stderr: io.Discard, getenv: envFrom(nil)})
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	require.True(t, lines.Scan())
	go func() { _, _ = io.Copy(io.Discard, out) }()
	addr := strings.TrimPrefix(strings.Fields(lines.Text())[4], "http://")

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
