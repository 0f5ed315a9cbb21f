package optable

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// opExt is an operation's x-botctl: the command's words and what its flags
// and output need beyond the schema. Everything but command is optional; a
// flag is the kebab-case of its key unless Flags renames it.
type opExt struct {
	Command                                       string
	Args, Columns, Hooks, Secrets, Examples, Hide []string
	Flags, Parse, Cells, Values, Help             map[string]string
	Codes                                         map[string]map[string]int
	// Confirm overrides whether the operation destroys something (default:
	// it is a DELETE); IDs names the nouns whose list supplies a field's
	// ids where its name does not say ({receivers: [user, team]}).
	Confirm *bool
	IDs     map[string][]string
}

// infoExt is info's x-botctl: the API command's help, the groups'
// descriptions by command prefix, csv "schema" for csv columns from the
// schema, and the help of the API's --form flag (none without).
type infoExt struct {
	Short, Long, CSV, Form string
	Groups                 map[string]string
}

// decodeExt decodes ext's x-botctl into v, refusing keys v does not have;
// it reports whether there was one.
func decodeExt(ext map[string]any, v any) (bool, error) {
	raw, ok := ext["x-botctl"]
	b, _ := json.Marshal(raw) // it was read from YAML
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return ok, dec.Decode(v)
}

// FromSpec builds api's table from its spec, loaded with origins
// (openapi3.Loader.IncludeOrigin) so that the body's keys keep the spec's
// order. Only operations with an x-botctl extension get a command. It fails,
// naming the operation and the key, on a key the operation lacks, a command two
// operations share or that is also a group, and a field no flag can read.
func FromSpec(doc *openapi3.T, api string) (*API, error) {
	var info infoExt
	if _, err := decodeExt(doc.Info.Extensions, &info); err != nil {
		return nil, fmt.Errorf("%s x-botctl: info: %w", api, err)
	}
	out := &API{Name: api, Short: info.Short, Long: strings.TrimSpace(info.Long), Groups: info.Groups, Form: info.Form}
	guess := !declaresPaging(doc)
	var errs []error
	for _, path := range slices.Sorted(maps.Keys(doc.Paths.Map())) {
		item := doc.Paths.Value(path)
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			o := item.GetOperation(method)
			var x opExt
			ok, err := decodeExt(o.Extensions, &x)
			if !ok {
				continue
			}
			op := Op{ID: o.OperationID, Command: strings.Fields(x.Command), Method: method, Path: path, Summary: o.Summary,
				Description: longHelp(o.Description), Examples: x.Examples, Hooks: x.Hooks, Secrets: x.Secrets,
				Keyless: o.Security != nil && len(*o.Security) == 0,
				Confirm: method == "DELETE"}
			if x.Confirm != nil {
				op.Confirm = *x.Confirm
			}
			answer := op.read(append(slices.Clone(item.Parameters), o.Parameters...), o, guess)
			if err = cmp.Or(err, op.apply(doc, x, answer)); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", op.ID, err))
			}
			if info.CSV == "schema" && answer != nil {
				op.CSV = flatColumns(answer)
			}
			out.Ops = append(out.Ops, op)
		}
	}
	slices.SortFunc(out.Ops, func(a, b Op) int { return slices.Compare(a.Command, b.Command) })
	for i := range out.Ops {
		for j := range out.Ops[i].Fields {
			f := &out.Ops[i].Fields[j]
			if noun := idNoun(f.Name); f.Refs == nil && noun != "" && out.ListOf(noun) != nil {
				f.Refs = []string{noun}
			}
			for _, noun := range f.Refs {
				if out.ListOf(noun) == nil {
					errs = append(errs, fmt.Errorf("%s: ids: %s: no `%ss list` supplies %s ids", out.Ops[i].ID, f.Name, noun, noun))
				}
			}
		}
	}
	for i := 1; i < len(out.Ops); i++ { // sorted, the commands below a command follow it
		a, b := strings.Join(out.Ops[i-1].Command, " "), strings.Join(out.Ops[i].Command, " ")
		if a == b {
			errs = append(errs, fmt.Errorf("%s and %s: both have command %q", out.Ops[i-1].ID, out.Ops[i].ID, a))
		} else if strings.HasPrefix(b, a+" ") {
			errs = append(errs, fmt.Errorf("%s and %s: command %q is also a group, of %q", out.Ops[i-1].ID, out.Ops[i].ID, a, b))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("%s x-botctl: %w", api, err)
	}
	return out, nil
}

