package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// globals are the flags every command shares.
type globals struct {
	baseURL     string
	mock        bool
	output      string
	all         bool
	pageSize    int
	concurrency int
	timeout     time.Duration
	retries     int
	verbose     bool
	noProgress  bool
	// form sends AssistBot bodies form-encoded (assistbot --form).
	form bool
	// Credentials; each overrides its environment variable.
	apiKey, userID, authToken, appID, appSecret string
}

// run executes botctl with e's arguments and returns the exit code.
func run(ctx context.Context, e *env) int { return runApp(ctx, newApp(e)) }

// runApp executes botctl as a and returns the exit code.
func runApp(ctx context.Context, a *app) int {
	e := a.env
	defer a.close()
	root := newRootCmd(a)
	root.SetArgs(e.args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	var apiErr *botsdk.APIError
	// The error line may quote the server (an API error's message) or the
	// command line: control characters in it are escaped, so it stays one
	// line and cannot drive the terminal.
	line := func(format string, args ...any) {
		fmt.Fprintf(e.stderr, "error: %s\n", botsdk.EscapeControls(fmt.Sprintf(format, args...)))
	}
	switch {
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		// SIGINT or SIGTERM: what was printed so far is complete items (a json
		// array is closed), but not all of them.
		line("interrupted; the output is incomplete")
		return exitError
	case errors.As(err, &apiErr):
		line("%s", apiErr.Error())
		return exitError
	case isUsage(err):
		line("%s%s", err, flagHint(cmd, err))
		return exitUsage
	default:
		line("%s", err)
		return exitError
	}
}

// isUsage reports errors that are the command line's fault: cobra's own
// (unknown command or flag, wrong argument count) arrive as plain errors, so
// they are marked in the flag error func and Args validators.
func isUsage(err error) bool {
	var u *usageError
	if errors.As(err, &u) {
		return true
	}
	var v *botsdk.ValidationError
	return errors.As(err, &v)
}

func newRootCmd(a *app) *cobra.Command {
	g := &a.g
	root := &cobra.Command{
		Use:   "botctl",
		Short: "Call the AssistBot, DailyBot, Bot.Az and Bot Open APIs from the shell",
		Long: `botctl calls four bot-platform APIs with one grammar:

  botctl [global flags] <api> <resource> <verb> [args] [flags]

stdout carries data only; logs, progress and errors go to stderr.
With --mock every command runs against the embedded mock server: no account needed.

Credentials come from the environment (ASSISTBOT_API_KEY, DAILYBOT_API_KEY,
BOTAZ_USER_ID + BOTAZ_AUTH_TOKEN, BOTOPEN_APP_ID + BOTOPEN_APP_SECRET) or from
--api-key, --user-id, --auth-token, --app-id, --app-secret.

Exit codes: 0 success, 1 API or network error, 2 usage error.`,
		Example: `  botctl --mock dailybot checkins list
  DAILYBOT_API_KEY=... botctl dailybot checkins responses CHECKIN_ID --all -o jsonl > responses.jsonl
  botctl --mock -o table assistbot company members`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := render.ParseFormat(g.output); err != nil {
				return usagef("-o/--output: %w", err)
			}
			for _, n := range []struct {
				flag  string
				value int
			}{{"page-size", g.pageSize}, {"concurrency", g.concurrency}, {"retries", g.retries}} {
				if n.value < 0 {
					return usagef("--%s: must not be negative (got %d)", n.flag, n.value)
				}
			}
			// http.Client reads a zero timeout as none at all: a stalled
			// server would hang botctl for ever.
			if g.timeout <= 0 {
				return usagef("--timeout: want a positive duration like 30s (got %s)", g.timeout)
			}
			if g.mock && g.baseURL != "" {
				return usagef("--mock and --base-url exclude each other: --mock serves every API itself")
			}
			if g.baseURL != "" {
				if u, err := url.Parse(g.baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return usagef("--base-url: %q is not an absolute http(s) URL, e.g. https://api.dailybot.com/v1", g.baseURL)
				}
			}
			return nil
		},
	}
	f := root.PersistentFlags()
	f.StringVar(&g.baseURL, "base-url", "", "base URL of the API the command calls (default: the API's public server)")
	f.BoolVar(&g.mock, "mock", false, "run against the embedded mock server on 127.0.0.1 with its credentials")
	f.StringVarP(&g.output, "output", "o", "json", "output format: json (pretty on a terminal, compact when piped), jsonl, table or csv")
	f.BoolVar(&g.all, "all", false, "follow every page of a list (default: the first page)")
	f.IntVar(&g.pageSize, "page-size", 0, "items per page requested from the API (default: the API's)")
	// The clients check the page size as the API's limit.
	annotateField(root, "limit", "page-size")
	f.IntVar(&g.concurrency, "concurrency", 0, "pages fetched at once for bulk export with --all (DailyBot; default 1)")
	f.DurationVar(&g.timeout, "timeout", 30*time.Second, "timeout of each HTTP attempt, a positive duration")
	f.IntVar(&g.retries, "retries", 3, "retries of a failed request (0 turns them off)")
	f.BoolVarP(&g.verbose, "verbose", "v", false, "log each request to stderr (credentials are never printed)")
	f.BoolVar(&g.noProgress, "no-progress", false, "never show the progress bar (it shows only on a terminal)")
	f.StringVar(&g.apiKey, "api-key", "", "API key for AssistBot or DailyBot (overrides ASSISTBOT_API_KEY / DAILYBOT_API_KEY)")
	f.StringVar(&g.userID, "user-id", "", "Bot.Az user id (overrides BOTAZ_USER_ID)")
	f.StringVar(&g.authToken, "auth-token", "", "Bot.Az auth token (overrides BOTAZ_AUTH_TOKEN)")
	f.StringVar(&g.appID, "app-id", "", "Bot Open app id (overrides BOTOPEN_APP_ID)")
	f.StringVar(&g.appSecret, "app-secret", "", "Bot Open app secret (overrides BOTOPEN_APP_SECRET)")

	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usagef("%w; see '%s --help'", err, c.CommandPath())
	})
	root.AddCommand(newAPICmds(a, a.tables)...)
	root.AddCommand(
		newMockCmd(a),
		newCompletionCmd(a),
		newVersionCmd(a),
	)
	markUsageErrors(root)
	return root
}

