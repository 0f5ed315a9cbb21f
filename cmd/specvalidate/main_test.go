package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// spec builds a one-operation spec whose 200 response has the given schema
// (YAML, indented for components.schemas.Thing) and example values.
func spec(schema, examples, rejected string) string {
	var b strings.Builder
	b.WriteString(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}/:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, description: id, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
              examples:
`)
	b.WriteString(examples)
	if rejected != "" {
		b.WriteString("              x-rejected-examples:\n")
		b.WriteString(rejected)
	}
	b.WriteString("components:\n  schemas:\n    Thing:\n")
	b.WriteString(schema)
	return b.String()
}

const thingSchema = `      type: object
      description: A thing.
      properties:
        id: {type: string, description: The id.}
        when: {type: string, format: date-time, description: When.}
        tags:
          type: object
          description: Free-form tags.
          additionalProperties: {type: string}
        owner:
          type: object
          description: The owner.
          properties:
            "first name": {type: string, description: A key with a space.}
`

func TestCheck(t *testing.T) {
	tests := []struct {
		name         string
		schema       string
		examples     string
		rejected     string
		wantProblems []string
		wantAccepted int
		wantRejected int
	}{
		{
			name:   "clean example with nested keys and a true map",
			schema: thingSchema,
			examples: `                ok:
                  value: {id: "4e322341-1262-42fa3-942a-0341d90883f6", when: "2022-01-25T21:44:07.337796Z", tags: {anything: goes}, owner: {"first name": Ann}}
`,
			wantAccepted: 1,
		},
		{
			name:   "date-time enforced",
			schema: thingSchema,
			examples: `                bad:
                  value: {when: "2022-01-25"}
`,
			wantProblems: []string{`"bad": example does not match its schema`},
		},
		{
			name:   "undeclared nested key",
			schema: thingSchema,
			examples: `                extra:
                  value: {owner: {"last name": Bo}}
`,
			wantProblems: []string{`key "owner"."last name" is not a declared property`},
			wantAccepted: 1,
		},
		{
			name: "uuid format uses the generated type's rule",
			schema: `      type: object
      description: A thing.
      properties:
        id: {type: string, format: uuid, description: The id.}
`,
			examples: `                notuuid:
                  value: {id: "5945bf0g2-66f5-4b29-bbd6-07421dfga87"}
`,
			wantProblems: []string{`"notuuid": example does not match its schema`},
		},
		{
			name: "rejected example that is refused",
			schema: `      type: object
      description: A thing.
      required: [id]
      properties:
        id: {type: string, description: The id.}
`,
			examples: `                ok:
                  value: {id: x}
`,
			rejected: `                missing:
                  summary: no id
                  value: {}
`,
			wantAccepted: 1,
			wantRejected: 1,
		},
		{
			name:   "rejected example that is accepted is a problem",
			schema: thingSchema,
			examples: `                ok:
                  value: {id: x}
`,
			rejected: `                fine:
                  value: {id: y}
`,
			wantProblems: []string{`"fine": listed under x-rejected-examples but the schema accepts it`},
			wantAccepted: 1,
		},
		{
			name: "property without description or type",
			schema: `      type: object
      description: A thing.
      properties:
        id: {type: string}
        blob: {description: no type}
`,
			examples: `                ok:
                  value: {id: x}
`,
			wantProblems: []string{`Thing."id": property has no description`, `Thing."blob": property has no type`},
			wantAccepted: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := check(context.Background(), []byte(spec(tt.schema, tt.examples, tt.rejected)))
			require.NoError(t, err)
			if len(tt.wantProblems) == 0 {
				assert.Empty(t, r.Problems)
			}
			for _, want := range tt.wantProblems {
				assert.True(t, slices.ContainsFunc(r.Problems, func(p string) bool { return strings.Contains(p, want) }),
					"no problem mentions %q in %q", want, r.Problems)
			}
			assert.Equal(t, tt.wantAccepted, r.Accepted)
			assert.Equal(t, tt.wantRejected, r.Rejected)
			assert.Equal(t, 1, r.Operations)
		})
	}
}

func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(good, []byte(spec(thingSchema, "                ok:\n                  value: {id: x}\n", "")), 0o600))
	require.NoError(t, os.WriteFile(bad, []byte(spec(thingSchema, "                bad:\n                  value: {id: 1}\n", "")), 0o600))

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "clean spec", args: []string{good}, wantCode: 0},
		{name: "bad example", args: []string{good, bad}, wantCode: 1, wantErr: "does not match its schema"},
		{name: "missing file", args: []string{filepath.Join(dir, "nope.yaml")}, wantCode: 2, wantErr: "no such file"},
		{name: "embedded specs", args: nil, wantCode: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			assert.Equal(t, tt.wantCode, code, "stderr: %s", stderr.String())
			if tt.wantErr != "" {
				assert.Contains(t, stderr.String(), tt.wantErr)
			}
		})
	}
}

func TestInlineSchemasAreChecked(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/:
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string}
      responses:
        "204": {description: created}
`
	r, err := check(context.Background(), []byte(doc))
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(r.Problems, func(p string) bool {
		return strings.Contains(p, `POST /things/ request application/json."name": property has no description`)
	}), "problems: %q", r.Problems)
}

func TestOddDocumentsDoNotCrash(t *testing.T) {
	for _, doc := range []string{
		"openapi: 3.0.3\ninfo: {title: t, version: '1'}\n",
		"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
		"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get: {}\n",
		"{}",
	} {
		r, err := check(context.Background(), []byte(doc))
		if err == nil {
			assert.NotNil(t, r)
		}
	}
}
