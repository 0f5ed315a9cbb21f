//go:build !linux

package main

// p4FaultCost is measured on Linux only (its getrusage counts a thread's
// faults); elsewhere P4 reports no page-fault rows.
func p4FaultCost(int) (p24Stats, error) { return p24Stats{}, errFaultsUncounted }
