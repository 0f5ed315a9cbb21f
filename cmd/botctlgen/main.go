// Command botctlgen writes botctl's command tables from the four specs'
// x-botctl extensions as JSON, which botctl embeds, so that it builds its
// commands at start-up without reading a spec. A path ending in .gz gets the
// JSON compact and gzip-compressed (specs.Compress), the form botctl embeds
// (a seventh of the size in the binary); any other path gets it indented.
// `make generate` runs it:
//
//	go run ./cmd/botctlgen -o cmd/botctl/commands.gen.json.gz
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/specs"
)

func main() {
	out := flag.String("o", "cmd/botctl/commands.gen.json.gz", "the file to write (gzip-compressed when it ends in .gz)")
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "botctlgen:", err)
		os.Exit(1)
	}
}

// generate builds the table of every spec and writes them to path.
func generate(path string) error {
	var apis []*optable.API
	for _, name := range specs.Names() {
		raw, _ := specs.FS.ReadFile(name + ".yaml") // embedded: a missing one fails to load
		loader := openapi3.NewLoader()
		loader.IncludeOrigin = true // the order the body's keys are written in
		doc, err := loader.LoadFromData(raw)
		if err != nil {
			return err
		}
		api, err := optable.FromSpec(doc, name)
		if err != nil {
			return err
		}
		apis = append(apis, api)
	}
	if !strings.HasSuffix(path, ".gz") {
		data, err := json.MarshalIndent(apis, "", " ")
		if err != nil {
			return err
		}
		return os.WriteFile(path, append(data, '\n'), 0o644)
	}
	data, err := json.Marshal(apis)
	if err != nil {
		return err
	}
	gz, err := specs.Compress(data)
	if err != nil {
		return err
	}
	return os.WriteFile(path, gz, 0o644)
}
