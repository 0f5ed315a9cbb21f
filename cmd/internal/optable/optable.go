// Package optable holds botctl's command tables: one Op per spec operation
// that carries an x-botctl extension, with everything botctl needs to build
// the command, its flags, its help and its output without parsing YAML at
// start-up. FromSpec builds the tables from a loaded spec; WriteGo writes them
// as Go source, which `make generate` (cmd/botctlgen) puts in cmd/botctl.
//
//	doc, _ := specs.Load(ctx, "dailybot")
//	api, err := optable.FromSpec(doc, "dailybot")
//	err = optable.WriteGo(w, "main", []*optable.API{api})
package optable

// API is one spec's commands.
type API struct {
	// Name is the spec's name and the command's first word ("dailybot").
	Name string
	// Short and Long are the API command's help (info's x-botctl).
	Short, Long string
	// Groups are the resource commands' one-line descriptions, by word.
	Groups []Group
	// Ops are the operations in the spec's path order.
	Ops []Op
}

// Group is a resource command ("checkins") and its one-line description.
type Group struct {
	Word, Short string
}

// Op is one operation and the command that calls it.
type Op struct {
	// ID is the spec's operationId.
	ID string
	// Command is the command's words below the API ("checkins", "list").
	Command []string
	// Method and Path are the HTTP method and the path template below the
	// API's base URL ("/checkins/{checkin_uuid}/").
	Method, Path string
	// Summary, Description and Examples are the help.
	Summary, Description string
	Examples             []string
	// Fields are the path and query parameters and the body's keys.
	Fields []Field
	// Body reports that the operation sends a JSON body.
	Body bool
	// Result says what the answer holds.
	Result Result
	// Columns are -o table's columns; CSV, when set, -o csv's (the item's
	// keys flattened), else csv uses Columns too.
	Columns []Column
	CSV     []string
	// Checks are the named rules the schema cannot say ("start_on <= end_on").
	Checks []string
	// Hooks name the hand-written code the command runs.
	Hooks []string
	// Secrets are body keys that hold credentials.
	Secrets []string
}

// Result says where an answer's data is.
type Result struct {
	// List reports an answer that lists items; Paged that it follows pages.
	List, Paged bool
	// Start is the query parameter that picks the first page ("offset",
	// "page"), Size the one that sets the page size ("limit"); "" for none.
	Start, Size string
	// Items is the key that holds a list's items ("" for a bare array);
	// Unwrap the key that holds an object's value ("" for the answer itself).
	Items, Unwrap string
}

// Field is a path or query parameter or a key of the body.
type Field struct {
	// Name is the API's name for it; In is "path", "query" or "body".
	Name, In string
	// Flag is the flag that sets it ("" when it is a positional argument).
	Flag string
	// Arg is its position among the arguments, from 1 (0 for none);
	// Variadic takes every argument from there on.
	Arg      int
	Variadic bool
	// Kinds are the JSON kinds it accepts (string, integer, number, boolean,
	// array, object); Item the kind of an array's items.
	Kinds []string
	Item  string
	// Format is the string format (date, date-time).
	Format string
	// Enum lists the values a string takes.
	Enum []string
	// Codes name integer values; OpenCodes lets numbers without a name pass.
	Codes     []Code
	OpenCodes bool
	// Nullable allows null; Required makes it mandatory.
	Nullable, Required bool
	// Parse names the hook that turns a flag's text into the value.
	Parse string
	// Help is the flag's one-line help.
	Help string
}

// Code is a name for an integer value (a role, a channel).
type Code struct {
	Name  string
	Value int
}

// Column is a table column: Header over the value at Path (dotted keys),
// with Cell naming a formatter ("unix", "codes").
type Column struct {
	Header, Path, Cell string
}

// Has reports whether o lists hook.
func (o *Op) Has(hook string) bool {
	for _, h := range o.Hooks {
		if h == hook {
			return true
		}
	}
	return false
}

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
func (f *Field) Accepts(kind string) bool {
	for _, k := range f.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}
