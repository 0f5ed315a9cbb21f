package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/botsdk/botsdk/specs"
)

// TestMain fails the package's tests when any of them leaves a goroutine running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// TestGeneratedFilesAreCurrent regenerates into a scratch tree and compares
// with the files in gen/.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	root := t.TempDir()
	for _, api := range []string{"botaz", "dailybot"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, api), 0o755))
		require.NoError(t, run(context.Background(), root, api))
		want, err := os.ReadFile(filepath.Join(root, api, "checks.gen.go"))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join("..", "..", "gen", api, "checks.gen.go"))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "gen/%s/checks.gen.go is stale: run make generate", api)
	}
}

const specHead = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: date, in: query, schema: {type: string, format: date}}
    patch:
      operationId: updateThing
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 50}}
      requestBody:
        content:
          application/json:
            schema:
`

func TestGenerate(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    []string // lines of the generated source
		wantErr string
	}{
		{
			name: "every keyword it knows",
			body: `              type: object
              required: [name]
              properties:
                name: {type: string, minLength: 1, maxLength: 9, pattern: '\S', x-pattern-message: must not be blank}
                kind: {type: string, enum: [a, b]}
                end_on: {type: string, format: date, nullable: true}
                days: {type: array, minItems: 1, maxItems: 7, items: {type: integer, minimum: 1, maximum: 7}}
                refs:
                  type: array
                  items: {type: object, required: [id], properties: {id: {type: string}}}
`,
			want: []string{
				`	// updateThing`,
				`	{Method: "PATCH", Path: "/things/{id}", Check: botsdk.LazyRules(func() botsdk.FieldRules {`,
				`		return botsdk.FieldRules{`,
				`			{In: botsdk.InQuery, Name: "date", Type: "string", Format: "date"},`,
				`			{In: botsdk.InQuery, Name: "limit", Type: "integer", Minimum: botsdk.Bound(1), Maximum: botsdk.Bound(50)},`,
				`			{In: botsdk.InBody, Name: "days", Type: "array", MinItems: 1, MaxItems: 7, Items: &botsdk.FieldRule{Type: "integer", Minimum: botsdk.Bound(1), Maximum: botsdk.Bound(7)}},`,
				`			{In: botsdk.InBody, Name: "end_on", Type: "string", Nullable: true, Format: "date"},`,
				`			{In: botsdk.InBody, Name: "kind", Type: "string", Enum: []string{"a", "b"}},`,
				"			{In: botsdk.InBody, Name: \"name\", Required: true, Type: \"string\", Pattern: regexp.MustCompile(`\\S`), PatternMessage: \"must not be blank\", MinLength: 1, MaxLength: 9},",
				`			{In: botsdk.InBody, Name: "refs", Type: "array", Items: &botsdk.FieldRule{Type: "object", Properties: []botsdk.FieldRule{{Name: "id", Required: true, Type: "string"}}}},`,
			},
		},
		{name: "oneOf", want: []string{
			`			{In: botsdk.InBody, Name: "x", Nullable: true, OneOf: []botsdk.FieldRule{{Type: "string", MinLength: 1}, {Type: "array", Items: &botsdk.FieldRule{Type: "string"}}}},`,
		}, body: "              type: object\n              properties:\n                x: {nullable: true, oneOf: [{type: string, minLength: 1}, {type: array, items: {type: string}}]}\n"},
		{name: "oneOf beside a rule", wantErr: "body: x: oneOf or anyOf are turned into checks only alone, beside nullable",
			body: "              type: object\n              properties:\n                x: {minLength: 1, oneOf: [{type: string}, {type: integer}]}\n"},
		{name: "allOf", wantErr: "body: x: allOf and not are not turned into checks",
			body: "              type: object\n              properties:\n                x: {allOf: [{type: string}]}\n"},
		{name: "an unknown format", wantErr: `body: x: format "uri" is not checked`,
			body: "              type: object\n              properties:\n                x: {type: string, format: uri}\n"},
		{name: "exclusive bound", wantErr: "body: x: multipleOf, exclusiveMinimum/Maximum",
			body: "              type: object\n              properties:\n                x: {type: integer, minimum: 0, exclusiveMinimum: true}\n"},
		{name: "a body that is not an object", wantErr: "the JSON body is not an object",
			body: "              type: array\n              items: {type: string}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := specs.Parse(context.Background(), []byte(specHead+tt.body))
			require.NoError(t, err)
			src, err := generate(doc, "things")
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			for _, line := range tt.want {
				assert.Contains(t, string(src), line+"\n")
			}
		})
	}
}
