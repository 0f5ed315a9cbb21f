package botsdk

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"
)

// Each json.Unmarshal call allocates encoding/json's decoding state anew:
// the decodeState, its error context and field stack, and the scanner's
// stack (four allocations). A generated type keeps its undeclared keys
// through its own UnmarshalJSON, so an item with nested open objects pays
// them once per object: most of what a decoded page allocates besides its
// own values. A json.Decoder keeps that state from one Decode to the next,
// so the values the scanner has already checked are decoded with pooled
// Decoders, each reading from its own reset bytes.Reader.

// pooledMax is the largest value decoded with a pooled Decoder: a Decoder
// keeps a buffer the size of the largest value it has read, and a pool of
// large buffers would hold memory long after a large answer. A value this
// size costs much more than the state the pool saves.
const pooledMax = 64 << 10

// checkedDecoder is a json.Decoder reading from a bytes.Reader it owns.
type checkedDecoder struct {
	r   bytes.Reader
	dec *json.Decoder
	// read is the length of every value the Decoder has been given: its
	// InputOffset after a value read whole, with nothing left in its buffer
	// for the next.
	read int64
}

// checkedDecoders hold Decoders with encoding/json's defaults, and
// numberDecoders those that decode numbers in an any as json.Number.
var checkedDecoders, numberDecoders = newDecoderPool(false), newDecoderPool(true)

func newDecoderPool(useNumber bool) *sync.Pool {
	return &sync.Pool{New: func() any {
		d := &checkedDecoder{}
		d.dec = json.NewDecoder(&d.r)
		if useNumber {
			d.dec.UseNumber()
		}
		return d
	}}
}

// decodePooled decodes the checked JSON value into v with a Decoder from
// pool, as json.Unmarshal would. On a syntax error, which checked input
// never has, the Decoder is dropped and json.Unmarshal gives its own error
// for value.
func decodePooled(pool *sync.Pool, useNumber bool, value []byte, v any) error {
	if len(value) > pooledMax {
		return unmarshal(value, v, useNumber)
	}
	// Without the whitespace after the value, the Decoder has nothing left
	// over before the next value, so its offsets in errors are json.Unmarshal's.
	end := len(value)
	for end > 0 && isSpace(value[end-1]) {
		end--
	}
	d := pool.Get().(*checkedDecoder)
	d.r.Reset(value[:end])
	err := d.dec.Decode(v)
	d.r.Reset(nil)
	d.read += int64(end)
	if _, syntax := err.(*json.SyntaxError); syntax || err == io.ErrUnexpectedEOF || err == io.EOF ||
		d.dec.InputOffset() != d.read {
		// Only a value the scanner would refuse gets here (a syntax error,
		// or a second value after the first): the Decoder keeps such an
		// error, or the rest, for good, so it is dropped.
		return unmarshal(value, v, useNumber)
	}
	// Any other error came from decoding a value read whole (a type
	// mismatch, a field's UnmarshalJSON): the Decoder stays usable.
	pool.Put(d)
	return err
}

// unmarshal is json.Unmarshal, with numbers in an any as json.Number when
// useNumber is set.
func unmarshal(value []byte, v any, useNumber bool) error {
	if !useNumber {
		return json.Unmarshal(value, v)
	}
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.UseNumber()
	return dec.Decode(v)
}

// DecodeCheckedNumbers is DecodeChecked with numbers decoded as json.Number
// where v holds an any (as a json.Decoder with UseNumber does), so an ID such
// as 12345678901234567890 keeps its digits: how the generated types decode
// the values of their undeclared keys. value must be a JSON value the
// scanner has checked (a member's value from ObjectMembers or
// UndeclaredMembers, an element from ArrayElements).
func DecodeCheckedNumbers(value []byte, v any) error {
	if u, ok := v.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(value)
	}
	return decodePooled(numberDecoders, true, value, v)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
