package main

import "github.com/spf13/cobra"

// completionShells are the shells cobra generates completion scripts for.
var completionShells = []string{"bash", "zsh", "fish", "powershell"}

func newCompletionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script for bash, zsh, fish or powershell",
		Long: `Print a completion script for your shell to stdout. It completes commands,
flags and their documented values (channels, roles, statuses, visitor fields),
each with its description.

  bash:        source <(botctl completion bash)
               # or, for every session: botctl completion bash > /etc/bash_completion.d/botctl
  zsh:         botctl completion zsh > "${fpath[1]}/_botctl"   # then start a new shell
  fish:        botctl completion fish > ~/.config/fish/completions/botctl.fish
  powershell:  botctl completion powershell | Out-String | Invoke-Expression`,
		Example:               "  source <(botctl completion bash)\n  botctl completion zsh > \"${fpath[1]}/_botctl\"",
		Args:                  cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		ValidArgs:             completionShells,
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			root, w := cmd.Root(), a.env.stdout
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, true)
			case "zsh":
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(w)
			}
			return usagef("unknown shell %q: want bash, zsh, fish or powershell", args[0])
		},
	}
}
