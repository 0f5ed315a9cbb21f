package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

var (
	buildOnce sync.Once
	builtDir  string // the directory of the built binary, removed by TestMain
	builtErr  error
)

// botctlBinary builds botctl once per test run and returns its path.
func botctlBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if builtDir, builtErr = os.MkdirTemp("", "botctl-e2e-"); builtErr != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(builtDir, "botctl"), ".").CombinedOutput()
		if err != nil {
			builtErr = &buildError{err, out}
		}
	})
	require.NoError(t, builtErr)
	return filepath.Join(builtDir, "botctl")
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return e.err.Error() + ": " + string(e.out) }

// runBinary runs the built botctl with args, the environment vars (plus
// PATH and HOME) and stdin, and returns what it printed and its exit code.
func runBinary(t *testing.T, vars []string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(botctlBinary(t), args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, vars...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exit := (*exec.ExitError)(nil); err != nil {
		require.ErrorAs(t, err, &exit)
		code = exit.ExitCode()
	}
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}
