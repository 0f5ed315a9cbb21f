package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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

// mockFlags are botctl mock's flags.
type mockFlags struct {
	addr           string
	seed           uint64
	now            string
	responses      int
	latency        time.Duration
	jitter         time.Duration
	failRate       float64
	throttleEvery  int
	resetRate      float64
	truncateRate   float64
	tokenTTL       time.Duration
	allowRemote    bool
	remoteWebhooks bool
}

// shutdownGrace is how long requests in flight may finish after a signal.
const shutdownGrace = 5 * time.Second

// newMockCmd is `botctl mock`: the mock in the foreground. It prints the base
// URLs and credentials to stdout (they are the command's output, what a user
// copies into a client's configuration) and its progress to stderr.
func newMockCmd(a *app) *cobra.Command {
	f := &mockFlags{}
	cmd := &cobra.Command{
		Use:   "mock",
		Short: "Serve a stateful local mock of all four APIs",
		Long: `Serve a stateful, in-memory mock of the AssistBot, DailyBot, Bot.Az and Bot Open APIs
in the foreground, one API per path prefix, until SIGINT or SIGTERM.

The base URLs and the mock's fixed credentials are printed to stdout. The data is
seeded from --seed as of --now (default: the time the mock starts; nothing seeded
is dated after it), so the same seed and the same --now give byte-identical data;
the banner prints both. --responses sets how many DailyBot check-in responses
there are in all (default about 10,500 over 90 days; more add older days). Faults
(latency, 5xx, 429, connection resets, truncated bodies) are off unless a flag
turns them on; they are seeded too.

botctl --mock starts the same mock inside the command; set BOTCTL_MOCK_SEED,
BOTCTL_MOCK_NOW and BOTCTL_MOCK_RESPONSES to seed it the same way.

The mock listens on loopback only unless --allow-remote: its credentials are public,
so anyone who can reach it can drive it.`,
		Example: `  botctl mock
  botctl mock --seed 7 --now 2024-06-03T12:00:00Z --responses 100000
  botctl mock --addr 127.0.0.1:9090 --latency 20ms --jitter 5ms --fail-rate 0.1 --throttle-every 10`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMock(cmd.Context(), a, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free port)")
	fl.Uint64Var(&f.seed, "seed", 1, "seed of the generated data and of the faults")
	fl.StringVar(&f.now, "now", "", "RFC 3339 time the data is seeded as of, and the mock's clock starts at (default: now)")
	fl.IntVar(&f.responses, "responses", 0, "DailyBot check-in responses in all (0: the default 90 days, about 10,500)")
	fl.DurationVar(&f.latency, "latency", 0, "delay added to every response")
	fl.DurationVar(&f.jitter, "jitter", 0, "random extra delay, up to this much, added to --latency")
	fl.Float64Var(&f.failRate, "fail-rate", 0, "share (0..1) of requests answered 500, 502 or 503")
	fl.IntVar(&f.throttleEvery, "throttle-every", 0, "answer every N-th request 429 with Retry-After (0: never)")
	fl.Float64Var(&f.resetRate, "reset-rate", 0, "share (0..1) of requests whose connection is dropped unanswered")
	fl.Float64Var(&f.truncateRate, "truncate-rate", 0, "share (0..1) of successful responses cut off halfway")
	fl.DurationVar(&f.tokenTTL, "token-ttl", 10*time.Minute, "lifetime of Bot Open API tokens")
	fl.BoolVar(&f.allowRemote, "allow-remote", false, "allow --addr to be a non-loopback address")
	fl.BoolVar(&f.remoteWebhooks, "allow-remote-webhooks", false, "deliver DailyBot webhooks to non-loopback hosts too")
	return cmd
}

// runMock serves the mock until ctx ends or a signal arrives, then shuts it
// down gracefully.
func runMock(ctx context.Context, a *app, f *mockFlags) error {
	if err := checkListenAddr(f.addr, f.allowRemote); err != nil {
		return err
	}
	opts, err := seedOptions(f.seed, f.now, f.responses, "--now")
	if err != nil {
		return err
	}
	opts = append(opts,
		mock.WithLatency(f.latency, f.jitter),
		mock.WithFailRate(f.failRate),
		mock.WithThrottleEvery(f.throttleEvery),
		mock.WithConnectionResets(f.resetRate),
		mock.WithTruncatedBodies(f.truncateRate),
		mock.WithTokenTTL(f.tokenTTL),
	)
	if a.g.verbose {
		opts = append(opts, mock.WithLogger(slog.New(slog.NewTextHandler(a.env.stderr, nil))))
	}
	if f.remoteWebhooks {
		opts = append(opts, mock.WithRemoteWebhooks())
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The server outlives ctx so that a signal shuts it down gracefully below.
	srv, err := mock.Start(context.WithoutCancel(ctx), f.addr, opts...)
	if err != nil {
		if errors.As(err, new(*net.OpError)) {
			return err // the address is taken or cannot be listened on
		}
		return asUsage(mockFlagError(err)) // a flag got a bad value
	}
	printBanner(a.env.stdout, srv, f.seed)
	<-ctx.Done()
	stop() // a second signal kills the process the usual way
	fmt.Fprintln(a.env.stderr, "botctl: stopping the mock")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("mock: shutdown: %w", err)
	}
	return nil
}

// seedOptions returns the options that fix the mock's data: seed, the time
// now (RFC 3339, empty for the time the mock starts) and the number of
// DailyBot check-in responses (0 for the default). A bad time is a usage
// error naming nowName, the flag or variable it came from.
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

// embeddedMockEnv names the variables that seed the mock botctl --mock
// starts, as botctl mock's --seed, --now and --responses do.
const (
	envMockSeed      = "BOTCTL_MOCK_SEED"
	envMockNow       = "BOTCTL_MOCK_NOW"
	envMockResponses = "BOTCTL_MOCK_RESPONSES"
)

// embeddedMockOptions reads BOTCTL_MOCK_SEED, BOTCTL_MOCK_NOW and
// BOTCTL_MOCK_RESPONSES for the mock --mock starts; unset, they leave the
// defaults. A bad value is a usage error naming the variable.
func embeddedMockOptions(getenv func(string) string) ([]mock.Option, error) {
	seed, responses := uint64(1), 0
	if v := getenv(envMockSeed); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return nil, usagef("%s %q: want a whole number >= 0", envMockSeed, v)
		}
		seed = n
	}
	if v := getenv(envMockResponses); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, usagef("%s %q: want a whole number >= 0", envMockResponses, v)
		}
		responses = n
	}
	return seedOptions(seed, getenv(envMockNow), responses, envMockNow)
}

