package optable

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Extension is the name of the operation (and info) extension that
// declares a command.
const Extension = "x-botctl"

// opExt is an operation's x-botctl: the command's words and what its flags
// and output need beyond the schema. Everything but command is optional; a
// flag is the kebab-case of its key unless Flags renames it.
type opExt struct {
	Command                                       string
	Args, Columns, Hooks, Secrets, Examples, Hide []string
	Flags, Parse, Cells, Values                   map[string]string
	Codes                                         map[string]map[string]int
}

// infoExt is info's x-botctl: the API command's help, the resource
// commands' descriptions, and csv "schema" for csv columns flattened from
// the answer's schema rather than the table's.
type infoExt struct {
	Short, Long, CSV string
	Groups           map[string]string
}

// decodeExt decodes ext's x-botctl into v, refusing keys v does not have;
// it reports whether there was one.
func decodeExt(ext map[string]any, v any) (bool, error) {
	raw, ok := ext[Extension]
	if !ok {
		return false, nil
	}
	b, _ := json.Marshal(raw) // it came from JSON or YAML
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return true, dec.Decode(v)
}

// FromSpec builds api's table from its loaded spec; raw is the spec's YAML,
// read for the order of each schema's properties (which the loaded document
// does not keep). Only operations with an x-botctl extension get a command.
// It fails on an extension that names a key the operation lacks.
func FromSpec(doc *openapi3.T, api string, raw []byte) (*API, error) {
	order, err := propertyOrders(raw)
	if err != nil {
		return nil, err
	}
	var info infoExt
	if _, err := decodeExt(doc.Info.Extensions, &info); err != nil {
		return nil, fmt.Errorf("%s: info %s: %w", api, Extension, err)
	}
	out := &API{Name: api, Short: info.Short, Long: strings.TrimSpace(info.Long), Groups: info.Groups}
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			var x opExt
			ok, err := decodeExt(o.Extensions, &x)
			if !ok {
				continue
			}
			op := Op{Command: strings.Fields(x.Command), Method: method, Path: path, Summary: o.Summary,
				Description: strings.TrimSpace(o.Description), Examples: x.Examples, Hooks: x.Hooks, Secrets: x.Secrets}
			answer := op.read(append(slices.Clone(item.Parameters), o.Parameters...), o, order)
			if err = cmp.Or(err, op.apply(doc, x)); err != nil {
				return nil, fmt.Errorf("%s %s: %s: %w", api, o.OperationID, Extension, err)
			}
			if info.CSV == "schema" && answer != nil {
				op.CSV = flatColumns(answer)
			}
			out.Ops = append(out.Ops, op)
		}
	}
	slices.SortFunc(out.Ops, func(a, b Op) int { return slices.Compare(a.Command, b.Command) })
	return out, nil
}

// read fills op's fields from the operation's parameters (but the paging
// ones, which --page-size, --all, --offset and --page drive) and its JSON
// body's keys (in written order when order knows them), and op.List from
// the success answer; it returns the schema of one item of the answer (or
// of the object).
func (op *Op) read(params openapi3.Parameters, o *openapi3.Operation, order map[string][]string) *openapi3.Schema {
	for _, p := range params {
		switch pv := p.Value; {
		case pv.In == openapi3.ParameterInQuery && (pv.Name == "offset" || pv.Name == "page"):
			op.Start = pv.Name
		case pv.In == openapi3.ParameterInQuery && (pv.Name == "limit" || pv.Name == "page_size"):
			op.Size = pv.Name
		default:
			f := schemaField(pv.Name, pv.In, pv.Schema.Value)
			f.Required, f.Help = pv.Required, firstSentence(pv.Description)
			op.Fields = append(op.Fields, f)
		}
	}
	if rb := o.RequestBody; rb != nil && rb.Value != nil && rb.Value.Content.Get("application/json") != nil {
		s := rb.Value.Content.Get("application/json").Schema.Value
		keys := slices.Sorted(maps.Keys(s.Properties))
		if written, ok := order[strings.Join(keys, "\x00")]; ok {
			keys = written
		}
		op.Body = true
		for _, key := range keys {
			f := schemaField(key, "body", s.Properties[key].Value)
			f.Required = slices.Contains(s.Required, key)
			op.Fields = append(op.Fields, f)
		}
	}
	var s *openapi3.Schema
	for _, code := range []string{"200", "201", "202"} {
		if r := o.Responses.Value(code); r != nil && r.Value != nil && s == nil {
			if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
				s = mt.Schema.Value
			}
		}
	}
	switch {
	case s == nil:
	case s.Type.Is(openapi3.TypeArray):
		op.List, s = true, s.Items.Value
	case s.Properties["data"] != nil && s.Properties["status"] != nil:
		// AssistBot's envelope {data, count, status}: data lists the items
		// or is the object.
		if s = s.Properties["data"].Value; s.Type.Is(openapi3.TypeArray) {
			op.List, s = true, s.Items.Value
		}
	case op.Start != "" || op.Size != "":
		for _, k := range slices.Sorted(maps.Keys(s.Properties)) {
			if p := s.Properties[k].Value; p.Type.Is(openapi3.TypeArray) && p.Items != nil && !op.List {
				op.List, s = true, p.Items.Value
			}
		}
	}
	return s
}

