package botsdk

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkTransportDo measures the transport's overhead per request (clone,
// body rewind, auth hook, logging) against a loopback server.
func BenchmarkTransportDo(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()
	s, err := settingsOf()
	if err != nil {
		b.Fatal(err)
	}
	tr := &Transport{API: "bench", Settings: s, Authorize: func(_ context.Context, r *http.Request) error {
		r.Header.Set("X-API-KEY", "k")
		return nil
	}}
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{"a":1}`))
		resp, err := tr.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		drain(resp)
	}
}
