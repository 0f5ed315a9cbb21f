package reliability

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests when any of them leaves a goroutine
// running. No goroutine is ignored: every server a test starts is closed and
// every client's idle connections are dropped before the test ends.
// TestFaultMatrix also checks each cell on its own (goleak.VerifyNone after the
// cell's servers are closed), so a leak names the fault and the client.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
