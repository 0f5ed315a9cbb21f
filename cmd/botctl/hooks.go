package main

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/spf13/cobra"
)

// hook is hand-written behaviour an operation names in its x-botctl hooks,
// for what a schema cannot say. Each part is optional.
type hook struct {
	// flags declares the hook's own flags.
	flags func(c *opCommand)
	// before adjusts the request before it is validated.
	before func(ctx context.Context, c *opCommand, r *request) error
	// run replaces sending the request when it reports done.
	run func(ctx context.Context, c *opCommand, r *request) (done bool, err error)
	// row adjusts a table or csv row (json and jsonl stay as sent).
	row func(row map[string]any)
}

// hookNamed returns the hook x-botctl names; each API's are in its
// hooks_<api>.go. An unknown name does nothing (the generator's test checks
// that every name the specs use is known).
func hookNamed(name string) hook {
	switch name {
	case "clear":
		return clearHook()
	case "uuid-from-id":
		return hook{row: uuidFromID}
	case "events":
		return eventsHook()
	case "agent-default":
		return hook{before: agentDefault}
	case "login":
		return hook{run: login}
	case "bot-user":
		return botUserHook()
	}
	return hook{}
}

// parsers turn a flag's text into a field's value, for values composed of
// parts (--buttons LABEL=COMMAND) or given in a form of their own (--month
// 2021-08); x-botctl's parse names them.
var parsers = map[string]func(string) (any, error){
	"channel-ref": reportingChannel,
	"chat-target": chatTarget,
	"button":      messageButton,
	"team-member": teamMember,
	"month":       month,
	"instant":     instant,
}

// apiFlags declare flags an API command gives every command below it.
var apiFlags = map[string]func(a *app, cmd *cobra.Command){
	"assistbot": assistbotFlags,
}

// clearHook is --clear FIELD: send null for nullable body fields (a flag
// not given leaves the field alone, --field "" sets it empty).
func clearHook() hook {
	return hook{
		flags: func(c *opCommand) {
			names := nullableKeys(c)
			v := c.cmd.Flags().StringSlice("clear", nil, "remove these fields' values (sent as null): "+strings.Join(names, ", "))
			c.hookFlags = map[string]any{"clear": v}
			_ = c.cmd.RegisterFlagCompletionFunc("clear", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return names, cobra.ShellCompDirectiveNoFileComp
			})
		},
		before: func(_ context.Context, c *opCommand, r *request) error {
			names := nullableKeys(c)
			for _, name := range *c.hookFlags["clear"].(*[]string) {
				name = strings.TrimSpace(name)
				f := c.op.Field(strings.ReplaceAll(name, "-", "_"))
				if f == nil || !f.Nullable || f.In != "body" {
					return usagef("--clear: %q is not one of %s", name, strings.Join(names, ", "))
				}
				if c.cmd.Flags().Changed(f.Flag) {
					return usagef("--clear %s and --%s exclude each other: clear the value or set it", name, f.Flag)
				}
				r.body[f.Name] = json.RawMessage("null")
			}
			return nil
		},
	}
}

// nullableKeys lists the body keys --clear takes.
func nullableKeys(c *opCommand) []string {
	var out []string
	for _, f := range c.op.Fields {
		if f.In == "body" && f.Nullable && f.Flag != "" {
			out = append(out, f.Name)
		}
	}
	return out
}
