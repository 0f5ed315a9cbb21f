package fuzzcheck

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"math/big"
)

// SameJSON reports whether a and b are each one JSON value and the same one:
// objects with the same keys (in any order) and the same values, arrays
// with the same elements in order, and numbers equal in value at any size,
// so 1E700, which is valid JSON beyond float64's range, equals itself and
// -0 equals 0. A number too large even for that is compared as written. It
// reports false when either does not decode.
func SameJSON(a, b []byte) bool {
	va, okA := decodeNumbers(a)
	vb, okB := decodeNumbers(b)
	return okA && okB && sameValue(va, vb)
}

// decodeNumbers decodes one JSON value from data with numbers as
// json.Number, so none is rounded or refused for its size.
func decodeNumbers(data []byte) (any, bool) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return nil, false
	}
	_, err := d.Token()
	return v, err == io.EOF // anything but space after the value is not one JSON value
}

// sameValue compares two values decoded by decodeNumbers.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && maps.EqualFunc(x, y, sameValue)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		return ok && sameNumber(x, y)
	}
	return a == b // string, bool or nil
}

// sameNumber compares two JSON numbers by value, and as written when either
// is beyond big.Float's exponent range. The precision is sized from the
// longer text, at 4 bits per character (a decimal digit takes under 3.33),
// so two numbers that differ in any digit differ here.
func sameNumber(x, y json.Number) bool {
	prec := uint(4*max(len(x), len(y)) + 64)
	fx, _, errX := big.ParseFloat(string(x), 10, prec, big.ToNearestEven)
	fy, _, errY := big.ParseFloat(string(y), 10, prec, big.ToNearestEven)
	if errX != nil || errY != nil {
		return x == y
	}
	return fx.Cmp(fy) == 0
}
