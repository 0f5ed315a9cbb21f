// Command botctl calls the AssistBot, DailyBot, Bot.Az and Bot Open APIs from
// the shell, `botctl [global flags] <api> <resource> <verb> [args] [flags]`,
// with commands built from the specs' x-botctl. stdout carries data only
// (json, jsonl, table or csv); logs, progress and errors go to stderr. The
// exit code tells the class of failure (see exitCode). --mock runs against
// the embedded mock:
//
//	botctl --mock dailybot checkins list
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// env is everything botctl takes from its process, so tests run it in-process
// with buffers and a fake environment; json is pretty on a terminal, the
// progress line shows only on one, and a destructive command asks first only
// when stdin is one.
type env struct {
	args                           []string
	stdin                          io.Reader
	stdout, stderr                 io.Writer
	getenv                         func(string) string
	configDir                      func() (string, error) // nil: no stored profiles
	stdinTTY, stdoutTTY, stderrTTY bool
}

func main() {
	startProbe()
	holdStartupGC(os.Getenv, startupHeap, startupWindow)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{args: os.Args[1:], stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		configDir: os.UserConfigDir, stdinTTY: term.IsTerminal(int(os.Stdin.Fd())), stdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd()))})
	stop()
	os.Exit(code)
}

// globals are the flags every command shares; form is assistbot --form;
// creds are the credential flags' values, by flag name, each overriding its
// environment variable.
type globals struct {
	baseURL, output, profile       string
	mock, all, verbose, noProgress bool
	dryRun                         bool
	pageSize, concurrency, retries int
	timeout                        time.Duration
	form                           bool
	creds                          map[string]*string
	// jq, rawOutput, fields and limit shape the output (output.go): jqExpr
	// is compiled into jq before the command runs, fields split into paths.
	jqExpr, fields string
	rawOutput      bool
	limit          int
	jq             *gojq.Code
	paths          [][]string
	state          string // --state: the mock's state file (mock_state.go)
}

// Exit codes, one per class of failure, stable for scripts.
const (
	exitOK          = 0   // success
	exitError       = 1   // any other error, an API's included
	exitUsage       = 2   // a usage error, caught before any request
	exitAuth        = 3   // authentication refused (HTTP 401)
	exitForbidden   = 4   // forbidden (HTTP 403)
	exitNotFound    = 5   // not found (HTTP 404)
	exitRateLimited = 6   // rate limited: a 429 that retries or the deadline could not get past
	exitNetwork     = 7   // the network failed or timed out
	exitInterrupted = 130 // SIGINT or SIGTERM (a server such as botctl mock exits 0)
)

// exitCodes is the exit codes' help, in --help and the README.
const exitCodes = `Exit codes: 0 success, 1 other error (an API error of another status), 2 usage error,
3 authentication refused (401), 4 forbidden (403), 5 not found (404), 6 rate limited
(a 429 that retries or the deadline could not get past), 7 network error or timeout,
130 interrupted (SIGINT or SIGTERM; botctl mock exits 0 then).`

// exitCode is err's class (see the exit codes): the API's status first
// (a 429 that outlasted the deadline is rate limited, not a timeout), then
// usage, then the network.
func exitCode(err error) int {
	var apiErr *botsdk.APIError
	var netErr net.Error
	var opErr *net.OpError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &apiErr):
		switch apiErr.StatusCode {
		case http.StatusUnauthorized:
			return exitAuth
		case http.StatusForbidden:
			if apiErr.Code == "authentication_failed" || apiErr.Code == "not_authenticated" {
				return exitAuth // DailyBot refuses a wrong API key with 403 and these codes
			}
			return exitForbidden
		case http.StatusNotFound:
			return exitNotFound
		case http.StatusTooManyRequests:
			return exitRateLimited
		}
		return exitError
	case errors.As(err, new(usageError)) || errors.As(err, new(*botsdk.ValidationError)):
		return exitUsage
	case errors.As(err, &opErr) && opErr.Op == "listen":
		return exitError // botctl mock's address, not the network
	case errors.As(err, &netErr) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		// The client drops net/http's *url.Error; a connection closed before
		// or during the answer is left as EOF.
		return exitNetwork
	}
	return exitError
}

