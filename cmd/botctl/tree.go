package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/internal/optable"
)

// newAPICmds builds one command per API from the command tables: a
// resource command per first word, a leaf per operation.
func newAPICmds(a *app, apis []*optable.API) []*cobra.Command {
	out := make([]*cobra.Command, 0, len(apis))
	for _, api := range apis {
		out = append(out, newAPICmd(a, api))
	}
	return out
}

func newAPICmd(a *app, api *optable.API) *cobra.Command {
	root := &cobra.Command{Use: api.Name, Short: api.Short, Long: api.Long}
	if f, ok := apiFlags[api.Name]; ok {
		f(a, root)
	}
	groups := map[string]*cobra.Command{}
	for i := range api.Ops {
		op := &api.Ops[i]
		parent := root
		for _, word := range op.Command[:len(op.Command)-1] {
			g, ok := groups[word]
			if !ok {
				g = &cobra.Command{Use: word, Short: groupShort(api, word)}
				groups[word] = g
				parent.AddCommand(g)
			}
			parent = g
		}
		parent.AddCommand(newOpCmd(a, api, op))
	}
	// --help lists every command below with its one-line description and
	// its first example.
	summarizeLeaves(root)
	return root
}

// groupShort is a resource command's description: info's x-botctl groups,
// else the word itself.
func groupShort(api *optable.API, word string) string {
	for _, g := range api.Groups {
		if g.Word == word {
			return g.Short
		}
	}
	return strings.ToUpper(word[:1]) + word[1:]
}

// newOpCmd is one operation's command: its positional arguments, a flag per
// parameter and body key, --data when it sends a body, and the help the
// spec gives.
func newOpCmd(a *app, api *optable.API, op *optable.Op) *cobra.Command {
	c := &opCommand{app: a, api: api, op: op, flags: map[string]*fieldFlag{}}
	use := []string{op.Command[len(op.Command)-1]}
	nargs, variadic := 0, false
	for _, f := range op.Fields {
		if f.Arg > 0 {
			use = append(use, argName(f))
			nargs++
			variadic = variadic || f.Variadic
		}
	}
	long := op.Summary
	if op.Description != "" {
		long += "\n\n" + op.Description
	}
	cmd := &cobra.Command{
		Use:     strings.Join(use, " "),
		Short:   op.Summary,
		Long:    long,
		Example: "  " + strings.Join(op.Examples, "\n  "),
		Args:    cobra.ExactArgs(nargs),
		RunE:    c.run,
	}
	switch {
	case variadic:
		cmd.Args = cobra.MinimumNArgs(nargs)
	case nargs == 0:
		cmd.Args = cobra.NoArgs
	}
	c.cmd = cmd
	c.declareFlags()
	for _, h := range op.Hooks {
		if f := hookNamed(h).flags; f != nil {
			f(c)
		}
	}
	return cmd
}

// argName is a positional argument's name in the usage line:
// checkin_uuid → CHECKIN_ID, members... → MEMBERS...
func argName(f optable.Field) string {
	n := strings.ToUpper(strings.TrimSuffix(f.Name, "_uuid"))
	if strings.HasSuffix(f.Name, "_uuid") {
		n += "_ID"
	}
	if f.Variadic {
		n += "..."
	}
	return n
}