// pagingPairs are the start and size parameters of DailyBot's two paging
// styles; each style is named by its start parameter in the spec's x-paging
// extension. An array, not a map: nothing to build when botctl starts.
var pagingPairs = [...][2]string{{"offset", "limit"}, {"page", "page_size"}}

// pagingPair returns the start and size parameters of the paging style
// x-paging names, or two empty names for another style.
func pagingPair(style string) [2]string {
	for _, pr := range pagingPairs {
		if pr[0] == style {
			return pr
		}
	}
	return [2]string{}
}

// declaresPaging reports whether any operation of doc has an x-paging
// extension. In such a spec the paged lists say so, and a `limit` on an
// operation without it (DailyBot's wall of fame caps its leaderboard) is an
// ordinary parameter, not a page size.
func declaresPaging(doc *openapi3.T) bool {
	for _, item := range doc.Paths.Map() {
		for _, o := range item.Operations() {
			if _, ok := o.Extensions["x-paging"]; ok {
				return true
			}
		}
	}
	return false
}

// read fills op's fields from the parameters (but the page sizes, which
// --page-size sets) and the JSON body's keys, and op.List from the success
// answer; it returns the schema of one item (or of the object). An
// operation that declares both paging pairs (x-paging names the default
// one) gets Start and Size from the default pair and Sizes from both. With
// guess (a spec without x-paging) a `limit`/`page_size` parameter is taken
// for the page size and `offset`/`page` for the start.
func (op *Op) read(params openapi3.Parameters, o *openapi3.Operation, guess bool) *openapi3.Schema {
	declared := map[string]bool{}
	for _, p := range params {
		if p.Value.In == "query" {
			declared[p.Value.Name] = true
		}
	}
	style, _ := o.Extensions["x-paging"].(string)
	isSize := map[string]bool{}
	if pair := pagingPair(style); pair[0] != "" && declared[pair[0]] && declared[pair[1]] {
		op.Sizes = map[string]string{}
		for _, pr := range pagingPairs {
			if declared[pr[0]] && declared[pr[1]] {
				op.Sizes[pr[0]], isSize[pr[1]] = pr[1], true
			}
		}
	}
	for _, p := range params {
		switch pv := p.Value; {
		case pv.In == "query" && isSize[pv.Name]: // --page-size sets it
			if pagingPair(style)[1] == pv.Name {
				op.Size = pv.Name
			}
		case pv.In == "query" && op.Sizes[pv.Name] != "":
			if pagingPair(style)[0] == pv.Name {
				op.Start = pv.Name
			}
			f := schemaField(pv.Name, pv.In, pv.Schema.Value)
			f.Required, f.Help = pv.Required, cmp.Or(help(pv.Description), f.Help)
			op.Fields = append(op.Fields, f)
		case guess && pv.In == "query" && (pv.Name == "limit" || pv.Name == "page_size"):
			op.Size = pv.Name
		case guess && pv.In == "query" && (pv.Name == "offset" || pv.Name == "page"):
			op.Start = pv.Name
			fallthrough // a flag, as any parameter
		default:
			f := schemaField(pv.Name, pv.In, pv.Schema.Value)
			f.Required, f.Help = pv.Required, cmp.Or(help(pv.Description), f.Help)
			op.Fields = append(op.Fields, f)
		}
	}
	if rb := o.RequestBody; rb != nil && rb.Value.Content.Get("application/json") != nil {
		s := rb.Value.Content.Get("application/json").Schema.Value
		line := func(k string) int {
			if o := s.Properties[k].Origin; o != nil && o.Key != nil {
				return o.Key.Line
			}
			return 0
		}
		for _, key := range slices.SortedFunc(maps.Keys(s.Properties), func(a, b string) int { return cmp.Or(line(a)-line(b), strings.Compare(a, b)) }) {
			f := schemaField(key, "body", s.Properties[key].Value)
			f.Required = slices.Contains(s.Required, key)
			if i := slices.IndexFunc(op.Fields, func(q Field) bool { return q.In == "query" && q.Name == key }); i >= 0 {
				// The key in both places: one field, sent in both.
				f.AlsoQuery = true
				op.Fields = slices.Delete(op.Fields, i, i+1)
			}
			op.Fields = append(op.Fields, f)
		}
		op.Body, op.OpenBody = true, len(s.Properties) == 0
	}
	var s *openapi3.Schema
	for _, code := range []string{"202", "201", "200"} {
		if r := o.Responses.Value(code); r != nil && r.Value.Content.Get("application/json") != nil {
			s = r.Value.Content.Get("application/json").Schema.Value
		}
	}
	if s != nil && len(s.OneOf) > 0 {
		// A list answered with the envelope or a bare array of the same
		// items (DailyBot): the array names the item.
		for _, b := range s.OneOf {
			if b.Value.Type.Is("array") {
				s = b.Value
			}
		}
	}
	switch {
	case s == nil:
	case s.Type.Is("array"):
		op.List, s = true, s.Items.Value
	case s.Properties["data"] != nil && s.Properties["status"] != nil:
		// AssistBot's envelope {data, count, status}: data lists the items
		// or is the object.
		op.Enveloped = true
		if s = s.Properties["data"].Value; s.Type.Is("array") {
			op.List, s = true, s.Items.Value
		}
	case op.Start != "" || op.Size != "":
		for _, k := range slices.Sorted(maps.Keys(s.Properties)) {
			if p := s.Properties[k].Value; p.Type.Is("array") && !op.List {
				op.List, s = true, p.Items.Value
			}
		}
	}
	return s
}

