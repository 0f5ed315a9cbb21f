package botsdk

import (
	"bytes"
	"encoding/json"
)

// closeJSON turns the start of a JSON document that was cut off (an error
// body longer than MaxErrorRead) back into a valid document, so that the
// API's error mapper can still read a `detail` or `message` whose end was
// lost: the string the cut fell in is closed, and so is every array and
// object left open. It reports false when that does not give valid JSON (the
// cut fell in a key, a number or a literal, or the body is not JSON), and the
// caller then has only the raw start.
func closeJSON(prefix []byte) ([]byte, bool) {
	trimmed := bytes.TrimLeft(prefix, " \t\r\n")
	if len(trimmed) == 0 || (trimmed[0] != '{' && trimmed[0] != '[') {
		return nil, false
	}
	var open []byte // the closers still owed, innermost last
	inString, escaped := false, false
	for _, c := range trimmed {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		case c == '{':
			open = append(open, '}')
		case c == '[':
			open = append(open, ']')
		case c == '}' || c == ']':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if !inString {
		// A cut after a number or a literal may have lost its end: a code
		// of 12 may have been 12345. Only a cut after a whole value is kept.
		rest := bytes.TrimRight(trimmed, " \t\r\n")
		if last := rest[len(rest)-1]; last != '"' && last != '}' && last != ']' {
			return nil, false
		}
	}
	out := append([]byte(nil), trimmed...)
	if inString {
		if escaped {
			out = out[:len(out)-1] // a lone backslash would escape the closing quote
		}
		out = dropPartialUnicodeEscape(out)
		out = append(out, '"')
	}
	for i := len(open) - 1; i >= 0; i-- {
		out = append(out, open[i])
	}
	return out, json.Valid(out)
}

// dropPartialUnicodeEscape removes a \u escape cut before its four hex
// digits from the end of an open JSON string.
func dropPartialUnicodeEscape(b []byte) []byte {
	for n := 0; n < 4 && n < len(b); n++ {
		i := len(b) - 2 - n
		if i >= 0 && b[i] == '\\' && b[i+1] == 'u' {
			// Count the backslashes before it: an even number means this
			// one starts an escape.
			k := i
			for k > 0 && b[k-1] == '\\' {
				k--
			}
			if (i-k)%2 == 0 {
				return b[:i]
			}
		}
	}
	return b
}
