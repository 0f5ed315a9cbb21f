// Command benchreport runs botsdk's performance measurements side by side in
// one process run and rewrites BENCHMARKS.md with the figures, their ratios
// against the targets, the machine and the commands that reproduce them.
//
// Usage:
//
//	go run ./cmd/benchreport [-out BENCHMARKS.md] [-only P1,P3] [-smoke] [-prism PATH]
//
// -smoke runs one short iteration of every measurement, so that CI keeps the
// harness working without spending minutes on it; its report is written to
// -out like the full one (CI points it at a temporary file).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses the flags, measures the chosen parts and writes the report; it
// returns the process exit code: 0 when every part ran, 1 when one failed, 2
// on a usage error.
func run(args []string, log io.Writer) int {
	fs := flag.NewFlagSet("benchreport", flag.ContinueOnError)
	fs.SetOutput(log)
	out := fs.String("out", "BENCHMARKS.md", "the report to write")
	only := fs.String("only", "", "comma-separated parts to run (default: all of "+strings.Join(partNames(), ",")+")")
	smoke := fs.Bool("smoke", false, "one short iteration of each measurement (CI's form)")
	prism := fs.String("prism", ".cache/prism/node_modules/.bin/prism", "the pinned Prism binary (make prism installs it)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	chosen, err := choose(*only)
	if err != nil {
		fmt.Fprintf(log, "benchreport: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	env, err := newBenchEnv(ctx, *smoke, *prism, log)
	if err != nil {
		fmt.Fprintf(log, "benchreport: %v\n", err)
		return 1
	}
	defer env.close()

	rep := report{Started: time.Now().UTC(), Smoke: *smoke, Machine: describeMachine()}
	failed := false
	for _, p := range chosen {
		fmt.Fprintf(log, "benchreport: measuring %s (%s)\n", p.Name, p.Title)
		start := time.Now()
		sec, err := p.Measure(ctx, env)
		sec.Name, sec.Title, sec.Took = p.Name, p.Title, time.Since(start)
		if err != nil {
			failed = true
			sec.Err = err.Error()
			fmt.Fprintf(log, "benchreport: %s failed: %v\n", p.Name, err)
		}
		rep.Sections = append(rep.Sections, sec)
	}
	if err := writeReport(*out, rep); err != nil {
		fmt.Fprintf(log, "benchreport: %v\n", err)
		return 1
	}
	fmt.Fprintf(log, "benchreport: wrote %s\n", *out)
	if failed {
		return 1
	}
	return 0
}

// choose returns the parts named in a comma-separated list, or every part
// when the list is empty; an unknown name is an error naming the known ones.
func choose(list string) ([]part, error) {
	if strings.TrimSpace(list) == "" {
		return parts, nil
	}
	var out []part
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		found := false
		for _, p := range parts {
			if strings.EqualFold(p.Name, name) {
				out = append(out, p)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("-only: unknown part %q (known: %s)", name, strings.Join(partNames(), ", "))
		}
	}
	return out, nil
}

func partNames() []string {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = p.Name
	}
	return names
}
