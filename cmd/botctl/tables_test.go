package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTablesOfNamedAPIsOnly checks that a command line builds the commands
// of the APIs it names only, and that the root's help and suggestions read
// the same as with every command built.
func TestTablesOfNamedAPIsOnly(t *testing.T) {
	tables := decodeTables(func(api string) bool { return api == "botaz" })
	require.Len(t, tables, len(commandTables()))
	for i, api := range tables {
		whole := commandTables()[i]
		assert.Equal(t, whole.Name, api.Name)
		assert.Equal(t, whole.Short, api.Short)
		assert.Equal(t, whole.Form, api.Form)
		if api.Name == "botaz" {
			assert.Equal(t, whole, api)
		} else {
			assert.Empty(t, api.Ops, api.Name)
		}
	}

	for _, args := range [][]string{{"--help"}, {"dailybt"}, {"version"}, {"__complete", "da"}} {
		lazy := runCLI(t, nil, args...)
		var stdout, stderr bytes.Buffer
		a := newApp(&env{args: args, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: envFrom(nil)})
		a.tables = commandTables()
		code := runApp(context.Background(), a)
		assert.Equal(t, code, lazy.code, "%v", args)
		assert.Equal(t, stdout.String(), lazy.stdout, "%v", args)
		assert.Equal(t, stderr.String(), lazy.stderr, "%v", args)
	}
}
