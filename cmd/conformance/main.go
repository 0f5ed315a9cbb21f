//go:build unix

// Command conformance checks botctl, the mock and the specs against each
// other through Stoplight Prism. It starts `botctl mock` on 127.0.0.1, one
// `prism proxy --errors` per spec in front of the mock's part for that API,
// and a recorder in front of each Prism; then it runs botctl for every
// operation under the specs' paths: one success call per x-botctl example
// (the first only with -short) and error calls (every credential wrong;
// without -short, an unknown id in the path too). Placeholders in the
// examples (TEAM_ID) become ids botctl reads from the mock first. Any
// violation Prism reports (its sl-violations header, or a problem it
// answers itself), a call that does not end as it should, or an operation
// left uncovered makes it exit 1. `make conformance` runs it:
//
//	go run ./cmd/conformance -prism .cache/prism/node_modules/.bin/prism
//
// Webhook deliveries (x-webhooks) are requests the API sends to the
// client, not operations of its server, and are left out.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/botsdk/botsdk/pkg/mock"
	"github.com/botsdk/botsdk/specs"
)

// defaultPrism runs the pinned Prism through npx when -prism is not given.
const defaultPrism = "npx --yes @stoplight/prism-cli@5.16.0"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command line's.
type options struct {
	prism, botctl string
	short, keep   bool
	verbose       bool
	seed          uint64
	startup, call time.Duration
}

// run runs the check with args and returns the exit code: 0 when every
// operation is covered without a violation, 1 otherwise, 2 for a bad
// command line.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("conformance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.prism, "prism", defaultPrism, "command that runs Prism 5 (words split at blanks)")
	fs.StringVar(&o.botctl, "botctl", "", "botctl binary to drive (default: go build ./cmd/botctl into the work directory)")
	fs.BoolVar(&o.short, "short", false, "the first example of each operation and one error call (wrong credentials) only")
	fs.BoolVar(&o.keep, "keep", false, "keep the work directory (logs of the mock and of each Prism)")
	fs.BoolVar(&o.verbose, "v", false, "print every botctl call and the requests it made")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the mock's data")
	fs.DurationVar(&o.startup, "startup-timeout", 3*time.Minute, "how long the mock and Prism (with npx's download) may take to start")
	fs.DurationVar(&o.call, "call-timeout", time.Minute, "how long one botctl call may take")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "conformance: unexpected arguments %q\n", fs.Args())
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ok, err := check(ctx, o, stdout, stderr)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "conformance: interrupted")
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "conformance:", err)
		return 1
	}
	if !ok {
		return 1
	}
	return 0
}

