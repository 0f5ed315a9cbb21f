package main

import (
	"context"
	"iter"
	"reflect"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// newDailyBotCmd is `botctl dailybot`: the 26 operations of DailyBot's public
// API v1, one command each, grouped by resource as the docs name them.
func newDailyBotCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "dailybot",
		Short: "DailyBot: check-ins, forms, templates, users, teams, messages, kudos, webhooks",
		Long: `DailyBot's public API v1 (https://api.dailybot.com/v1).
Credential: DAILYBOT_API_KEY (or --api-key), sent as X-API-KEY.

Lists print the first page unless --all follows every page; --page-size sets
the page size and --concurrency N fetches N pages at once for bulk export.
Commands that send a body take a flag per field of the API's body, or the raw
JSON body with --data @file.json, --data - (stdin) or --data '{...}'; flags
override the keys of --data.`,
	}
	cmd.AddCommand(
		newDailyBotMeCmd(a),
		newDailyBotOrganizationCmd(a),
		newDailyBotCheckinsCmd(a),
		newDailyBotFormsCmd(a),
		newDailyBotTemplatesCmd(a),
		newDailyBotUsersCmd(a),
		newDailyBotTeamsCmd(a),
		newDailyBotWebhooksCmd(a),
		newDailyBotSendMessageCmd(a),
		newDailyBotSendEmailCmd(a),
		newDailyBotOpenConversationCmd(a),
		newDailyBotKudosCmd(a),
	)
	// --help lists every command below with its one-line description and
	// its first example.
	summarizeLeaves(cmd)
	return cmd
}

// dailybotRun adapts a DailyBot command body to cobra's RunE: it builds the
// client from the global flags and hands it over with the command's context.
func dailybotRun(a *app, run func(ctx context.Context, c *dailybot.Client, args []string) error) func(*cobra.Command, []string) error {
	return dailybotRunChecked(a, nil, run)
}

// dailybotRunChecked is dailybotRun with a check that runs first: it builds
// and checks the request body (or the flags) before the client exists, so a
// bad command line fails before any request and without starting --mock.
func dailybotRunChecked(a *app, check func(args []string) error, run func(ctx context.Context, c *dailybot.Client, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if check != nil {
			if err := check(args); err != nil {
				return err
			}
		}
		c, err := a.dailybot(cmd.Context())
		if err != nil {
			return err
		}
		return run(cmd.Context(), c, args)
	}
}

// printDailyBotList prints a paged list: every page with --all (following
// next, or prefetching under --concurrency), else the first page only.
func printDailyBotList[T any](a *app, all func() iter.Seq2[T, error], first func() (*dailybot.Page[T], error), cols []render.Column) error {
	cols = dailybotColumns[T](a, cols)
	if a.g.all {
		return printList(a, all(), cols)
	}
	page, err := first()
	if err != nil {
		return err
	}
	return printSlice(a, page.Results, cols)
}

// printDailyBotObject prints one result. A pointer to a zero value, which
// the client returns for a 2xx without a body, prints nothing, like a 204.
func printDailyBotObject[T any](a *app, v *T, cols []render.Column) error {
	if v == nil || reflect.ValueOf(*v).IsZero() {
		return nil
	}
	return printObject(a, v, dailybotColumns[T](a, cols))
}
