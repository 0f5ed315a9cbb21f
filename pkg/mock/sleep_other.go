//go:build !linux

package mock

import (
	"context"
	"time"
)

// armWake returns the function that waits on a Go timer until at, or until
// ctx ends (returning its error).
func armWake(ctx context.Context, at time.Time) func() error {
	return func() error { return sleepUntil(ctx, at) }
}
