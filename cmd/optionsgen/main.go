// Command optionsgen writes options_shared.gen.go into each API package of
// pkg/: the typed options every API shares (base URL, HTTP client, retries,
// logger, user agent, rate limit), each wrapping one botsdk.Setting in the
// package's own Option type, so that one package's options do not compile
// with another package's New. `make generate` runs it from the repository
// root; `make check-generate` fails when its output is stale.
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"text/template"
)

//go:embed options.go.tmpl
var source string

// api is what the template needs to know of one API package.
type api struct {
	// Package is the Go package name and its folder under pkg/.
	Package string
	// Name is the API's name in prose.
	Name string
	// MockPath is the API's path prefix on botctl mock's server.
	MockPath string
}

var apis = []api{
	{Package: "assistbot", Name: "AssistBot", MockPath: "/assistbot"},
	{Package: "botaz", Name: "Bot.Az", MockPath: "/botaz/api"},
	{Package: "botopen", Name: "Bot Open", MockPath: "/botopen"},
	{Package: "dailybot", Name: "DailyBot", MockPath: "/dailybot/v1"},
}

func main() {
	if err := run("pkg"); err != nil {
		fmt.Fprintln(os.Stderr, "optionsgen:", err)
		os.Exit(1)
	}
}

// run writes the file into each package folder under root.
func run(root string) error {
	tmpl, err := template.New("options").Parse(source)
	if err != nil {
		return err
	}
	for _, a := range apis {
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, a); err != nil {
			return fmt.Errorf("%s: %w", a.Package, err)
		}
		src, err := format.Source(buf.Bytes())
		if err != nil {
			return fmt.Errorf("%s: format: %w", a.Package, err)
		}
		if err := os.WriteFile(filepath.Join(root, a.Package, "options_shared.gen.go"), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}
