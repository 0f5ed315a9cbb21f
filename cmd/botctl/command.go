package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// commandTables returns the tables botctl builds its commands from, every
// API's whole, decoded on first use.
var commandTables = sync.OnceValue(func() []*optable.API { return decodeTables(func(string) bool { return true }) })

// decodeTables returns the tables of the APIs whole picks decoded from
// apiTables, and of the others their apiHeads entry, which is what the root
// command's help shows (name, descriptions, --form), without their
// commands. A command line that does not name an API never reaches its
// commands, and decoding and building them all would be most of botctl's
// start-up.
func decodeTables(whole func(api string) bool) []*optable.API {
	apis := make([]*optable.API, len(apiHeads))
	for i := range apiHeads {
		head := apiHeads[i] // a copy: the embedded heads stay as generated
		apis[i] = &head
		if whole(head.Name) {
			apis[i] = decodeTable(head.Name, *apiTables[i])
		}
	}
	return apis
}

// decodeTable decodes api's embedded table, as cmd/botctlgen writes it
// from the specs' x-botctl: optable's binary form (decoded without
// reflection, and not compressed: decompressing DailyBot's cost a cold
// start about 2 ms), one per API so that a command decodes its API's alone.
// It panics when the table is corrupt, which only a broken build can cause.
func decodeTable(api, data string) *optable.API {
	t := &optable.API{}
	if err := t.DecodeBinary(data); err != nil {
		panic("botctl: tables/" + api + ".gen.bin: " + err.Error())
	}
	return t
}

// newAPICmd builds an API's command from its table: a group per command
// prefix ("teams", "teams members"), a leaf per operation, and a --help
// that lists every command below it with its description and first example.
func newAPICmd(a *app, api *optable.API) *cobra.Command {
	root := &cobra.Command{Use: api.Name, Short: api.Short, Long: api.Long}
	if api.Form != "" {
		root.PersistentFlags().BoolVar(&a.g.form, "form", false, api.Form)
	}
	if len(api.Ops) == 0 {
		// A table decoded without its commands (decodeTables): the root's
		// help lists it, and nothing reaches it, but say so if it were.
		root.RunE = func(c *cobra.Command, _ []string) error {
			return usagef("%q needs a subcommand; see '%s --help'", c.CommandPath(), c.CommandPath())
		}
		return root
	}
	groups := map[string]*cobra.Command{} // by command prefix
	var list strings.Builder
	tw := tabwriter.NewWriter(&list, 0, 4, 2, ' ', 0)
	var examples []string
	for i := range api.Ops {
		op, parent := &api.Ops[i], root
		for j, word := range op.Command[:len(op.Command)-1] {
			prefix := strings.Join(op.Command[:j+1], " ")
			if groups[prefix] == nil {
				groups[prefix] = &cobra.Command{Use: word, Short: cmp.Or(api.Groups[prefix], strings.ToUpper(word[:1])+word[1:])}
				parent.AddCommand(groups[prefix])
			}
			parent = groups[prefix]
		}
		cmd := newOpCmd(a, api, op)
		parent.AddCommand(cmd)
		fmt.Fprintf(tw, "  %s\t%s\n", strings.Join(append(slices.Clip(op.Command[:len(op.Command)-1]), cmd.Use), " "), op.Summary)
		first, _, _ := strings.Cut(cmd.Example, "\n")
		examples = append(examples, first)
	}
	if a.preparePath {
		a.prepareRun(api)
	}
	req := newRequestCmd(a, api)
	root.AddCommand(req)
	fmt.Fprintf(tw, "  %s\t%s\n", "request", req.Short)
	first, _, _ := strings.Cut(req.Example, "\n")
	examples = append(examples, first)
	_ = tw.Flush()
	root.Long += "\n\nCommands:\n" + strings.TrimRight(list.String(), "\n")
	root.Example = strings.Join(examples, "\n")
	return root
}

// opCommand is one operation's command: its table, its fields' flags (and
// arguments) by field name, --data, and the hooks the operation names.
type opCommand struct {
	app   *app
	api   *optable.API
	op    *optable.Op
	cmd   *cobra.Command
	flags map[string]*fieldFlag
	data  string
	hooks []hook
	yes   bool // --yes: send a destructive operation without asking
	dates *dateShortcuts
}

// newOpCmd is one operation's command: its positional arguments, its flags
// (declareFlags, then its hooks'), and the help the spec gives.
func newOpCmd(a *app, api *optable.API, op *optable.Op) *cobra.Command {
	c := &opCommand{app: a, api: api, op: op, flags: map[string]*fieldFlag{}}
	use, nargs, variadic := []string{op.Command[len(op.Command)-1]}, 0, false
	for _, f := range op.Fields {
		if f.Arg > 0 {
			use = append(use, argName(f))
			nargs, variadic = max(nargs, f.Arg), variadic || f.Variadic
		}
	}
	args := cobra.ExactArgs(nargs)
	if variadic {
		args = cobra.MinimumNArgs(nargs)
	} else if nargs == 0 {
		args = cobra.NoArgs // its error suggests subcommands
	}
	c.cmd = &cobra.Command{Use: strings.Join(use, " "), Short: op.Summary, Long: strings.TrimSpace(op.Summary + "\n\n" + op.Description),
		Example: "  " + strings.Join(op.Examples, "\n  "), Args: args, RunE: c.run}
	if a.invoked != nil && !a.invoked(op.Command) {
		// Listed by its group's help, never run: its flags, completions
		// and hooks are not built (most of a command's cost).
		c.cmd.RunE = func(cmd *cobra.Command, _ []string) error {
			return fmt.Errorf("botctl: %s was built without its flags", cmd.CommandPath())
		}
		return c.cmd
	}
	c.declareFlags()
	if op.Confirm {
		c.yesFlag()
	}
	c.registerCompletions()
	c.dateFlags()
	for _, name := range op.Hooks {
		h := hooks[name]
		c.hooks = append(c.hooks, h)
		if h.flags != nil {
			h.flags(c)
		}
	}
	return c.cmd
}

// argName is a positional argument's name in the usage line:
// checkin_uuid → CHECKIN_ID, members... → MEMBERS...
func argName(f optable.Field) string {
	n := strings.ToUpper(strings.Replace(f.Name, "_uuid", "_id", 1))
	if f.Variadic {
		return n + "..."
	}
	return n
}

// run is every operation's RunE: build the request and client, run the
// hooks, check the request, send it, print the answer. A validation error
// names the API's field (from a flag or --data); run adds its flag.
func (c *opCommand) run(cmd *cobra.Command, args []string) error {
	err := c.send(cmd.Context(), args)
	var v *botsdk.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	flag := ""
	if f := c.op.Field(v.Field); f != nil {
		flag = f.Flag
	} else if v.Field == c.op.Size && v.Field != "" {
		flag = "page-size"
	}
	if flag == "" || strings.Contains(err.Error(), "--"+flag) {
		return err
	}
	return fmt.Errorf("%w (flag --%s)", err, flag)
}

func (c *opCommand) send(ctx context.Context, args []string) error {
	r, err := c.buildRequest(args)
	if err != nil {
		return err
	}
	cl, err := c.app.client(ctx, c.api.Name, c.op.Keyless)
	if err != nil {
		return err
	}
	if c.app.mock != nil {
		// The embedded mock's days are its clock's (BOTCTL_MOCK_NOW, or
		// --state's saved run): count the date shortcuts from there.
		if err := c.applyDates(r, c.app.mock.Mock.Now().Local()); err != nil {
			return err
		}
	}
	ctx = botsdk.WithSecrets(ctx, r.secrets...)
	if c.app.dry != nil {
		c.app.dry.loginIsCall = slices.Contains(c.op.Hooks, "login")
		return c.app.dryRunOf(ctx, cl, c.sendWith(ctx, cl, r, args))
	}
	return c.sendWith(ctx, cl, r, args)
}

