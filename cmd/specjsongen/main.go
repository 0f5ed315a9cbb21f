// Command specjsongen writes specs/<api>.gen.json.gz for each spec: the spec
// pre-parsed as JSON (specs.PreParsed) and gzip-compressed (specs.Compress),
// which specs.Load reads in place of the YAML, because kin-openapi decodes
// JSON faster and a binary then carries each spec once, compressed. `make generate` runs it from the repository root; `make
// check-generate` fails when its output is stale.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/botsdk/botsdk/specs"
)

func main() {
	if err := run(context.Background(), "specs"); err != nil {
		fmt.Fprintf(os.Stderr, "specjsongen: %v\n", err)
		os.Exit(1)
	}
}

// run writes every spec's JSON into dir.
func run(ctx context.Context, dir string) error {
	for _, name := range specs.Names() {
		js, err := specs.PreParsed(ctx, name)
		if err != nil {
			return err
		}
		gz, err := specs.Compress(js)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name+".gen.json.gz"), gz, 0o644); err != nil {
			return err
		}
	}
	return nil
}
