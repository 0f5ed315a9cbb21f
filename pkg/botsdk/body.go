package botsdk

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// MaxResponseBody caps how much of a successful response is read (64 MiB);
// a larger body fails with ErrBodyTooLarge rather than taking unbounded
// memory.
const MaxResponseBody = 64 << 20

// MaxErrorRead caps how much of a failed response (any status but 2xx) is
// read (1 MiB): enough for any error the APIs document, while a huge error
// page costs at most about twice this much in allocations. The rest is never
// read.
const MaxErrorRead = 1 << 20

// ErrBodyTooLarge is returned (wrapped) when a successful response's body is
// larger than MaxResponseBody.
var ErrBodyTooLarge = errors.New("response body too large")

// bufferedBody is a response body the Transport read whole within the
// attempt, so that a body cut off mid-way counts as a failed attempt.
type bufferedBody struct {
	*bytes.Reader
	data []byte
	// cut reports a failed answer whose body was longer than MaxErrorRead.
	cut bool
	// attempts is how many attempts the Transport made for the answer (0
	// until the Transport settles on it).
	attempts int
}

// Close does nothing: the connection's body was closed once it was read.
func (b *bufferedBody) Close() error { return nil }

// readBody reads resp's body within an attempt and replaces it with a
// buffered copy. A 2xx body is read whole, up to maxBody bytes, into a
// buffer sized from Content-Length (or lent by the BodyBuffers the request's
// context carries); any other status reads at most MaxErrorRead bytes and
// drops the rest. The original body is closed.
func readBody(resp *http.Response, maxBody int64) error {
	if _, ok := resp.Body.(*bufferedBody); ok {
		return nil
	}
	defer resp.Body.Close()
	limit := maxBody
	success := resp.StatusCode >= 200 && resp.StatusCode <= 299
	if !success {
		limit = MaxErrorRead
	}
	if success && resp.ContentLength > limit {
		// Announced too large: refused without reading a byte of it.
		return fmt.Errorf("%w: Content-Length %d, more than %d bytes", ErrBodyTooLarge, resp.ContentLength, limit)
	}
	var bufs *BodyBuffers
	if success && resp.Request != nil {
		bufs = BodyBuffersFrom(resp.Request.Context())
	}
	data, err := readUpTo(resp.Body, resp.ContentLength, limit, bufs)
	if err != nil {
		return err
	}
	cut := false
	if int64(len(data)) > limit {
		if success {
			return fmt.Errorf("%w: more than %d bytes", ErrBodyTooLarge, limit)
		}
		data, cut = data[:limit], true
	}
	resp.Body = &bufferedBody{Reader: bytes.NewReader(data), data: data, cut: cut}
	resp.ContentLength = int64(len(data))
	return nil
}

// firstBuffer caps the first allocation for a body: a Content-Length is the
// server's word, and a large one must not cost its size before a byte of the
// body has arrived.
const firstBuffer = 4 << 20

// readUpTo reads r to its end or to limit+1 bytes, whichever comes first,
// so that a result longer than limit says the body goes on. The buffer is
// sized from sizeHint (Content-Length, -1 when unknown; at most firstBuffer)
// and otherwise grows by doubling, never past limit+1: reading costs at most
// about twice limit in allocations, and one allocation of the body's size
// when the hint is right and the body is not large. With bufs (nil for
// none) the buffer is a free one of bufs when one has room, and a new one
// gets an eighth more room than the hint, so that the next bodies of about
// the same size fit in it once it is handed back.
func readUpTo(r io.Reader, sizeHint, limit int64, bufs *BodyBuffers) ([]byte, error) {
	size := int64(4 << 10)
	if sizeHint >= 0 {
		// Room to see EOF without growing; min first, so that a hint of
		// MaxInt64 cannot overflow.
		size = min(sizeHint, limit, firstBuffer) + 1
	}
	size = min(size, limit+1)
	want := size
	if sizeHint < 0 {
		want = -1
	}
	buf := bufs.take(want)
	switch {
	case buf != nil:
		buf = buf[:0:min(int64(cap(buf)), limit+1)]
	case bufs != nil:
		buf = make([]byte, 0, min(size+size/8, limit+1))
	default:
		buf = make([]byte, 0, size)
	}
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return buf, nil
			}
			grown := make([]byte, len(buf), min(2*int64(cap(buf))+512, limit+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// bodyBytes returns resp's whole body and closes it: the Transport's buffer
// as is, or (for a response that did not come through a Transport) the body
// read up to the limit that readBody applies.
func bodyBytes(resp *http.Response) (data []byte, cut bool, err error) {
	if err := readBody(resp, MaxResponseBody); err != nil {
		return nil, false, err
	}
	b := resp.Body.(*bufferedBody)
	return b.data, b.cut, nil
}

// errBodyCut marks a read error that lost part of an answer (the connection
// was reset or closed mid-body): the attempt failed and may be retried when
// the request is idempotent.
type errBodyCut struct{ err error }

func (e *errBodyCut) Error() string { return "read response: " + e.err.Error() }
func (e *errBodyCut) Unwrap() error { return e.err }
