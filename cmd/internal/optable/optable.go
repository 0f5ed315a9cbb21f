// Package optable holds botctl's command tables: one Op per spec operation
// that carries an x-botctl extension, with everything botctl needs to build
// the command, its flags, its help and its output without reading a spec at
// start-up. FromSpec builds an API's table from its loaded spec; `make
// generate` (cmd/botctlgen) writes the four as cmd/botctl/commands.gen.json,
// which botctl embeds.
//
//	doc, _ := specs.Load(ctx, "dailybot")
//	raw, _ := specs.FS.ReadFile("dailybot.yaml")
//	api, err := optable.FromSpec(doc, "dailybot", raw)
package optable

import "slices"

// API is one spec's commands.
type API struct {
	// Name is the spec's name and the command's first word ("dailybot").
	Name string
	// Short and Long are the API command's help (info's x-botctl).
	Short, Long string `json:",omitempty"`
	// Groups are the resource commands' one-line descriptions, by word.
	Groups map[string]string `json:",omitempty"`
	// Ops are the operations, ordered by their command words.
	Ops []Op
}

// Op is one operation and the command that calls it.
type Op struct {
	// Command is the command's words below the API ("checkins", "list").
	Command []string
	// Method and Path are the HTTP method and the path template below the
	// API's base URL ("/checkins/{checkin_uuid}/").
	Method, Path string
	// Summary, Description and Examples are the help.
	Summary, Description string   `json:",omitempty"`
	Examples             []string `json:",omitempty"`
	// Fields are the path and query parameters and the body's keys, the
	// body's in the order the spec writes them.
	Fields []Field `json:",omitempty"`
	// Body reports that the operation sends a JSON body; List that it
	// answers a list of items.
	Body, List bool `json:",omitempty"`
	// Start is the query parameter that picks the first page ("offset",
	// "page"), Size the one that sets the page size ("limit"); "" for none.
	Start, Size string `json:",omitempty"`
	// Columns are -o table's columns; CSV, when set, -o csv's (the item's
	// keys flattened from its schema), else csv uses Columns too.
	Columns []Column `json:",omitempty"`
	CSV     []string `json:",omitempty"`
	// Hooks name the hand-written code the command runs; Secrets are body
	// keys that hold credentials.
	Hooks, Secrets []string `json:",omitempty"`
}

// Field is a path or query parameter or a key of the body.
type Field struct {
	// Name is the API's name for it; In is "path", "query" or "body".
	Name, In string
	// Flag is the flag that sets it ("" when it is an argument or hidden).
	Flag string `json:",omitempty"`
	// Arg is its position among the arguments, from 1 (0 for none);
	// Variadic takes every argument from there on.
	Arg      int  `json:",omitempty"`
	Variadic bool `json:",omitempty"`
	// Kinds are the JSON kinds it accepts (string, integer, number, boolean,
	// array, object); Item is the kind of an array's items.
	Kinds []string `json:",omitempty"`
	Item  string   `json:",omitempty"`
	// Enum lists the values a string takes, Codes the names of integer
	// values; Open lets other values pass (Enum and Codes then only name
	// the documented ones).
	Enum  []string `json:",omitempty"`
	Codes []Code   `json:",omitempty"`
	Open  bool     `json:",omitempty"`
	// Min and Max bound a number.
	Min, Max *float64 `json:",omitempty"`
	// Nullable allows null; Required makes it mandatory.
	Nullable, Required bool `json:",omitempty"`
	// Parse names the hook that turns a flag's text into the value.
	Parse string `json:",omitempty"`
	// Help is the flag's one-line help.
	Help string `json:",omitempty"`
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

// Has reports whether o lists hook.
func (o *Op) Has(hook string) bool { return slices.Contains(o.Hooks, hook) }

// Field returns o's field called name, or nil.
func (o *Op) Field(name string) *Field {
	for i := range o.Fields {
		if o.Fields[i].Name == name {
			return &o.Fields[i]
		}
	}
	return nil
}

// Accepts reports whether f takes the JSON kind.
func (f *Field) Accepts(kind string) bool { return slices.Contains(f.Kinds, kind) }
