package specs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// The pre-parsed JSON is make generate's own output, written by
// json.Marshal and checked by the specs' tests, so Archive splits it into
// parts, and LoadParts an archive's top level, without checking it again: a
// value is skipped by finding its end (strings with bytes.IndexByte, most of
// a spec being descriptions and examples), which takes a fraction of a
// checking scanner's time. Malformed text gives an error here or from
// kin-openapi's decoder later, never a wrong split of a well-formed
// document.

// members returns the members of the JSON object js, each value a part of
// js (not a copy). A key that comes twice keeps its last value, as
// encoding/json does. It fails when js is not an object it can split.
func members(js []byte) (map[string]json.RawMessage, error) {
	i := space(js, 0)
	if i >= len(js) || js[i] != '{' {
		return nil, fmt.Errorf("specs: not a JSON object")
	}
	out := map[string]json.RawMessage{}
	i = space(js, i+1)
	if i < len(js) && js[i] == '}' {
		return out, nil
	}
	for {
		if i >= len(js) || js[i] != '"' {
			return nil, malformed(i)
		}
		end, err := skipString(js, i)
		if err != nil {
			return nil, err
		}
		key := string(js[i+1 : end-1])
		if bytes.IndexByte(js[i:end], '\\') >= 0 || !utf8.Valid(js[i+1:end-1]) {
			if err := json.Unmarshal(js[i:end], &key); err != nil {
				return nil, malformed(i)
			}
		}
		i = space(js, end)
		if i >= len(js) || js[i] != ':' {
			return nil, malformed(i)
		}
		start := space(js, i+1)
		end, err = skipValue(js, start)
		if err != nil {
			return nil, err
		}
		out[key] = js[start:end]
		i = space(js, end)
		if i >= len(js) {
			return nil, malformed(i)
		}
		switch js[i] {
		case ',':
			i = space(js, i+1)
		case '}':
			return out, nil
		default:
			return nil, malformed(i)
		}
	}
}

func malformed(at int) error { return fmt.Errorf("specs: malformed JSON at byte %d", at) }

// space returns the index of the first byte from i on that is not JSON
// whitespace.
func space(js []byte, i int) int {
	for i < len(js) && (js[i] == ' ' || js[i] == '\n' || js[i] == '\t' || js[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the string opening at js[i].
func skipString(js []byte, i int) (int, error) {
	for j := i + 1; ; {
		k := bytes.IndexByte(js[j:], '"')
		if k < 0 {
			return 0, malformed(i)
		}
		q := j + k
		// The quote is escaped when an odd number of backslashes precede it.
		n := 0
		for q-n-1 > i && js[q-n-1] == '\\' {
			n++
		}
		if n%2 == 0 {
			return q + 1, nil
		}
		j = q + 1
	}
}

// skipValue returns the index just past the value starting at js[i].
func skipValue(js []byte, i int) (int, error) {
	if i >= len(js) {
		return 0, malformed(i)
	}
	switch js[i] {
	case '"':
		return skipString(js, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(js); {
			switch js[j] {
			case '"':
				end, err := skipString(js, j)
				if err != nil {
					return 0, err
				}
				j = end
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
			j++
		}
		return 0, malformed(i)
	}
	// A number, true, false or null.
	j := i
	for j < len(js) {
		switch js[j] {
		case ',', '}', ']', ' ', '\n', '\t', '\r':
			if j == i {
				return 0, malformed(i)
			}
			return j, nil
		}
		j++
	}
	if j == i {
		return 0, malformed(i)
	}
	return j, nil
}
