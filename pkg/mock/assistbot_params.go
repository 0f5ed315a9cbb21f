package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
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

// decodeParams reads op's JSON or form body. An empty body is no
// parameters. A form is read as the spec's form encoding spells it (a list
// as member_id[]=1&member_id[]=2), typed like JSON; any other spelling of a
// list fails with a *speccheck.FormError naming the field.
func (a *assistbotAPI) decodeParams(op operation, contentType string, body []byte) (abParams, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return abParams{}, nil
	}
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(contentType)), abFormContentType) {
		return a.v.DecodeForm(op.route, body)
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
