package speccheck

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Server is an httptest server on 127.0.0.1 that validates every request and
// response against an API's spec and fails the test on any violation.
type Server struct {
	*httptest.Server
	// BaseURL is the URL to give the client: the server's URL plus the spec's base path.
	BaseURL string

	mu       sync.Mutex
	requests []*http.Request
	bodies   [][]byte
}

// NewServer starts a Server for the named API whose answers come from h. A
// request the spec rejects is answered 400 and fails t; a response the spec
// rejects fails t. The server closes when the test ends.
func NewServer(t testing.TB, api string, h http.Handler) *Server {
	t.Helper()
	v, err := New(context.Background(), api, "")
	if err != nil {
		t.Fatalf("speccheck: %v", err)
	}
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in, err := v.ValidateRequest(r)
		body := readAll(r)
		s.mu.Lock()
		s.requests = append(s.requests, r.Clone(context.Background()))
		s.bodies = append(s.bodies, body)
		s.mu.Unlock()
		if err != nil {
			t.Errorf("speccheck: %s: request %s %s violates the spec: %v\nbody: %s", api, r.Method, r.URL, err, body)
			http.Error(w, "request violates the spec", http.StatusBadRequest)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if err := v.ValidateResponse(r.Context(), in, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
			t.Errorf("speccheck: %s: response %d to %s %s violates the spec: %v\nbody: %s", api, rec.Code, r.Method, r.URL, err, rec.Body.Bytes())
		}
		for k, vals := range rec.Header() {
			w.Header()[k] = vals
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	s.BaseURL = s.URL + v.BasePath()
	t.Cleanup(s.Close)
	return s
}

// Requests returns copies of the requests received so far and their bodies, in order.
func (s *Server) Requests() ([]*http.Request, [][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.requests...), append([][]byte(nil), s.bodies...)
}

func readAll(r *http.Request) []byte {
	var b bytes.Buffer
	_, _ = b.ReadFrom(r.Body)
	r.Body.Close()
	r.Body = nopCloser{bytes.NewReader(b.Bytes())}
	return b.Bytes()
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }
