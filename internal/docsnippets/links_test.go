package docsnippets_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mdLink matches a Markdown link's target: [text](target).
var mdLink = regexp.MustCompile(`\[[^\]]*\]\(([^)\s]+)\)`)

// TestRelativeLinksResolve checks every relative link of the Markdown files
// at the root and under docs/: the file or directory exists in the clone,
// and an #anchor names a heading of the page it points at (GitHub's slugs).
// Links to the web are not fetched.
func TestRelativeLinksResolve(t *testing.T) {
	top, err := filepath.Glob(filepath.Join(root, "*.md"))
	require.NoError(t, err)
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	require.NoError(t, err)
	files := append(top, docs...)
	require.NotEmpty(t, files)
	n := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		fenced := false
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "```") {
				fenced = !fenced
				continue
			}
			if fenced {
				continue
			}
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				n++
				where := fmt.Sprintf("%s:%d: %s", strings.TrimPrefix(file, root+string(filepath.Separator)), i+1, target)
				path, anchor, _ := strings.Cut(target, "#")
				dest := file
				if path != "" {
					dest = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
					if _, err := os.Stat(dest); err != nil {
						assert.Fail(t, "link to a missing file", where)
						continue
					}
				}
				if anchor != "" && strings.HasSuffix(dest, ".md") {
					assert.Contains(t, headingSlugs(t, dest), anchor, "link to a missing heading: %s", where)
				}
			}
		}
	}
	require.NotZero(t, n, "no relative links found")
}

// headingSlugs returns the anchors GitHub gives the headings of a Markdown
// file: lower case, punctuation other than - and _ dropped, spaces to -, a
// repeated slug numbered -1, -2 ….
func headingSlugs(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	seen := map[string]int{}
	var slugs []string
	fenced := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced || !strings.HasPrefix(line, "#") {
			continue
		}
		text := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(text) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			}
		}
		slug := b.String()
		if k := seen[slug]; k > 0 {
			slugs = append(slugs, fmt.Sprintf("%s-%d", slug, k))
		} else {
			slugs = append(slugs, slug)
		}
		seen[slug]++
	}
	return slugs
}
