package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// p4HelloSource is the floor any Go program starts from: the runtime's
// start-up and one write, nothing of botctl's.
const p4HelloSource = `package main

import "fmt"

func main() { fmt.Println("hello") }
`

// p4BuildHello builds p4HelloSource into dir with the same toolchain and
// flags as botctl (goBuild), and returns the binary's path.
func p4BuildHello(ctx context.Context, dir string) (string, error) {
	src := filepath.Join(dir, "hello")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(p4HelloSource), 0o644); err != nil {
		return "", err
	}
	bin := filepath.Join(src, "hello")
	cmd := goBuild(ctx, "-o", bin, ".")
	cmd.Dir = src
	cmd.Env = append(cmd.Env, "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build hello-world: %w: %s", err, bytes.TrimSpace(out))
	}
	return bin, nil
}

// p4Init is one package's initialisation as GODEBUG=inittrace=1 reports it:
// its clock time (median over the runs) and the heap it allocated.
type p4Init struct {
	Pkg   string
	Clock float64 // ms
	Bytes int64
}

// p4Inits runs botctl with args n times under GODEBUG=inittrace=1 and
// returns every package's initialisation, costliest (by clock) first.
func p4Inits(ctx context.Context, botctl string, n int, args ...string) ([]p4Init, error) {
	clocks := map[string][]float64{}
	heap := map[string]int64{}
	for range n {
		cmd := exec.CommandContext(ctx, botctl, args...)
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = nil, &stderr
		if err := cmd.Run(); err != nil {
			return nil, err
		}
		for l := range strings.SplitSeq(stderr.String(), "\n") {
			// init <package> @<start> ms, <clock> ms clock, <bytes> bytes, <allocs> allocs
			f := strings.Fields(l)
			if len(f) < 9 || f[0] != "init" || f[5] != "ms" || f[8] != "bytes," {
				continue
			}
			ms, err1 := strconv.ParseFloat(f[4], 64)
			b, err2 := strconv.ParseInt(f[7], 10, 64)
			if err1 != nil || err2 != nil {
				continue
			}
			clocks[f[1]] = append(clocks[f[1]], ms)
			heap[f[1]] = b
		}
	}
	inits := make([]p4Init, 0, len(clocks))
	for pkg, cs := range clocks {
		inits = append(inits, p4Init{Pkg: pkg, Clock: p24Summarise(cs).Median, Bytes: heap[pkg]})
	}
	slices.SortFunc(inits, func(a, b p4Init) int {
		if a.Clock != b.Clock {
			if a.Clock > b.Clock {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Pkg, b.Pkg)
	})
	return inits, nil
}

// p4InitTable renders the top package initialisations and the sums of
// botsdk's own packages against everything else as a markdown table.
func p4InitTable(inits []p4Init, top int) string {
	const ours = "github.com/botsdk/botsdk/"
	var oursClock, otherClock float64
	var oursBytes, otherBytes int64
	var b strings.Builder
	b.WriteString("| package | clock (ms, median) | heap allocated | ours |\n|---|---|---|---|\n")
	for i, in := range inits {
		mine := strings.HasPrefix(in.Pkg, ours)
		if mine {
			oursClock, oursBytes = oursClock+in.Clock, oursBytes+in.Bytes
		} else {
			otherClock, otherBytes = otherClock+in.Clock, otherBytes+in.Bytes
		}
		if i < top || (mine && in.Bytes > 0) {
			fmt.Fprintf(&b, "| %s | %.3f | %d B | %s |\n", in.Pkg, in.Clock, in.Bytes, map[bool]string{true: "yes", false: "no"}[mine])
		}
	}
	fmt.Fprintf(&b, "| **all of botsdk's packages** | %.3f | %d B | yes |\n", oursClock, oursBytes)
	fmt.Fprintf(&b, "| **all other packages (standard library, dependencies)** | %.3f | %d B | no |\n", otherClock, otherBytes)
	return b.String()
}

// p4Sums are package initialisation's clock (ms) in botsdk's packages, in
// all others, and in santhosh-tekuri/jsonschema/v6 (one of the others).
type p4Sums struct{ ours, others, jsonschema float64 }

// p4SumInits sums inits' clocks.
func p4SumInits(inits []p4Init) p4Sums {
	var s p4Sums
	for _, in := range inits {
		if strings.HasPrefix(in.Pkg, "github.com/botsdk/botsdk/") {
			s.ours += in.Clock
		} else {
			s.others += in.Clock
		}
		if in.Pkg == "github.com/santhosh-tekuri/jsonschema/v6" {
			s.jsonschema = in.Clock
		}
	}
	return s
}
