package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
	"github.com/botsdk/botsdk/pkg/assistbot"
)

func newAssistBotCmd(a *app) *cobra.Command {
	var form bool
	cmd := &cobra.Command{
		Use:   "assistbot",
		Short: "AssistBot: company, departments, members, templates, standups, tasks, polls, history",
		Long: `AssistBot's API (https://api.assist-bot.com/v1).
Credential: ASSISTBOT_API_KEY (or --api-key), sent as "Authorization: Bearer <key>".

Every call returns all matches at once: AssistBot does not page, so --all,
--page-size and --concurrency change nothing here. Filters combine with AND;
list filters take comma-separated values or repeat the flag.`,
	}
	cmd.PersistentFlags().BoolVar(&form, "form", false,
		"send request bodies form-encoded instead of JSON (the docs' prose asks for it; their example sends JSON)")
	ab := &abCmds{app: a, form: &form}
	cmd.AddCommand(
		ab.companyCmd(),
		ab.templatesCmd(),
		ab.standupsCmd(),
		ab.tasksCmd(),
		ab.pollsCmd(),
		ab.historyCmd(),
	)
	summarizeLeaves(cmd)
	return cmd
}

// abCmds builds the AssistBot commands.
type abCmds struct {
	app  *app
	form *bool
}

// client returns the AssistBot client, form-encoding bodies with --form.
func (ab *abCmds) client(ctx context.Context) (*assistbot.Client, error) {
	var extra []assistbot.Option
	if *ab.form {
		extra = append(extra, assistbot.WithFormEncoding())
	}
	return ab.app.assistbot(ctx, extra...)
}

// abList is one AssistBot list command: its flags and --data build the
// client's params P, one call lists the items, and every item is printed.
// AssistBot's list keys take one integer as well as a list ("department_id":
// 1 or [1, 2]), so they decode as jsonInts.
type abList[P any, T any] struct {
	use, short, example string
	columns             []render.Column
	// flags declares the command's filter flags on body, filling p.
	flags func(body *requestBody, p *P)
	// list calls the API with the params.
	list func(ctx context.Context, c *assistbot.Client, p *P) ([]T, error)
}

func (l abList[P, T]) command(ab *abCmds) *cobra.Command {
	cmd := &cobra.Command{Use: l.use, Short: l.short, Example: l.example, Args: cobra.NoArgs}
	var p P
	body := newRequestBody(cmd)
	l.flags(body, &p)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := body.load(ab.app.env.stdin); err != nil {
			return err
		}
		c, err := ab.client(cmd.Context())
		if err != nil {
			return err
		}
		items, err := l.list(cmd.Context(), c, &p)
		if err != nil {
			return err
		}
		return printSlice(ab.app, items, l.columns)
	}
	return cmd
}

// AssistBot's named codes, for flags that take a name or a number.
var (
	abRoles = codes{byName: map[string]int{
		"worker": int(assistbot.RoleWorker), "manager": int(assistbot.RoleManager), "administrator": int(assistbot.RoleAdministrator),
	}}
	// abStatuses are the documented standup and task statuses; other numbers
	// pass, since the docs' own task example has status 2.
	abStatuses = codes{byName: map[string]int{"draft": assistbot.StatusDraft, "active": assistbot.StatusActive}, open: true}
)

// abFilter declares a tri-state boolean filter: absent does not filter,
// --flag or --flag=true keeps the true ones, --flag=false the false ones.
func abFilter(b *requestBody, flag, key, usage string, dst **bool) {
	b.boolean(flag, key, usage+" (--"+flag+"=false for the opposite; absent: either)", func(v bool) { *dst = &v })
}

func toRoles(ints []int) []assistbot.MemberRole {
	if ints == nil {
		return nil
	}
	out := make([]assistbot.MemberRole, len(ints))
	for i, n := range ints {
		out[i] = assistbot.MemberRole(n)
	}
	return out
}
