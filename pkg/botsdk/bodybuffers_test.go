package botsdk

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// capsOf lists the capacities of bufs.
func capsOf(bufs [][]byte) []int {
	out := []int{}
	for _, b := range bufs {
		out = append(out, cap(b))
	}
	return out
}

func TestBodyBuffersTake(t *testing.T) {
	tests := []struct {
		name     string
		free     []int // capacities handed back, in order
		max      int
		size     int64
		wantCap  int // 0: none taken
		wantLeft []int
	}{
		{"empty list", nil, 4, 100, 0, []int{}},
		{"the first with room", []int{50, 200, 300}, 4, 100, 200, []int{50, 300}},
		{"exact room", []int{100}, 4, 100, 100, []int{}},
		{"none with room drops the smallest", []int{80, 50, 90}, 4, 100, 0, []int{80, 90}},
		{"unknown size takes the largest", []int{50, 300, 200}, 4, -1, 300, []int{50, 200}},
		{"past the list's size are dropped", []int{10, 20, 30}, 2, -1, 20, []int{10}},
		{"a list of none keeps nothing", []int{10}, 0, -1, 0, []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBodyBuffers(tt.max)
			for _, c := range tt.free {
				b.Put(make([]byte, c/2, c))
			}
			got := b.take(tt.size)
			assert.Equal(t, tt.wantCap, cap(got))
			assert.Empty(t, got, "a taken buffer is empty")
			assert.ElementsMatch(t, tt.wantLeft, capsOf(b.free))
		})
	}
}

func TestBodyBuffersNil(t *testing.T) {
	var b *BodyBuffers
	b.Put(make([]byte, 8))
	assert.Nil(t, b.take(8))
	assert.Nil(t, BodyBuffersFrom(context.Background()))
	b = NewBodyBuffers(1)
	assert.Same(t, b, BodyBuffersFrom(WithBodyBuffers(context.Background(), b)))
}

func TestReadUpToBodyBuffers(t *testing.T) {
	body := strings.Repeat("x", 1000)
	tests := []struct {
		name      string
		free      []int
		sizeHint  int64
		limit     int64
		wantCap   int  // the buffer read into
		wantSame  bool // the free buffer itself
		wantBytes int  // bytes returned (limit+1 says the body goes on)
	}{
		{"a free buffer with room", []int{4096}, 1000, 1 << 20, 4096, true, 1000},
		{"a new buffer gets an eighth more room", []int{500}, 1000, 1 << 20, 1001 + 1001/8, false, 1000},
		{"no list: the hint's size", nil, 1000, 1 << 20, 1001, false, 1000},
		{"unknown length starts in the largest", []int{2048, 512}, -1, 1 << 20, 2048, true, 1000},
		{"a free buffer never reads past the limit", []int{4096}, 1000, 100, 101, true, 101},
		{"unknown length grows past the largest", []int{512}, -1, 1 << 20, 2*512 + 512, false, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bufs *BodyBuffers
			var lent []byte
			if tt.free != nil {
				bufs = NewBodyBuffers(len(tt.free))
				for _, c := range tt.free {
					bufs.Put(make([]byte, 0, c))
				}
				lent = bufs.free[0]
				for _, b := range bufs.free {
					if cap(b) > cap(lent) {
						lent = b
					}
				}
			}
			got, err := readUpTo(iotest.HalfReader(strings.NewReader(body)), tt.sizeHint, tt.limit, bufs)
			require.NoError(t, err)
			assert.Equal(t, body[:tt.wantBytes], string(got))
			assert.Equal(t, tt.wantCap, cap(got))
			if lent != nil {
				assert.Equal(t, tt.wantSame, &got[:1][0] == &lent[:1][0], "read into the free buffer")
			}
		})
	}
}

func TestReadBodyBodyBuffers(t *testing.T) {
	bufs := NewBodyBuffers(1)
	free := make([]byte, 0, 64)
	bufs.Put(free)
	ctx := WithBodyBuffers(context.Background(), bufs)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1/", nil)
	require.NoError(t, err)

	failed := &http.Response{StatusCode: 500, Body: io.NopCloser(strings.NewReader(`{"detail":"no"}`)), ContentLength: -1, Request: req}
	require.NoError(t, readBody(failed, MaxResponseBody))
	data := failed.Body.(*bufferedBody).data
	assert.NotSame(t, &free[:1][0], &data[:1][0], "an error's body is not read into a lent buffer")
	assert.Len(t, bufs.free, 1)

	ok := &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader([]byte(`{"a":1}`))), ContentLength: 7, Request: req}
	require.NoError(t, readBody(ok, MaxResponseBody))
	data = ok.Body.(*bufferedBody).data
	assert.Equal(t, `{"a":1}`, string(data))
	assert.Same(t, &free[:1][0], &data[:1][0], "a 2xx body is read into the free buffer")
	assert.Empty(t, bufs.free)
}
