package main

import (
	"cmp"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// commandsJSON are the tables cmd/botctlgen writes from the specs' x-botctl.
//
//go:embed commands.gen.json
var commandsJSON []byte

// commandTables are the tables botctl builds its commands from.
var commandTables = func() (apis []*optable.API) {
	if err := json.Unmarshal(commandsJSON, &apis); err != nil {
		panic("botctl: commands.gen.json: " + err.Error())
	}
	return apis
}()

// newAPICmd builds an API's command from its table: a group per command
// prefix ("teams", "teams members"), a leaf per operation, and a --help
// that lists every command below it with its description and first example.
func newAPICmd(a *app, api *optable.API) *cobra.Command {
	root := &cobra.Command{Use: api.Name, Short: api.Short, Long: api.Long}
	if api.Form != "" {
		root.PersistentFlags().BoolVar(&a.g.form, "form", false, api.Form)
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
	c.declareFlags()
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
	cl, err := c.app.client(ctx, c.api.Name)
	if err != nil {
		return err
	}
	ctx = botsdk.WithSecrets(ctx, r.secrets...)
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
	if c.op.List || c.op.Enveloped {
		items := cl.Items(ctx, c.op.Method, r.path, r.query, r.payload) // every page
		if !c.app.g.all {
			items = botsdk.Items(func() ([]json.RawMessage, error) { return cl.firstPage(ctx, c.op.Method, r) })
		}
		return c.print(ctx, cl.Redact, c.op.List, items)
	}
	var raw json.RawMessage
	_, err = cl.Do(ctx, c.op.Method, r.path, r.query, r.payload, &raw)
	return c.print(ctx, cl.Redact, false, listed([]json.RawMessage{raw}, err))
}
