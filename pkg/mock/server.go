package mock

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Server is a mock listening on a loopback address.
type Server struct {
	// URL is the server's root URL, e.g. "http://127.0.0.1:8080".
	URL string
	// Mock is the handler the server runs.
	Mock *Mock

	srv      *http.Server
	ctl      *controller   // the control API, Prefer and state in front of the mock (control.go)
	done     chan struct{} // closed when Serve has returned
	serveErr error         // Serve's error, readable once done is closed
}

// BaseURL returns the base URL to give api's client, e.g.
// "http://127.0.0.1:8080/dailybot/v1".
func (s *Server) BaseURL(api string) string { return s.URL + s.Mock.BasePath(api) }

// Close stops the server at once, with any webhook delivery in flight.
func (s *Server) Close() error {
	err := s.srv.Close()
	<-s.done
	s.closeMocks()
	return errors.Join(err, s.serveErr)
}

// Shutdown stops the server gracefully, waiting for requests in flight until
// ctx ends, then stops webhook deliveries.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if err != nil {
		_ = s.srv.Close()
	}
	<-s.done
	s.closeMocks()
	return errors.Join(err, s.serveErr)
}

// Start builds a mock and serves it on addr ("127.0.0.1:0" when empty: a free
// loopback port) until Close, Shutdown or ctx ends.
func Start(ctx context.Context, addr string, opts ...Option) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	m, err := New(opts...)
	if err != nil {
		return nil, err
	}
	ln, err := listen(ctx, addr)
	if err != nil {
		return nil, fmt.Errorf("mock: listen on %s: %w", addr, err)
	}
	ctl := newController(m)
	s := &Server{URL: "http://" + ln.Addr().String(), Mock: m, done: make(chan struct{}), ctl: ctl,
		srv: &http.Server{Handler: ctl, ReadHeaderTimeout: 10 * time.Second}}
	go func() {
		if err := s.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.serveErr = err
		}
		close(s.done)
	}()
	go func() {
		select {
		case <-ctx.Done():
			_ = s.srv.Close()
			<-s.done
			s.closeMocks()
		case <-s.done:
		}
	}()
	return s, nil
}

func listen(ctx context.Context, addr string) (net.Listener, error) {
	var lc net.ListenConfig
	return lc.Listen(ctx, "tcp", addr)
}
