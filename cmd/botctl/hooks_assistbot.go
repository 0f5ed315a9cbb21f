package main

import "github.com/spf13/cobra"

// assistbotFlags declares --form on every AssistBot command.
func assistbotFlags(a *app, cmd *cobra.Command) {
	cmd.PersistentFlags().BoolVar(&a.g.form, "form", false,
		"send request bodies form-encoded instead of JSON (the docs' prose asks for it; their example sends JSON)")
}
