package lenient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// IntOrFalse is an integer that the API replaces with false when there is
// none, as DailyBot does for the next_key and prev_key of a template's
// question logic. Valid is false when the JSON held false or null.
type IntOrFalse struct {
	// Value is the integer; it is 0 when Valid is false.
	Value int
	// Valid reports whether the JSON held an integer.
	Valid bool
}

// IntValue returns an IntOrFalse holding v.
func IntValue(v int) IntOrFalse { return IntOrFalse{Value: v, Valid: true} }

// UnmarshalJSON accepts an integer, false or null; anything else is an error.
func (v *IntOrFalse) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("false")) || bytes.Equal(data, []byte("null")) {
		*v = IntOrFalse{}
		return nil
	}
	var n int
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("lenient: want an integer or false: %w", err)
	}
	*v = IntValue(n)
	return nil
}

// MarshalJSON encodes the integer, or false when Valid is false.
func (v IntOrFalse) MarshalJSON() ([]byte, error) {
	if !v.Valid {
		return []byte("false"), nil
	}
	return []byte(strconv.Itoa(v.Value)), nil
}
