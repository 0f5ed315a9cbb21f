package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botaz"
	"github.com/botsdk/botsdk/pkg/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestGeneratedFilesAreCurrent regenerates into a scratch tree and compares
// with the files in pkg/.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	root := t.TempDir()
	for _, a := range apis {
		require.NoError(t, os.MkdirAll(filepath.Join(root, a.Package), 0o755))
	}
	require.NoError(t, run(root))
	for _, a := range apis {
		want, err := os.ReadFile(filepath.Join(root, a.Package, "options_shared.gen.go"))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join("..", "..", "pkg", a.Package, "options_shared.gen.go"))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "pkg/%s/options_shared.gen.go is stale: run make generate", a.Package)
	}
}

// TestMixedOptionsDoNotCompile builds a program that hands one package's
// option to another package's New, and expects the compiler to refuse it.
func TestMixedOptionsDoNotCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	// The program is a file in a package of this module that exists only in
	// the go command's overlay: nothing is written into the source tree.
	wd, err := os.Getwd()
	require.NoError(t, err)
	scratch := t.TempDir()
	inModule := filepath.Join(wd, "mixcheck", "main.go")
	tests := map[string]string{
		"own option of another API":    `_, _ = assistbot.New("k", dailybot.WithPrefetch(4))`,
		"shared option of another API": `_, _ = botaz.New("u", "t", dailybot.WithBaseURL("http://127.0.0.1"))`,
		"bare shared setting":          `_, _ = dailybot.New("k", botsdk.BaseURL("http://127.0.0.1"))`,
		// The control: the package's own options compile, so the cases
		// above fail for the mix alone.
		"control": `_, _ = dailybot.New("k", dailybot.WithPrefetch(4), dailybot.WithSettings(botsdk.BaseURL("http://127.0.0.1")))`,
	}
	for name, stmt := range tests {
		t.Run(name, func(t *testing.T) {
			src := `package main

import (
	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botaz"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

var _ = assistbot.New
var _ = botaz.New
var _ = botsdk.BaseURL
var _ = dailybot.New

func main() {
	` + stmt + `
}
`
			file := filepath.Join(scratch, "main.go")
			require.NoError(t, os.WriteFile(file, []byte(src), 0o644))
			overlay, err := json.Marshal(map[string]map[string]string{"Replace": {inModule: file}})
			require.NoError(t, err)
			overlayFile := filepath.Join(scratch, "overlay.json")
			require.NoError(t, os.WriteFile(overlayFile, overlay, 0o644))
			out, err := exec.Command("go", "build", "-overlay", overlayFile, "-o", os.DevNull, "./mixcheck").CombinedOutput()
			if name == "control" {
				require.NoError(t, err, "%s", out)
				return
			}
			require.Error(t, err, "the program compiled:\n%s", src)
			assert.Contains(t, string(out), "cannot use", "%s", out)
		})
	}
}

// TestInvalidOptionsFailInNew gives every option a value it refuses and
// expects New to fail with an error naming the option.
func TestInvalidOptionsFailInNew(t *testing.T) {
	news := map[string]func(set ...botsdk.Setting) error{
		"assistbot": func(set ...botsdk.Setting) error {
			_, err := assistbot.New("key", assistbot.WithSettings(set...))
			return err
		},
		"dailybot": func(set ...botsdk.Setting) error {
			_, err := dailybot.New("key", dailybot.WithSettings(set...))
			return err
		},
		"botaz": func(set ...botsdk.Setting) error {
			_, err := botaz.New("user", "token", botaz.WithSettings(set...))
			return err
		},
		"botopen": func(set ...botsdk.Setting) error {
			_, err := botopen.New("app", "secret", botopen.WithSettings(set...))
			return err
		},
	}
	shared := []struct {
		name string
		set  botsdk.Setting
	}{
		{"WithBaseURL", botsdk.BaseURL("/relative")},
		{"WithHTTPClient", botsdk.HTTPClient(nil)},
		{"WithTransport", botsdk.RoundTripper(nil)},
		{"WithUserAgent", botsdk.UserAgent("two\nlines")},
		{"WithRateLimit", botsdk.RateLimit(0, 1)},
	}
	for api, newClient := range news {
		for _, s := range shared {
			t.Run(api+"/"+s.name, func(t *testing.T) {
				err := newClient(s.set)
				require.Error(t, err)
				assert.True(t, strings.HasPrefix(err.Error(), api+": New: "+s.name+": "), "%v", err)
			})
		}
	}
	own := []struct {
		name string
		err  error
	}{
		{"WithPageSize", func() error { _, err := dailybot.New("key", dailybot.WithPageSize(0)); return err }()},
		{"WithPrefetch", func() error { _, err := dailybot.New("key", dailybot.WithPrefetch(-1)); return err }()},
		{"WithAuthHeaders", func() error { _, err := botaz.New("u", "t", botaz.WithAuthHeaders("X-A", "x-a")); return err }()},
		{"WithClock", func() error { _, err := botopen.New("a", "s", botopen.WithClock(nil)); return err }()},
		{"WithExpirySkew", func() error { _, err := botopen.New("a", "s", botopen.WithExpirySkew(-time.Second)); return err }()},
		{"WithLoginTimeout", func() error { _, err := botopen.New("a", "s", botopen.WithLoginTimeout(0)); return err }()},
	}
	for _, o := range own {
		t.Run(o.name, func(t *testing.T) {
			require.Error(t, o.err)
			assert.Contains(t, o.err.Error(), ": New: "+o.name+": ")
		})
	}
	// Valid values pass.
	_, err := dailybot.New("key", dailybot.WithPageSize(100), dailybot.WithPrefetch(4),
		dailybot.WithHTTPClient(&http.Client{}), dailybot.WithRetry(botsdk.NoRetry()))
	require.NoError(t, err)
}
