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
// page costs at most this much memory. The rest is never read.
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
}

// Close does nothing: the connection's body was closed once it was read.
func (b *bufferedBody) Close() error { return nil }

// readBody reads resp's body within an attempt and replaces it with a
// buffered copy. A 2xx body is read whole, up to maxBody bytes, into a
// buffer sized from Content-Length; any other status reads at most
// MaxErrorRead bytes and drops the rest. The original body is closed.
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
	var buf bytes.Buffer
	if n := resp.ContentLength; n > 0 {
		// One allocation of the announced size (plus one byte, so that
		// reading to EOF does not grow it); a lying Content-Length costs at
		// most the limit.
		buf.Grow(int(min(n, limit)) + 1)
	}
	_, err := buf.ReadFrom(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return err
	}
	data := buf.Bytes()
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
