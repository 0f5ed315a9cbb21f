package reliability

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// faultFiller is what the lazily streamed bodies are made of: one read-only
// block written again and again, so that a 64 MiB answer costs the server no
// allocation and the memory a cell measures is the client's.
var faultFiller = bytes.Repeat([]byte("x"), 32<<10)

// faultAPI is what the fault server must know of one API: where its
// operations sit and how it words a success and a failure.
type faultAPI struct {
	// name is the client package ("dailybot").
	name string
	// basePath is the path of the spec's server URL ("/v1" for DailyBot):
	// the client is given the test server's URL plus it, so the server sees
	// the paths the real API sees.
	basePath string
	// loginPath and loginBody are Bot Open's POST /login and a valid answer
	// to it; empty for the other APIs.
	loginPath, loginBody string
	// errBody is a failure in the API's own error dialect.
	errBody func(status int) string
}

// faultInjector writes the faulted answer to one request (or no answer at
// all).
type faultInjector func(s *faultServer, w http.ResponseWriter, r *http.Request)

// faultServer is one cell's loopback server (httptest on 127.0.0.1). It
// answers one operation's path with a valid success body, except for the
// first times requests (every request when times is 0) that inject answers;
// Bot Open's login is answered, or faulted when onLogin is set. It also
// builds the client's HTTP client, whose dialer can refuse a dial or fail to
// resolve the host, and it counts every request and dial.
type faultServer struct {
	t   testing.TB
	srv *httptest.Server
	api faultAPI
	// opPath is the path of the operation under test, opBody its success body.
	opPath, opBody string

	// inject answers the faulted requests; nil faults none.
	inject faultInjector
	// times is how many requests to fault; 0 faults every one.
	times int32
	// onLogin moves the fault from the operation to Bot Open's login.
	onLogin bool
	// refuseDials is how many armed dials go to a closed port (a real
	// "connection refused") before the others reach the server.
	refuseDials int32
	// unknownHost fails every armed dial as a name that does not resolve.
	unknownHost bool

	// armed says the dial faults apply: Bot Open logs in before the fault
	// is armed, so that the dial faults hit the operation, not the login.
	armed atomic.Bool
	// requests counts the operation's requests, logins the logins, others
	// anything else (there must be none).
	requests, logins, others atomic.Int32
	// dials counts armed dials, failedDials those the dialer failed.
	dials, failedDials atomic.Int32
	// streamed counts the bytes of lazily streamed bodies the server wrote.
	streamed atomic.Int64

	// release unblocks the handlers that hang (slow body, hung login) when
	// the cell ends.
	release     chan struct{}
	releaseOnce sync.Once
	// elsewhere is the second host a cross-host redirect points to, nil
	// when the fault has none; it counts the requests it gets.
	elsewhere         *httptest.Server
	elsewhereRequests atomic.Int32

	transport *http.Transport
	closedAt  string // a loopback address nothing listens on
}

// newFaultServer starts the server of one cell for api's operation at opPath
// (relative to api.basePath) answering opBody; setup arms the fault before
// the server takes requests.
func newFaultServer(t testing.TB, api faultAPI, opPath, opBody string, setup func(*faultServer)) *faultServer {
	t.Helper()
	s := &faultServer{t: t, api: api, opPath: api.basePath + opPath, opBody: opBody, release: make(chan struct{})}
	if setup != nil {
		setup(s)
	}
	if s.refuseDials > 0 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("fault server: %v", err)
		}
		s.closedAt = l.Addr().String()
		_ = l.Close()
	}
	s.srv = httptest.NewServer(s)
	s.transport = botsdk.NewHTTPTransport(0)
	s.transport.Proxy = nil // loopback only, whatever the environment says
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	s.transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if s.armed.Load() {
			n := s.dials.Add(1)
			switch {
			case s.unknownHost:
				s.failedDials.Add(1)
				// What net.Dialer returns for a name the resolver does not
				// know, without asking a real resolver.
				return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{
					Err: "no such host", Name: "api.faultmatrix.invalid", IsNotFound: true}}
			case n <= s.refuseDials:
				s.failedDials.Add(1)
				return dialer.DialContext(ctx, network, s.closedAt)
			}
		}
		return dialer.DialContext(ctx, network, addr)
	}
	return s
}

// baseURL is what the client is given: the server's URL plus the API's base path.
func (s *faultServer) baseURL() string { return s.srv.URL + s.api.basePath }

// httpClient is the client's HTTP client: no timeout of its own (the
// caller's context is the only deadline), the fault server's dialer.
func (s *faultServer) httpClient() *http.Client { return &http.Client{Transport: s.transport} }

// close releases the hanging handlers, drops the client's idle connections
// and closes both servers; httptest's Close waits for every handler.
func (s *faultServer) close() {
	s.releaseOnce.Do(func() { close(s.release) })
	s.transport.CloseIdleConnections()
	s.srv.Close()
	if s.elsewhere != nil {
		s.elsewhere.Close()
	}
}

// startElsewhere starts the second host of a cross-host redirect.
func (s *faultServer) startElsewhere() {
	s.elsewhere = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.elsewhereRequests.Add(1)
		s.writeJSON(w, http.StatusOK, s.opBody)
	}))
}