// sendWith runs the hooks, checks the request, finds the ids of people and
// teams given by name in args, asks before a destructive request, sends it
// with cl and prints the answer. A dry run looks nothing up and asks
// nothing: names are printed as given.
func (c *opCommand) sendWith(ctx context.Context, cl *client, r *request, args []string) error {
	for _, h := range c.hooks {
		if h.run != nil {
			if done, err := h.run(ctx, c, cl, r); done || err != nil {
				return err
			}
		}
	}
	if err := c.check(r); err != nil {
		return err
	}
	if c.app.dry == nil {
		if err := c.resolveNames(ctx, cl, r, args); err != nil {
			return err
		}
		if err := c.confirm(ctx, r); err != nil {
			return err
		}
	}
	if c.op.List || c.op.Enveloped {
		total := &listTotal{}
		follow := c.app.g.all || c.app.g.limit > 0 && c.op.List
		items := cl.Items(watchTotal(ctx, cl, r.path, total), c.op.Method, r.path, r.query, r.payload) // every page, as far as read
		if !follow {
			items = botsdk.Items(func() ([]json.RawMessage, error) {
				items, n, err := cl.firstPage(ctx, c.op.Method, r)
				total.n.Store(int64(n))
				return items, err
			})
		}
		return c.printList(ctx, cl.Redact, c.op.List, items, total)
	}
	var raw json.RawMessage
	_, err := cl.Do(ctx, c.op.Method, r.path, r.query, r.payload, &raw)
	return c.print(ctx, cl.Redact, false, listed([]json.RawMessage{raw}, err))
}

// request is an operation's request: the path with its parameters, the
// query, the body's keys (nil for none), the body to send (nil, not a nil
// map, for none) and the credentials the body carries.
type request struct {
	path    string
	query   url.Values
	body    map[string]json.RawMessage
	payload any
	secrets []botsdk.Secret
}

// buildRequest builds the request from the arguments, --data, the flags the
// user set (each replacing its key) and --page-size.
func (c *opCommand) buildRequest(args []string) (*request, error) {
	r := &request{path: c.op.Path, query: url.Values{}}
	if c.op.Body {
		r.body = map[string]json.RawMessage{}
		if c.data != "" {
			var err error
			if r.body, err = c.readData(); err != nil {
				return nil, err
			}
		}
	}
	for i := range c.op.Fields {
		f, ff := &c.op.Fields[i], c.flags[c.op.Fields[i].Name]
		if f.Arg > 0 {
			given := args[f.Arg-1:]
			if !f.Variadic {
				given = given[:1]
			}
			for _, arg := range given {
				if err := ff.add(arg); err != nil {
					return nil, usagef("%s: %v", argName(*f), err)
				}
			}
		} else if ff == nil || !c.cmd.Flags().Changed(f.Flag) {
			continue
		}
		switch f.In {
		case "path":
			r.path = strings.ReplaceAll(r.path, "{"+f.Name+"}", url.PathEscape(fmt.Sprint(ff.value())))
		case "query":
			for _, x := range ff.vals {
				r.query.Add(f.Name, fmt.Sprint(x))
			}
		default:
			r.body[f.Name], _ = json.Marshal(ff.value())
		}
	}
	for _, f := range c.op.Fields {
		var s string
		if f.AlsoQuery && json.Unmarshal(r.body[f.Name], &s) == nil {
			r.query.Set(f.Name, s) // the sources disagree where it goes: send both
		}
	}
	if size := c.app.g.pageSize; c.op.Size != "" && size > 0 {
		// --page-size goes with the start the user gave: --page on a list
		// that pages by offset by default sends page_size, not limit.
		param := c.op.Size
		for start, p := range c.op.Sizes {
			if r.query.Has(start) {
				param = p
			}
		}
		r.query.Set(param, strconv.Itoa(size))
	}
	if err := c.applyDates(r, time.Now()); err != nil {
		return nil, err
	}
	if r.body != nil {
		r.payload = r.body
	}
	for _, path := range c.op.Secrets {
		r.secrets = appendSecrets(r.secrets, r.body, path)
	}
	return r, nil
}

