// Package docsnippets_test holds the tests that keep the README's and docs/'s
// examples true: every fenced Go block is compiled against this module, and
// every shell command that uses botctl's --mock is run through a built botctl.
package docsnippets_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// root is the module's root, two levels above this package.
var root = filepath.Join("..", "..")

// block is one fenced code block of a Markdown file.
type block struct {
	file, lang, text string
	line             int
}

// markdownFiles lists README.md and every page under docs/.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	require.NoError(t, err)
	return append([]string{filepath.Join(root, "README.md")}, files...)
}

// blocks returns the fenced blocks of a Markdown file.
func blocks(t *testing.T, file string) []block {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var out []block
	var cur *block
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```"):
			cur = &block{file: filepath.Base(file), lang: strings.TrimPrefix(trimmed, "```"), line: i + 1}
		case cur != nil && trimmed == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.text += line + "\n"
		}
	}
	return out
}

// TestGoSnippetsCompile builds every ```go block as a program of its own in a
// directory inside the module, so it compiles against this module's packages
// exactly as a user pasting it would.
func TestGoSnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every snippet")
	}
	dir, err := os.MkdirTemp(".", "_snippets")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	n := 0
	for _, f := range markdownFiles(t) {
		for _, b := range blocks(t, f) {
			if b.lang != "go" {
				continue
			}
			n++
			name := fmt.Sprintf("%s:%d", b.file, b.line)
			t.Run(name, func(t *testing.T) {
				require.True(t, strings.HasPrefix(b.text, "package "), "a ```go block must be a whole program or package that compiles as pasted; use a plain fence for a sketch")
				sub := filepath.Join(dir, fmt.Sprintf("s%d", n))
				require.NoError(t, os.MkdirAll(sub, 0o755))
				require.NoError(t, os.WriteFile(filepath.Join(sub, "main.go"), []byte(b.text), 0o644))
				cmd := exec.Command("go", "vet", "./"+filepath.ToSlash(sub))
				out, err := cmd.CombinedOutput()
				assert.NoError(t, err, "%s", out)
			})
		}
	}
	require.NotZero(t, n, "no ```go blocks found")
}

// mockCommand matches a shell line that runs botctl with --mock.
var mockCommand = regexp.MustCompile(`^(?:go run \./cmd/botctl|botctl)\s(.*--mock\b.*)$`)

// TestMockCommandsRun runs every shell command of README.md and docs/*.md
// that calls botctl with --mock through a built botctl: each must exit 0 and
// print something on stdout.
func TestMockCommandsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds botctl")
	}
	bin := botctl(t)
	n := 0
	for _, f := range markdownFiles(t) {
		for _, b := range blocks(t, f) {
			if b.lang != "" && b.lang != "sh" {
				continue
			}
			for _, line := range strings.Split(b.text, "\n") {
				line, _, _ = strings.Cut(line, "   #") // a comment after the command
				env, rest := leadingEnv(strings.TrimSpace(line))
				m := mockCommand.FindStringSubmatch(rest)
				if m == nil {
					continue
				}
				n++
				t.Run(fmt.Sprintf("%s:%d %s", b.file, b.line, m[1]), func(t *testing.T) {
					for _, now := range []string{"", hardMockNow} {
						stdout, stderr, err := runBotctl(t, bin, `"$BOTCTL" `+m[1], now, env)
						require.NoError(t, err, "BOTCTL_MOCK_NOW=%q; stderr: %s", now, stderr)
						assert.NotEmpty(t, strings.TrimSpace(stdout), "BOTCTL_MOCK_NOW=%q; stderr: %s", now, stderr)
					}
				})
			}
		}
	}
	require.NotZero(t, n, "no --mock commands found")
}

// placeholderWord matches a word an example leaves to the reader (FORM_ID).
var placeholderWord = regexp.MustCompile(`\b[A-Z][A-Z_]*_ID\b`)

// hardMockNow is the time, besides the clock's, at which
// TestMockCommandsRun and TestHelpMockExamplesRun run each command: the
// mock seeds as of the time it starts, and a Sunday just past midnight UTC
// is when the least has happened yet (no responses of the day, no weekday
// check-in run).
const hardMockNow = "2024-06-09T00:00:01Z"

// runBotctl runs script with sh, $BOTCTL set to bin, a fresh HOME and
// config directory, BOTCTL_MOCK_NOW set to now unless now is "", then env
// (which wins over it), and stdin empty, for at most a minute. It returns
// what the script printed and its error.
func runBotctl(t *testing.T, bin, script, now string, env []string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", script)
	cmd.Env = append(os.Environ(), "BOTCTL="+bin, "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	if now != "" {
		cmd.Env = append(cmd.Env, "BOTCTL_MOCK_NOW="+now)
	}
	cmd.Env = append(cmd.Env, env...)
	var out, errOut bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(""), &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// TestHelpMockExamplesRun runs every `botctl --mock` example that
// `botctl <api> --help` prints (the specs' x-botctl examples): each must name
// no placeholder (the mock's seeded ids are stable, docs/mock.md) and exit 0,
// on the clock's time and at hardMockNow.
func TestHelpMockExamplesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds botctl")
	}
	bin := botctl(t)
	ran := 0
	for _, api := range []string{"assistbot", "dailybot", "botaz", "botopen"} {
		help, err := exec.Command(bin, api, "--help").Output()
		require.NoError(t, err)
		for _, line := range strings.Split(string(help), "\n") {
			rest, ok := strings.CutPrefix(strings.TrimSpace(line), "botctl --mock ")
			if !ok {
				continue
			}
			ran++
			t.Run(rest, func(t *testing.T) {
				require.False(t, placeholderWord.MatchString(rest), "a --mock example must run as written: use a seeded id (docs/mock.md), not a placeholder")
				for _, now := range []string{"", hardMockNow} {
					_, stderr, err := runBotctl(t, bin, `"$BOTCTL" --mock `+rest+` </dev/null`, now, nil)
					assert.NoError(t, err, "BOTCTL_MOCK_NOW=%q; stderr: %s", now, stderr)
				}
			})
		}
	}
	t.Logf("ran %d --mock help examples", ran)
	require.NotZero(t, ran)
}

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// botctl builds cmd/botctl once for all the tests and returns its path.
func botctl(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "docsnippets")
		if buildErr != nil {
			return
		}
		// Built as the README's install line builds it: static.
		build := exec.Command("go", "build", "-o", filepath.Join(binDir, "botctl"), "../../cmd/botctl")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		out, err := build.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("%w: %s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return filepath.Join(binDir, "botctl")
}

// leadingEnv splits NAME=value assignments off the front of a command line.
func leadingEnv(line string) (env []string, rest string) {
	for {
		word, after, ok := strings.Cut(line, " ")
		if !ok || !regexp.MustCompile(`^[A-Z_][A-Z0-9_]*=\S*$`).MatchString(word) {
			return env, line
		}
		env = append(env, word)
		line = strings.TrimSpace(after)
	}
}

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.Cleanup(func(code int) {
		if binDir != "" {
			_ = os.RemoveAll(binDir)
		}
		os.Exit(code)
	}))
}
