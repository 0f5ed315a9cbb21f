package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is botctl's version; release builds set it with
// -ldflags "-X main.version=v1.2.3".
var version = "dev"

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print botctl's version",
		Example: "  botctl version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := version
			if info, ok := debug.ReadBuildInfo(); ok && v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
				v = info.Main.Version
			}
			_, err := fmt.Fprintf(a.env.stdout, "botctl %s\n", v)
			return err
		},
	}
}
