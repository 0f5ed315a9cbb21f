package speccheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// FormContentType is the media type DecodeForm reads.
const FormContentType = "application/x-www-form-urlencoded"

// BracketsExtension is the spec extension that, set to true on a form body's
// encoding of a list property, says each item goes as its own name[]=item
// pair (PHP's spelling: member_id[]=1&member_id[]=2). OpenAPI 3.0 has no
// style for it; the encoding beside it says form with explode, which is the
// same pairs under the bare name, so a tool that ignores the extension
// still sends one pair per item.
const BracketsExtension = "x-brackets"

// kin-openapi's own form decoder reads only the properties it is told about:
// it skips member_id[]=1 and member_id[0]=1 without a word and takes the
// first of standup_id=1&standup_id=2, so a body spelt wrong would pass the
// check. DecodeForm takes its place for every validator in the process.
func init() {
	openapi3filter.RegisterBodyDecoder(FormContentType, formBodyDecoder)
}

func formBodyDecoder(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, enc openapi3filter.EncodingFn) (any, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	m, err := DecodeForm(b, schema, enc)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// FormError is a form body that spells a parameter in a way its spec
// encoding does not allow; Field is the parameter's name as the schema
// declares it (member_id for member_id[0]=1).
type FormError struct {
	Field  string
	Reason string
}

// Error names the field, then says what is wrong.
func (e *FormError) Error() string { return e.Field + ": " + e.Reason }

// bracketKey matches a key with one pair of brackets: member_id[] or member_id[0].
var bracketKey = regexp.MustCompile(`^([^\[\]]+)\[([^\[\]]*)\]$`)

// DecodeForm reads an application/x-www-form-urlencoded body as the object
// schema describes it, into the values a JSON body would have decoded to
// (json.Number, bool, string, []any), so that the body can be checked, and
// used, like JSON. enc gives each property's encoding (nil for none).
//
// A list property whose encoding sets BracketsExtension is read from
// name[]=item pairs, one per item (one pair is a list of one); a bare
// name=value is its single value. Without the extension a list is read the
// OpenAPI way, from repeated name=item pairs; other styles are refused.
// Integers and numbers become json.Number, booleans are true/false (or 1/0);
// a value that is not of its property's type stays text, for the schema to
// refuse, and so does a bare key the schema does not declare.
//
// It fails with a *FormError naming the field for a name given more than once
// where a list cannot be (standup_id=1&standup_id=2, or member_id=1&member_id=2
// where the encoding asks for brackets), a bracketed name the encoding does not
// ask for, an indexed one (member_id[0]=1), or one given both ways.
func DecodeForm(body []byte, schema *openapi3.SchemaRef, enc openapi3filter.EncodingFn) (map[string]any, error) {
	if schema == nil || schema.Value == nil || !schema.Value.Type.Is("object") {
		return nil, fmt.Errorf("speccheck: a form body needs an object schema")
	}
	values, err := url.ParseQuery(string(bytes.TrimSpace(body)))
	if err != nil {
		return nil, fmt.Errorf("speccheck: form body: %w", err)
	}
	bare := map[string][]string{}
	bracketed := map[string][]string{}
	for _, key := range slices.Sorted(maps.Keys(values)) {
		vs := values[key]
		m := bracketKey.FindStringSubmatch(key)
		if m == nil {
			if strings.ContainsAny(key, "[]") {
				return nil, &FormError{Field: key, Reason: "is not a parameter name"}
			}
			bare[key] = vs
			continue
		}
		name, index := m[1], m[2]
		f := formFieldOf(schema.Value, name, enc)
		switch {
		case f.bad != "":
			return nil, fmt.Errorf("speccheck: form body: %s: %s", name, f.bad)
		case !f.declared:
			return nil, &FormError{Field: name, Reason: fmt.Sprintf("%s: no such parameter", key)}
		case index != "":
			return nil, &FormError{Field: name, Reason: fmt.Sprintf("%s is an indexed key; %s", key, f.listHint(name))}
		case !f.list:
			return nil, &FormError{Field: name, Reason: fmt.Sprintf("takes one value, not a list: send %s=…, not %s", name, key)}
		case !f.brackets:
			return nil, &FormError{Field: name, Reason: fmt.Sprintf("%s is not how this list is sent; %s", key, f.listHint(name))}
		}
		bracketed[name] = vs
	}
	out := make(map[string]any, len(bare)+len(bracketed))
	for _, name := range slices.Sorted(maps.Keys(bare)) {
		vs := bare[name]
		f := formFieldOf(schema.Value, name, enc)
		switch {
		case f.bad != "":
			return nil, fmt.Errorf("speccheck: form body: %s: %s", name, f.bad)
		case bracketed[name] != nil:
			return nil, &FormError{Field: name, Reason: fmt.Sprintf("given both as %s and as %s[]; %s", name, name, f.listHint(name))}
		case len(vs) > 1 && (!f.list || f.brackets):
			reason := fmt.Sprintf("given %d times but takes one value", len(vs))
			if f.list {
				reason = fmt.Sprintf("given %d times; %s", len(vs), f.listHint(name))
			}
			return nil, &FormError{Field: name, Reason: reason}
		case f.list && (len(vs) > 1 || f.scalar == ""):
			out[name] = f.items(vs)
		default:
			out[name] = formValue(f.scalar, vs[0])
		}
	}
	for name, vs := range bracketed {
		out[name] = formFieldOf(schema.Value, name, enc).items(vs)
	}
	return out, nil
}

// formField is what DecodeForm needs to know about one property.
type formField struct {
	// list: the property takes a list (an array schema, or an array among
	// its oneOf/anyOf branches); brackets: its encoding asks for name[].
	list, brackets bool
	// scalar is the type of a single value ("" when only a list is
	// allowed); item the type of a list's items.
	scalar, item string
	// bad says why the spec's encoding of the property cannot be read.
	bad string
	// declared: the schema has the property.
	declared bool
}

func formFieldOf(object *openapi3.Schema, name string, enc openapi3filter.EncodingFn) formField {
	var f formField
	prop := object.Properties[name]
	if prop == nil || prop.Value == nil {
		return formField{scalar: "string"} // undeclared: kept as text for the schema to refuse
	}
	f.declared = true
	branches := []*openapi3.SchemaRef{prop}
	if s := prop.Value; len(s.OneOf)+len(s.AnyOf) > 0 {
		branches = append(slices.Clone(s.OneOf), s.AnyOf...)
	}
	for _, b := range branches {
		if b == nil || b.Value == nil {
			continue
		}
		switch t := primitiveType(b.Value); {
		case b.Value.Type.Is("array"):
			f.list = true
			if b.Value.Items != nil && b.Value.Items.Value != nil {
				f.item = primitiveType(b.Value.Items.Value)
			}
		case f.scalar == "":
			f.scalar = t
		}
	}
	if f.scalar == "" && !f.list {
		f.scalar = "string"
	}
	if enc != nil {
		if e := enc(name); e != nil {
			b, _ := e.Extensions[BracketsExtension].(bool)
			f.brackets = b
			if sm := e.SerializationMethod(); f.list && (sm.Style != openapi3.SerializationForm || !sm.Explode) {
				f.bad = fmt.Sprintf("encoding style %q explode %v is not supported", sm.Style, sm.Explode)
			}
		}
	}
	return f
}

// listHint says how a list goes.
func (f formField) listHint(name string) string {
	if f.brackets {
		return fmt.Sprintf("a list goes as %s[]=1&%s[]=2", name, name)
	}
	if f.list {
		return fmt.Sprintf("a list goes as %s=1&%s=2", name, name)
	}
	return fmt.Sprintf("send %s=… once", name)
}

func (f formField) items(vs []string) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = formValue(f.item, v)
	}
	return out
}

