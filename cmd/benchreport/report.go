package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"
)

// report is everything BENCHMARKS.md shows.
type report struct {
	Started  time.Time
	Smoke    bool
	Machine  machine
	Sections []section
}

// writeReport renders the report as Markdown into path.
func writeReport(path string, r report) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Benchmarks\n\n")
	fmt.Fprintf(&b, "Written by `make bench` (`go run ./cmd/benchreport`) on %s; do not edit by hand.\n", r.Started.Format("2006-01-02 15:04 MST"))
	if r.Smoke {
		fmt.Fprintf(&b, "\n**Smoke run**: one short iteration of each measurement; the figures are not meaningful.\n")
	}
	fmt.Fprintf(&b, "\nMachine: %s, %d cores, %s/%s, %s. Every server listens on 127.0.0.1; ratios are measured side by side in the same run.\n",
		r.Machine.CPU, r.Machine.Cores, r.Machine.OS, r.Machine.Arch, r.Machine.GoVersion)

	fmt.Fprintf(&b, "\n## Summary\n\n| part | measure | value | spread | target | met |\n|---|---|---|---|---|---|\n")
	for _, s := range r.Sections {
		if s.Err != "" {
			fmt.Fprintf(&b, "| %s | (failed: %s) | | | | no |\n", s.Name, cell(s.Err))
		}
		for _, row := range s.Rows {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", s.Name, cell(row.Measure), cell(row.Value), cell(row.Spread), cell(row.Target), yesNo(row.Met))
		}
	}
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "\n## %s: %s\n\n", s.Name, s.Title)
		if s.Intro != "" {
			fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(s.Intro))
		}
		if s.Err != "" {
			fmt.Fprintf(&b, "**Failed**: %s\n\n", s.Err)
		}
		for _, n := range s.Notes {
			fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(n))
		}
		if len(s.Commands) > 0 {
			fmt.Fprintf(&b, "Reproduce:\n\n```sh\n%s\n```\n\n", strings.Join(s.Commands, "\n"))
		}
		fmt.Fprintf(&b, "Measured in %s.\n", s.Took.Round(time.Second))
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// cell makes a string safe inside a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}
