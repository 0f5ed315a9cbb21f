// Package specs embeds botsdk's four hand-authored OpenAPI 3.0.3 specs so that
// tests, the mock server and validators load them from the module, never from
// a file path, and lists the examples each spec embeds.
//
//	doc, err := specs.Load(ctx, "dailybot")
//	for _, ex := range specs.Examples(doc) { ... }
package specs

import (
	"context"
	"embed"
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// FS holds the spec files (<api>.yaml) and their oapi-codegen configs
// (<api>.codegen.yaml).
//
//go:embed *.yaml
var FS embed.FS

// Names returns the names of the four specs, in alphabetical order; each name
// is also the Go package name of its generated and wrapper packages.
func Names() []string { return []string{"assistbot", "botaz", "botopen", "dailybot"} }

// Load parses and resolves the embedded spec called name (see Names). It does
// not validate the document; call (*openapi3.T).Validate for that. Load fails
// for an unknown name or a spec that does not parse.
func Load(ctx context.Context, name string) (*openapi3.T, error) {
	if !slices.Contains(Names(), name) {
		return nil, fmt.Errorf("specs: unknown spec %q (want one of %v)", name, Names())
	}
	data, err := FS.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("specs: read %s.yaml: %w", name, err)
	}
	return Parse(ctx, data)
}

// Parse loads an OpenAPI document from YAML or JSON bytes and resolves its
// internal references. External references are refused.
func Parse(ctx context.Context, data []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("specs: parse: %w", err)
	}
	return doc, nil
}
