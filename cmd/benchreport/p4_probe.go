package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
)

// p4ProbeTag is the build tag of cmd/botctl/startprobe.go, which ends the
// process once every package is initialised, before botctl's main runs.
const p4ProbeTag = "botctl_startprobe"

// p4BuildProbe builds botctl with p4ProbeTag into dir, otherwise as the
// run's botctl is built, and returns the binary's path.
func p4BuildProbe(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "botctl-startprobe")
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", p4ProbeTag, "-o", bin, "./cmd/botctl")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build botctl -tags %s: %w: %s", p4ProbeTag, err, bytes.TrimSpace(out))
	}
	return bin, nil
}

// p4MainShare is what botctl's main takes of a run: the run's wall time less
// the probe's, each pair run back to back so that the machine's drift
// touches both alike.
type p4MainShare struct {
	Probe []p4Run   // the probe's runs
	Main  []float64 // ms, the run's wall less the probe's, run by run
}

// p4MainShares runs the probe and botctl with args, back to back, n times.
func p4MainShares(ctx context.Context, botctl, probe string, n int, args ...string) (p4MainShare, error) {
	var s p4MainShare
	for range n {
		p, err := p4Exec(ctx, probe, args...)
		if err != nil {
			return s, err
		}
		r, err := p4Exec(ctx, botctl, args...)
		if err != nil {
			return s, err
		}
		s.Probe = append(s.Probe, p)
		s.Main = append(s.Main, p24Millis(r.Wall)-p24Millis(p.Wall))
	}
	return s, nil
}