// apply applies the extension's arguments, flag names, help, codes,
// values, parsers and columns to op; answer is the schema the columns read.
func (op *Op) apply(doc *openapi3.T, x opExt, answer *openapi3.Schema) error {
	if len(op.Command) == 0 {
		return errors.New("no command")
	}
	withClear := slices.Contains(x.Hooks, "clear")
	for i := range op.Fields {
		f := &op.Fields[i]
		f.Flag, f.Parse, f.Help = cmp.Or(x.Flags[f.Name], kebab(f.Name)), x.Parse[f.Name], cmp.Or(x.Help[f.Name], f.Help)
		if slices.Contains(x.Hide, f.Name) {
			f.Flag = ""
		} else if f.Accepts("array") && f.Kind == "" {
			return fmt.Errorf("%s: an array's items need one type for its flag to read them", f.Name)
		}
		// A flag's "null" is the text null: --clear sends the JSON null.
		if withClear && f.Nullable {
			f.Help = strings.Replace(f.Help, "null removes", "--clear "+f.Name+" removes", 1)
		} else {
			f.Help = nullClause.Get().ReplaceAllString(f.Help, "")
		}
	}
	for _, name := range slices.Concat(x.Args, x.Hide, x.Secrets, slices.Collect(maps.Keys(x.Flags)), slices.Collect(maps.Keys(x.Parse)),
		slices.Collect(maps.Keys(x.Help)), slices.Collect(maps.Keys(x.Codes)), slices.Collect(maps.Keys(x.Values)), slices.Collect(maps.Keys(x.IDs))) {
		secret := slices.Contains(x.Secrets, name)
		if secret {
			// A secret may sit inside a body key: "buttons[].callback_auth.*".
			name = name[:strings.IndexAny(name+".", ".[")]
		}
		if f := op.Field(strings.TrimSuffix(name, "...")); f == nil || secret && f.In != "body" {
			return fmt.Errorf("no parameter or body key %q", name)
		}
	}
	for i, a := range x.Args {
		name, variadic := strings.CutSuffix(a, "...")
		f := op.Field(name)
		f.Arg, f.Variadic, f.Flag = i+1, variadic, ""
	}
	for name, nouns := range x.IDs {
		op.Field(name).Refs = nouns
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
		if doc.Components.Schemas[schema] == nil {
			return fmt.Errorf("values: no schema %q", schema)
		}
		f := op.Field(name)
		f.Enum, f.Open = nil, true
		for _, v := range doc.Components.Schemas[schema].Value.Enum {
			f.Enum = append(f.Enum, fmt.Sprint(v))
		}
	}
	for _, c := range x.Columns {
		header, p, ok := strings.Cut(c, "=")
		if !ok {
			p = header
		}
		if answer == nil || !slices.Contains(flatColumns(answer), p) {
			return fmt.Errorf("columns: the answer has no key %q", p)
		}
		op.Columns = append(op.Columns, Column{Header: header, Path: p, Cell: x.Cells[p]})
	}
	for p, cell := range x.Cells {
		if !slices.ContainsFunc(op.Columns, func(c Column) bool { return c.Path == p }) || cell != "unix" && cell != "codes" {
			return fmt.Errorf("cells: %q: want a column's key and unix or codes (got %q)", p, cell)
		}
	}
	return nil
}

