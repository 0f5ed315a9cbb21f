package botsdk

import (
	"encoding/json"
	"errors"
	"reflect"
	"unicode/utf8"
	"unsafe"
)

// The decoders of response bodies read an answer in one pass: a JSON value
// is checked once by the scanner below (which also finds the members of an
// object and the elements of an array without copying them), and each part
// is then decoded on its own. Going through json.Unmarshal at every level
// instead checks every byte again at each level, and skips it once more
// before each UnmarshalJSON.

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// errInvalid is what the scanner reports; the callers replace it with
// encoding/json's own error for the same input.
var errInvalid = errors.New("invalid JSON")

// scanner checks JSON text, byte for byte as encoding/json's scanner does.
type scanner struct {
	data []byte
	// text is data as a string, when a decode takes its strings from it
	// (decodeBody); empty otherwise.
	text  string
	i     int
	depth int
}

func (s *scanner) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// value checks the value at s.i (after any whitespace) and leaves s.i just
// past it.
func (s *scanner) value() error {
	s.space()
	if s.i >= len(s.data) {
		return errInvalid
	}
	switch c := s.data[s.i]; {
	case c == '{':
		return s.object()
	case c == '[':
		return s.array()
	case c == '"':
		_, _, err := s.str()
		return err
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return errInvalid
}

func (s *scanner) literal(lit string) error {
	if len(s.data)-s.i < len(lit) || string(s.data[s.i:s.i+len(lit)]) != lit {
		return errInvalid
	}
	s.i += len(lit)
	return nil
}

func (s *scanner) digits() int {
	n := 0
	for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
		s.i++
		n++
	}
	return n
}

func (s *scanner) number() error {
	if s.data[s.i] == '-' {
		s.i++
	}
	if s.i < len(s.data) && s.data[s.i] == '0' {
		s.i++
	} else if s.digits() == 0 {
		return errInvalid
	}
	if s.i < len(s.data) && s.data[s.i] == '.' {
		s.i++
		if s.digits() == 0 {
			return errInvalid
		}
	}
	if s.i < len(s.data) && (s.data[s.i] == 'e' || s.data[s.i] == 'E') {
		s.i++
		if s.i < len(s.data) && (s.data[s.i] == '+' || s.data[s.i] == '-') {
			s.i++
		}
		if s.digits() == 0 {
			return errInvalid
		}
	}
	return nil
}

// str checks the string at s.i and returns its bytes between the quotes
// and whether they can be used as they are (no escape, valid UTF-8). The
// bytes that need no look (plainStringByte) are skipped a table lookup at a
// time; the others are checked one by one.
func (s *scanner) str() (raw []byte, plain bool, err error) {
	data := s.data
	start := s.i + 1
	plain = true
	for i := start; ; i++ {
		for i < len(data) && plainStringByte[data[i]] {
			i++
		}
		if i >= len(data) {
			return nil, false, errInvalid
		}
		switch c := data[i]; {
		case c == '"':
			s.i = i + 1
			return data[start:i], plain, nil
		case c < 0x20:
			return nil, false, errInvalid
		case c == '\\':
			plain = false
			i++
			if i >= len(data) {
				return nil, false, errInvalid
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(data)-i < 5 {
					return nil, false, errInvalid
				}
				for _, h := range data[i+1 : i+5] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return nil, false, errInvalid
					}
				}
				i += 4
			default:
				return nil, false, errInvalid
			}
		default: // c >= utf8.RuneSelf
			plain = false
		}
	}
}

// plainStringByte reports, by byte, whether a string may hold the byte as it
// is without the scanner looking at it: any but a quote, a backslash, a
// control character and a byte of a multi-byte UTF-8 sequence. It is filled
// once, at initialisation, and only read after.
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// object checks the object at s.i.
func (s *scanner) object() error {
	if err := s.open(); err != nil {
		return err
	}
	for n := 0; ; n++ {
		_, _, _, ok, err := s.member(n)
		if err != nil || !ok {
			return err
		}
	}
}

// array checks the array at s.i.
func (s *scanner) array() error {
	if err := s.open(); err != nil {
		return err
	}
	for n := 0; ; n++ {
		_, ok, err := s.element(n)
		if err != nil || !ok {
			return err
		}
	}
}

// open enters the object or array at s.i.
func (s *scanner) open() error {
	if s.depth++; s.depth > maxDepth {
		return errInvalid
	}
	s.i++
	return nil
}

// next moves past the separator before item n of the object or array
// open ends with closer, and reports false at its end.
func (s *scanner) next(n int, closer byte) (bool, error) {
	s.space()
	if s.i >= len(s.data) {
		return false, errInvalid
	}
	switch c := s.data[s.i]; {
	case c == closer:
		s.i++
		s.depth--
		return false, nil
	case n == 0:
		return true, nil
	case c == ',':
		s.i++
		s.space()
		return true, nil
	}
	return false, errInvalid
}

