//go:build botctl_startprobe

package main

import "os"

// startProbe ends the process as main starts, once the runtime is up and
// every package is initialised. cmd/benchreport builds botctl with this tag
// to time what a run costs before botctl's own code starts (the kernel
// loading the binary, the Go runtime, every package's initialisation) apart
// from what main does; a default build has startprobe_off.go's instead.
func startProbe() { os.Exit(0) }
