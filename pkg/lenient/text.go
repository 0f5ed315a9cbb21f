package lenient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Text is a string field that the live APIs sometimes send as another JSON
// scalar: AssistBot documents standup_name as an integer but sends a string,
// types channel as "string, integer or null", and sends a task step deadline of
// false where the docs promise a string or null.
//
// Text decodes a JSON string as is, a number as its literal text ("42",
// "1.5"), false and null as the empty string and true as "true". It always
// encodes as a JSON string.
type Text string

// String returns the text.
func (t Text) String() string { return string(t) }

// UnmarshalJSON accepts a string, a number, a boolean or null; an object or an
// array is an error.
func (t *Text) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return fmt.Errorf("lenient: want a string, number or boolean, got nothing")
	}
	switch data[0] {
	case '"':
		if plainString(data) {
			// No escape to undo: the text is the bytes between the quotes.
			*t = Text(data[1 : len(data)-1])
			return nil
		}
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return fmt.Errorf("lenient: bad JSON string: %w", err)
		}
		*t = Text(s)
	case 'n', 'f':
		if !bytes.Equal(data, []byte("null")) && !bytes.Equal(data, []byte("false")) {
			return fmt.Errorf("lenient: want a string, number or boolean, got %.40s", data)
		}
		*t = ""
	case 't':
		if !bytes.Equal(data, []byte("true")) {
			return fmt.Errorf("lenient: want a string, number or boolean, got %.40s", data)
		}
		*t = "true"
	case '{', '[':
		return fmt.Errorf("lenient: want a string, number or boolean, got %.40s", data)
	default:
		var n json.Number
		if err := json.Unmarshal(data, &n); err != nil {
			return fmt.Errorf("lenient: want a string, number or boolean: %w", err)
		}
		*t = Text(n.String())
	}
	return nil
}

// MarshalJSON encodes the text as a JSON string.
func (t Text) MarshalJSON() ([]byte, error) { return json.Marshal(string(t)) }

// plainString reports whether data is a JSON string whose text is its bytes
// between the quotes: no escape, no control character, valid UTF-8.
func plainString(data []byte) bool {
	if len(data) < 2 || data[len(data)-1] != '"' {
		return false
	}
	inner := data[1 : len(data)-1]
	for _, c := range inner {
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.Valid(inner)
}