func (s *faultServer) faulted(n int32) bool {
	return s.inject != nil && (s.times == 0 || n <= s.times)
}

// ServeHTTP answers the login, the operation, and 404 to anything else.
func (s *faultServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case s.api.loginPath != "" && r.URL.Path == s.api.basePath+s.api.loginPath:
		n := s.logins.Add(1)
		if s.onLogin && s.faulted(n) {
			s.inject(s, w, r)
			return
		}
		// The login's connection is not reused: the operation dials its
		// own, so that a dial fault hits it and every operation starts on
		// a fresh connection, as it does for the other APIs (net/http would
		// otherwise replay a request the server reset on a reused one).
		w.Header().Set("Connection", "close")
		s.writeJSON(w, http.StatusOK, s.api.loginBody)
	case r.URL.Path == s.opPath:
		n := s.requests.Add(1)
		if !s.onLogin && s.faulted(n) {
			s.inject(s, w, r)
			return
		}
		s.writeJSON(w, http.StatusOK, s.opBody)
	default:
		s.others.Add(1)
		http.NotFound(w, r)
	}
}

// successBody is the answer the server gives r when it injects nothing.
func (s *faultServer) successBody(r *http.Request) string {
	if s.api.loginPath != "" && r.URL.Path == s.api.basePath+s.api.loginPath {
		return s.api.loginBody
	}
	return s.opBody
}

func (s *faultServer) writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// faultStatus answers status with the API's error body, plus the headers
// header returns (computed per request: a Retry-After date is relative to now).
func faultStatus(status int, header func() http.Header) faultInjector {
	return func(s *faultServer, w http.ResponseWriter, r *http.Request) {
		if header != nil {
			for k, v := range header() {
				w.Header()[k] = v
			}
		}
		s.writeJSON(w, status, s.api.errBody(status))
	}
}

// faultRetryAfter is a Retry-After header.
func faultRetryAfter(value func() string) func() http.Header {
	return func() http.Header { return http.Header{"Retry-After": {value()}} }
}

// faultHijack takes the connection from net/http after the request's body has
// been read, so that the client has sent everything before it is cut off.
func faultHijack(s *faultServer, w http.ResponseWriter, r *http.Request) net.Conn {
	_, _ = io.Copy(io.Discard, r.Body)
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		s.t.Errorf("fault server: hijack: %v", err)
		return nil
	}
	return conn
}

// faultResetBeforeHeaders resets the connection (RST: SO_LINGER 0) before
// any byte of the answer.
func faultResetBeforeHeaders(s *faultServer, w http.ResponseWriter, r *http.Request) {
	conn := faultHijack(s, w, r)
	if conn == nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// faultCutMidBody announces the whole success body with Content-Length,
// sends its first half and closes the connection.
func faultCutMidBody(s *faultServer, w http.ResponseWriter, r *http.Request) {
	body := s.successBody(r)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, body[:len(body)/2])
	_ = http.NewResponseController(w).Flush()
	if conn := faultHijack(s, w, r); conn != nil {
		_ = conn.Close()
	}
}

// faultTruncatedJSON is a complete HTTP answer (its Content-Length is what
// is sent) whose JSON stops half-way.
func faultTruncatedJSON(s *faultServer, w http.ResponseWriter, r *http.Request) {
	body := s.successBody(r)
	s.writeJSON(w, http.StatusOK, body[:len(body)/2])
}

// faultHTML is a proxy's HTML page with 200.
func faultHTML(_ *faultServer, w http.ResponseWriter, _ *http.Request) {
	const page = "<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>\n"
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, page)
}

// faultTextPlain is the right JSON labelled text/plain.
func faultTextPlain(s *faultServer, w http.ResponseWriter, r *http.Request) {
	body := s.successBody(r)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, body)
}

// faultSlowBody sends the headers and half the body, then nothing until
// the client hangs up or the cell ends.
func faultSlowBody(s *faultServer, w http.ResponseWriter, r *http.Request) {
	body := s.successBody(r)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, body[:len(body)/2])
	_ = http.NewResponseController(w).Flush()
	select {
	case <-r.Context().Done():
	case <-s.release:
	}
}

// faultHang answers nothing until the client hangs up or the cell ends.
func faultHang(s *faultServer, _ http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.release:
	}
}

// faultHugeBody streams size bytes of filler with status, announced with
// Content-Length unless chunked, written lazily from faultFiller until the
// client stops reading. The bytes written are counted in s.streamed.
func faultHugeBody(status int, size int64, chunked bool) faultInjector {
	return func(s *faultServer, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if !chunked {
			w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		}
		w.WriteHeader(status)
		for left := size; left > 0; {
			n, err := w.Write(faultFiller[:min(left, int64(len(faultFiller)))])
			s.streamed.Add(int64(n))
			left -= int64(n)
			if err != nil {
				return
			}
		}
	}
}

// faultRedirect answers 302 to the URL target returns.
func faultRedirect(target func(s *faultServer, r *http.Request) string) faultInjector {
	return func(s *faultServer, w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target(s, r), http.StatusFound)
	}
}
