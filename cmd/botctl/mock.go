package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/mock"
)

// newMockCmd is `botctl mock`: the mock in the foreground until SIGINT or
// SIGTERM, then a graceful shutdown (requests in flight get 5 s).
func newMockCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "mock",
		Short: "Serve a stateful local mock of all four APIs",
		Long: `Serve a stateful, in-memory mock of the AssistBot, DailyBot, Bot.Az and Bot Open APIs
in the foreground, one API per path prefix, until SIGINT or SIGTERM. The base URLs and
the mock's fixed credentials are printed to stdout.

The same --seed and --now (default: the time it starts) give byte-identical data, and
nothing seeded is dated after now; --responses sets how many DailyBot check-in responses
there are (default about 10,500 over 90 days). Faults are off unless a flag turns them
on; they are seeded too. botctl --mock starts the same mock inside a command, seeded by
BOTCTL_MOCK_SEED, BOTCTL_MOCK_NOW and BOTCTL_MOCK_RESPONSES.

Steering it while it runs: botctl mock trigger, reset and faults call its control API
(under /_mock/ on the same port). A request header "Prefer: code=404" answers that status
in the API's own error dialect without running the operation, "Prefer: latency=200ms"
delays one response; both work for every API. --state FILE loads the state a previous
run saved in FILE and saves it there on exit (mode 0600: it holds webhook bearers; one
process at a time), for botctl mock and botctl --mock alike.

It listens on loopback only unless --allow-remote: its credentials are public.`,
		Example: `  botctl mock
  botctl mock --state mock-state.json
  botctl mock --seed 7 --now 2024-06-03T12:00:00Z --responses 100000
  botctl mock --addr 127.0.0.1:9090 --latency 20ms --jitter 5ms --fail-rate 0.1 --throttle-every 10`,
		Args: cobra.NoArgs,
	}
	addMockControlCmds(cmd, a)
	fl := cmd.Flags()
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free port)")
	seed := fl.Uint64("seed", 1, "seed of the generated data and of the faults")
	now := fl.String("now", "", "RFC 3339 time the data is seeded as of, and the mock's clock starts at (default: now)")
	responses := fl.Int("responses", 0, "DailyBot check-in responses in all (0: the default 90 days, about 10,500)")
	latency := fl.Duration("latency", 0, "time from a request's arrival to its answer (the operation runs meanwhile)")
	jitter := fl.Duration("jitter", 0, "random extra delay, up to this much, added to --latency")
	failRate := fl.Float64("fail-rate", 0, "share (0..1) of requests answered 500, 502 or 503")
	throttle := fl.Int("throttle-every", 0, "answer every N-th request 429 with Retry-After (0: never)")
	resetRate := fl.Float64("reset-rate", 0, "share (0..1) of requests whose connection is dropped unanswered")
	truncateRate := fl.Float64("truncate-rate", 0, "share (0..1) of successful responses cut off halfway")
	tokenTTL := fl.Duration("token-ttl", 10*time.Minute, "lifetime of Bot Open API tokens")
	remote := fl.Bool("allow-remote", false, "allow --addr to be a non-loopback address")
	remoteHooks := fl.Bool("allow-remote-webhooks", false, "deliver DailyBot webhooks to non-loopback hosts too")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := checkListenAddr(*addr, *remote); err != nil {
			return err
		}
		opts, err := seedOptions(*seed, *now, *responses, "--now")
		if err != nil {
			return err
		}
		opts = append(opts, mock.WithLatency(*latency, *jitter), mock.WithFailRate(*failRate), mock.WithThrottleEvery(*throttle),
			mock.WithConnectionResets(*resetRate), mock.WithTruncatedBodies(*truncateRate), mock.WithTokenTTL(*tokenTTL))
		if a.g.verbose {
			opts = append(opts, mock.WithLogger(slog.New(slog.NewTextHandler(a.env.stderr, nil))))
		}
		if *remoteHooks {
			opts = append(opts, mock.WithRemoteWebhooks())
		}
		ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		// The server outlives ctx so that a signal shuts it down gracefully below.
		srv, state, err := startMock(context.WithoutCancel(ctx), *addr, a.g.state, opts, a.env.stderr)
		if errors.As(err, new(*net.OpError)) || errors.Is(err, errMockState) {
			return err // the address is taken or cannot be listened on
		} else if err != nil {
			return usageError{mockFlagError(err)} // a flag got a bad value
		}
		printBanner(a, srv, *seed)
		<-ctx.Done()
		stop() // a second signal kills the process the usual way
		fmt.Fprintln(a.env.stderr, "botctl: stopping the mock")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = srv.Shutdown(shutdownCtx)
		if state != nil {
			err = errors.Join(err, saveState(srv, state))
		}
		if err != nil {
			return fmt.Errorf("mock: shutdown: %w", err)
		}
		return nil
	}
	return cmd
}

