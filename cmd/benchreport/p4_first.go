package main

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// p4FirstCommit is the first build's botctl (the 45 operations of the old
// docs), whose `--help` the performance targets were set against.
const p4FirstCommit = "4639e3f"

// p4BuildFirst builds botctl as it was at p4FirstCommit, from this
// repository's history (git archive, unpacked into dir), with the same
// toolchain and default flags, and returns the binary's path. It fails
// where the history is not there (a shallow clone).
func p4BuildFirst(ctx context.Context, dir string) (string, error) {
	src := filepath.Join(dir, "first-build")
	archive := exec.CommandContext(ctx, "git", "archive", "--format=tar", p4FirstCommit)
	var stderr bytes.Buffer
	archive.Stderr = &stderr
	out, err := archive.Output()
	if err != nil {
		return "", fmt.Errorf("git archive %s: %w: %s", p4FirstCommit, err, bytes.TrimSpace(stderr.Bytes()))
	}
	if err := p4Untar(bytes.NewReader(out), src); err != nil {
		return "", err
	}
	bin := filepath.Join(src, "botctl-first")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/botctl")
	build.Dir = src
	build.Env = append(os.Environ(), "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build botctl at %s: %w: %s", p4FirstCommit, err, bytes.TrimSpace(out))
	}
	return bin, nil
}

// p4Untar writes the regular files and directories of the tar stream r
// under dir, refusing any path that leaves it.
func p4Untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Join(dir, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(name, filepath.Clean(dir)+string(filepath.Separator)) {
			return fmt.Errorf("untar: %q leaves %s", h.Name, dir)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(name, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// p4FirstRow is the first build's `--help` row: its wall time, or why it
// could not be measured here.
func p4FirstRow(first []p4Run, err error) row {
	measure := fmt.Sprintf("reference: the first build's botctl (commit %s, the issue's \"today: 12 ms\"), built and run the same way: `--help` wall, median of %d", p4FirstCommit, len(first))
	if err != nil || len(first) == 0 {
		return row{Measure: measure, Value: "not measured", Target: fmt.Sprintf("(%v)", err), Met: true}
	}
	w, _ := p4Stats(first)
	return row{Measure: measure, Value: fmt.Sprintf("%.1f ms", w.Median), Spread: w.spread("%.1f", " ms"),
		Target: "(the same code the target's 12 ms was measured on, on this machine)", Met: true}
}

// p4FirstMockRow is the first build's `--mock dailybot me` row, beside
// today's median wall (ms): the ratio of the two, against the target's
// 40 ms over the 143 ms for the first build.
func p4FirstMockRow(first []p4Run, err error, today float64) row {
	measure := fmt.Sprintf("reference: the first build's `--mock dailybot me` (the issue's \"today: 143 ms\"), built and run the same way: wall, median of %d; today's / the first build's", len(first))
	if err != nil || len(first) == 0 {
		return row{Measure: measure, Value: "not measured", Target: fmt.Sprintf("(%v)", err), Met: true}
	}
	w, _ := p4Stats(first)
	return row{Measure: measure, Value: fmt.Sprintf("%.1f ms; %.2f×", w.Median, today/w.Median), Spread: w.spread("%.1f", " ms"),
		Target: fmt.Sprintf("(the target is %.2f× the issue's figure)", 40.0/143), Met: true}
}
