package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindTargets(t *testing.T) {
	root := t.TempDir()
	write := func(path, src string) {
		t.Helper()
		full := filepath.Join(root, path)
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(src), 0o644))
	}
	write("a/a_test.go", `package a
import "testing"
func FuzzB(f *testing.F) {}
func FuzzA(f *testing.F) {}
func FuzzNotATarget(t *testing.T) {}
func Fuzzy() {}
type x struct{}
func (x) FuzzMethod(f *testing.F) {}
`)
	write("b/b_test.go", "package b\nimport \"testing\"\nfunc FuzzC(f *testing.F) {}\n")
	write("b/testdata/skip_test.go", "package skip\nimport \"testing\"\nfunc FuzzSkipped(f *testing.F) {}\n")
	write("b/b.go", "package b\nimport \"testing\"\nfunc FuzzNotInATest(f *testing.F) {}\n")

	got, err := findTargets(root)
	require.NoError(t, err)
	assert.Equal(t, []target{
		{dir: filepath.Join(root, "a"), name: "FuzzA"},
		{dir: filepath.Join(root, "a"), name: "FuzzB"},
		{dir: filepath.Join(root, "b"), name: "FuzzC"},
	}, got)

	write("c/bad_test.go", "package c\nfunc {")
	_, err = findTargets(root)
	assert.Error(t, err)
}

func TestLastExecs(t *testing.T) {
	out := []byte("fuzz: elapsed: 0s, gathering baseline coverage: 0/3 completed\n" +
		"fuzz: elapsed: 3s, execs: 1200 (400/sec), new interesting: 1 (total: 4)\n" +
		"fuzz: elapsed: 5s, execs: 2345 (590/sec), new interesting: 1 (total: 4)\nPASS\n")
	assert.Equal(t, int64(2345), lastExecs(out))
	assert.Zero(t, lastExecs([]byte("ok\n")))
}

func TestIsDeadlineRace(t *testing.T) {
	tests := []struct {
		name, out string
		want      bool
	}{
		{name: "the coordinator's deadline alone", want: true,
			out: "fuzz: elapsed: 5s, execs: 79174 (17346/sec)\n--- FAIL: FuzzIntList (5.11s)\n    context deadline exceeded\nFAIL\n"},
		{name: "a failing input", want: false,
			out: "--- FAIL: FuzzX (1.2s)\n    --- FAIL: FuzzX (0.00s)\n        x_test.go:42: bad\n    Failing input written to testdata/fuzz/FuzzX/abc\ncontext deadline exceeded\n"},
		{name: "a panic", want: false, out: "panic: boom\ncontext deadline exceeded\n"},
		{name: "another failure", want: false, out: "--- FAIL: FuzzX\n    build failed\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, isDeadlineRace(tt.out))
		})
	}
}