// apply applies the extension's arguments, flag names, codes, values,
// parsers and columns to op.
func (op *Op) apply(doc *openapi3.T, x opExt) error {
	if len(op.Command) == 0 {
		return errors.New("no command")
	}
	for i := range op.Fields {
		f := &op.Fields[i]
		f.Flag, f.Parse = cmp.Or(x.Flags[f.Name], kebab(f.Name)), x.Parse[f.Name]
		if slices.Contains(x.Hide, f.Name) {
			f.Flag = ""
		}
	}
	named := slices.Concat(x.Args, slices.Collect(maps.Keys(x.Flags)), slices.Collect(maps.Keys(x.Parse)),
		slices.Collect(maps.Keys(x.Codes)), slices.Collect(maps.Keys(x.Values)), x.Hide)
	for _, name := range named {
		if op.Field(strings.TrimSuffix(name, "...")) == nil {
			return fmt.Errorf("no parameter or body key %q", name)
		}
	}
	for i, a := range x.Args {
		name, variadic := strings.CutSuffix(a, "...")
		f := op.Field(name)
		f.Arg, f.Variadic, f.Flag = i+1, variadic, ""
	}
	for name, codes := range x.Codes {
		f := op.Field(name)
		f.Codes, f.Open = nil, true
		for n, v := range codes {
			f.Codes = append(f.Codes, Code{Name: n, Value: v})
		}
		slices.SortFunc(f.Codes, func(a, b Code) int { return a.Value - b.Value })
	}
	for name, schema := range x.Values {
		s := doc.Components.Schemas[schema]
		if s == nil {
			return fmt.Errorf("values: no schema %q", schema)
		}
		f := op.Field(name)
		f.Enum, f.Open = nil, true
		for _, v := range s.Value.Enum {
			f.Enum = append(f.Enum, fmt.Sprint(v))
		}
	}
	for _, c := range x.Columns {
		header, p, ok := strings.Cut(c, "=")
		if !ok {
			p = header
		}
		op.Columns = append(op.Columns, Column{Header: header, Path: p, Cell: x.Cells[p]})
	}
	return nil
}

// schemaField describes a parameter or body key from its schema and the
// branches of its oneOf and anyOf.
func schemaField(name, in string, s *openapi3.Schema) Field {
	f := Field{Name: name, In: in, Help: firstSentence(s.Description), Min: s.Min, Max: s.Max}
	branches := []*openapi3.Schema{s}
	for _, b := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		branches = append(branches, b.Value)
	}
	for _, b := range branches {
		for _, t := range b.Type.Slice() {
			if !f.Accepts(t) {
				f.Kinds = append(f.Kinds, t)
			}
			if t == openapi3.TypeArray && b.Items != nil {
				f.Item = kindOf(b.Items.Value)
				codesOf(&f, b.Items.Value)
			}
		}
		f.Nullable = f.Nullable || b.Nullable
		codesOf(&f, b)
	}
	if f.Help == "" && len(s.OneOf) > 0 {
		f.Help = firstSentence(s.OneOf[0].Value.Description)
	}
	return f
}

func kindOf(s *openapi3.Schema) string {
	if t := s.Type.Slice(); len(t) > 0 {
		return t[0]
	}
	for _, b := range s.OneOf {
		if k := kindOf(b.Value); k != "" {
			return k
		}
	}
	return ""
}

