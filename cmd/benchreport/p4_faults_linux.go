package main

import (
	"errors"
	"fmt"
	"runtime"
	"syscall"
	"time"
)

// p4FaultCost measures what one minor page fault costs on this machine, in
// microseconds of wall time: reps times, it maps fresh anonymous memory,
// asks for it in small pages (as Go's heap gets it unless the kernel's
// transparent huge pages are set to "always"), writes one byte of each page
// and divides the time taken by the faults the kernel counted for its
// thread (getrusage). The goroutine is locked to its thread and nothing else
// of benchreport runs meanwhile. It fails where the kernel does not count
// the faults one by one (errFaultsUncounted).
func p4FaultCost(reps int) (p24Stats, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	per := make([]float64, 0, reps)
	for range reps {
		us, err := p4FaultOnce(syscall.Getpagesize())
		if err != nil {
			return p24Stats{}, err
		}
		per = append(per, us)
	}
	return p24Summarise(per), nil
}

// p4FaultOnce maps p4FaultPages fresh pages of size page, touches each and
// returns the microseconds per fault; the mapping is always released.
func p4FaultOnce(page int) (float64, error) {
	mem, err := syscall.Mmap(-1, 0, p4FaultPages*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return 0, fmt.Errorf("map %d pages: %w", p4FaultPages, err)
	}
	defer func() { _ = syscall.Munmap(mem) }()
	// A kernel built without transparent huge pages refuses the advice
	// (EINVAL): its pages are small anyway.
	if err := syscall.Madvise(mem, syscall.MADV_NOHUGEPAGE); err != nil && !errors.Is(err, syscall.EINVAL) {
		return 0, fmt.Errorf("madvise: %w", err)
	}
	var before, after syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &before); err != nil {
		return 0, fmt.Errorf("getrusage: %w", err)
	}
	start := time.Now()
	for i := 0; i < len(mem); i += page {
		mem[i] = 1
	}
	took := time.Since(start)
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &after); err != nil {
		return 0, fmt.Errorf("getrusage: %w", err)
	}
	faults := after.Minflt - before.Minflt
	if faults < p4FaultPages/2 {
		return 0, fmt.Errorf("%w: touching %d fresh pages counted %d page faults", errFaultsUncounted, p4FaultPages, faults)
	}
	return float64(took.Nanoseconds()) / float64(faults) / 1e3, nil
}
