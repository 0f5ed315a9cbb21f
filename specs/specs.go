// Package specs embeds botsdk's four hand-authored OpenAPI 3.0.3 specs so that
// tests, the mock server and validators load them from the module, never from
// a file path, and lists the examples each spec embeds.
//
//	doc, err := specs.Load(ctx, "dailybot")
//	for _, ex := range specs.Examples(doc) { ... }
//
// A program that needs a few operations rather than the whole document
// (the mock, request validation) opens the spec by parts with LoadParts and
// decodes one path's document at a time: without its responses to route
// and check requests ((*Parts).RequestDoc), whole to check responses
// ((*Parts).PathDoc).
package specs

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3"
)

// FS holds the spec files (<api>.yaml) and their oapi-codegen configs
// (<api>.codegen.yaml): the sources, for generators, validators and tests.
// A program that only loads specs (Load) does not link them in.
//
//go:embed *.yaml
var FS embed.FS

// archives holds each spec pre-parsed as JSON (see PreParsed), split into
// parts and compressed (<api>.gen.zip, see Archive): the one form Load and
// LoadParts read, so that a binary carries each spec once, in about two
// fifths of its size.
//
//go:embed *.gen.zip
var archives embed.FS

// Names returns the names of the four specs, in alphabetical order; each name
// is also the Go package name of its generated and wrapper packages.
func Names() []string { return []string{"assistbot", "botaz", "botopen", "dailybot"} }

// SourceKey is the extension a pre-parsed spec (PreParsed) opens with:
// the hex SHA-256 of the YAML it was written from. Load reads the JSON only
// while that YAML is unchanged, and removes the key from the document.
const SourceKey = "x-botsdk-yaml-sha256"

// Load parses and resolves the embedded spec called name (see Names). It does
// not validate the document; call (*openapi3.T).Validate for that. Load fails
// for an unknown name or a spec that does not parse.
//
// It reads the spec's pre-parsed JSON (kin-openapi decodes JSON in about half
// the time of YAML), which make generate writes from the YAML and which
// TestPreParsedIsCurrent and make check-generate keep current; it does not
// read the YAML, so a program using Load carries each spec once. Generators
// that must see the YAML as it is now call LoadSource.
func Load(ctx context.Context, name string) (*openapi3.T, error) {
	if !slices.Contains(Names(), name) {
		return nil, fmt.Errorf("specs: unknown spec %q (want one of %v)", name, Names())
	}
	arc, err := openArchive(name)
	if err != nil {
		return nil, err
	}
	js, err := arc.document()
	if err != nil {
		return nil, err
	}
	doc, err := parseJSON(ctx, js)
	if err != nil {
		return nil, fmt.Errorf("specs: parse %s.gen.zip: %w", name, err)
	}
	delete(doc.Extensions, SourceKey)
	return doc, nil
}

// LoadSource parses and resolves the embedded YAML spec called name, as
// Load does but from the source rather than the pre-parsed JSON: slower,
// and current even before make generate rewrites the JSON. It fails as Load
// does.
func LoadSource(ctx context.Context, name string) (*openapi3.T, error) {
	if !slices.Contains(Names(), name) {
		return nil, fmt.Errorf("specs: unknown spec %q (want one of %v)", name, Names())
	}
	data, err := FS.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("specs: read %s.yaml: %w", name, err)
	}
	return Parse(ctx, data)
}

// parseJSON is Parse for a JSON document, faster: kin-openapi decodes each
// level of a document again below it (a path item's bytes are decoded into
// a map, encoded and decoded once more), so it decodes each kind of
// component and each path item itself, from their own bytes, on every CPU
// at once, largest first, and resolves the references as Parse does.
func parseJSON(ctx context.Context, js []byte) (*openapi3.T, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(js, &top); err != nil {
		return nil, err
	}
	var paths map[string]json.RawMessage
	if raw, ok := top["paths"]; ok {
		if err := json.Unmarshal(raw, &paths); err != nil {
			return nil, err
		}
	}
	components, hasComponents := top["components"]
	delete(top, "paths")
	delete(top, "components")
	rest, err := json.Marshal(top)
	if err != nil {
		return nil, err
	}
	doc := &openapi3.T{}
	if err := json.Unmarshal(rest, doc); err != nil {
		return nil, err
	}

	keys := slices.Sorted(maps.Keys(paths))
	items := make([]openapi3.PathItem, len(keys))
	var jobs []decodeJob
	for i, k := range keys {
		if !strings.HasPrefix(k, "x-") {
			jobs = append(jobs, decodeJob{size: len(paths[k]), run: func() error {
				if err := json.Unmarshal(paths[k], &items[i]); err != nil {
					return fmt.Errorf("paths: %s: %w", k, err)
				}
				return nil
			}})
		}
	}
	var comp openapi3.Components
	if hasComponents {
		cj, err := componentJobs(components, &comp)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, cj...)
		doc.Components = &comp
	}
	// Largest first, so that the CPUs finish together.
	slices.SortStableFunc(jobs, func(a, b decodeJob) int { return b.size - a.size })
	var next atomic.Int64
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for j := int(next.Add(1)) - 1; j < len(jobs); j = int(next.Add(1)) - 1 {
				errs[j] = jobs[j].run()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if paths != nil {
		doc.Paths = openapi3.NewPaths()
		doc.Paths.Extensions = map[string]any{}
		for i, k := range keys {
			if strings.HasPrefix(k, "x-") {
				var v any
				if err := json.Unmarshal(paths[k], &v); err != nil {
					return nil, err
				}
				doc.Paths.Extensions[k] = v
				continue
			}
			doc.Paths.Set(k, &items[i])
		}
	}
	loader := openapi3.NewLoader()
	loader.Context = ctx
	if err := loader.ResolveRefsIn(doc, nil); err != nil {
		return nil, err
	}
	return doc, nil
}

// sourcePrefix is how the pre-parsed JSON of the YAML spec opens.
func sourcePrefix(spec []byte) []byte {
	sum := sha256.Sum256(spec)
	return []byte(`{"` + SourceKey + `":"` + hex.EncodeToString(sum[:]) + `",`)
}

// PreParsed returns the embedded spec called name as the JSON that
// `make generate` splits and compresses (Archive) into specs/<name>.gen.zip:
// the document parsed from the YAML and encoded by kin-openapi (references
// kept as $ref), opening with SourceKey (the YAML's hash, so that a stale
// file is told apart). It fails as Load does.
func PreParsed(ctx context.Context, name string) ([]byte, error) {
	if !slices.Contains(Names(), name) {
		return nil, fmt.Errorf("specs: unknown spec %q (want one of %v)", name, Names())
	}
	data, err := FS.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("specs: read %s.yaml: %w", name, err)
	}
	doc, err := Parse(ctx, data)
	if err != nil {
		return nil, err
	}
	js, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("specs: encode %s as JSON: %w", name, err)
	}
	if len(js) < 2 || js[0] != '{' || js[1] == '}' {
		return nil, fmt.Errorf("specs: %s encodes as %.20q, not an object", name, js)
	}
	return append(append(sourcePrefix(data), js[1:]...), '\n'), nil
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
