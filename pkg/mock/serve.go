package mock

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// statusRecorder remembers the status written, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection (for resets).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// writeJSON answers status with v encoded as JSON (json.Encoder's bytes:
// HTML-escaped, one trailing newline). The body is encoded whole into a
// pooled buffer first, so the answer carries a Content-Length and goes out in
// one write rather than chunked; a value that does not encode is answered
// with the status and no body, as before.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf := jsonBuffers.Get().(*bytes.Buffer)
	defer putJSONBuffer(buf)
	buf.Reset()
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		buf.Reset()
	}
	writeJSONBytes(w, status, buf.Bytes())
}

// writeJSONBytes answers status with body, a JSON document (or nothing),
// with its Content-Length.
func writeJSONBytes(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// jsonBuffers holds writeJSON's encoding buffers between answers.
var jsonBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer bounds the buffers kept for reuse: a rare huge answer
// (a page of 250 check-in responses) should not pin its memory.
const maxPooledBuffer = 1 << 20

func putJSONBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBuffer {
		jsonBuffers.Put(buf)
	}
}

// requestBaseURL is the absolute URL of the request's host, for links such as
// DailyBot's next/previous page URLs.
func requestBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return strings.Trim(string(b), `"`)
}

func levelFor(status int) slog.Level {
	if status >= 500 {
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

func attr(k, v string) slog.Attr                  { return slog.String(k, v) }
func intAttr(k string, v int) slog.Attr           { return slog.Int(k, v) }
func durAttr(k string, v time.Duration) slog.Attr { return slog.Duration(k, v) }
