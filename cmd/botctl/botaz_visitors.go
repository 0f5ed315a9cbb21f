package main

import (
	"encoding/json"
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
	var p botaz.UpdateVisitorParams
	fields := map[string]*botaz.Field{"name": &p.Name, "email": &p.Email, "phone": &p.Phone, "notes": &p.Notes}
	body := newRequestBody(cmd)
	bzVisitorField(body, "name", "set the visitor's name", &p.Name)
	bzVisitorField(body, "email", "set the email address (Bot.Az does not check its format)", &p.Email)
	bzVisitorField(body, "phone", "set the phone number, free text, e.g. +994124801574", &p.Phone)
	bzVisitorField(body, "notes", "set the agents' notes", &p.Notes)
	var clear []string
	cmd.Flags().StringSliceVar(&clear, "clear", nil, "remove these fields' values (sent as null): "+strings.Join(bzVisitorFields, ", "))
	_ = cmd.RegisterFlagCompletionFunc("clear", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return bzVisitorFields, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := body.load(bz.app.env.stdin); err != nil {
			return err
		}
		for _, f := range clear {
			f = strings.TrimSpace(f)
			field, ok := fields[f]
			if !ok {
				return usagef("--clear: %q is not one of %s", f, strings.Join(bzVisitorFields, ", "))
			}
			if cmd.Flags().Changed(f) {
				return usagef("--clear %s and --%s exclude each other: clear the value or set it", f, f)
			}
			*field = botaz.Clear()
		}
		// An empty change would send {} and do nothing.
		if p == (botaz.UpdateVisitorParams{}) {
			return usagef("nothing to update: give --name, --email, --phone, --notes, --clear or --data")
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

// bzVisitorField declares one of the fields an update may change, in three
// states: a flag or key not given leaves the field unchanged, a string (the
// flag's value included) sets it, and null in --data removes the value.
func bzVisitorField(b *requestBody, name, usage string, dst *botaz.Field) {
	v := new(string)
	b.cmd.Flags().StringVar(v, name, "", usage)
	b.field(name, name, valueOf(v), func(raw json.RawMessage) error {
		var s *string
		if err := json.Unmarshal(raw, &s); err != nil {
			return usagef("--data: %q must be a string or null", name)
		}
		if s == nil {
			*dst = botaz.Clear()
		} else {
			*dst = botaz.Set(*s)
		}
		return nil
	})
}
