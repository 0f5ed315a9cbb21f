package botaz

import (
	"strconv"

	"github.com/oapi-codegen/nullable"
)

// Field is one visitor field in an update, in one of three states: its zero
// value leaves the field unchanged (the key is not sent), Set("x") sets it to
// "x", and Clear() removes the value (the key is sent as JSON null, which is
// how Bot.Az removes a value).
//
//	botaz.UpdateVisitorParams{Email: botaz.Clear(), Phone: botaz.Set("+994124801574")}
//	// sends {"email":null,"phone":"+994124801574"}; name and notes are untouched
type Field struct {
	state fieldState
	value string
}

type fieldState uint8

const (
	unchanged fieldState = iota
	set
	cleared
)

// Set returns a Field that sets the value to v (an empty v sets it to "").
func Set(v string) Field { return Field{state: set, value: v} }

// Clear returns a Field that removes the value (sent as JSON null).
func Clear() Field { return Field{state: cleared} }

// Value returns the value and true when f sets one, and "" and false when it
// clears the field or leaves it unchanged.
func (f Field) Value() (string, bool) { return f.value, f.state == set }

// IsClear reports whether f removes the value (sends null).
func (f Field) IsClear() bool { return f.state == cleared }

// IsUnchanged reports whether f leaves the field as it is (the zero Field).
func (f Field) IsUnchanged() bool { return f.state == unchanged }

// String returns "unchanged", "null" or the value in double quotes, for
// debugging and %v.
func (f Field) String() string {
	switch f.state {
	case set:
		return strconv.Quote(f.value)
	case cleared:
		return "null"
	}
	return "unchanged"
}

// nullable converts f to the generated request's three-state type: an
// unspecified Nullable is omitted, a null one is sent as null.
func (f Field) nullable() nullable.Nullable[string] {
	switch f.state {
	case set:
		return nullable.NewNullableWithValue(f.value)
	case cleared:
		return nullable.NewNullNullable[string]()
	}
	return nil
}