// schemaField describes a parameter or body key from its schema and the
// branches of its oneOf and anyOf. An array's items without one type
// (oneOf, say) leave Kind empty, unless they are a string or objects.
func schemaField(name, in string, s *openapi3.Schema) Field {
	f := Field{Name: name, In: in, Help: help(s.Description), Min: s.Min, Max: s.Max, Format: s.Format}
	for _, b := range slices.Concat(openapi3.SchemaRefs{{Value: s}}, s.OneOf, s.AnyOf) {
		for _, t := range b.Value.Type.Slice() {
			if !f.Accepts(t) {
				f.Kinds = append(f.Kinds, t)
			}
			if items := b.Value.Items; t == "array" && items != nil && len(items.Value.Type.Slice()) == 1 {
				f.Kind = items.Value.Type.Slice()[0]
				codesOf(&f, items.Value)
			} else if t == "array" && items != nil && stringOrObjects(items.Value) {
				f.Kind = "string" // the flag writes the string shape; --data any
			}
		}
		f.Nullable = f.Nullable || b.Value.Nullable
		codesOf(&f, b.Value)
	}
	scalars := []string{"boolean", "integer", "number", "string"}
	if i := slices.IndexFunc(scalars, f.Accepts); i >= 0 && !f.Accepts("array") {
		f.Kind = scalars[i]
	}
	if f.Help == "" && len(s.OneOf) > 0 {
		f.Help = help(s.OneOf[0].Value.Description)
	}
	return f
}

// stringOrObjects reports whether s is a oneOf or anyOf of one string shape
// and object shapes (a channel's id or the channel object): a flag's text can
// only mean the string, so it is the flag's kind.
func stringOrObjects(s *openapi3.Schema) bool {
	strs, objs := 0, 0
	shapes := slices.Concat(s.OneOf, s.AnyOf)
	for _, b := range shapes {
		switch {
		case b.Value.Type.Is("string"):
			strs++
		case b.Value.Type.Is("object"):
			objs++
		}
	}
	return strs == 1 && strs+objs == len(shapes)
}

