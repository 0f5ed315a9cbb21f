package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAPIHelpListsEveryCommand checks that `botctl <api> --help` names every
// runnable command below the API with its one-line description and an
// example, and that every such command validates its arguments.
func TestAPIHelpListsEveryCommand(t *testing.T) {
	root := newRootCmd(newApp(&env{getenv: envFrom(nil)}))
	for _, api := range []string{"assistbot", "botaz", "botopen"} {
		t.Run(api, func(t *testing.T) {
			group, _, err := root.Find([]string{api})
			require.NoError(t, err)
			r := runCLI(t, nil, api, "--help")
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			var leaves []*cobra.Command
			var walk func(c *cobra.Command)
			walk = func(c *cobra.Command) {
				if !c.HasSubCommands() {
					leaves = append(leaves, c)
				}
				for _, sub := range c.Commands() {
					walk(sub)
				}
			}
			walk(group)
			require.NotEmpty(t, leaves)
			for _, leaf := range leaves {
				path := strings.TrimPrefix(leaf.CommandPath(), "botctl "+api+" ")
				assert.NotEmpty(t, leaf.Short, path)
				assert.NotContains(t, leaf.Short, "\n", "%s: Short is one line", path)
				assert.NotEmpty(t, leaf.Example, "%s has an example", path)
				assert.NotNil(t, leaf.Args, "%s validates its arguments", path)
				assert.Regexp(t, `(?m)^  `+regexpQuote(path)+`\b.*\s{2,}`+regexpQuote(leaf.Short)+`$`, r.stdout, "%s is listed with its description", path)
				first, _, _ := strings.Cut(leaf.Example, "\n")
				assert.Contains(t, r.stdout, first, "%s: its example is shown", path)
				assert.Contains(t, first, "botctl ", "%s: the example is a command line", path)
			}
		})
	}
}

func regexpQuote(s string) string {
	r := strings.NewReplacer(`+`, `\+`, `.`, `\.`, `(`, `\(`, `)`, `\)`, `[`, `\[`, `]`, `\]`, `|`, `\|`, `-`, `\-`)
	return r.Replace(s)
}

// TestFlagHelp checks what a flag's help says beyond its description: the
// form a composed value takes, a string's values, that it is required, and
// --clear where the API means null.
func TestFlagHelp(t *testing.T) {
	tests := []struct{ command, want string }{
		{"dailybot send-message", `--buttons LABEL=COMMAND\|URL\s+Buttons under the message, at most 25: LABEL=COMMAND for a Command button, LABEL=URL`},
		{"dailybot send-message", `--target-channels \[TYPE:\]ID\[#THREAD\]\s+Channels to post to: an id \(sent bare\), TYPE:ID with TYPE channel, private_channel, group_chat or direct_message, ID#THREAD`},
		{"dailybot kudos give", `--content string\s+The kudos message \(required\)\n`},
		{"dailybot kudos give", `--company-value string\s+Company value the kudos relate to: its id, or a free name such as excellence\n`},
		{"dailybot checkins create", `--reporting-metadata TYPE:ID\[:NAME\]\s+Channels where reports are posted`},
		{"botopen users list", `--from YYYY-MM-DD\|RFC3339\s+Start of the range \(required\)`},
		{"botopen usage", `--month YYYY-MM\s+Month to retrieve data for`},
		{"dailybot templates list", `--type string\s+Kind of templates to list: checkins or forms \(required\)`},
		{"assistbot history polls", `--poll-id int\s+Id of the poll whose results to return \(required\)`},
		{"dailybot users update", `--timezone string\s+IANA time zone, e\.g\. America/New_York\n`},
		{"dailybot users update", `--timeoff-end string\s+End of time off \(YYYY-MM-DD\), not before timeoff_start; --clear timeoff_end removes it\n`},
		{"botaz visitors update", `--email string\s+New email address; --clear email removes it`},
		{"dailybot checkins create", `--end-on string\s+Day the check-in stops triggering \(YYYY-MM-DD\)\n`},
	}
	for _, tt := range tests {
		t.Run(tt.command+" "+tt.want, func(t *testing.T) {
			r := runCLI(t, nil, append(strings.Fields(tt.command), "--help")...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Regexp(t, tt.want, r.stdout)
		})
	}
}

// specLabel is what a spec's description tells its reader and a command's
// help must not show: evidence and source labels ([C], [conflict],
// [vendor-doc]), the fact sheet's source keys used as citations, its section
// references, citations of the docs and markdown emphasis.
var specLabel = regexp.MustCompile(`\[[A-Z]\]|\[(?:conflict|vendor-doc|official-client|third-party)\]|\[[a-z]+-[a-z-]+\]|` +
	`\b(?:OLD|HC|PD|V3|WWW|SKILL)\b|\bCLI/|/CLI\b|§|dailybot-current|what-we-know|\(doc\b|\*\*|Judgement call|Quirk:`)

// TestHelpShowsNoSpecLabels walks every command's --help and fails on a
// spec's bookkeeping left in its text or its flags' help, and on a flag's
// help that keeps a description's null clause, "Required." or a "see Type"
// pointer.
func TestHelpShowsNoSpecLabels(t *testing.T) {
	if testing.Short() {
		t.Skip("a sweep of every command's --help; make test runs it")
	}
	root := newRootCmd(newApp(&env{getenv: envFrom(nil)}))
	var paths [][]string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		paths = append(paths, strings.Fields(strings.TrimPrefix(c.CommandPath(), "botctl")))
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	require.Greater(t, len(paths), 40)
	for _, path := range paths {
		t.Run(strings.Join(path, " "), func(t *testing.T) {
			r := runCLI(t, nil, append(path, "--help")...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Empty(t, specLabel.FindAllString(r.stdout, -1), r.stdout)
			if i := strings.Index(r.stdout, "\nFlags:"); i >= 0 {
				flags, _, _ := strings.Cut(r.stdout[i:], "Global Flags:")
				assert.NotRegexp(t, `(?i:what-we-know|\bdoc\b|judgement call|checked by)|see [A-Z]\w+[A-Z]|null (removes|for)|, e\.g\n|  Required`, flags)
			}
		})
	}
}
