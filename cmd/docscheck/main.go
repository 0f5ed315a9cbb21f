// Command docscheck checks the HTML API reference `make docs` writes: for each
// spec, docs/reference/<api>.html must exist, be non-empty and name every
// operation of the spec (its operationId or its summary), and
// docs/reference/index.html must link every page. It exits 1 listing what is
// missing.
//
//	go run ./cmd/docscheck [-dir docs/reference]
package main

import (
	"context"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/botsdk/botsdk/specs"
)

func main() {
	dir := flag.String("dir", filepath.Join("docs", "reference"), "the directory make docs writes")
	flag.Parse()
	problems, ops, err := check(context.Background(), *dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "docscheck:", err)
		os.Exit(1)
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "docscheck:", p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Printf("docscheck: %d pages name all %d operations\n", len(specs.Names()), ops)
}

// check returns what is missing from the reference in dir, and the number of
// operations it looked for.
func check(ctx context.Context, dir string) (problems []string, ops int, err error) {
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return nil, 0, err
	}
	for _, name := range specs.Names() {
		page := name + ".html"
		if !strings.Contains(string(index), `href="`+page+`"`) {
			problems = append(problems, "index.html does not link "+page)
		}
		doc, err := specs.Load(ctx, name)
		if err != nil {
			return nil, 0, err
		}
		data, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			return nil, 0, err
		}
		if len(data) == 0 {
			problems = append(problems, page+" is empty")
			continue
		}
		text := html.UnescapeString(string(data))
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				ops++
				if (op.OperationID != "" && strings.Contains(text, op.OperationID)) ||
					(op.Summary != "" && strings.Contains(text, op.Summary)) {
					continue
				}
				problems = append(problems, fmt.Sprintf("%s names neither the operationId %q nor the summary of %s %s", page, op.OperationID, method, path))
			}
		}
	}
	return problems, ops, nil
}