// member checks member n (from 0) of the object s.open entered and
// returns its key's raw bytes (plain: usable as they are) and its value;
// ok is false, and nothing else set, at the object's end.
func (s *scanner) member(n int) (key []byte, plain bool, value []byte, ok bool, err error) {
	if key, plain, ok, err = s.memberKey(n); !ok || err != nil {
		return nil, false, nil, false, err
	}
	start := s.i
	if err := s.value(); err != nil {
		return nil, false, nil, false, err
	}
	return key, plain, s.data[start:s.i], true, nil
}

// memberKey checks the key of member n (from 0) of the object s.open
// entered, up to its value, and returns the key's raw bytes (plain: usable
// as they are); ok is false at the object's end.
func (s *scanner) memberKey(n int) (key []byte, plain bool, ok bool, err error) {
	if ok, err = s.next(n, '}'); !ok || err != nil {
		return nil, false, false, err
	}
	if s.i >= len(s.data) || s.data[s.i] != '"' {
		return nil, false, false, errInvalid
	}
	if key, plain, err = s.str(); err != nil {
		return nil, false, false, err
	}
	s.space()
	if s.i >= len(s.data) || s.data[s.i] != ':' {
		return nil, false, false, errInvalid
	}
	s.i++
	s.space()
	return key, plain, true, nil
}

// element checks element n (from 0) of the array s.open entered and
// returns it; ok is false at the array's end.
func (s *scanner) element(n int) (value []byte, ok bool, err error) {
	if ok, err = s.next(n, ']'); !ok || err != nil {
		return nil, false, err
	}
	s.space()
	start := s.i
	if err := s.value(); err != nil {
		return nil, false, err
	}
	return s.data[start:s.i], true, nil
}

// elements checks the elements of the array s.open entered and returns
// them, each capped at its length so that appending to one never writes
// into what follows it.
func (s *scanner) elements() ([]json.RawMessage, error) {
	elems := []json.RawMessage{}
	for n := 0; ; n++ {
		value, ok, err := s.element(n)
		if err != nil || !ok {
			return elems, err
		}
		elems = append(elems, value[:len(value):len(value)])
	}
}

// validJSON reports whether data is one valid JSON value, as json.Valid
// does, in a faster pass.
func validJSON(data []byte) bool {
	s := scanner{data: data}
	if s.value() != nil {
		return false
	}
	s.space()
	return s.i == len(data)
}

// syntaxError returns encoding/json's error for data, which the scanner
// refused: the same *json.SyntaxError json.Unmarshal gives.
func syntaxError(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	return errInvalid
}

// begin moves s to the value data holds, past any whitespace, and checks
// it is the kind that starts with want; into names the Go type wanted, for
// the error when data holds another kind. A failure is encoding/json's
// error for data.
func (s *scanner) begin(data []byte, want byte, into reflect.Type) error {
	*s = scanner{data: data}
	s.space()
	if s.i < len(data) && data[s.i] != want {
		if !validJSON(data) {
			return syntaxError(data)
		}
		return &json.UnmarshalTypeError{Value: kindOf(data[s.i]), Type: into, Offset: int64(s.i + 1)}
	}
	if s.i >= len(data) || s.open() != nil {
		return syntaxError(data)
	}
	return nil
}

// end checks that only whitespace follows the value s has read.
func (s *scanner) end() error {
	s.space()
	if s.i != len(s.data) {
		return syntaxError(s.data)
	}
	return nil
}