// codesOf reads a string enum, or an integer enum with x-enum-varnames as
// codes named by their variable names less the words they all start with
// ("RoleWorker" → "worker").
func codesOf(f *Field, s *openapi3.Schema) {
	raw, _ := s.Extensions["x-enum-varnames"].([]any)
	switch {
	case len(s.Enum) == 0 || len(f.Codes) > 0 || len(f.Enum) > 0:
	case s.Type.Is(openapi3.TypeString):
		for _, v := range s.Enum {
			f.Enum = append(f.Enum, fmt.Sprint(v))
		}
	case s.Type.Is(openapi3.TypeInteger) && len(raw) == len(s.Enum):
		names := make([]string, len(raw))
		for i, n := range raw {
			names[i] = fmt.Sprint(n)
		}
		prefix := names[0]
		for _, n := range names {
			for !strings.HasPrefix(n, prefix) {
				prefix = prefix[:len(prefix)-1]
			}
		}
		// Back to a word's start, so no name loses part of its own word.
		for len(prefix) > 0 && (len(names[0]) == len(prefix) || !unicode.IsUpper(rune(names[0][len(prefix)]))) {
			prefix = prefix[:len(prefix)-1]
		}
		for i, v := range s.Enum {
			n, _ := v.(float64)
			f.Codes = append(f.Codes, Code{Name: lowerLead(names[i][len(prefix):]), Value: int(n)})
		}
	}
}

// lowerLead lower-cases a name's leading capitals: "Webchat" → "webchat",
// "SMS" → "sms", "RCSBusinessMessages" → "rcsBusinessMessages".
func lowerLead(s string) string {
	r := []rune(s)
	for i := 0; i < len(r) && unicode.IsUpper(r[i]); i++ {
		if i > 0 && i+1 < len(r) && unicode.IsLower(r[i+1]) {
			break
		}
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}

// flatColumns lists an item's csv columns from its schema: id and uuid
// first, then the other top-level keys, then nested objects' keys (to a
// depth of 3, as a schema may contain itself) as "parent.child"; each level
// in alphabetical order.
func flatColumns(s *openapi3.Schema) []string {
	var ids, top, nested []string
	var walk func(s *openapi3.Schema, prefix string, depth int)
	walk = func(s *openapi3.Schema, prefix string, depth int) {
		props := allProperties(s)
		for _, k := range slices.Sorted(maps.Keys(props)) {
			p := props[k].Value
			switch {
			case len(allProperties(p)) > 0 && depth < 3:
				walk(p, prefix+k+".", depth+1)
			case prefix == "" && (k == "id" || k == "uuid"):
				ids = append(ids, k)
			case prefix == "":
				top = append(top, k)
			default:
				nested = append(nested, prefix+k)
			}
		}
	}
	walk(s, "", 0)
	return slices.Concat(ids, top, nested)
}

// allProperties merges a schema's properties with those of its allOf parts.
func allProperties(s *openapi3.Schema) openapi3.Schemas {
	out := maps.Clone(s.Properties)
	for _, part := range s.AllOf {
		if out == nil {
			out = openapi3.Schemas{}
		}
		maps.Copy(out, allProperties(part.Value))
	}
	return out
}

// propertyOrders maps the sorted key set of every "properties" mapping in
// the YAML (joined by NUL) to its keys in written order.
func propertyOrders(raw []byte) (map[string][]string, error) {
	out := map[string][]string{}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, err
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if v := n.Content[i+1]; n.Content[i].Value == "properties" && v.Kind == yaml.MappingNode {
				var keys []string
				for j := 0; j < len(v.Content); j += 2 {
					keys = append(keys, v.Content[j].Value)
				}
				sig := strings.Join(slices.Sorted(slices.Values(keys)), "\x00")
				if _, seen := out[sig]; !seen {
					out[sig] = keys
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&root)
	return out, nil
}

// kebab turns an API key into a flag name: snake_case and camelCase alike
// ("date_start" → "date-start", "botUserId" → "bot-user-id").
func kebab(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_' || r == ' ':
			b.WriteByte('-')
		case unicode.IsUpper(r):
			if i > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// firstSentence is a description's first sentence, on one line, without
// the backquotes pflag would read as the flag's value name.
func firstSentence(s string) string {
	s = strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "`", "")
	s, _, _ = strings.Cut(s, ". ")
	return strings.TrimSuffix(s, ".")
}
