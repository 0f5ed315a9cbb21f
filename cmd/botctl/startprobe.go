//go:build botctl_startprobe

package main

import "os"

// init ends the process once every package is initialised, before main
// runs. cmd/benchreport builds botctl with this tag to time what a run
// costs before botctl's own code starts (the kernel loading the binary, the
// Go runtime, every package's initialisation) apart from what main does;
// a default build leaves this file out.
func init() { os.Exit(0) }
