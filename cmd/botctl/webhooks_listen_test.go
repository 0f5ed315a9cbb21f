package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
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
)

// lineWriter passes each line written to it on a channel, so a test waits
// for output without polling.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
	all   strings.Builder
}

func newLineWriter() *lineWriter { return &lineWriter{lines: make(chan string, 64)} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.all.Write(p)
	w.buf.Write(p)
	for {
		line, err := w.buf.ReadString('\n')
		if err != nil {
			w.buf.Reset()
			w.buf.WriteString(line)
			return len(p), nil
		}
		select {
		case w.lines <- strings.TrimSuffix(line, "\n"):
		default:
		}
	}
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.all.String()
}

// waitLine returns the next line that contains want; the bound only stops a
// broken test from hanging.
func (w *lineWriter) waitLine(t *testing.T, want string) string {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case line := <-w.lines:
			if strings.Contains(line, want) {
				return line
			}
		case <-timeout:
			t.Fatalf("no line with %q; output so far: %s", want, w.String())
			return ""
		}
	}
}

// listenCommand is a `botctl … webhooks listen` running in-process.
type listenCommand struct {
	url            string
	stdout, stderr *lineWriter
	cancel         context.CancelFunc
	exit           chan int
}

func startListen(t *testing.T, vars []string, args ...string) *listenCommand {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	l := &listenCommand{stdout: newLineWriter(), stderr: newLineWriter(), cancel: cancel, exit: make(chan int, 1)}
	go func() {
		l.exit <- run(ctx, &env{args: args, stdin: strings.NewReader(""), stdout: l.stdout, stderr: l.stderr, getenv: envFrom(vars)})
	}()
	t.Cleanup(func() { l.stop() })
	line := l.stderr.waitLine(t, "listening for")
	l.url = line[strings.Index(line, "http://"):strings.Index(line, " (Ctrl+C")]
	return l
}

// stop ends the command as SIGINT does and returns its exit code.
func (l *listenCommand) stop() int {
	if l.cancel == nil {
		return exitOK
	}
	l.cancel()
	l.cancel = nil
	return <-l.exit
}

func post(t *testing.T, url, body string, header map[string]string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	return resp.StatusCode
}

// TestDailyBotWebhooksListenSubscribe: against botctl mock, --subscribe
// registers the listener; a triggered event is printed as one JSON line and
// forwarded with its headers; SIGINT ends it with exit 0 and leaves no
// subscription behind.
func TestDailyBotWebhooksListenSubscribe(t *testing.T) {
	m := startMockCommand(t)
	type forwarded struct {
		header http.Header
		body   []byte
	}
	fwd := make(chan forwarded, 8)
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fwd <- forwarded{r.Header.Clone(), body}
	}))
	defer target.Close()

	l := startListen(t, nil, "dailybot", "webhooks", "listen", "--subscribe", "--bearer", "s3cret",
		"--base-url", m.urls["dailybot"], "--api-key", m.creds["DAILYBOT_API_KEY"], "--forward-to", target.URL+"/hooks")
	assert.Contains(t, l.stderr.String(), "subscribed")

	r := runCLI(t, nil, "mock", "trigger", "kudos.posted", "--addr", m.addr())
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"deliveries":1`)

	var line struct {
		API      string          `json:"api"`
		Event    string          `json:"event"`
		HookID   string          `json:"hook_id"`
		HookName string          `json:"hook_name"`
		Raw      json.RawMessage `json:"raw"`
	}
	require.NoError(t, json.Unmarshal([]byte(l.stdout.waitLine(t, "kudos.posted")), &line))
	assert.Equal(t, "dailybot", line.API)
	assert.Equal(t, "kudos.posted", line.Event)
	assert.Equal(t, "botctl webhooks listen", line.HookName)
	assert.Contains(t, string(line.Raw), `"body":`)

	select {
	case f := <-fwd:
		assert.Equal(t, "s3cret", f.header.Get("X-Bearer"), "the original headers are forwarded")
		assert.JSONEq(t, string(line.Raw), string(f.body))
	case <-time.After(20 * time.Second):
		t.Fatal("nothing forwarded")
	}

	assert.Equal(t, exitOK, l.stop(), "stderr: %s", l.stderr)
	assert.Contains(t, l.stderr.String(), "unsubscribed")
	r = runCLI(t, nil, "mock", "trigger", "kudos.posted", "--addr", m.addr())
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"deliveries":0`, "no subscription is left")
}

// TestDailyBotWebhooksListenRefusesWrongBearer: a delivery with a wrong or
// missing X-BEARER is answered 401, reported and not printed.
func TestDailyBotWebhooksListenRefusesWrongBearer(t *testing.T) {
	l := startListen(t, []string{"DAILYBOT_WEBHOOK_BEARER=right"}, "dailybot", "webhooks", "listen")
	event := `{"event":"kudos.posted","event_timestamp":1707154471.5,"hook":{"id":"h1","name":"n"},"body":{}}`
	assert.Equal(t, http.StatusUnauthorized, post(t, l.url, event, map[string]string{"X-BEARER": "wrong"}))
	l.stderr.waitLine(t, "refused")
	assert.Equal(t, http.StatusUnauthorized, post(t, l.url, event, nil))
	assert.Equal(t, http.StatusBadRequest, post(t, l.url, `{"not":"an event"}`, map[string]string{"X-BEARER": "right"}))
	assert.Equal(t, http.StatusOK, post(t, l.url, event, map[string]string{"X-BEARER": "right"}))
	out := l.stdout.waitLine(t, "kudos.posted")
	assert.Contains(t, out, `"event_timestamp":"2024-02-05T17:34:31.5Z"`)
	assert.Equal(t, exitOK, l.stop())
	assert.Equal(t, 1, strings.Count(l.stdout.String(), "\n"), "only the verified delivery is printed")
	assert.NotContains(t, l.stderr.String(), "right", "the bearer is never printed")
}

// TestAssistBotWebhooksListen: a delivery signed with the API key is
// printed; a wrong signature is refused and reported.
func TestAssistBotWebhooksListen(t *testing.T) {
	l := startListen(t, []string{"ASSISTBOT_API_KEY=k3y"}, "assistbot", "webhooks", "listen")
	body := `{"poll_id":7,"option":"yes"}`
	mac := hmac.New(sha256.New, []byte("k3y"))
	mac.Write([]byte(body))
	sig := hex.EncodeToString(mac.Sum(nil))
	assert.Equal(t, http.StatusUnauthorized, post(t, l.url, body, map[string]string{"X-AssistBot-Key": strings.Repeat("0", 64), "X-AssistBot-Path": "poll/vote"}))
	l.stderr.waitLine(t, "refused")
	assert.Equal(t, http.StatusOK, post(t, l.url, body, map[string]string{"X-AssistBot-Key": sig, "X-AssistBot-Path": "poll/vote", "X-Generated-By": "AssistBot"}))
	var line struct {
		API, Type string
		Raw       json.RawMessage
	}
	require.NoError(t, json.Unmarshal([]byte(l.stdout.waitLine(t, "poll/vote")), &line))
	assert.Equal(t, "assistbot", line.API)
	assert.JSONEq(t, body, string(line.Raw))
	assert.Equal(t, exitOK, l.stop())
}

func TestWebhooksListenRefusesRemoteAddr(t *testing.T) {
	r := runCLI(t, nil, "dailybot", "webhooks", "listen", "--addr", "0.0.0.0:0")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "loopback only")
}
