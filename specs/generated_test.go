package specs

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGeneratedCode checks what the codegen configuration asks of gen/: no
// Client or ClientWithResponses (nothing uses them) and Go initialisms in every
// generated name (ID, UUID, URL, not Id, Uuid, Url).
func TestGeneratedCode(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "gen", "*", "*.gen.go"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	// A Go identifier with Id, Uuid or Url as a word: a capital after a
	// lower-case letter or at the start, followed by a capital, a digit, s or
	// the end. Comments are prose and are left out.
	badName := regexp.MustCompile(`\b[A-Za-z0-9]*(?:[a-z0-9]|\b)(Id|Uuid|Url)(?:s?\b|[A-Z0-9])`)
	comment := regexp.MustCompile(`//.*`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.NotContains(t, string(src), "ClientWithResponses", "%s: the response layer is generated", f)
		assert.NotContains(t, string(src), "type Client struct", "%s: the unused Client type is generated", f)
		code := comment.ReplaceAllString(string(src), "")
		// Struct tags and strings hold the API's own names (json:"userId").
		code = regexp.MustCompile("`[^`]*`|\"[^\"\\n]*\"").ReplaceAllString(code, "")
		assert.Empty(t, badName.FindAllString(code, 5), "%s: a generated name without Go initialisms", f)
	}
}
