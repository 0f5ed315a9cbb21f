package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/botsdk/botsdk/cmd/internal/optable"
)

// opCommand is one operation's command while it runs: the table it was
// built from and its flags.
type opCommand struct {
	app *app
	api *optable.API
	op  *optable.Op
	cmd *cobra.Command
	// data is --data: @file, - for stdin, or inline JSON.
	data string
	// flags are the fields' flags, by field name.
	flags map[string]*fieldFlag
	// hookFlags hold the values of flags hooks declare, by flag name.
	hookFlags map[string]any
}

// fieldFlag is the flag of one field: value returns what the flag's text
// means as the field's JSON value.
type fieldFlag struct {
	field *optable.Field
	value func() (any, error)
}

// dataUsage is the start of --data's help; the body's keys follow.
const dataUsage = "the raw JSON request body: @file.json, - for stdin, or inline JSON; flags given as well replace its keys"

// listUsage ends the help of every list flag.
const listUsage = " (comma-separated or repeated)"

// declareFlags declares a flag per field that has one, from its JSON kind:
// lists take comma-separated or repeated values, codes a name or a number,
// enums complete their values; --data when the operation sends a body.
func (c *opCommand) declareFlags() {
	fs := c.cmd.Flags()
	var keys []string
	for i := range c.op.Fields {
		f := &c.op.Fields[i]
		if f.In == "body" && f.Flag != "" {
			keys = append(keys, f.Name)
		}
		if f.Flag == "" {
			continue
		}
		ff := &fieldFlag{field: f}
		usage := f.Help
		switch {
		case len(f.Codes) > 0:
			cs := codes{list: f.Codes, open: f.OpenCodes}
			usage += ": " + cs.describe()
			if f.Accepts("array") {
				l := &codeList{codes: cs}
				fs.Var(l, f.Flag, usage+listUsage)
				ff.value = func() (any, error) { return l.vals, nil }
			} else {
				v := &codeValue{codes: cs}
				fs.Var(v, f.Flag, usage)
				ff.value = func() (any, error) { return v.val, nil }
			}
			_ = c.cmd.RegisterFlagCompletionFunc(f.Flag, cs.complete)
		case f.Accepts("array") && f.Parse == "" && (f.Item == "integer" || f.Item == "number"):
			v := fs.IntSlice(f.Flag, nil, usage+listUsage)
			ff.value = func() (any, error) { return *v, nil }
		case f.Accepts("array"):
			v := fs.StringSlice(f.Flag, nil, usage+listUsage)
			ff.value = func() (any, error) { return listValue(f, *v) }
		case f.Accepts("boolean"):
			v := fs.Bool(f.Flag, false, usage)
			ff.value = func() (any, error) { return *v, nil }
		case f.Accepts("integer"):
			v := fs.Int(f.Flag, 0, usage)
			ff.value = func() (any, error) { return *v, nil }
		case f.Accepts("number"):
			v := fs.Float64(f.Flag, 0, usage)
			ff.value = func() (any, error) { return *v, nil }
		case f.Accepts("string"):
			v := fs.String(f.Flag, "", usage)
			ff.value = func() (any, error) { return parseValue(f, *v) }
			if len(f.Enum) > 0 {
				enum := f.Enum
				_ = c.cmd.RegisterFlagCompletionFunc(f.Flag, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
					return enum, cobra.ShellCompDirectiveNoFileComp
				})
			}
		default:
			continue // an object: --data only
		}
		c.flags[f.Name] = ff
		// A validation error names the API's field; the annotation lets
		// the error name the flag too.
		annotateField(c.cmd, f.Name, f.Flag)
	}
	if len(keys) > 0 {
		fs.StringVar(&c.data, "data", "", dataUsage+". Keys: "+strings.Join(keys, ", "))
	}
	if c.op.Result.Paged {
		c.declarePagingFlag()
	}
}