// seedOptions returns the options that fix the mock's data: seed, now (RFC
// 3339; "" for the start) and the DailyBot check-in responses (0: default).
// A bad time is a usage error naming nowName, where it came from.
func seedOptions(seed uint64, now string, responses int, nowName string) ([]mock.Option, error) {
	opts := []mock.Option{mock.WithSeed(seed), mock.WithCheckinResponses(responses)}
	if now != "" {
		t, err := time.Parse(time.RFC3339, now)
		if err != nil {
			return nil, usagef("%s %q: want an RFC 3339 time such as 2024-06-03T12:00:00Z", nowName, now)
		}
		opts = append(opts, mock.WithNow(t))
	}
	return opts, nil
}

// embeddedMockOptions reads BOTCTL_MOCK_SEED, _NOW and _RESPONSES, which
// seed the mock --mock starts as botctl mock's flags do.
func embeddedMockOptions(getenv func(string) string) ([]mock.Option, error) {
	seed, err := strconv.ParseUint(cmp.Or(getenv("BOTCTL_MOCK_SEED"), "1"), 10, 64)
	if err != nil {
		return nil, usagef("BOTCTL_MOCK_SEED %q: want a whole number >= 0", getenv("BOTCTL_MOCK_SEED"))
	}
	responses, err := strconv.ParseUint(cmp.Or(getenv("BOTCTL_MOCK_RESPONSES"), "0"), 10, 31)
	if err != nil {
		return nil, usagef("BOTCTL_MOCK_RESPONSES %q: want a whole number >= 0", getenv("BOTCTL_MOCK_RESPONSES"))
	}
	return seedOptions(seed, getenv("BOTCTL_MOCK_NOW"), int(responses), "BOTCTL_MOCK_NOW")
}

// mockFlagError prefixes err, the mock's refusal of an option ("mock:
// WithFailRate: rate must be within 0..1"), with the flag that set the
// option; other errors are returned as they are.
func mockFlagError(err error) error {
	for option, flag := range map[string]string{
		"WithCheckinResponses": "--responses", "WithLatency": "--latency or --jitter", "WithFailRate": "--fail-rate",
		"WithThrottleEvery": "--throttle-every", "WithConnectionResets": "--reset-rate",
		"WithTruncatedBodies": "--truncate-rate", "WithTokenTTL": "--token-ttl",
	} {
		if strings.Contains(err.Error(), "mock: "+option+":") {
			return fmt.Errorf("%s: %w", flag, err)
		}
	}
	return err
}

// checkListenAddr refuses a listen address that is not loopback unless
// remote is set: the mock's credentials are public, so anyone who can reach
// it could change its data and make it send webhook deliveries.
func checkListenAddr(addr string, remote bool) error {
	host, _, err := net.SplitHostPort(addr)
	switch ip := net.ParseIP(host); {
	case err != nil:
		return usagef("--addr %q: want host:port: %v", addr, err)
	case remote || strings.EqualFold(host, "localhost") || ip != nil && ip.IsLoopback():
		return nil
	}
	return usagef("--addr %q listens on %s, not loopback; the mock's credentials are public, so pass --allow-remote to expose it anyway",
		addr, cmp.Or(host, "every interface"))
}

// printBanner writes the base URLs and credentials to stdout: the
// command's output, what a user copies into a client's configuration.
func printBanner(a *app, srv *mock.Server, seed uint64) {
	w, c := a.env.stdout, mock.DefaultCredentials()
	fmt.Fprintf(w, "botsdk mock listening on %s (seed %d, now %s)\n\nBase URLs:\n", srv.URL, seed,
		srv.Mock.SeededAt().UTC().Format(time.RFC3339Nano))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, api := range []string{"assistbot", "dailybot", "botaz", "botopen"} {
		fmt.Fprintf(tw, "  %s\t%s\n", api, srv.BaseURL(api))
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "\nCredentials (they open only this mock):\n  ASSISTBOT_API_KEY=%s\n  DAILYBOT_API_KEY=%s\n"+
		"  BOTAZ_USER_ID=%s\n  BOTAZ_AUTH_TOKEN=%s\n  BOTOPEN_APP_ID=%s\n  BOTOPEN_APP_SECRET=%s\n\nPress Ctrl+C to stop.\n",
		c.AssistBotKey, c.DailyBotKey, c.BotAzUserID, c.BotAzToken, c.BotOpenAppID, c.BotOpenAppSecret)
}
