package main

import (
	"fmt"
	"runtime"
	"syscall"
	"time"
)

// p4FaultPages is how many fresh pages of memory one run of the page-fault
// probe touches (4 MiB of 4 KiB pages: about what botctl's main touches).
const p4FaultPages = 1024

// p4FaultCost measures what one minor page fault costs on this machine, in
// microseconds: reps times, it maps fresh anonymous memory, asks for it in
// small pages (as Go's heap gets it unless the kernel's transparent huge
// pages are set to "always"), writes one byte of each page and divides the
// time taken by the faults the kernel counted for the process (getrusage).
// Its own goroutine is locked to its thread and nothing else of benchreport
// runs meanwhile.
func p4FaultCost(reps int) (p24Stats, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	page := syscall.Getpagesize()
	per := make([]float64, 0, reps)
	for range reps {
		mem, err := syscall.Mmap(-1, 0, p4FaultPages*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			return p24Stats{}, fmt.Errorf("map %d pages: %w", p4FaultPages, err)
		}
		if err := syscall.Madvise(mem, syscall.MADV_NOHUGEPAGE); err != nil {
			return p24Stats{}, fmt.Errorf("madvise: %w", err)
		}
		var before, after syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &before); err != nil {
			return p24Stats{}, err
		}
		start := time.Now()
		for i := 0; i < len(mem); i += page {
			mem[i] = 1
		}
		took := time.Since(start)
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &after); err != nil {
			return p24Stats{}, err
		}
		if err := syscall.Munmap(mem); err != nil {
			return p24Stats{}, err
		}
		faults := after.Minflt - before.Minflt
		if faults < p4FaultPages/2 {
			// Pages that were not faulted one by one measure nothing.
			return p24Stats{}, fmt.Errorf("touching %d fresh pages took %d page faults", p4FaultPages, faults)
		}
		per = append(per, float64(took.Nanoseconds())/float64(faults)/1e3)
	}
	return p24Summarise(per), nil
}

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

// rows are the probe's cost of a fault and the command's faults against
// the probe's.
func (f p4FaultShare) rows(command string, reps int) []row {
	return []row{
		{Measure: fmt.Sprintf("a minor page fault's cost on this machine: %d fresh pages of anonymous memory touched one "+
			"by one, time per fault counted by the kernel (getrusage), median of %d", p4FaultPages, reps),
			Value: fmt.Sprintf("%.1f µs", f.Cost.Median), Spread: f.Cost.spread("%.1f", " µs"),
			Target: "(the kernel's and the hypervisor's time, not ours)", Met: true},
		{Measure: fmt.Sprintf("minor page faults, median: `%s` / the probe's (before main)", command),
			Value:  fmt.Sprintf("%d / %d", f.Command, f.Probe),
			Target: fmt.Sprintf("(main's %d faults: about %.1f ms of CPU in the kernel at the cost above)", f.mainFaults(), f.kernelMillis()),
			Met:    true},
	}
}
