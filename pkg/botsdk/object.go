package botsdk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// UndeclaredKeys returns the keys of the JSON object data that declared does
// not list, each decoded as encoding/json decodes into any but with numbers
// as json.Number, so an ID such as 12345678901234567890 keeps its digits:
// what a hand-written result type keeps in its AdditionalProperties, as the
// generated types do, so that a key a server adds reaches the user. It
// returns nil when there is no such key, and an error when data is not a
// JSON object.
func UndeclaredKeys(data []byte, declared ...string) (map[string]any, error) {
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return nil, err
	}
	return UndeclaredOf(object, declared...)
}

// UndeclaredOf is UndeclaredKeys for an object already split into its keys.
func UndeclaredOf(object map[string]json.RawMessage, declared ...string) (map[string]any, error) {
	var extra map[string]any
	for key, raw := range object {
		if slices.Contains(declared, key) {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("error reading '%s': %w", key, err)
		}
		if extra == nil {
			extra = map[string]any{}
		}
		extra[key] = v
	}
	return extra, nil
}

// AppendKeys returns the JSON object obj with the keys of extra added, in
// sorted order, before its closing brace: the encoding half of
// UndeclaredKeys. A key obj already has is not added again.
func AppendKeys(obj []byte, extra map[string]any) ([]byte, error) {
	obj = bytes.TrimSpace(obj)
	if len(extra) == 0 {
		return obj, nil
	}
	if len(obj) < 2 || obj[0] != '{' || obj[len(obj)-1] != '}' {
		return nil, fmt.Errorf("botsdk: AppendKeys: %.20q is not a JSON object", obj)
	}
	var have map[string]json.RawMessage
	if err := json.Unmarshal(obj, &have); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(extra))
	for key := range extra {
		if _, ok := have[key]; !ok {
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	buf := bytes.NewBuffer(slices.Clip(obj[:len(obj)-1]))
	first := len(have) == 0
	for _, key := range keys {
		v, err := json.Marshal(extra[key])
		if err != nil {
			return nil, fmt.Errorf("error marshaling '%s': %w", key, err)
		}
		k, _ := json.Marshal(key)
		if !first {
			buf.WriteByte(',')
		}
		first = false
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// DecodeArray decodes data into a []T when it is a JSON array, and reports
// whether it was one: the bare-array form of a list whose pages otherwise
// come in an envelope (DailyBot's GET /forms/, every Bot.Az list).
func DecodeArray[T any](data []byte) (items []T, isArray bool, err error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '[' {
		return nil, false, nil
	}
	items, err = DecodeElements[T](data)
	return items, true, err
}