func kindOf(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// unquote returns a key's text: its bytes when plain, else as
// encoding/json reads the string.
func unquote(raw []byte, plain bool) (string, error) {
	if plain {
		return string(raw), nil
	}
	var key string
	quoted := make([]byte, 0, len(raw)+2)
	quoted = append(append(append(quoted, '"'), raw...), '"')
	err := json.Unmarshal(quoted, &key)
	return key, err
}

var (
	rawObjectType = reflect.TypeFor[map[string]json.RawMessage]()
	rawArrayType  = reflect.TypeFor[[]json.RawMessage]()
)

// ObjectMembers checks that data is one valid JSON object and returns its
// members: each key with its value's bytes, a part of data (not a copy),
// already checked. A key that comes twice keeps its last value, as
// encoding/json does. It fails with encoding/json's error (a
// *json.SyntaxError, or a *json.UnmarshalTypeError when data holds another
// kind of value). JSON null gives a nil map and no error.
func ObjectMembers(data []byte) (map[string]json.RawMessage, error) {
	members, _, err := ObjectMembersSplit(data, "")
	return members, err
}

// ObjectMembersSplit is ObjectMembers that also returns the elements of the
// member called key when its value is an array (as ArrayElements would,
// each capped at its length), found in the same pass over data: a page's
// items are most of its body. elems is nil when that member is missing or
// not an array (and for key ""); when key comes twice, they are the last
// value's.
func ObjectMembersSplit(data []byte, key string) (members map[string]json.RawMessage, elems []json.RawMessage, err error) {
	if IsNull(data) {
		return nil, nil, nil
	}
	var s scanner
	if err := s.begin(data, '{', rawObjectType); err != nil {
		return nil, nil, err
	}
	members = map[string]json.RawMessage{}
	for n := 0; ; n++ {
		raw, plain, ok, err := s.memberKey(n)
		if err != nil {
			return nil, nil, syntaxError(data)
		}
		if !ok {
			break
		}
		name, err := unquote(raw, plain)
		if err != nil {
			return nil, nil, err
		}
		start := s.i
		split := key != "" && name == key && s.i < len(data) && data[s.i] == '['
		if split {
			if err = s.open(); err == nil {
				elems, err = s.elements()
			}
		} else {
			err = s.value()
			if name == key {
				elems = nil
			}
		}
		if err != nil {
			return nil, nil, syntaxError(data)
		}
		members[name] = data[start:s.i]
	}
	if err := s.end(); err != nil {
		return nil, nil, err
	}
	return members, elems, nil
}

// ArrayElements checks that data is one valid JSON array and returns its
// elements, each a part of data (not a copy) capped at its length, already
// checked. It fails like ObjectMembers; JSON null gives nil and no error.
func ArrayElements(data []byte) ([]json.RawMessage, error) {
	if IsNull(data) {
		return nil, nil
	}
	var s scanner
	if err := s.begin(data, '[', rawArrayType); err != nil {
		return nil, err
	}
	elems, err := s.elements()
	if err != nil {
		return nil, syntaxError(data)
	}
	if err := s.end(); err != nil {
		return nil, err
	}
	return elems, nil
}

// UndeclaredMembers checks that data is one valid JSON object and returns
// the members whose key isKey does not know (nil when there is none), each
// value a part of data: the generated types' first step, which then decode
// the declared keys with encoding/json. isKey must not keep the string it
// is given (it may share memory with data). It fails like ObjectMembers.
func UndeclaredMembers(data []byte, isKey func(key string) bool) (map[string]json.RawMessage, error) {
	var s scanner
	if err := s.begin(data, '{', rawObjectType); err != nil {
		return nil, err
	}
	var extra map[string]json.RawMessage
	for n := 0; ; n++ {
		raw, plain, value, ok, err := s.member(n)
		if err != nil {
			return nil, syntaxError(data)
		}
		if !ok {
			break
		}
		if plain && len(raw) > 0 && isKey(unsafe.String(&raw[0], len(raw))) {
			continue
		}
		key, err := unquote(raw, plain)
		if err != nil {
			return nil, err
		}
		if isKey(key) {
			continue
		}
		if extra == nil {
			extra = map[string]json.RawMessage{}
		}
		extra[key] = value
	}
	if err := s.end(); err != nil {
		return nil, err
	}
	return extra, nil
}

// DecodeChecked decodes value, a JSON value ObjectMembers, ArrayElements or
// UndeclaredMembers has checked (or such a value's member or element),
// into v as json.Unmarshal would: a json.Unmarshaler's UnmarshalJSON gets
// value directly, without encoding/json checking the bytes once more and
// skipping over them first; any other v is decoded by a pooled
// json.Decoder, which keeps encoding/json's decoding state from one value
// to the next. Unchecked input should go through json.Unmarshal instead:
// it is checked there once more, and input with more than a value gets
// json.Unmarshal's error from here too.
func DecodeChecked(value []byte, v any) error {
	if u, ok := v.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(value)
	}
	return decodePooled(checkedDecoders, false, value, v)
}

// DecodeElements decodes the JSON array data into a []T in one pass: the
// array is checked once and each element decoded with DecodeChecked. JSON
// null gives nil. It fails like ArrayElements, or with the first element's
// decoding error.
func DecodeElements[T any](data []byte) ([]T, error) {
	elems, err := ArrayElements(data)
	if err != nil || elems == nil {
		return nil, err
	}
	items := make([]T, len(elems))
	for i, e := range elems {
		if err := DecodeChecked(e, &items[i]); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// IsNull reports whether data is the JSON literal null, with any whitespace
// around it. A type's UnmarshalJSON leaves its value as it is on null, as
// encoding/json does with a struct.
func IsNull(data []byte) bool {
	s := scanner{data: data}
	s.space()
	if s.literal("null") != nil {
		return false
	}
	s.space()
	return s.i == len(data)
}