// listValue reads a list flag's values: each item must be non-empty (a
// doubled or trailing comma makes an empty one, which no id, email or
// event name is), and a parser hook turns each into its object.
func listValue(f *optable.Field, values []string) (any, error) {
	out := make([]any, 0, len(values))
	for i, v := range values {
		if strings.TrimSpace(v) == "" {
			return nil, fmt.Errorf("item %d of %d is empty (a doubled or trailing comma?)", i+1, len(values))
		}
		item, err := parseValue(f, v)
		if err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, nil
}

// parseValue is a flag's text as the field's value: the text itself, or
// what the field's parser hook makes of it.
func parseValue(f *optable.Field, s string) (any, error) {
	if f.Parse == "" {
		return s, nil
	}
	p, ok := parsers[f.Parse]
	if !ok {
		return nil, fmt.Errorf("botctl has no parser %q (x-botctl parse)", f.Parse)
	}
	return p(s)
}

// flagValue returns the JSON value of field's flag, and false when the flag
// was not given. A value the flag refuses is a usage error naming it.
func (c *opCommand) flagValue(name string) (json.RawMessage, bool, error) {
	ff := c.flags[name]
	if ff == nil || !c.cmd.Flags().Changed(ff.field.Flag) {
		return nil, false, nil
	}
	v, err := ff.value()
	if err != nil {
		return nil, true, usagef("--%s: %v", ff.field.Flag, err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, true, usagef("--%s: %v", ff.field.Flag, err)
	}
	return raw, true, nil
}

// codes name integer codes (roles, statuses, channels) so flags take either
// the name or the number.
type codes struct {
	list []optable.Code
	// open accepts numbers without a name (AssistBot's undocumented task
	// status 2); otherwise only the named codes are valid.
	open bool
}

// parse reads one name (in any case) or number.
func (c codes) parse(s string) (int, error) {
	s = strings.TrimSpace(s)
	for _, code := range c.list {
		if strings.EqualFold(code.Name, s) {
			return code.Value, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not one of %s or a number", s, strings.Join(c.names(), ", "))
	}
	if !c.open && !slices.ContainsFunc(c.list, func(code optable.Code) bool { return code.Value == n }) {
		return 0, fmt.Errorf("%d is not one of %s", n, c.describe())
	}
	return n, nil
}

// cell is a table cell's text for a code: its name, or the code itself
// when it has none.
func (c codes) cell(s string) string {
	for _, code := range c.list {
		if strconv.Itoa(code.Value) == s {
			return code.Name
		}
	}
	return s
}

// names lists the names, ordered by code.
func (c codes) names() []string {
	out := make([]string, len(c.list))
	for i, code := range c.list {
		out[i] = code.Name
	}
	return out
}

// describe lists "name (code)" pairs for help and errors.
func (c codes) describe() string {
	parts := make([]string, len(c.list))
	for i, code := range c.list {
		parts[i] = fmt.Sprintf("%s (%d)", code.Name, code.Value)
	}
	return strings.Join(parts, ", ")
}

// complete offers the names to shell completion.
func (c codes) complete(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return c.names(), cobra.ShellCompDirectiveNoFileComp
}

// codeList is a pflag.Value for a list of codes, comma-separated and
// repeatable: --role worker,manager --role 2.
type codeList struct {
	codes
	vals []int
}

func (l *codeList) String() string {
	parts := make([]string, len(l.vals))
	for i, v := range l.vals {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}

func (l *codeList) Set(s string) error {
	for _, part := range strings.Split(s, ",") {
		n, err := l.parse(part)
		if err != nil {
			return err
		}
		l.vals = append(l.vals, n)
	}
	return nil
}

func (l *codeList) Type() string { return "names" }

// codeValue is a pflag.Value for one code given by name or number.
type codeValue struct {
	codes
	val int
}

func (v *codeValue) String() string {
	if v.val == 0 {
		return ""
	}
	return strconv.Itoa(v.val)
}

func (v *codeValue) Set(s string) error {
	n, err := v.parse(s)
	if err != nil {
		return err
	}
	v.val = n
	return nil
}

func (v *codeValue) Type() string { return "name" }

var _ pflag.Value = (*codeList)(nil)
