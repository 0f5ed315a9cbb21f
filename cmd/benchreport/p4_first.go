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
// docs), on which the start-up targets' "today" figures were measured.
const p4FirstCommit = "4639e3f7d0506ecb788b58bb3874e1f76a2d8d27"

// p4BuildFirst builds botctl as it was at p4FirstCommit, from this
// repository's history (git archive, unpacked into dir), with the same
// toolchain and, as the targets' figures were measured, default flags
// (with cgo, not goBuild's static build), and returns the binary's path. It
// fails where the history is not there (a shallow clone).
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
		if !filepath.IsLocal(filepath.FromSlash(h.Name)) {
			return fmt.Errorf("untar: %q is not a path inside %s", h.Name, dir)
		}
		name := filepath.Join(dir, filepath.FromSlash(h.Name))
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

// p4ReferenceRow is a row of the first build's figures: measure is a format
// taking the number of runs, value writes the cell from the runs' median
// wall time (ms); without runs the cell says why.
func p4ReferenceRow(measure, note string, runs []p4Run, err error, value func(median float64) string) row {
	measure = fmt.Sprintf(measure, len(runs))
	if err != nil || len(runs) == 0 {
		why := "no runs"
		if err != nil {
			why, _, _ = strings.Cut(err.Error(), "\n")
			if len(why) > 160 {
				why = why[:160] + "…"
			}
		}
		return row{Measure: measure, Value: "not measured", Target: "(" + why + ")", Met: true}
	}
	w, _ := p4Stats(runs)
	return row{Measure: measure, Value: value(w.Median), Spread: w.spread("%.1f", " ms"), Target: note, Met: true}
}