// usageError is a mistake in the command line: exit code 2, as is a
// *botsdk.ValidationError.
type usageError struct{ error }

// usagef returns a usage error.
func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// run executes botctl with e's arguments and returns the exit code.
func run(ctx context.Context, e *env) int { return runApp(ctx, newApp(e)) }

// runApp executes botctl as a and returns the exit code. The error line may
// quote the server or the command line: its control characters are escaped.
func runApp(ctx context.Context, a *app) int {
	defer a.close()
	if spec, path := mockWork(a.env.args); spec {
		// The embedded mock will read the spec of the API named: start
		// now, while the command line is built.
		for _, api := range a.env.args {
			a.prepareMock(api)
		}
		a.preparePath = path
	}
	if a.invoked == nil {
		// Only a command whose name is on the command line can run (there
		// are no aliases and no prefix matching): the others' flags are
		// left out, their help lines kept.
		a.invoked = func(words []string) bool { return slices.Contains(a.env.args, words[len(words)-1]) }
	}
	if a.tables == nil {
		// Only an API the command line names has its commands built.
		a.tables = decodeTables(func(api string) bool { return slices.Contains(a.env.args, api) })
	}
	root := newRootCmd(a)
	root.SetArgs(a.env.args)
	err := root.ExecuteContext(ctx)
	code := exitCode(err)
	var apiErr *botsdk.APIError
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		// SIGINT or SIGTERM: what was printed so far is complete items (a json
		// array is closed), but not all of them.
		err, code = errors.New("interrupted; the output is incomplete"), exitInterrupted
	case errors.As(err, &apiErr):
		err = apiErr
	}
	fmt.Fprintf(a.env.stderr, "error: %s\n", botsdk.EscapeControls(err.Error()))
	return code
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
BOTAZ_USER_ID + BOTAZ_AUTH_TOKEN, BOTOPEN_APP_ID + BOTOPEN_APP_SECRET), from
--api-key, --user-id, --auth-token, --app-id, --app-secret, or from a profile
(botctl config). Each credential and the base URL come from, in order: the flag,
the profile --profile names, the environment, the default profile.

--dry-run prints the request as a curl command instead of sending it, with
credentials as references to their environment variables.

