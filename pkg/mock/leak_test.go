package mock

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests when any of them leaves a goroutine
// running. net/http's server lingers up to 500 ms in closeWriteAndWait after
// it closes a connection whose request body it did not read (the 1 MiB body
// cap tests); that goroutine ends by itself and is not the mock's.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("net/http.(*conn).closeWriteAndWait"))
}
