package main

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/botaz"
)

// bzVisitorFields are the visitor fields an update may change, in the
// order help lists them.
var bzVisitorFields = []string{"name", "email", "phone", "notes"}

func (bz *bzCmds) visitorsCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "visitors", Short: "Visitors' basic information"}
	get := &cobra.Command{
		Use:     "get ID",
		Short:   "Show a visitor's information",
		Example: "  botctl --mock botaz visitors get BtR7qAyvZfTWoaC7a\n  botctl botaz visitors get BtR7qAyvZfTWoaC7a -o table",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := bz.app.botaz(cmd.Context())
			if err != nil {
				return err
			}
			v, err := c.Visitors.Get(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return printObject(bz.app, v, bzVisitorColumns)
		},
	}
	cmd.AddCommand(get, bz.updateVisitorCmd())
	return cmd
}

func (bz *bzCmds) updateVisitorCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "update ID",
		Short: "Edit a visitor's name, email, phone or notes",
		Long: `Edit a visitor's name, email, phone and notes (PUT /visitors/:id) and print the visitor.

Each field has three states: a flag not given leaves the field as it is;
--phone "" sets it to the empty string; --clear phone removes the value (sends
null). --clear takes name, email, phone and notes, comma-separated or repeated.
With --data the JSON object's keys are the fields ("phone": null clears it);
flags replace its keys.`,
		Example: "  botctl --mock botaz visitors update BtR7qAyvZfTWoaC7a --phone +994124801574 --clear email\n" +
			"  botctl botaz visitors update BtR7qAyvZfTWoaC7a --notes '' --clear phone,email\n" +
			"  botctl botaz visitors update BtR7qAyvZfTWoaC7a --data @visitor.json --name 'Anar H.'",
		Args: cobra.ExactArgs(1),
	}
	body := addDataFlag(cmd)
	body.str("name", "name", "set the visitor's name")
	body.str("email", "email", "set the email address (Bot.Az does not check its format)")
	body.str("phone", "phone", "set the phone number, free text, e.g. +994124801574")
	body.str("notes", "notes", "set the agents' notes")
	var clear []string
	cmd.Flags().StringSliceVar(&clear, "clear", nil, "remove these fields' values (sent as null): "+strings.Join(bzVisitorFields, ", "))
	_ = cmd.RegisterFlagCompletionFunc("clear", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return bzVisitorFields, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		m, err := body.object(bz.app.env.stdin)
		if err != nil {
			return err
		}
		for _, f := range clear {
			f = strings.TrimSpace(f)
			if !slices.Contains(bzVisitorFields, f) {
				return usagef("--clear: %q is not one of %s", f, strings.Join(bzVisitorFields, ", "))
			}
			if cmd.Flags().Changed(f) {
				return usagef("--clear %s and --%s exclude each other: clear the value or set it", f, f)
			}
			m[f] = json.RawMessage("null")
		}
		p, err := bzVisitorUpdate(m)
		if err != nil {
			return err
		}
		c, err := bz.app.botaz(cmd.Context())
		if err != nil {
			return err
		}
		v, err := c.Visitors.Update(cmd.Context(), args[0], p)
		if err != nil {
			return err
		}
		return printObject(bz.app, v, bzVisitorColumns)
	}
	return cmd
}

// bzVisitorUpdate turns the merged body into the client's three-state
// fields: an absent key leaves the field unchanged, null clears it, a string
// sets it. An empty change is refused: it would send {} and do nothing.
func bzVisitorUpdate(m map[string]json.RawMessage) (botaz.UpdateVisitorParams, error) {
	var p botaz.UpdateVisitorParams
	fields := map[string]*botaz.Field{"name": &p.Name, "email": &p.Email, "phone": &p.Phone, "notes": &p.Notes}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys) // report the same bad key on every run
	for _, k := range keys {
		field, ok := fields[k]
		if !ok {
			return p, usagef("request body: unknown field %q (want %s)", k, strings.Join(bzVisitorFields, ", "))
		}
		var s *string
		if err := json.Unmarshal(m[k], &s); err != nil {
			return p, usagef("request body: %q must be a string or null", k)
		}
		if s == nil {
			*field = botaz.Clear()
		} else {
			*field = botaz.Set(*s)
		}
	}
	if len(keys) == 0 {
		return p, usagef("nothing to update: give --name, --email, --phone, --notes, --clear or --data")
	}
	return p, nil
}