` + exitCodes,
		Example: `  botctl --mock dailybot checkins list
  DAILYBOT_API_KEY=... botctl dailybot checkins responses CHECKIN_ID --all -o jsonl > responses.jsonl
  botctl --mock -o table assistbot company members`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			g.output = strings.ToLower(strings.TrimSpace(g.output))
			u, err := url.Parse(g.baseURL)
			switch {
			case !slices.Contains([]string{"json", "jsonl", "table", "csv"}, g.output):
				return usagef("-o/--output: unknown output format %q (want json, jsonl, table or csv)", g.output)
			case g.limit < 0:
				return usagef("--limit: must not be negative (got %d)", g.limit)
			case g.pageSize < 0:
				return usagef("--page-size: must not be negative (got %d)", g.pageSize)
			case g.concurrency < 0:
				return usagef("--concurrency: must not be negative (got %d)", g.concurrency)
			case g.retries < 0:
				return usagef("--retries: must not be negative (got %d)", g.retries)
			case g.timeout <= 0:
				// http.Client reads a zero timeout as none at all: a stalled
				// server would hang botctl for ever.
				return usagef("--timeout: want a positive duration like 30s (got %s)", g.timeout)
			case g.mock && g.baseURL != "":
				return usagef("--mock and --base-url exclude each other: --mock serves every API itself")
			case g.baseURL != "" && (err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == ""):
				return usagef("--base-url: %q is not an absolute http(s) URL, e.g. https://api.dailybot.com/v1", g.baseURL)
			}
			return g.shapeOutput()
		},
	}
	f := root.PersistentFlags()
	f.StringVar(&g.baseURL, "base-url", "", "base URL of the API the command calls (default: the API's public server)")
	f.BoolVar(&g.mock, "mock", false, "run against the embedded mock server on 127.0.0.1 with its credentials")
	f.StringVar(&g.state, "state", "", "with --mock or botctl mock: load the mock's state from FILE at start, save it there at exit")
	f.StringVarP(&g.output, "output", "o", "json", "output format: json (pretty on a terminal, compact when piped), jsonl, table or csv")
	f.BoolVar(&g.all, "all", false, "follow every page of a list (default: the first page)")
	f.IntVar(&g.pageSize, "page-size", 0, "items per page requested from the API (default: the API's)")
	f.IntVar(&g.concurrency, "concurrency", 0, "pages fetched at once for bulk export with --all (DailyBot; default 1)")
	f.DurationVar(&g.timeout, "timeout", 30*time.Second, "timeout of each HTTP attempt, a positive duration")
	f.IntVar(&g.retries, "retries", 3, "retries of a failed request (0 turns them off)")
	f.BoolVarP(&g.verbose, "verbose", "v", false, "log each request to stderr (credentials are never printed)")
	f.BoolVar(&g.noProgress, "no-progress", false, "never show the progress bar (it shows only on a terminal)")
	f.BoolVar(&g.dryRun, "dry-run", false, "print the request as a curl command (credentials as $VARIABLE references) and send nothing")
	f.StringVar(&g.profile, "profile", "", "take settings from this stored profile (see botctl config; default: the default profile, after the environment)")
	f.StringVar(&g.jqExpr, "jq", "", "filter the output with this jq expression: per item of a list, on the whole object otherwise;\n"+
		"results print as JSON in -o json (an array for a list) and jsonl, as rows in table and csv (default: none)")
	f.BoolVarP(&g.rawOutput, "raw-output", "r", false, "with --jq, print string results without quotes, one result per line (json and jsonl)")
	f.StringVar(&g.fields, "fields", "", "comma-separated fields to print, dotted for nested ones (user.full_name): the columns of\n"+
		"table and csv, the keys of json and jsonl, in this order; a field an item lacks is empty (default: all)")
	f.IntVar(&g.limit, "limit", 0, "print at most this many items of a list, following pages only as far as needed (default 0: no cap)")
	g.creds = map[string]*string{
		"api-key":    f.String("api-key", "", "API key for AssistBot or DailyBot (overrides ASSISTBOT_API_KEY / DAILYBOT_API_KEY)"),
		"user-id":    f.String("user-id", "", "Bot.Az user id (overrides BOTAZ_USER_ID)"),
		"auth-token": f.String("auth-token", "", "Bot.Az auth token (overrides BOTAZ_AUTH_TOKEN)"),
		"app-id":     f.String("app-id", "", "Bot Open app id (overrides BOTOPEN_APP_ID)"),
		"app-secret": f.String("app-secret", "", "Bot Open app secret (overrides BOTOPEN_APP_SECRET)"),
	}

	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if bad := (*pflag.InvalidValueError)(nil); errors.As(err, &bad) {
			return usagef("--%s: %w", bad.GetFlag().Name, bad.Unwrap()) // it says what the value must be
		}
		return usagef("%w; see '%s --help'", err, c.CommandPath())
	})
	tables := a.tables
	if tables == nil {
		tables = commandTables()
	}
	for _, api := range tables {
		root.AddCommand(newAPICmd(a, api))
	}
	addWebhookListenCmds(root, a)
	root.AddCommand(newExportCmd(a))
	root.AddCommand(newMockCmd(a), newConfigCmd(a), &cobra.Command{
		Use: "version", Short: "Print botctl's version", Example: "  botctl version", Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			v := version
			if info, ok := debug.ReadBuildInfo(); ok && v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
				v = info.Main.Version
			}
			_, err := fmt.Fprintf(a.env.stdout, "botctl %s\n", v)
			return err
		},
	})
	_ = root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"json", "jsonl", "table", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	root.SetOut(a.env.stdout)
	root.SetErr(a.env.stderr)
	root.InitDefaultCompletionCmd() // now, so that markUsageErrors reaches it
	markUsageErrors(root)
	return root
}

// version is botctl's version; release builds set it with
// -ldflags "-X main.version=v1.2.3".
var version = "dev"

// markUsageErrors makes a wrong argument count a usage error that shows
// the usage line, and an unknown subcommand one that suggests the nearest.
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
