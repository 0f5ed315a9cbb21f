package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// abParams are the request's parameters as decoded JSON (numbers as
// json.Number), whichever encoding they came in.
type abParams map[string]any

func (p abParams) has(k string) bool { _, ok := p[k]; return ok }

// ints returns an "integer or array" parameter as a list (nil when absent).
// Only call it after validation: anything else is skipped.
func (p abParams) ints(k string) []int {
	var out []int
	add := func(v any) {
		if n, ok := v.(json.Number); ok {
			if i, err := strconv.Atoi(n.String()); err == nil {
				out = append(out, i)
			}
		}
	}
	switch v := p[k].(type) {
	case []any:
		for _, e := range v {
			add(e)
		}
	default:
		add(v)
	}
	return out
}

func (p abParams) boolean(k string) *bool {
	if b, ok := p[k].(bool); ok {
		return &b
	}
	return nil
}

func (p abParams) str(k string) (string, bool) {
	s, ok := p[k].(string)
	return s, ok
}

// abDecodeParams reads a JSON or form body. An empty body is no parameters.
func abDecodeParams(contentType string, body []byte) (abParams, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return abParams{}, nil
	}
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(contentType)), abFormContentType) {
		return abDecodeForm(string(body))
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var p abParams
	if err := dec.Decode(&p); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("want a JSON object")
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON object")
	}
	return p, nil
}

var abBracketKey = regexp.MustCompile(`^([^\[\]]+)\[(\d*)\]$`)

// abFormBools and abFormStrings name the parameters that are not integers,
// so form text can be typed like JSON.
var (
	abFormBools   = map[string]bool{"active": true, "accepted": true}
	abFormStrings = map[string]bool{"from": true, "to": true, "timezone": true}
)

// abDecodeForm reads a form body into JSON-typed parameters. Lists may be
// spelled as repeated keys (department_id=1&department_id=2), PHP style
// (department_id[]=1&department_id[]=2) or PHP indexed (department_id[0]=1);
// a bracketed key is a list even with one value. Text that is not of the
// parameter's type stays text, for the spec check to refuse.
func abDecodeForm(body string) (abParams, error) {
	values, err := url.ParseQuery(body)
	if err != nil {
		return nil, err
	}
	type indexed struct {
		idx int
		v   string
	}
	lists := map[string][]indexed{}
	scalars := map[string][]string{}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vs := values[k]
		if m := abBracketKey.FindStringSubmatch(k); m != nil {
			idx := -1
			if m[2] != "" {
				idx, _ = strconv.Atoi(m[2])
			}
			for _, v := range vs {
				lists[m[1]] = append(lists[m[1]], indexed{idx, v})
			}
			continue
		}
		scalars[k] = append(scalars[k], vs...)
	}
	p := abParams{}
	for name, vs := range scalars {
		if len(vs) == 1 && lists[name] == nil {
			p[name] = abFormValue(name, vs[0])
			continue
		}
		for _, v := range vs {
			lists[name] = append(lists[name], indexed{-1, v})
		}
	}
	for name, items := range lists {
		// Indexed items go in index order; un-indexed ones keep their order after them.
		sort.SliceStable(items, func(i, j int) bool {
			if items[i].idx < 0 || items[j].idx < 0 {
				return items[i].idx >= 0 && items[j].idx < 0
			}
			return items[i].idx < items[j].idx
		})
		list := make([]any, len(items))
		for i, it := range items {
			list[i] = abFormValue(name, it.v)
		}
		p[name] = list
	}
	return p, nil
}

func abFormValue(name, v string) any {
	switch {
	case abFormStrings[name]:
		return v
	case abFormBools[name]:
		switch strings.ToLower(v) {
		case "true", "1":
			return true
		case "false", "0":
			return false
		}
		return v
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return json.Number(v)
	}
	return v
}

// abFilter returns the items keep accepts, never nil.
func abFilter[T any](items []T, keep func(T) bool) []T {
	out := []T{}
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// abIn reports whether v passes an id filter; an empty filter passes all.
func abIn(filter []int, v int) bool { return len(filter) == 0 || slices.Contains(filter, v) }

// abMeets reports whether ids share an element with filter; an empty filter
// passes all.
func abMeets(filter, ids []int) bool {
	if len(filter) == 0 {
		return true
	}
	for _, id := range ids {
		if slices.Contains(filter, id) {
			return true
		}
	}
	return false
}