// appendSecrets appends the non-empty strings the secret path names in body
// (see optable.Op.Secrets): a key, "key[]" for each item of a list,
// "a.b" for a member, and a last "*" for every string member but "type".
func appendSecrets(out []botsdk.Secret, body map[string]json.RawMessage, path string) []botsdk.Secret {
	key, rest, _ := strings.Cut(path, ".")
	key, each := strings.CutSuffix(key, "[]")
	values := []json.RawMessage{body[key]}
	if key == "*" {
		values = nil
		for _, k := range slices.Sorted(maps.Keys(body)) {
			if k != "type" {
				values = append(values, body[k])
			}
		}
	}
	if each {
		var items []json.RawMessage
		for _, v := range values {
			var list []json.RawMessage
			if json.Unmarshal(v, &list) == nil {
				items = append(items, list...)
			}
		}
		values = items
	}
	for _, v := range values {
		if rest != "" {
			var obj map[string]json.RawMessage
			if json.Unmarshal(v, &obj) == nil {
				out = appendSecrets(out, obj, rest)
			}
			continue
		}
		var s string
		if json.Unmarshal(v, &s) == nil && s != "" {
			out = append(out, botsdk.NewSecret(s))
		}
	}
	return out
}

// readData reads --data (@path, - for stdin, or the JSON itself): one JSON
// object whose keys the body has, each read by readJSON, in sorted order so
// that a bad body names the same key on every run (a body whose spec declares
// no key is sent as given).
func (c *opCommand) readData() (map[string]json.RawMessage, error) {
	raw, err := readData(c.app, c.data)
	var body map[string]json.RawMessage
	if err != nil {
		return nil, err
	} else if err := json.Unmarshal(raw, &body); err != nil {
		return nil, usagef("--data: want a JSON object: %s", strings.TrimPrefix(err.Error(), "json: "))
	} else if body == nil {
		return nil, usagef("--data: want a JSON object, got null")
	}
	if c.op.OpenBody {
		return body, nil // no key is declared to check it against
	}
	for _, k := range slices.Sorted(maps.Keys(body)) {
		f := c.op.Field(k)
		if f == nil || f.In != "body" || f.Flag == "" && f.Arg == 0 {
			return nil, usagef("--data: unknown field %q for this command; see --help for the body's keys", k)
		}
		v, err := readJSON(f, body[k])
		if err != nil {
			return nil, err
		}
		body[k] = v
		if v == nil {
			delete(body, k)
		}
	}
	return body, nil
}

// check refuses a request that misses a required field, or an update (PATCH
// or PUT) that changes nothing, which the API would accept and ignore.
func (c *opCommand) check(r *request) error {
	for _, f := range c.op.Fields {
		if f.Required && f.Flag != "" && r.body[f.Name] == nil && !r.query.Has(f.Name) {
			hint := ""
			if len(f.Enum) > 0 && !f.Open {
				hint = ": " + strings.Join(f.Enum, " or ")
			}
			return &botsdk.ValidationError{API: c.api.Name, Field: f.Name, Problem: "is required (missing --" + f.Flag + hint + ")"}
		}
	}
	// A body of empty lists changes nothing either.
	// An open body's keys are undocumented: which of them change nothing is
	// unknown, so it is sent as given.
	change := slices.ContainsFunc(slices.Collect(maps.Values(r.body)), func(v json.RawMessage) bool { return string(v) != "[]" })
	if change || c.op.OpenBody || c.op.Method != http.MethodPatch && c.op.Method != http.MethodPut {
		return nil
	}
	var flags []string
	for _, f := range c.op.Fields {
		if f.In == "body" && f.Flag != "" && len(flags) < 3 {
			flags = append(flags, "--"+f.Flag)
		}
	}
	return usagef("nothing to update: give a field to change with its flag (%s, …; see --help) or with --data", strings.Join(flags, ", "))
}

