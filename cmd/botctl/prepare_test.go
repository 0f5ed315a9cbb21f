package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Under --mock, the command the line runs, and no other, has the embedded
// mock prepare its path while the rest starts up.
func TestMockPreparesTheCommandsPath(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{name: "one word", args: []string{"--mock", "dailybot", "me"}, want: []string{"dailybot /me/"}},
		{name: "a verb other groups have too", args: []string{"--mock", "dailybot", "teams", "list", "--limit", "1"}, want: []string{"dailybot /teams/"}},
		{name: "flags between the words", args: []string{"dailybot", "--mock", "teams", "-o", "json", "list", "--limit", "1"}, want: []string{"dailybot /teams/"}},
		{name: "help of a group", args: []string{"--mock", "dailybot", "teams", "--help"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var stdout, stderr bytes.Buffer
			a := newApp(&env{args: tt.args, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: envFrom(nil)})
			a.prepareMock = func(api string, paths ...string) { got = append(got, api+" "+strings.Join(paths, " ")) }
			code := runApp(context.Background(), a)
			assert.Equal(t, exitOK, code, stderr.String())
			assert.Equal(t, tt.want, got)
		})
	}
}
