package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// p4FaultPages is how many fresh pages of memory one run of the page-fault
// probe touches (4 MiB of 4 KiB pages: about what botctl's main touches).
const p4FaultPages = 1024

// errFaultsUncounted is p4FaultCost's error where the kernel does not count
// a process's page faults one by one (another system, a sandboxed kernel).
var errFaultsUncounted = errors.New("page faults are not counted one by one here")

// p4FaultShare is what page faults take of botctl's main in one command:
// the faults of the command's runs and of the probe's (which stops as main
// starts), and a fault's cost on this machine.
type p4FaultShare struct {
	Command, Probe int64    // minor page faults, medians of the runs
	Cost           p24Stats // µs per fault, p4FaultCost's
}

// mainFaults is the faults main takes: the command's less the probe's.
func (f p4FaultShare) mainFaults() int64 { return max(0, f.Command-f.Probe) }

// kernelMillis is the CPU time main's faults cost in the kernel, at the
// median cost of one.
func (f p4FaultShare) kernelMillis() float64 {
	return float64(f.mainFaults()) * f.Cost.Median / 1e3
}

// row is the command's faults against the probe's.
func (f p4FaultShare) row(command string) row {
	return row{Measure: fmt.Sprintf("minor page faults, median: `%s` / the probe's (before main)", command),
		Value:  fmt.Sprintf("%d / %d", f.Command, f.Probe),
		Target: fmt.Sprintf("(main's %d faults: about %.1f ms of CPU in the kernel at the cost above)", f.mainFaults(), f.kernelMillis()),
		Met:    true}
}

// p4FaultCostRow is the page-fault probe's row: cost, over reps runs.
func p4FaultCostRow(cost p24Stats, reps int) row {
	return row{Measure: fmt.Sprintf("a minor page fault's cost on this machine: %d fresh pages of anonymous memory touched one "+
		"by one, wall time per fault the kernel counted (getrusage), median of %d", p4FaultPages, reps),
		Value: fmt.Sprintf("%.1f µs", cost.Median), Spread: cost.spread("%.1f", " µs"),
		Target: "(the kernel's and the hypervisor's time, not ours)", Met: true}
}

// p4THP returns the kernel's transparent huge page setting (the bracketed
// word of /sys/kernel/mm/transparent_hugepage/enabled), or "" where there
// is none to read.
func p4THP() string {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		return ""
	}
	return p4Bracketed(string(b))
}

// p4Bracketed returns the word a sysfs choice file marks as chosen
// ("always [madvise] never" gives "madvise"), or "" for none.
func p4Bracketed(choices string) string {
	_, rest, ok := strings.Cut(choices, "[")
	chosen, _, closed := strings.Cut(rest, "]")
	if !ok || !closed {
		return ""
	}
	return chosen
}
