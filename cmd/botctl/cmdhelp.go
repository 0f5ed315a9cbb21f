package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// summarizeLeaves makes `botctl <api> --help` show the whole API at once:
// it appends to api's Long every runnable command below it with its one-line
// description, and sets api's Example to each command's first example. Call
// it once all subcommands are added, so the list cannot go stale.
func summarizeLeaves(api *cobra.Command) {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	var examples []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && c != api {
			use := strings.TrimPrefix(c.CommandPath(), api.CommandPath()+" ")
			if args := strings.Fields(c.Use)[1:]; len(args) > 0 {
				use += " " + strings.Join(args, " ")
			}
			fmt.Fprintf(tw, "  %s\t%s\n", use, c.Short)
			if first, _, _ := strings.Cut(c.Example, "\n"); first != "" {
				examples = append(examples, first)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(api)
	_ = tw.Flush()
	api.Long = strings.TrimRight(api.Long, "\n") + "\n\nCommands:\n" + strings.TrimRight(b.String(), "\n")
	api.Example = strings.Join(examples, "\n")
}
