package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// benchEnv is what every part shares: the built botctl, a scratch directory,
// the Prism binary and the run's mode.
type benchEnv struct {
	// Smoke asks for one short iteration of each measurement.
	Smoke bool
	// Botctl is the path of a botctl binary built for this run as `make
	// build` and `make install` build it (goBuild).
	Botctl string
	// Prism is the pinned Prism CLI.
	Prism string
	// Dir is a scratch directory removed at the end of the run.
	Dir string
	// Log receives progress lines.
	Log io.Writer
}

// newBenchEnv builds botctl into a fresh scratch directory.
func newBenchEnv(ctx context.Context, smoke bool, prism string, log io.Writer) (*benchEnv, error) {
	dir, err := os.MkdirTemp("", "benchreport-")
	if err != nil {
		return nil, fmt.Errorf("scratch directory: %w", err)
	}
	env := &benchEnv{Smoke: smoke, Prism: prism, Dir: dir, Log: log, Botctl: filepath.Join(dir, "botctl")}
	build := goBuild(ctx, "-o", env.Botctl, "./cmd/botctl")
	build.Stdout, build.Stderr = log, log
	if err := build.Run(); err != nil {
		env.close()
		return nil, fmt.Errorf("go build ./cmd/botctl: %w", err)
	}
	return env, nil
}

// goBuild returns the command that builds a binary the way `make build`
// and `make install` build botctl: without cgo (CGO_ENABLED=0), a static
// binary. botctl, its start probe and the hello-world floor are built with
// it, so that their times compare; the first build is built as it was then
// (p4BuildFirst).
func goBuild(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", append([]string{"build"}, args...)...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	return cmd
}

// close removes the scratch directory.
func (e *benchEnv) close() { _ = os.RemoveAll(e.Dir) }

// machine describes where the figures were measured.
type machine struct {
	CPU       string
	Cores     int
	OS, Arch  string
	GoVersion string
}

func describeMachine() machine {
	m := machine{Cores: runtime.NumCPU(), OS: runtime.GOOS, Arch: runtime.GOARCH, GoVersion: runtime.Version(), CPU: "unknown"}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				m.CPU = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	return m
}
