package assistbot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
)

const formContentType = "application/x-www-form-urlencoded"

// encodeForm encodes a generated request body as
// application/x-www-form-urlencoded, for WithFormEncoding.
//
// It replaces the generated *WithFormdataBody builders, whose
// oapi-codegen runtime.MarshalForm gets every AssistBot body wrong: it writes
// the "integer or array" filters (oneOf in the spec, lenient.IntList in Go)
// as PHP-indexed keys (department_id[0]=1&department_id[1]=2), silently
// drops from and to (openapi_types.Date has no exported fields), and refuses
// getCompanyInfo's map body outright. The body goes out through the
// generated *WithBody builders instead, so paths stay generated.
//
// The encoder goes through the body's JSON encoding, so the form carries
// exactly the fields, names and omissions the JSON body would. A list goes
// as one name[]=item pair per item (department_id[]=1&department_id[]=2,
// brackets unescaped), the spec's guess at AssistBot's undocumented
// spelling (its form encoding's x-brackets), which a PHP server reads as an
// array; a list of one keeps its brackets and a single number stays bare
// (department_id=1), as its JSON does. Booleans go as true/false, numbers as
// their digits and dates as YYYY-MM-DD; null and empty lists are left out.
// Keys come out sorted. No AssistBot parameter is an object, so a nested
// object is an error rather than a guess at a bracket syntax.
func encodeForm(body any) (string, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return "", fmt.Errorf("%s: encode form body: %w", apiName, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // keep integers' digits exactly
	var fields map[string]any
	if err := dec.Decode(&fields); err != nil {
		return "", fmt.Errorf("%s: encode form body: want a JSON object: %w", apiName, err)
	}
	var form strings.Builder
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		name := url.QueryEscape(key)
		values, isList := fields[key].([]any)
		if isList {
			name += "[]"
		} else {
			values = []any{fields[key]}
		}
		for _, v := range values {
			s, ok, err := formValue(v)
			if err != nil {
				return "", fmt.Errorf("%s: encode form body: %s: %w", apiName, key, err)
			}
			if !ok {
				continue
			}
			if form.Len() > 0 {
				form.WriteByte('&')
			}
			form.WriteString(name + "=" + url.QueryEscape(s))
		}
	}
	return form.String(), nil
}

// formValue spells one JSON scalar as form text; ok is false for null.
func formValue(v any) (s string, ok bool, err error) {
	switch v := v.(type) {
	case nil:
		return "", false, nil
	case string:
		return v, true, nil
	case json.Number:
		return v.String(), true, nil
	case bool:
		if v {
			return "true", true, nil
		}
		return "false", true, nil
	default:
		return "", false, fmt.Errorf("a %T cannot be form-encoded", v)
	}
}