// declareFlags declares a flag per field (an object, or a list of objects
// no parser hook reads, takes --data only) and --data for a body.
func (c *opCommand) declareFlags() {
	fs := c.cmd.Flags()
	var keys []string
	for i := range c.op.Fields {
		f := &c.op.Fields[i]
		ff := &fieldFlag{f: f}
		if f.Flag != "" && f.In == "body" {
			keys = append(keys, f.Name)
		}
		flagged := f.Flag != "" && f.Kind != "" && (f.Kind != "object" || f.Parse != "")
		if f.Arg > 0 || flagged {
			c.flags[f.Name] = ff
		}
		if !flagged {
			continue
		}
		usage := f.Help
		if len(f.Codes) > 0 {
			usage += ": " + describeCodes(f.Codes)
		} else if !f.Open && slices.ContainsFunc(f.Enum, func(e string) bool { return !strings.Contains(usage, e) }) {
			usage += ": " + strings.Join(f.Enum, " or ")
		}
		if f.Required {
			usage += " (required)"
		}
		if ff.list() {
			usage += " (comma-separated or repeated)"
		}
		fs.Var(ff, f.Flag, usage)
		if ff.Type() == "bool" {
			fs.Lookup(f.Flag).NoOptDefVal = "true"
		}
		names := slices.Clone(f.Enum)
		for _, code := range f.Codes {
			names = append(names, code.Name)
		}
		if len(names) > 0 {
			_ = c.cmd.RegisterFlagCompletionFunc(f.Flag, cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
		}
	}
	switch {
	case len(keys) > 0:
		fs.StringVar(&c.data, "data", "", "the raw JSON request body: @file.json, - for stdin, or inline JSON; "+
			"flags given as well replace its keys. Keys: "+strings.Join(keys, ", "))
	case c.op.OpenBody:
		fs.StringVar(&c.data, "data", "", "the raw JSON request body: @file.json, - for stdin, or inline JSON; "+
			"its keys are undocumented, so any JSON object is sent as given (default {})")
	}
}

// fieldFlag is the flag (or the argument) of one field, a pflag.Value that
// reads each value as it is given, by the field's schema or parser hook, so
// a bad value is a usage error naming the flag before anything is sent.
type fieldFlag struct {
	f    *optable.Field
	vals []any
}

func (v *fieldFlag) list() bool { return v.f.Accepts("array") }

// Set reads a flag's text: a scalar replaces the value, a list adds its
// comma-separated items (none for "").
func (v *fieldFlag) Set(s string) error {
	if !v.list() {
		v.vals = nil
		return v.add(s)
	}
	for _, p := range strings.Split(s, ",") {
		if err := v.add(p); s != "" && err != nil {
			return err
		}
	}
	return nil
}

// add reads one value's text (a list's item is never blank: no id, email or
// event name is) by the parser hook, a code's name or the field's kind.
func (v *fieldFlag) add(s string) error {
	var x any = s
	var err error
	t := strings.TrimSpace(s)
	i := slices.IndexFunc(v.f.Codes, func(c optable.Code) bool { return strings.EqualFold(c.Name, t) })
	switch kind := v.f.Kind; {
	case v.list() && t == "" && v.f.Arg > 0:
		err = errors.New("an argument is empty")
	case v.list() && t == "":
		err = errors.New("an item is empty (a doubled or trailing comma?)")
	case v.f.Parse != "":
		x, err = parsers[v.f.Parse].read(s)
	case i >= 0:
		x = json.Number(strconv.Itoa(v.f.Codes[i].Value))
	case kind == "boolean":
		if x, err = strconv.ParseBool(t); err != nil {
			err = fmt.Errorf("%q is not true or false", s)
		}
	case kind == "integer" || kind == "number":
		var n json.Number
		if json.Unmarshal([]byte(t), &n) != nil || kind == "integer" && strings.ContainsAny(string(n), ".eE") {
			err = fmt.Errorf("%q is not a number", s)
			if kind == "integer" {
				err = fmt.Errorf("%q is not a whole number", s)
			}
			if len(v.f.Codes) > 0 {
				err = fmt.Errorf("%q is not one of %s or a number", s, describeCodes(v.f.Codes))
			}
		}
		x = n
	}
	if err == nil {
		err = checkValue(v.f, x)
	}
	if err == nil {
		v.vals = append(v.vals, x)
	}
	return err
}

// value is the field's JSON value: the list, or the scalar given last.
func (v *fieldFlag) value() any {
	if v.list() {
		return append([]any{}, v.vals...)
	}
	return v.vals[0]
}

func (v *fieldFlag) String() string { return strings.Trim(fmt.Sprint(v.vals), "[]") }

// Type is the value's name in help, as pflag's own flags name theirs, or
// the form its parser reads (LABEL=COMMAND).
func (v *fieldFlag) Type() string {
	if v.f.Parse != "" {
		return parsers[v.f.Parse].format
	}
	t := cmp.Or(map[string]string{"boolean": "bool", "integer": "int", "number": "float"}[v.f.Kind], "string")
	if len(v.f.Codes) > 0 {
		t = "name"
	}
	if v.list() {
		t += "s"
	}
	return t
}

// checkValue checks a flag's value (or list item) against f's enum, codes
// and closed range; the client checks the rest of the spec's rules.
func checkValue(f *optable.Field, x any) error {
	num, isNumber := x.(json.Number)
	n, _ := num.Float64()
	switch s, isString := x.(string); {
	case isString && len(f.Enum) > 0 && !f.Open && !slices.Contains(f.Enum, s):
		return fmt.Errorf("must be %s (got %q)", strings.Join(f.Enum, " or "), s)
	case isNumber && len(f.Codes) > 0 && !f.Open && !slices.ContainsFunc(f.Codes, func(c optable.Code) bool { return float64(c.Value) == n }):
		return fmt.Errorf("%v is not one of %s", x, describeCodes(f.Codes))
	case isNumber && f.Min != nil && f.Max != nil && (n < *f.Min || n > *f.Max):
		return fmt.Errorf("must be between %v and %v (got %v)", *f.Min, *f.Max, x)
	}
	return nil
}

// readJSON reads a --data value: of a JSON kind f takes, a string through
// f's parser hook (the client checks the rest). A null f does not take is
// the key's absence (nil).
func readJSON(f *optable.Field, raw json.RawMessage) (json.RawMessage, error) {
	var s string
	kind := map[byte]string{'"': "string", '[': "array", '{': "object", 't': "boolean", 'f': "boolean", 'n': "null"}[bytes.TrimSpace(raw)[0]]
	if n := json.Number(bytes.TrimSpace(raw)); kind == "" {
		kind = "number"
		if _, err := n.Int64(); err == nil && !f.Accepts("number") {
			kind = "integer"
		}
	}
	switch {
	case kind == "null" && f.Nullable:
		return raw, nil
	case kind == "null":
		return nil, nil
	case !f.Accepts(kind):
		kinds := slices.Clip(f.Kinds)
		if f.Nullable {
			kinds = append(kinds, "null")
		}
		return nil, usagef("--data: %s: %q must be a JSON %s (got %s)", f.Name, f.Name, strings.Join(kinds, " or "), raw)
	case kind == "string" && f.Parse != "" && json.Unmarshal(raw, &s) == nil:
		x, err := parsers[f.Parse].read(s)
		if err != nil {
			return nil, usagef("--data: %s: %v", f.Name, err)
		}
		return json.Marshal(x)
	}
	return raw, nil
}

// describeCodes lists "name (code)" pairs for help and errors.
func describeCodes(codes []optable.Code) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%s (%d)", c.Name, c.Value)
	}
	return strings.Join(parts, ", ")
}
