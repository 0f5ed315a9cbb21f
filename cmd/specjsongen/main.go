// Command specjsongen writes specs/<api>.gen.zip for each spec: the spec
// pre-parsed as JSON (specs.PreParsed), split into parts and compressed
// part by part (specs.Archive), which specs.Load and specs.LoadParts read in
// place of the YAML, because kin-openapi decodes JSON faster, a binary then
// carries each spec once, compressed, and a program decompresses only the
// parts it uses. `make generate` runs it from the repository root; `make
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

// run writes every spec's archive into dir.
func run(ctx context.Context, dir string) error {
	for _, name := range specs.Names() {
		js, err := specs.PreParsed(ctx, name)
		if err != nil {
			return err
		}
		arc, err := specs.Archive(js)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".gen.zip"), arc, 0o644); err != nil {
			return err
		}
	}
	return nil
}