// check sets everything up, runs the calls and prints the report; it
// reports whether all is well, or fails when the setup does.
func check(ctx context.Context, o options, stdout, stderr io.Writer) (ok bool, err error) {
	begun := time.Now()
	ctx, cancelAll := context.WithCancel(ctx) // stops the servers below
	defer cancelAll()
	dir, err := os.MkdirTemp("", "conformance-")
	if err != nil {
		return false, err
	}
	defer func() {
		if o.keep || err != nil || !ok {
			fmt.Fprintf(stderr, "conformance: logs in %s\n", dir)
		} else {
			_ = os.RemoveAll(dir)
		}
	}()
	var cs children
	defer cs.stopAll()

	var plans []*apiPlan
	for _, name := range specs.Names() {
		p, err := loadPlan(name)
		if err != nil {
			return false, err
		}
		plans = append(plans, p)
		raw, _ := specs.FS.ReadFile(name + ".yaml") // loadPlan read it
		if err := os.WriteFile(filepath.Join(dir, name+".yaml"), raw, 0o644); err != nil {
			return false, err
		}
	}
	botctl := o.botctl
	if botctl == "" {
		botctl = filepath.Join(dir, "botctl")
		build := exec.CommandContext(ctx, "go", "build", "-o", botctl, "./cmd/botctl")
		build.Env = append(os.Environ(), "CGO_ENABLED=0") // as make build builds it
		build.Stdout, build.Stderr = stderr, stderr
		if err := build.Run(); err != nil {
			return false, fmt.Errorf("go build ./cmd/botctl: %w", err)
		}
	}

	sink, err := serve(ctx, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusOK)
	}))
	if err != nil {
		return false, err
	}
	startCtx, cancel := context.WithTimeout(ctx, o.startup)
	defer cancel()
	bases, err := startMock(startCtx, &cs, botctl, filepath.Join(dir, "mock.log"), "--seed", fmt.Sprint(o.seed))
	if err != nil {
		return false, err
	}
	prismArgv := strings.Fields(o.prism)
	if len(prismArgv) == 0 {
		return false, errors.New("-prism: empty command")
	}
	if filepath.Base(prismArgv[0]) == "npx" {
		// npx fetches the package on first use: once, before four of it
		// would race in npx's cache.
		warm := exec.CommandContext(startCtx, prismArgv[0], append(prismArgv[1:], "--version")...)
		if out, err := warm.CombinedOutput(); err != nil {
			return false, fmt.Errorf("%s --version: %w: %s", o.prism, err, firstLine(string(out)))
		}
	}
	prisms := make([]string, len(plans))
	errs := make([]error, len(plans))
	var wg sync.WaitGroup
	for i, p := range plans {
		wg.Go(func() {
			prisms[i], errs[i] = startPrism(startCtx, &cs, prismArgv, filepath.Join(dir, p.Name+".yaml"),
				bases[p.Name], filepath.Join(dir, "prism-"+p.Name+".log"))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	ready := time.Since(begun)

	env := botctlEnv(os.Environ())
	results := make([]*apiResult, len(plans))
	for i, p := range plans {
		u, err := url.Parse(prisms[i])
		if err != nil {
			return false, err
		}
		rec := newRecorder(u)
		base, err := serve(ctx, rec)
		if err != nil {
			return false, err
		}
		var mu sync.Mutex
		a := &apiRunner{plan: p, rec: rec, base: base, botctl: botctl, env: env, sink: sink,
			short: o.short, timeout: o.call, verbose: func(format string, args ...any) {
				if o.verbose {
					mu.Lock()
					defer mu.Unlock()
					fmt.Fprintf(stderr, format+"\n", args...)
				}
			}}
		results[i] = &apiResult{Name: p.Name, Webhooks: p.Webhooks}
		wg.Go(func() { results[i].Ops = a.run(ctx) })
	}
	wg.Wait()
	if ctx.Err() != nil {
		return false, errors.New("interrupted")
	}
	mode := "full"
	if o.short {
		mode = "short"
	}
	fmt.Fprintf(stdout, "conformance (%s): Prism `%s proxy --errors` in front of botctl mock, driven by botctl\n", mode, o.prism)
	total := writeReport(stdout, results)
	fmt.Fprintf(stdout, "took %s (%s to start the mock and Prism)\n", time.Since(begun).Round(100*time.Millisecond), ready.Round(100*time.Millisecond))
	return total.ok(), nil
}

// serve serves h on a free loopback port until ctx ends and returns its
// root URL.
func serve(ctx context.Context, h http.Handler) (string, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	context.AfterFunc(ctx, func() { _ = srv.Close() })
	return "http://" + ln.Addr().String(), nil
}

// botctlEnv returns environ without any botctl credential or mock setting,
// with the mock's credentials added.
func botctlEnv(environ []string) []string {
	c := mock.DefaultCredentials()
	set := []string{"ASSISTBOT_API_KEY=" + c.AssistBotKey, "DAILYBOT_API_KEY=" + c.DailyBotKey,
		"BOTAZ_USER_ID=" + c.BotAzUserID, "BOTAZ_AUTH_TOKEN=" + c.BotAzToken,
		"BOTOPEN_APP_ID=" + c.BotOpenAppID, "BOTOPEN_APP_SECRET=" + c.BotOpenAppSecret}
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "ASSISTBOT_") && !strings.HasPrefix(name, "DAILYBOT_") && !strings.HasPrefix(name, "BOTAZ_") &&
			!strings.HasPrefix(name, "BOTOPEN_") && !strings.HasPrefix(name, "BOTCTL_") {
			out = append(out, kv)
		}
	}
	return append(out, set...)
}
