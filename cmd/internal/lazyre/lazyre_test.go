package lazyre

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// uuidLike is compiled by the test that uses it, not when the test binary starts.
var uuidLike = New(`^[0-9a-f]{8}-[0-9a-f]{4}$`)

func TestGetCompilesOnceOnFirstUse(t *testing.T) {
	assert.Nil(t, uuidLike.re, "compiled before its first use")
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Go(func() { got[i] = uuidLike.Get() })
	}
	wg.Wait()
	for _, re := range got {
		assert.Same(t, got[0], re)
	}
	assert.True(t, uuidLike.Get().MatchString("0123abcd-ef01"))
	assert.False(t, uuidLike.Get().MatchString("0123abcd-ef01x"))
}

func TestGetPanicsOnABadPattern(t *testing.T) {
	bad := New(`(`)
	require.Panics(t, func() { bad.Get() })
}
