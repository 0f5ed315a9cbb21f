//go:build !botctl_startprobe

package main

// startProbe does nothing in a default build; see startprobe.go.
func startProbe() {}
