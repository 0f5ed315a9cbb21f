//go:build parquet

package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExportStandupsParquet: the Parquet file holds the rows jsonl gives,
// equal field by field, the row count the mock's stores hold, and the
// documented columns in order.
func TestExportStandupsParquet(t *testing.T) {
	args := []string{"--mock", "export", "standups", "--from", standupsFrom, "--to", standupsTo}
	r := runCLI(t, standupsVars, append(args, "-o", "parquet")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	got, err := parquet.Read[standupRow](bytes.NewReader([]byte(r.stdout)), int64(len(r.stdout)))
	require.NoError(t, err)

	wantAB, wantDB := storeAnswers(t)
	assert.Len(t, got, wantAB+wantDB)

	j := runCLI(t, standupsVars, args...)
	require.Equal(t, exitOK, j.code, j.stderr)
	var want []standupRow
	for _, line := range strings.Split(strings.TrimSuffix(j.stdout, "\n"), "\n") {
		var row standupRow
		require.NoError(t, json.Unmarshal([]byte(line), &row))
		want = append(want, row)
	}
	assert.Equal(t, want, got, "the Parquet file reads back equal")

	f, err := parquet.OpenFile(bytes.NewReader([]byte(r.stdout)), int64(len(r.stdout)))
	require.NoError(t, err)
	var columns []string
	for _, field := range f.Schema().Fields() {
		columns = append(columns, field.Name())
	}
	assert.Equal(t, standupColumns, columns, "the schema is docs/export-schema.md's")
}
