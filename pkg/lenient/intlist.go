package lenient

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// IntList is a list of integer ids for parameters the AssistBot docs type as
// "integer or array". It decodes from a single JSON integer, an array of
// integers or null (an empty list), and always encodes as a JSON array, which
// the API accepts in both places.
type IntList []int

// Ints returns a new IntList holding ids; it is shorthand for IntList(ids).
func Ints(ids ...int) IntList { return IntList(ids) }

// UnmarshalJSON accepts an integer, an array of integers or null; anything
// else is an error that names the JSON it got.
func (l *IntList) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*l = nil
		return nil
	case len(data) > 0 && data[0] == '[':
		var ids []int
		if err := json.Unmarshal(data, &ids); err != nil {
			return fmt.Errorf("lenient: want an integer or an array of integers: %w", err)
		}
		*l = ids
		return nil
	default:
		var id int
		if err := json.Unmarshal(data, &id); err != nil {
			return fmt.Errorf("lenient: want an integer or an array of integers: %w", err)
		}
		*l = IntList{id}
		return nil
	}
}

// MarshalJSON encodes the list as a JSON array; a nil list encodes as [].
func (l IntList) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]int(l))
}
