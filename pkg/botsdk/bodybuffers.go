package botsdk

import (
	"context"
	"sync"
)

// BodyBuffers is a free list of the buffers successful response bodies are
// read into, for a caller that reads many bodies and knows when it is done
// with each (a bulk export's pages): a request whose context carries it
// (WithBodyBuffers) reads its 2xx body into a buffer handed back with Put,
// when one is large enough for the announced Content-Length, instead of a
// new one. A body of unknown length starts in the largest buffer there is.
// It keeps at most the number of buffers NewBodyBuffers was given; the zero
// value keeps none. It is safe for concurrent use.
type BodyBuffers struct {
	mu   sync.Mutex
	free [][]byte
	max  int
}

// NewBodyBuffers returns a free list that keeps at most n buffers (n < 1
// keeps none): enough for the bodies read but not yet handed back, at most.
func NewBodyBuffers(n int) *BodyBuffers {
	return &BodyBuffers{max: max(n, 0)}
}

// Put hands buf back for a later body, once: handing the same buffer back
// twice would let two bodies be read into it at the same time. The caller
// must be done with every byte of it, and with every slice of it: the next
// body read overwrites them. A nil or empty-capacity buf, or one past the
// list's size, is dropped.
func (b *BodyBuffers) Put(buf []byte) {
	if b == nil || cap(buf) == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.free) < b.max {
		b.free = append(b.free, buf[:0])
	}
}

// take removes and returns a free buffer with room for size bytes (size <
// 0: the largest free buffer), or nil when there is none; then the
// smallest free buffer is dropped too, so that buffers too small for the
// bodies now read do not stay in the list.
func (b *BodyBuffers) take(size int64) []byte {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	pick := -1
	for i, buf := range b.free {
		if size >= 0 {
			if int64(cap(buf)) >= size {
				pick = i
				break
			}
			if pick < 0 || cap(buf) < cap(b.free[pick]) {
				pick = i // the smallest, to drop
			}
			continue
		}
		if pick < 0 || cap(buf) > cap(b.free[pick]) {
			pick = i
		}
	}
	if pick < 0 {
		return nil
	}
	buf := b.free[pick]
	last := len(b.free) - 1
	b.free[pick] = b.free[last]
	b.free[last] = nil
	b.free = b.free[:last]
	if size >= 0 && int64(cap(buf)) < size {
		return nil
	}
	return buf
}

// bodyBuffersKey is the context key of WithBodyBuffers.
type bodyBuffersKey struct{}

// WithBodyBuffers returns a copy of ctx whose requests read their 2xx
// bodies into bufs' buffers when one is free (see BodyBuffers).
func WithBodyBuffers(ctx context.Context, bufs *BodyBuffers) context.Context {
	return context.WithValue(ctx, bodyBuffersKey{}, bufs)
}

// BodyBuffersFrom returns the free list WithBodyBuffers put in ctx (nil for
// none).
func BodyBuffersFrom(ctx context.Context) *BodyBuffers {
	b, _ := ctx.Value(bodyBuffersKey{}).(*BodyBuffers)
	return b
}
