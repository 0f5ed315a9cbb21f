// Package optable holds botctl's command tables: one Op per spec operation
// that carries an x-botctl extension, with everything botctl needs to build
// the command, its flags, its help and its output without reading a spec at
// start-up. `make generate` (cmd/botctlgen) writes the four APIs' tables in
// their binary form (EncodeBinary) as cmd/botctl/tables/<api>.gen.bin,
// which botctl embeds and decodes (DecodeBinary):
//
//	loader := openapi3.NewLoader()
//	loader.IncludeOrigin = true // for the order of the body's keys
//	doc, err := loader.LoadFromData(yaml)
//	api, err := optable.FromSpec(doc, "dailybot")
package optable

import "slices"

// API is one spec's commands: the API command's name (the spec's) and help,
// its groups' one-line descriptions by command prefix ("teams members"),
// the help of its --form flag (none without), and the operations ordered by
// their command words.
type API struct {
	Name              string
	Short, Long, Form string            `json:",omitempty"`
	Groups            map[string]string `json:",omitempty"`
	Ops               []Op
}

// Op is one operation and the command that calls it: its words below the API,
// operation id, method, path template, help, fields (the body's in the spec's
// order), whether it sends a JSON body, answers a list and answers in an
// envelope (AssistBot's data), the query parameters that pick a list's first
// page (Start) and size (Size), the size parameter of each start parameter
// when the list takes two paging pairs (Sizes: DailyBot's offset/limit and
// page/page_size; Start and Size are then the pair its spec's x-paging
// names), -o table's columns (CSV: -o csv's), the hooks it names and the
// body keys that hold credentials (Secrets: a key, or a path into one where
// "[]" walks every item of a list and a last ".*" takes every string member
// but "type", the kind of a credential object: "buttons[].callback_auth.*").
// Keyless says the operation's security is explicitly empty (`security: []`):
// the API serves it without credentials, so botctl asks for none.
type Op struct {
	Command               []string
	ID, Method, Path      string
	Summary, Description  string   `json:",omitempty"`
	Examples              []string `json:",omitempty"`
	Fields                []Field  `json:",omitempty"`
	Body, List, Enveloped bool     `json:",omitempty"`
	// OpenBody says the body's schema declares no key (the docs leave its
	// keys unknown): --data takes any JSON object and sends it as given.
	OpenBody            bool              `json:",omitempty"`
	Start, Size         string            `json:",omitempty"`
	Sizes               map[string]string `json:",omitempty"`
	Columns             []Column          `json:",omitempty"`
	CSV, Hooks, Secrets []string          `json:",omitempty"`
	Keyless             bool              `json:",omitempty"`
	// Confirm says the operation destroys something (a DELETE, unless its
	// x-botctl says confirm: false, or another method its x-botctl marks
	// confirm: true): botctl asks before sending it on a terminal.
	Confirm bool `json:",omitempty"`
}

// Field is a parameter or body key (In: path, query, body): its flag ("" for an
// argument or hidden key) or argument position (from 1), JSON kinds (Kind: one
// flag value's; "" for an object, which only --data sets), a string's values
// (Enum) or integer values' names (Codes; Open lets others pass), bounds, null
// and presence rules, and its flag's parser hook and help. AlsoQuery marks a
// body key the operation also declares as a query parameter (the sources
// disagree where it goes): one flag sets both, and the request sends both.
type Field struct {
	Name, In           string
	AlsoQuery          bool     `json:",omitempty"`
	Flag               string   `json:",omitempty"`
	Arg                int      `json:",omitempty"`
	Variadic           bool     `json:",omitempty"`
	Kinds              []string `json:",omitempty"`
	Enum               []string `json:",omitempty"`
	Codes              []Code   `json:",omitempty"`
	Open               bool     `json:",omitempty"`
	Min, Max           *float64 `json:",omitempty"`
	Nullable, Required bool     `json:",omitempty"`
	Kind, Parse, Help  string   `json:",omitempty"`
	// Format is a string's format ("date", "date-time").
	Format string `json:",omitempty"`
	// Refs are the nouns whose list call supplies the field's ids ("user",
	// "team"; kudos receivers take either): from the name (checkin_uuid,
	// users_uuids, submitter_user_ids) when the API has the noun's list,
	// or from x-botctl ids.
	Refs []string `json:",omitempty"`
}

// Code is a name for an integer value (a role, a channel).
type Code struct {
	Name  string
	Value int
}

// Column is a table column: Header over the value at Path (dotted keys),
// with Cell naming a formatter ("unix", "codes").
type Column struct {
	Header, Path string
	Cell         string `json:",omitempty"`
}

// ListOf returns the list operation that supplies noun's ids ("checkin"):
// `<noun>s list`, else a nested `<group> <noun>s list` (`forms responses
// list` for "response"), or nil when the API has neither.
func (api *API) ListOf(noun string) *Op {
	for _, want := range [][]string{{noun + "s", "list"}, nil} {
		for i := range api.Ops {
			c := api.Ops[i].Command
			if api.Ops[i].List && (want != nil && slices.Equal(c, want) ||
				want == nil && len(c) == 3 && slices.Equal(c[1:], []string{noun + "s", "list"})) {
				return &api.Ops[i]
			}
		}
	}
	return nil
}

// Field returns o's field called name, or nil.
func (o *Op) Field(name string) *Field {
	i := slices.IndexFunc(o.Fields, func(f Field) bool { return f.Name == name })
	if i < 0 {
		return nil
	}
	return &o.Fields[i]
}

// Accepts reports whether f takes the JSON kind.
func (f *Field) Accepts(kind string) bool { return slices.Contains(f.Kinds, kind) }
