package main

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/spf13/cobra"
)

// hook is what a schema cannot say, named in x-botctl hooks: its flags; a
// step that adjusts or refuses the request before it is checked, or sends it
// itself and reports done; a fix to a table or csv row.
type hook struct {
	flags func(c *opCommand)
	run   func(ctx context.Context, c *opCommand, cl *client, r *request) (done bool, err error)
	row   func(row map[string]any)
}

// hooks are the hooks x-botctl names, by name (each API's are in its
// hooks_<api>.go; TestHooksAndParsersExist checks the specs name no other).
var hooks = map[string]hook{
	"clear":             {flags: clearFlag, run: clearFields},
	"uuid-from-id":      {row: uuidFromID},
	"channel-from-body": {row: channelFromBody},
	"kudos-row":         {row: kudosRow},
	"report-channels":   {run: reportChannels, row: idFromUUID},
	"intro-message":     {row: introMessage},
	"events":            {flags: eventsFlag, run: checkEvents},
	"answers":           {flags: answersFlag, run: answersFromDetail},
	"agent-default":     {run: agentDefault},
	"login":             {run: login},
	"bot-user":          {flags: botUserFlag, run: botUser},
}

// parsers, by the name x-botctl parse gives, read a flag's text of the form
// format (its value name in help) into a field's value composed of parts
// (--buttons LABEL=COMMAND) or of a form of its own (--month 2021-08).
var parsers = map[string]struct {
	read   func(string) (any, error)
	format string
}{
	"channel-ref": {reportingChannel, "TYPE:ID[:NAME]"},
	"chat-target": {chatTarget, "[TYPE:]ID[#THREAD]"},
	"button":      {messageButton, "LABEL=COMMAND|URL"},
	"team-member": {teamMember, "USER_ID"},
	"month":       {month, "YYYY-MM"},
	"instant":     {instant, "YYYY-MM-DD|RFC3339"},
}

// clearFlag is --clear FIELD: send null for the body's nullable fields (a
// flag not given leaves the field alone, --field "" sets it empty).
func clearFlag(c *opCommand) {
	names := nullableKeys(c)
	c.cmd.Flags().StringSlice("clear", nil, "remove these fields' values (sent as null): "+strings.Join(names, ", "))
	_ = c.cmd.RegisterFlagCompletionFunc("clear", cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
}

func clearFields(_ context.Context, c *opCommand, _ *client, r *request) (bool, error) {
	names, _ := c.cmd.Flags().GetStringSlice("clear")
	for _, name := range names {
		name = strings.TrimSpace(name)
		f := c.op.Field(strings.ReplaceAll(name, "-", "_"))
		if f == nil || !f.Nullable || f.In != "body" {
			return true, usagef("--clear: %q is not one of %s", name, strings.Join(nullableKeys(c), ", "))
		}
		if c.cmd.Flags().Changed(f.Flag) {
			return true, usagef("--clear %s and --%s exclude each other: clear the value or set it", name, f.Flag)
		}
		r.body[f.Name] = json.RawMessage("null")
	}
	return false, nil
}

// nullableKeys lists the body keys --clear takes.
func nullableKeys(c *opCommand) (out []string) {
	for _, f := range c.op.Fields {
		if f.In == "body" && f.Nullable && f.Flag != "" {
			out = append(out, f.Name)
		}
	}
	return out
}
