package optable

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Extension is the name of the operation (and info) extension that
// declares a command.
const Extension = "x-botctl"

// pagingParams are the query parameters the paging code drives (--page-size,
// --all, --offset, --page): never a command's own flags.
var pagingParams = map[string]bool{"limit": true, "offset": true, "page": true, "page_size": true}

// opExt is an operation's x-botctl: the command's words and what its flags,
// output and checks need beyond the schema. Everything is optional but
// command; a flag is the kebab-case of its key unless Flags renames it.
type opExt struct {
	Command  string                    `json:"command"`
	Args     []string                  `json:"args"`
	Flags    map[string]string         `json:"flags"`
	Codes    map[string]map[string]int `json:"codes"`
	Parse    map[string]string         `json:"parse"`
	Columns  []string                  `json:"columns"`
	Cells    map[string]string         `json:"cells"`
	Checks   []string                  `json:"checks"`
	Hooks    []string                  `json:"hooks"`
	Secrets  []string                  `json:"secrets"`
	Examples []string                  `json:"examples"`
	Hide     []string                  `json:"hide"`
}

// infoExt is info's x-botctl: the API command's help, the resource
// commands' descriptions, and csv "schema" for csv columns flattened from
// the answer's schema rather than the table's.
type infoExt struct {
	Short  string            `json:"short"`
	Long   string            `json:"long"`
	CSV    string            `json:"csv"`
	Groups map[string]string `json:"groups"`
}

func decodeExt(ext map[string]any, v any) (bool, error) {
	raw, ok := ext[Extension]
	if !ok {
		return false, nil
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return false, err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	return true, dec.Decode(v)
}

// FromSpec builds api's tables from its loaded spec; raw is the spec's
// YAML, read for the order of each schema's properties (which the loaded
// document does not keep). Only operations with an x-botctl extension get a
// command. It fails on an extension that names a key the operation lacks.
func FromSpec(doc *openapi3.T, api string, raw []byte) (*API, error) {
	order, err := propertyOrders(raw)
	if err != nil {
		return nil, err
	}
	out := &API{Name: api}
	var info infoExt
	if doc.Info != nil {
		if _, err := decodeExt(doc.Info.Extensions, &info); err != nil {
			return nil, fmt.Errorf("%s: info %s: %w", api, Extension, err)
		}
	}
	out.Short, out.Long = info.Short, strings.TrimSpace(info.Long)
	for _, w := range sortedKeys(info.Groups) {
		out.Groups = append(out.Groups, Group{Word: w, Short: info.Groups[w]})
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			o := item.GetOperation(method)
			if o == nil {
				continue
			}
			var x opExt
			ok, err := decodeExt(o.Extensions, &x)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %s: %w", api, o.OperationID, Extension, err)
			}
			if !ok {
				continue
			}
			op, err := buildOp(method, path, item, o, x, info.CSV == "schema", order)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", api, o.OperationID, err)
			}
			out.Ops = append(out.Ops, op)
		}
	}
	// Paths are matched in routing order; commands read best in the
	// order the spec's authors wrote them: by command words.
	sort.SliceStable(out.Ops, func(i, j int) bool {
		return strings.Join(out.Ops[i].Command, " ") < strings.Join(out.Ops[j].Command, " ")
	})
	return out, nil
}

func buildOp(method, path string, item *openapi3.PathItem, o *openapi3.Operation, x opExt, csvSchema bool, order map[string][]string) (Op, error) {
	op := Op{
		ID: o.OperationID, Command: strings.Fields(x.Command), Method: method, Path: path,
		Summary: o.Summary, Description: strings.TrimSpace(o.Description), Examples: x.Examples,
		Checks: x.Checks, Hooks: x.Hooks, Secrets: x.Secrets,
	}
	if len(op.Command) == 0 {
		return op, fmt.Errorf("%s has no command", Extension)
	}
	params := append(openapi3.Parameters{}, item.Parameters...)
	params = append(params, o.Parameters...)
	for _, p := range params {
		pv := p.Value
		if pagingParams[pv.Name] && pv.In == openapi3.ParameterInQuery {
			op.Result.Paged = true
			switch pv.Name {
			case "offset", "page":
				op.Result.Start = pv.Name
			default:
				op.Result.Size = pv.Name
			}
			continue
		}
		f := schemaField(pv.Name, pv.In, pv.Schema.Value)
		f.Required = pv.Required
		f.Help = firstSentence(pv.Description)
		op.Fields = append(op.Fields, f)
	}
	if rb := o.RequestBody; rb != nil && rb.Value != nil {
		if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			s := mt.Schema.Value
			op.Body = true
			for _, key := range propertyNames(s, order) {
				f := schemaField(key, "body", s.Properties[key].Value)
				f.Required = contains(s.Required, key)
				op.Fields = append(op.Fields, f)
			}
		}
	}
	if err := applyExt(&op, x); err != nil {
		return op, err
	}
	item0 := resultOf(&op, o)
	for _, c := range x.Columns {
		header, p, ok := strings.Cut(c, "=")
		if !ok {
			p = header
		}
		op.Columns = append(op.Columns, Column{Header: header, Path: p, Cell: x.Cells[p]})
	}
	if csvSchema && item0 != nil {
		op.CSV = flatColumns(item0)
	}
	return op, nil
}

