package lenient

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Either is a JSON value that the API sends in one of two shapes, such as
// DailyBot's kudos company_value (a string or an object {id, name}) or a
// template's questions (an object {fields, logic} or an array). Decoding
// tries A, then B, and sets the one that fits; null sets neither. Encoding
// writes the one that is set (A when both are), or null when neither is, so a
// decoded value encodes back to the shape it came in.
type Either[A, B any] struct {
	// A is the value when it came in A's shape, else nil.
	A *A
	// B is the value when it came in B's shape (and not in A's), else nil.
	B *B
}

// EitherA returns an Either holding a.
func EitherA[A, B any](a A) Either[A, B] { return Either[A, B]{A: &a} }

// EitherB returns an Either holding b.
func EitherB[A, B any](b B) Either[A, B] { return Either[A, B]{B: &b} }

// IsNull reports whether neither shape is set (the JSON held null).
func (e Either[A, B]) IsNull() bool { return e.A == nil && e.B == nil }

// UnmarshalJSON decodes data as A, else as B; null sets neither. It fails
// with both shapes' errors when data fits neither.
func (e *Either[A, B]) UnmarshalJSON(data []byte) error {
	*e = Either[A, B]{}
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil
	}
	var a A
	errA := json.Unmarshal(data, &a)
	if errA == nil {
		e.A = &a
		return nil
	}
	var b B
	errB := json.Unmarshal(data, &b)
	if errB == nil {
		e.B = &b
		return nil
	}
	return fmt.Errorf("lenient: the value fits neither documented shape: %w", errors.Join(errA, errB))
}

// MarshalJSON encodes the shape that is set, or null.
func (e Either[A, B]) MarshalJSON() ([]byte, error) {
	switch {
	case e.A != nil:
		return json.Marshal(e.A)
	case e.B != nil:
		return json.Marshal(e.B)
	}
	return []byte("null"), nil
}
