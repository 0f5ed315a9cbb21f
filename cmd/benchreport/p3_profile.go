package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/botsdk/botsdk/pkg/mock"
)

// p3ProfileShares are the functions whose cumulative CPU share the P3 notes
// report, with what each stands for.
var p3ProfileShares = []struct{ fn, what string }{
	{"net/http.(*conn).serve", "the server side, all of it (net/http + the mock's handler)"},
	{"github.com/botsdk/botsdk/pkg/mock.(*Mock).ServeHTTP", "the mock's handler (routing, validation, the operation, encoding)"},
	{"github.com/getkin/kin-openapi/openapi3filter.ValidateRequest", "request validation against the spec (kin-openapi)"},
	{"github.com/botsdk/botsdk/pkg/internal/speccheck.(*segmentRouter).FindRoute", "routing"},
	{"github.com/botsdk/botsdk/pkg/mock.writeJSON", "JSON encoding of answers"},
	{"main.doLoadRequest", "the load generator's requests (client side, same process)"},
	{"internal/runtime/syscall/linux.Syscall6", "system calls (loopback reads and writes)"},
	{"runtime.gcBgMarkWorker", "garbage collection (background)"},
}

// profileP3 loads an in-process mock with the same requests for d each
// under a CPU profile and returns a Markdown note: the cumulative share of
// the parts in p3ProfileShares and pprof's top entries. The mock and the
// load generator share the process here, as they share the machine in the
// measured runs.
func profileP3(ctx context.Context, env *benchEnv, d time.Duration, concurrency int) (string, error) {
	srv, err := mock.Start(ctx, "")
	if err != nil {
		return "", err
	}
	defer srv.Close()
	key := mock.DefaultCredentials().DailyBotKey
	base := srv.BaseURL("dailybot")
	client := newLoadClient(concurrency)
	defer client.CloseIdleConnections()
	userID, err := p3FirstUser(ctx, client, base, key)
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(env.Dir, "p3-cpu-*.pprof")
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return "", err
	}
	cfg := loadConfig{Concurrency: concurrency, Duration: d, MaxRequests: 1_000_000}
	for _, op := range p3Ops {
		path := strings.NewReplacer("{id}", userID, "{n}", "1").Replace(op.path)
		h := map[string][]string{"X-Api-Key": {key}}
		if op.body != "" {
			h["Content-Type"] = []string{"application/json"}
		}
		if _, err := runLoad(ctx, client, loadRequest{Method: op.method, URL: base + path, Body: op.body, Header: h}, cfg); err != nil {
			pprof.StopCPUProfile()
			return "", fmt.Errorf("profile %s: %w", op.opID, err)
		}
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		return "", err
	}
	cum, err := goToolPprof(ctx, "-top", "-cum", "-nodecount=400", f.Name())
	if err != nil {
		return "", err
	}
	flat, err := goToolPprof(ctx, "-top", "-nodecount=12", f.Name())
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "CPU profile of an in-process mock under the same load generator (%s per operation, concurrency %d; "+
		"`go tool pprof -top -cum`), cumulative share of all samples:\n\n| part | cum |\n|---|---|\n", d, concurrency)
	for _, s := range p3ProfileShares {
		fmt.Fprintf(&b, "| %s | %s |\n", s.what, cumShare(cum, s.fn))
	}
	b.WriteString("\nTop entries by own time (`go tool pprof -top`):\n\n```\n")
	b.WriteString(pprofTable(flat))
	b.WriteString("```")
	return b.String(), nil
}

// goToolPprof runs go tool pprof with args and returns its output.
func goToolPprof(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", append([]string{"tool", "pprof"}, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go tool pprof: %w: %s", err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}

// cumShare finds fn's line in pprof -top -cum output and returns its cum%
// column ("0%" when fn has no samples).
func cumShare(top, fn string) string {
	for _, line := range strings.Split(top, "\n") {
		f := strings.Fields(line)
		if len(f) >= 6 && strings.Join(f[5:], " ") == fn {
			return f[4]
		}
	}
	return "0%"
}

// pprofTable is the table part of pprof -top output: the header line and
// the entries, without the preamble.
func pprofTable(top string) string {
	_, table, ok := strings.Cut(top, "      flat  flat%")
	if !ok {
		return top
	}
	return "      flat  flat%" + table
}