// codesOf reads a string enum, or an integer enum with x-enum-varnames as
// codes named by their variable names less the words they all start with
// ("RoleWorker" → "worker"). An integer enum's x-enum-varname-aliases
// (variable name → value) adds more names for its values, after the
// enum's own: where the API's name for a value is uncertain, either works.
func codesOf(f *Field, s *openapi3.Schema) {
	names, _ := s.Extensions["x-enum-varnames"].([]any)
	switch {
	case len(s.Enum) == 0 || len(f.Codes) > 0 || len(f.Enum) > 0:
	case s.Type.Is("string"):
		for _, v := range s.Enum {
			f.Enum = append(f.Enum, fmt.Sprint(v))
		}
	case s.Type.Is("integer") && len(names) == len(s.Enum):
		first := fmt.Sprint(names[0])
		prefix := first
		for _, n := range names {
			for !strings.HasPrefix(fmt.Sprint(n), prefix) {
				prefix = prefix[:len(prefix)-1]
			}
		}
		// Back to a word's start, so no name loses part of its own word.
		for len(prefix) > 0 && (len(first) == len(prefix) || !unicode.IsUpper(rune(first[len(prefix)]))) {
			prefix = prefix[:len(prefix)-1]
		}
		for i, v := range s.Enum {
			f.Codes = append(f.Codes, Code{Name: codeName(fmt.Sprint(names[i]), prefix), Value: int(v.(float64))})
		}
		aliases, _ := s.Extensions["x-enum-varname-aliases"].(map[string]any)
		for _, n := range slices.Sorted(maps.Keys(aliases)) {
			if v, ok := aliases[n].(float64); ok {
				f.Codes = append(f.Codes, Code{Name: codeName(n, prefix), Value: int(v)})
			}
		}
	}
}

// codeName is a code's name from its variable name less prefix, the leading
// capitals lower-cased: "Webchat" → "webchat", "SMS" → "sms",
// "RCSBusinessMessages" → "rcsBusinessMessages".
func codeName(varname, prefix string) string {
	r := []rune(strings.TrimPrefix(varname, prefix))
	for j := 0; j < len(r) && unicode.IsUpper(r[j]) && (j == 0 || j+1 == len(r) || !unicode.IsLower(r[j+1])); j++ {
		r[j] = unicode.ToLower(r[j])
	}
	return string(r)
}

// flatColumns lists an item's csv columns from its schema: id and uuid,
// the other top-level keys, then nested ones as "parent.child" (to a depth
// of 3: a schema may contain itself), each level alphabetical.
func flatColumns(s *openapi3.Schema) []string {
	var ids, top, nested []string
	var walk func(s *openapi3.Schema, prefix string, depth int)
	walk = func(s *openapi3.Schema, prefix string, depth int) {
		props := openapi3.Schemas{}
		for _, part := range append(openapi3.SchemaRefs{{Value: s}}, s.AllOf...) {
			maps.Copy(props, part.Value.Properties)
		}
		for _, k := range slices.Sorted(maps.Keys(props)) {
			switch p := props[k].Value; {
			case len(p.Properties)+len(p.AllOf) > 0 && depth < 3:
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

// idNoun is the noun whose ids a field's name says it holds, "" for none:
// checkin_uuid → checkin, important_date_uuid → important-date,
// users_uuids and submitter_user_ids → user.
func idNoun(name string) string {
	words := strings.Split(name, "_")
	n := len(words)
	switch last := words[n-1]; {
	case n < 2:
		return ""
	case last == "uuid" || last == "id":
		return strings.Join(words[:n-1], "-")
	case last == "uuids" || last == "ids":
		return strings.TrimSuffix(words[n-2], "s")
	}
	return ""
}

// kebab turns an API key into a flag name: snake_case and camelCase alike
// ("date_start" → "date-start", "botUserId" → "bot-user-id").
func kebab(s string) string {
	s = regexp.MustCompile(`([a-z0-9])([A-Z])`).ReplaceAllString(s, "$1-$2")
	return strings.ToLower(strings.NewReplacer("_", "-", " ", "-").Replace(s))
}