// primitiveType is the schema's type when it is one JSON scalar type, else "".
func primitiveType(s *openapi3.Schema) string {
	for _, t := range []string{"integer", "number", "boolean", "string"} {
		if s.Type.Is(t) {
			return t
		}
	}
	return ""
}

// formValue types one form value as JSON would have; text that is not of
// the type stays text.
func formValue(typ, v string) any {
	switch typ {
	case "integer":
		if _, err := strconv.ParseInt(v, 10, 64); err == nil {
			return json.Number(v)
		}
	case "number":
		if _, err := strconv.ParseFloat(v, 64); err == nil && json.Valid([]byte(v)) {
			return json.Number(v)
		}
	case "boolean":
		switch v {
		case "true", "1":
			return true
		case "false", "0":
			return false
		}
	}
	return v
}

// DecodeForm reads body as the form body of route's operation (see the
// package function DecodeForm). It fails when the operation declares no
// form body.
func (v *Validator) DecodeForm(route *routers.Route, body []byte) (map[string]any, error) {
	op := route.Operation
	if op == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil, fmt.Errorf("speccheck: %s: the operation takes no body", v.api)
	}
	mt := op.RequestBody.Value.Content.Get(FormContentType)
	if mt == nil {
		return nil, fmt.Errorf("speccheck: %s: the operation takes no form body", v.api)
	}
	return DecodeForm(body, mt.Schema, func(name string) *openapi3.Encoding { return mt.Encoding[name] })
}
