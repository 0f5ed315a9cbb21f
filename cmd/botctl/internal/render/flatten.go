package render

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// flatten turns v into dotted key paths and their display text: nested
// objects become "a.b" keys, arrays and other composite values their compact
// JSON, null the empty string. keys lists the paths in a stable order: the
// item's own key order is lost by Go maps, so they are sorted.
func flatten(v any) (keys []string, values map[string]string, err error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, nil, err
	}
	values = map[string]string{}
	var walk func(prefix string, x any)
	walk = func(prefix string, x any) {
		switch t := x.(type) {
		case map[string]any:
			if len(t) == 0 && prefix != "" {
				values[prefix] = "{}"
				return
			}
			for k, sub := range t {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, sub)
			}
		case nil:
			values[prefix] = ""
		case string:
			values[prefix] = t
		case json.Number:
			values[prefix] = t.String()
		case bool:
			if t {
				values[prefix] = "true"
			} else {
				values[prefix] = "false"
			}
		default:
			c, _ := json.Marshal(t)
			values[prefix] = string(c)
		}
	}
	walk("", generic)
	for k := range values {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		// Top-level keys before nested ones, then alphabetical.
		di, dj := strings.Count(keys[i], "."), strings.Count(keys[j], ".")
		if di != dj {
			return di < dj
		}
		return keys[i] < keys[j]
	})
	return keys, values, nil
}

// columnsFor derives columns from an item's flattened keys.
func columnsFor(keys []string) []Column {
	cols := make([]Column, 0, len(keys))
	for _, k := range keys {
		cols = append(cols, Column{Header: k, Path: k})
	}
	return cols
}
