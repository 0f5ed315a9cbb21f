package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompletionScripts(t *testing.T) {
	for shell, marker := range map[string]string{
		"bash":       "complete -o default -F __start_botctl botctl",
		"zsh":        "#compdef botctl",
		"fish":       "complete -c botctl",
		"powershell": "Register-ArgumentCompleter",
	} {
		t.Run(shell, func(t *testing.T) {
			r := runCLI(t, nil, "completion", shell)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			assert.Contains(t, r.stdout, marker)
		})
	}
}

func TestCompletionUsageErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"unknown shell": {"completion", "tcsh"},
		"no shell":      {"completion"},
		"two shells":    {"completion", "bash", "zsh"},
	} {
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, nil, args...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.True(t, strings.HasPrefix(r.stderr, "error: "), r.stderr)
			assert.Empty(t, r.stdout)
		})
	}
}

// TestCompletionOfValues runs cobra's hidden __complete command, which the
// generated scripts call, for flags whose values botctl names.
func TestCompletionOfValues(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"botopen", "usage", "--channel", "wh"}, []string{"whatsapp"}},
		{[]string{"botopen", "users", "list", "--channel", ""}, []string{"webchat", "whatsapp", "instagramMessaging", "instagram"}},
		{[]string{"assistbot", "company", "members", "--role", ""}, []string{"worker", "manager", "administrator"}},
		{[]string{"assistbot", "tasks", "list", "--status", ""}, []string{"draft", "active"}},
		{[]string{"botaz", "visitors", "update", "X", "--clear", ""}, []string{"name", "email", "phone", "notes"}},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish", "powershell"}},
		{[]string{"botaz", "messages", ""}, []string{"send", "get", "edit", "delete"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, nil, append([]string{"__complete"}, tt.args...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			for _, w := range tt.want {
				assert.Regexp(t, `(?m)^`+w+`(\t|$)`, r.stdout)
			}
		})
	}
}