// applyExt applies the extension's arguments, renames, codes and parsers
// to op's fields.
func applyExt(op *Op, x opExt) error {
	for i, a := range x.Args {
		name, variadic := strings.CutSuffix(a, "...")
		f := op.Field(name)
		if f == nil {
			return fmt.Errorf("args: no parameter or body key %q", name)
		}
		f.Arg, f.Variadic, f.Flag = i+1, variadic, ""
	}
	for _, set := range []map[string]string{x.Flags, x.Parse} {
		for name := range set {
			if op.Field(name) == nil {
				return fmt.Errorf("no parameter or body key %q", name)
			}
		}
	}
	for name, codes := range x.Codes {
		f := op.Field(name)
		if f == nil {
			return fmt.Errorf("codes: no parameter or body key %q", name)
		}
		f.Codes, f.OpenCodes = nil, true
		for _, n := range sortedKeys(codes) {
			f.Codes = append(f.Codes, Code{Name: n, Value: codes[n]})
		}
		sort.SliceStable(f.Codes, func(i, j int) bool { return f.Codes[i].Value < f.Codes[j].Value })
	}
	for i := range op.Fields {
		f := &op.Fields[i]
		if f.Arg == 0 {
			f.Flag = kebab(f.Name)
			if r, ok := x.Flags[f.Name]; ok {
				f.Flag = r
			}
		}
		if contains(x.Hide, f.Name) {
			f.Flag = ""
		}
		f.Parse = x.Parse[f.Name]
	}
	return nil
}

// resultOf fills op.Result from the success answer's schema and returns
// the schema of one item (or of the object).
func resultOf(op *Op, o *openapi3.Operation) *openapi3.Schema {
	var s *openapi3.Schema
	for _, code := range []string{"200", "201", "202"} {
		r := o.Responses.Value(code)
		if r == nil || r.Value == nil {
			continue
		}
		if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			s = mt.Schema.Value
			break
		}
	}
	if s == nil {
		return nil
	}
	if s.Type.Is(openapi3.TypeArray) {
		op.Result.List = true
		return s.Items.Value
	}
	if d := s.Properties["data"]; d != nil && s.Properties["status"] != nil {
		// AssistBot's envelope {data, count, status}.
		if d.Value.Type.Is(openapi3.TypeArray) {
			op.Result.List, op.Result.Items = true, "data"
			return d.Value.Items.Value
		}
		op.Result.Unwrap = "data"
		return d.Value
	}
	if op.Result.Paged {
		for _, k := range sortedKeys(s.Properties) {
			if p := s.Properties[k].Value; p.Type.Is(openapi3.TypeArray) && p.Items != nil {
				op.Result.List, op.Result.Items = true, k
				return p.Items.Value
			}
		}
	}
	return s
}

