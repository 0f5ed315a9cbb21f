package mock

import (
	"context"
	"testing"
)

// NewTestServer starts a mock on a free loopback port for the test and stops
// it when the test ends; a start failure fails the test.
func NewTestServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, "127.0.0.1:0", opts...)
	if err != nil {
		cancel()
		t.Fatalf("mock: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		_ = s.Close()
	})
	return s
}
