package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Under --mock, the command the line runs, and no other, has the embedded
// mock prepare its path while the rest starts up; a line that sends no
// request prepares no path, and one without --mock prepares nothing.
func TestMockPreparesTheCommandsPath(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantSpec  bool
		wantPaths []string
		wantCode  int
	}{
		{name: "one word", args: []string{"--mock", "dailybot", "me"}, wantSpec: true, wantPaths: []string{"dailybot /me/"}},
		{name: "a verb other groups have too", args: []string{"--mock", "dailybot", "teams", "list", "--limit", "1"},
			wantSpec: true, wantPaths: []string{"dailybot /teams/"}},
		{name: "flags between the words", args: []string{"dailybot", "--mock", "teams", "-o", "json", "list", "--limit", "1"},
			wantSpec: true, wantPaths: []string{"dailybot /teams/"}},
		{name: "a shorter command's words on the line", args: []string{"--mock", "dailybot", "kudos", "organization"},
			wantSpec: true, wantPaths: []string{"dailybot /kudos/organization/"}},
		{name: "an argument that is another command's name", args: []string{"--mock", "dailybot", "users", "get", "me"},
			wantSpec: true, wantPaths: []string{"dailybot /users/{user_uuid}/"}, wantCode: exitNotFound},
		{name: "a dry run sends nothing", args: []string{"--mock", "--dry-run", "dailybot", "me"}, wantSpec: true},
		{name: "help of a command", args: []string{"--mock", "dailybot", "me", "--help"}},
		{name: "help of a group", args: []string{"--mock", "dailybot", "teams", "-h"}},
		{name: "no mock", args: []string{"dailybot", "me", "--help"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var spec bool
			var paths []string
			var stdout, stderr bytes.Buffer
			a := newApp(&env{args: tt.args, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: envFrom(nil)})
			a.mockPrepare = func(api string, ps ...string) {
				if len(ps) == 0 {
					spec = spec || api == "dailybot"
					return
				}
				paths = append(paths, api+" "+strings.Join(ps, " "))
			}
			code := runApp(context.Background(), a)
			assert.Equal(t, tt.wantCode, code, stderr.String())
			assert.Equal(t, tt.wantSpec, spec, "the spec read ahead")
			assert.Equal(t, tt.wantPaths, paths)
		})
	}
}