// mockOptionFlags names the flags behind each mock option that checks its
// value, so an error such as "mock: WithFailRate: rate must be within 0..1"
// can name the flag to fix.
var mockOptionFlags = map[string]string{
	"WithCheckinResponses": "--responses",
	"WithLatency":          "--latency or --jitter",
	"WithFailRate":         "--fail-rate",
	"WithThrottleEvery":    "--throttle-every",
	"WithConnectionResets": "--reset-rate",
	"WithTruncatedBodies":  "--truncate-rate",
	"WithTokenTTL":         "--token-ttl",
}

// mockFlagError prefixes err, the mock's refusal of an option, with the
// flag that set the option; other errors are returned as they are.
func mockFlagError(err error) error {
	for option, flag := range mockOptionFlags {
		if strings.Contains(err.Error(), "mock: "+option+":") {
			return fmt.Errorf("%s: %w", flag, err)
		}
	}
	return err
}

// checkListenAddr refuses a listen address that is not loopback unless
// remote is set: the mock's credentials are fixed and printed, so on a
// network interface anyone could read and change its data and make it send
// webhook deliveries.
func checkListenAddr(addr string, remote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: want host:port: %v", addr, err)
	}
	if remote || strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	if host == "" {
		host = "every interface"
	}
	return usagef("--addr %q listens on %s, not loopback; the mock's credentials are public, so pass --allow-remote to expose it anyway", addr, host)
}

// printBanner writes the base URLs and credentials to w: they are the
// command's output, what a user copies into a client's configuration.
func printBanner(w io.Writer, srv *mock.Server, seed uint64) {
	creds := mock.DefaultCredentials()
	fmt.Fprintf(w, "botsdk mock listening on %s (seed %d, now %s)\n\nBase URLs:\n", srv.URL, seed,
		srv.Mock.SeededAt().UTC().Format(time.RFC3339Nano))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, api := range []string{"assistbot", "dailybot", "botaz", "botopen"} {
		fmt.Fprintf(tw, "  %s\t%s\n", api, srv.BaseURL(api))
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "\nCredentials (they open only this mock):\n")
	for _, kv := range [][2]string{
		{"ASSISTBOT_API_KEY", creds.AssistBotKey},
		{"DAILYBOT_API_KEY", creds.DailyBotKey},
		{"BOTAZ_USER_ID", creds.BotAzUserID},
		{"BOTAZ_AUTH_TOKEN", creds.BotAzToken},
		{"BOTOPEN_APP_ID", creds.BotOpenAppID},
		{"BOTOPEN_APP_SECRET", creds.BotOpenAppSecret},
	} {
		fmt.Fprintf(w, "  %s=%s\n", kv[0], kv[1])
	}
	fmt.Fprintln(w, "\nPress Ctrl+C to stop.")
}