// markUsageErrors wraps every command's Args validator so a wrong argument
// count is a usage error (exit 2) that shows the command's usage line, and
// makes unknown subcommands errors that suggest the nearest ones.
func markUsageErrors(cmd *cobra.Command) {
	if args := cmd.Args; args != nil {
		cmd.Args = func(c *cobra.Command, a []string) error {
			if err := args(c, a); err != nil {
				return usagef("%w; usage: %s", err, strings.TrimSuffix(c.UseLine(), " [flags]"))
			}
			return nil
		}
	}
	if cmd.HasSubCommands() && cmd.RunE == nil && cmd.Run == nil {
		cmd.Args = func(c *cobra.Command, a []string) error {
			if len(a) == 0 {
				return nil
			}
			hint := ""
			c.SuggestionsMinimumDistance = 2
			if s := c.SuggestionsFor(a[0]); len(s) > 0 {
				hint = fmt.Sprintf(" (did you mean %s?)", `"`+strings.Join(s, `" or "`)+`"`)
			}
			return usagef("unknown command %q for %q%s; see '%s --help'", a[0], c.CommandPath(), hint, c.CommandPath())
		}
		cmd.RunE = func(c *cobra.Command, _ []string) error {
			return usagef("%q needs a subcommand; see '%s --help'", c.CommandPath(), c.CommandPath())
		}
	}
	for _, sub := range cmd.Commands() {
		markUsageErrors(sub)
	}
}
