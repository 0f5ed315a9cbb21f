// Command botctlgen writes botctl's command tables from the four specs'
// x-botctl extensions as JSON, which botctl embeds, so that it builds its
// commands at start-up without reading a spec. `make generate` runs it:
//
//	go run ./cmd/botctlgen -o cmd/botctl/commands.gen.json
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/specs"
)

func main() {
	out := flag.String("o", "cmd/botctl/commands.gen.json", "the file to write")
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
		doc, err := specs.Load(context.Background(), name)
		if err != nil {
			return err
		}
		raw, _ := specs.FS.ReadFile(name + ".yaml") // Load has read it
		api, err := optable.FromSpec(doc, name, raw)
		if err != nil {
			return err
		}
		apis = append(apis, api)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(apis); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