// schemaField describes a parameter or body key from its schema.
func schemaField(name, in string, s *openapi3.Schema) Field {
	f := Field{Name: name, In: in, Help: firstSentence(s.Description), Nullable: s.Nullable, Format: s.Format}
	branches := []*openapi3.Schema{s}
	for _, b := range s.OneOf {
		branches = append(branches, b.Value)
	}
	for _, b := range s.AnyOf {
		branches = append(branches, b.Value)
	}
	for _, b := range branches {
		for _, t := range b.Type.Slice() {
			if !contains(f.Kinds, t) {
				f.Kinds = append(f.Kinds, t)
			}
			if t == openapi3.TypeArray && b.Items != nil {
				f.Item = kindOf(b.Items.Value)
				codesOf(&f, b.Items.Value)
				if b.Items.Value.Format != "" {
					f.Format = b.Items.Value.Format
				}
			}
		}
		if b.Nullable {
			f.Nullable = true
		}
		codesOf(&f, b)
	}
	if f.Help == "" && len(s.OneOf) > 0 && s.OneOf[0].Value != nil {
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
// codes named by their variable names less the prefix they share
// ("RoleWorker" → "worker").
func codesOf(f *Field, s *openapi3.Schema) {
	if len(s.Enum) == 0 || len(f.Codes) > 0 || len(f.Enum) > 0 {
		return
	}
	if s.Type.Is(openapi3.TypeString) {
		for _, v := range s.Enum {
			f.Enum = append(f.Enum, fmt.Sprint(v))
		}
		return
	}
	raw, _ := s.Extensions["x-enum-varnames"].([]any)
	if !s.Type.Is(openapi3.TypeInteger) || len(raw) != len(s.Enum) {
		return
	}
	names := make([]string, len(raw))
	for i, n := range raw {
		names[i] = fmt.Sprint(n)
	}
	prefix := commonPrefix(names)
	for i, v := range s.Enum {
		n, _ := v.(float64)
		f.Codes = append(f.Codes, Code{Name: lowerLead(strings.TrimPrefix(names[i], prefix)), Value: int(n)})
	}
}

// commonPrefix is the longest run of whole words (up to an upper-case
// letter) that every name starts with.
func commonPrefix(names []string) string {
	p := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, p) {
			p = p[:len(p)-1]
		}
	}
	for len(p) > 0 {
		rest := names[0][len(p):]
		if rest != "" && unicode.IsUpper(rune(rest[0])) {
			break
		}
		p = p[:len(p)-1]
	}
	return p
}

// lowerLead lower-cases a name's leading capitals: "Webchat" → "webchat",
// "SMS" → "sms", "RCSBusinessMessages" → "rcsBusinessMessages".
func lowerLead(s string) string {
	r := []rune(s)
	for i := range r {
		if !unicode.IsUpper(r[i]) {
			break
		}
		if i > 0 && i+1 < len(r) && unicode.IsLower(r[i+1]) {
			break
		}
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}

// flatColumns lists an item's csv columns from its schema: id and uuid
// first, then the other top-level keys, then nested objects' keys as
// "parent.child"; each level in alphabetical order.
func flatColumns(s *openapi3.Schema) []string {
	var ids, top, nested []string
	var walk func(s *openapi3.Schema, prefix string, depth int)
	walk = func(s *openapi3.Schema, prefix string, depth int) {
		for _, k := range sortedKeys(allProperties(s)) {
			p := allProperties(s)[k].Value
			path := k
			if prefix != "" {
				path = prefix + "." + k
			}
			// The depth bound stops a schema that contains itself.
			if len(allProperties(p)) > 0 && depth < maxColumnDepth {
				walk(p, path, depth+1)
				continue
			}
			switch {
			case prefix == "" && (k == "id" || k == "uuid"):
				ids = append(ids, path)
			case prefix == "":
				top = append(top, path)
			default:
				nested = append(nested, path)
			}
		}
	}
	walk(s, "", 0)
	return append(append(ids, top...), nested...)
}

// maxColumnDepth is how deep flatColumns flattens nested objects.
const maxColumnDepth = 3

// allProperties merges a schema's properties with those of its allOf parts.
func allProperties(s *openapi3.Schema) openapi3.Schemas {
	if len(s.AllOf) == 0 {
		return s.Properties
	}
	out := openapi3.Schemas{}
	for k, v := range s.Properties {
		out[k] = v
	}
	for _, part := range s.AllOf {
		for k, v := range allProperties(part.Value) {
			out[k] = v
		}
	}
	return out
}

// propertyOrders maps the sorted key set of every "properties" mapping in
// the YAML to its keys in written order.
func propertyOrders(raw []byte) (map[string][]string, error) {
	out := map[string][]string{}
	if raw == nil {
		return out, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, err
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if v := n.Content[i+1]; n.Content[i].Value == "properties" && v.Kind == yaml.MappingNode {
					var keys []string
					for j := 0; j < len(v.Content); j += 2 {
						keys = append(keys, v.Content[j].Value)
					}
					sig := signature(keys)
					if _, seen := out[sig]; !seen {
						out[sig] = keys
					}
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

// propertyNames returns s's property names in the order the spec writes
// them (alphabetical when unknown).
func propertyNames(s *openapi3.Schema, order map[string][]string) []string {
	keys := sortedKeys(s.Properties)
	if written, ok := order[signature(keys)]; ok {
		return written
	}
	return keys
}

func signature(keys []string) string {
	s := append([]string(nil), keys...)
	sort.Strings(s)
	return strings.Join(s, "\x00")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
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

// firstSentence is a description's first sentence, on one line.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, ".")
}
