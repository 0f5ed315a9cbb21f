// Command specvalidate is CI's check of botsdk's OpenAPI specs. For each spec
// it runs kin-openapi's document validation, then checks every embedded
// example against its schema with the uuid, email, date and date-time formats
// enforced exactly as the generated Go types enforce them, checks that every
// key an example shows is a declared property of its schema, that every
// example listed under x-rejected-examples is refused, and that every schema
// property is typed and described.
//
// Usage:
//
//	specvalidate [spec.yaml ...]
//
// With no arguments it checks the four specs embedded in package specs. It
// prints one line per problem and exits 1 when there is any.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/botsdk/botsdk/specs"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run checks the named spec files (or the embedded specs when none are named)
// and returns the process exit code: 0 clean, 1 problems found, 2 unreadable input.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	type input struct {
		name string
		data []byte
	}
	var inputs []input
	if len(args) == 0 {
		for _, n := range specs.Names() {
			data, err := specs.FS.ReadFile(n + ".yaml")
			if err != nil {
				fmt.Fprintf(stderr, "specvalidate: %v\n", err)
				return 2
			}
			inputs = append(inputs, input{name: "specs/" + n + ".yaml", data: data})
		}
	}
	for _, path := range args {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "specvalidate: %v\n", err)
			return 2
		}
		inputs = append(inputs, input{name: path, data: data})
	}
	failed := false
	for _, in := range inputs {
		report, err := check(ctx, in.data)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", in.name, err)
			failed = true
			continue
		}
		for _, p := range report.Problems {
			fmt.Fprintf(stderr, "%s: %s\n", in.name, p)
		}
		if len(report.Problems) > 0 {
			failed = true
		}
		fmt.Fprintf(stdout, "%s: %d operations, %d examples accepted, %d rejected as documented, %d problems\n",
			in.name, report.Operations, report.Accepted, report.Rejected, len(report.Problems))
	}
	if failed {
		return 1
	}
	return 0
}
