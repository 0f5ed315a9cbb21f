package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type user struct {
	UUID  string         `json:"uuid"`
	Name  string         `json:"full_name"`
	Org   map[string]any `json:"organization"`
	Days  []int          `json:"work_days"`
	Off   *string        `json:"timeoff_start"`
	Admin bool           `json:"is_admin"`
}

var users = []user{
	{UUID: "u1", Name: "Ana Costa", Org: map[string]any{"name": "Acme"}, Days: []int{1, 2}, Admin: true},
	{UUID: "u2", Name: "Bo, \"the\" Builder", Org: map[string]any{"name": "Acme"}, Days: []int{}},
}

func renderAll(t *testing.T, f Format, opts Options, items ...any) string {
	t.Helper()
	var b bytes.Buffer
	w, err := New(&b, f, opts)
	require.NoError(t, err)
	for _, it := range items {
		require.NoError(t, w.Item(it))
	}
	require.NoError(t, w.Close())
	return b.String()
}

func TestFormats(t *testing.T) {
	items := []any{users[0], users[1]}
	tests := []struct {
		name  string
		f     Format
		opts  Options
		items []any
		want  string
	}{
		{name: "json compact", f: JSON, items: items,
			want: `[{"uuid":"u1","full_name":"Ana Costa","organization":{"name":"Acme"},"work_days":[1,2],"timeoff_start":null,"is_admin":true},{"uuid":"u2","full_name":"Bo, \"the\" Builder","organization":{"name":"Acme"},"work_days":[],"timeoff_start":null,"is_admin":false}]` + "\n"},
		{name: "json empty list", f: JSON, want: "[]\n"},
		{name: "jsonl", f: JSONL, items: items,
			want: `{"uuid":"u1","full_name":"Ana Costa","organization":{"name":"Acme"},"work_days":[1,2],"timeoff_start":null,"is_admin":true}` + "\n" +
				`{"uuid":"u2","full_name":"Bo, \"the\" Builder","organization":{"name":"Acme"},"work_days":[],"timeoff_start":null,"is_admin":false}` + "\n"},
		{name: "csv flattens with a header", f: CSV, items: items,
			want: "full_name,is_admin,timeoff_start,uuid,work_days,organization.name\n" +
				"Ana Costa,true,,u1,\"[1,2]\",Acme\n" +
				"\"Bo, \"\"the\"\" Builder\",false,,u2,[],Acme\n"},
		{name: "table with chosen columns", f: Table, items: items,
			opts: Options{Columns: []Column{{Header: "uuid", Path: "uuid"}, {Header: "name", Path: "full_name"}, {Header: "org", Path: "organization.name"}, {Header: "off", Path: "timeoff_start"}}},
			want: "UUID  NAME               ORG   OFF\nu1    Ana Costa          Acme  -\nu2    Bo, \"the\" Builder  Acme  -\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, renderAll(t, tt.f, tt.opts, tt.items...))
		})
	}
}

func TestPrettyJSONArrayIsValid(t *testing.T) {
	out := renderAll(t, JSON, Options{Pretty: true}, users[0], users[1])
	var back []user
	require.NoError(t, json.Unmarshal([]byte(out), &back))
	assert.Equal(t, users[0].Name, back[0].Name)
	assert.Contains(t, out, "\n  {\n    \"uuid\": \"u1\"")
}

func TestObject(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, Object(&b, JSON, Options{}, map[string]any{"a": 1}))
	assert.Equal(t, "{\"a\":1}\n", b.String())
	b.Reset()
	require.NoError(t, Object(&b, CSV, Options{}, map[string]any{"a": 1, "b": map[string]any{"c": "x"}}))
	assert.Equal(t, "a,b.c\n1,x\n", b.String())
	b.Reset()
	require.NoError(t, Object(&b, JSON, Options{}, nil))
	assert.Empty(t, b.String())
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats() {
		got, err := ParseFormat(string(f))
		require.NoError(t, err)
		assert.Equal(t, f, got)
	}
	_, err := ParseFormat("yaml")
	assert.ErrorContains(t, err, "want json, jsonl, table or csv")
}

func TestCellTruncates(t *testing.T) {
	long := string(bytes.Repeat([]byte("x"), 100))
	assert.Equal(t, maxCell, len([]rune(cell(long))))
	assert.Equal(t, `a\n b`, cell("a\n b"), "a newline shows as \\n")
	assert.Equal(t, "a b", cell("a   b"), "runs of spaces fold")
	assert.Equal(t, "-", cell(""))
}

// TestTableEscapesControlCharacters checks that a value from the server
// cannot drive the terminal through -o table: ESC sequences, newlines,
// carriage returns, tabs, C1 controls and stray bytes show as escapes, so
// every row stays one line of plain text, while csv, json and jsonl keep the
// bytes (they are data).
func TestTableEscapesControlCharacters(t *testing.T) {
	type message struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	hostile := message{ID: "m1", Text: "hi\x1b[2J\x1b]0;pwned\x07\nFAKE  ROW\r\tend\u009b31m\x7f"}
	cols := []Column{{Header: "id", Path: "id"}, {Header: "text", Path: "text"}}

	out := renderAll(t, Table, Options{Columns: cols}, hostile)
	assert.Equal(t, "ID  TEXT\n"+
		`m1  hi\x1b[2J\x1b]0;pwned\a\nFAKE ROW\r\tend\u009b31m\x7f`+"\n", out)
	for _, r := range out {
		if r != '\n' {
			assert.False(t, unicode.IsControl(r), "control character %U in %q", r, out)
		}
	}
	assert.Equal(t, 2, strings.Count(out, "\n"), "a header and one row")

	t.Run("derived headers", func(t *testing.T) {
		out := renderAll(t, Table, Options{}, map[string]string{"k\x1b[31m": "v"})
		assert.Equal(t, "K\\x1b[31M\nv\n", out, "a server's key is escaped too")
	})
	t.Run("a byte that is not UTF-8", func(t *testing.T) {
		assert.Equal(t, `a\x9bb`, cell("a\x9bb"))
	})
	t.Run("csv, json and jsonl keep the bytes", func(t *testing.T) {
		assert.Contains(t, renderAll(t, CSV, Options{Columns: cols}, hostile), hostile.Text)
		for _, f := range []Format{JSON, JSONL} {
			var back []message
			out := renderAll(t, f, Options{}, hostile)
			if f == JSONL {
				out = "[" + strings.TrimSpace(out) + "]"
			}
			require.NoError(t, json.Unmarshal([]byte(out), &back))
			assert.Equal(t, hostile, back[0])
		}
	})
}

func TestColumnCellRewritesTableCellsOnly(t *testing.T) {
	upper := func(s string) string { return "<" + s + ">" }
	opts := Options{Columns: []Column{{Header: "name", Path: "full_name", Cell: upper}, {Header: "off", Path: "timeoff_start", Cell: upper}}}
	assert.Equal(t, "NAME         OFF\n<Ana Costa>  -\n", renderAll(t, Table, opts, users[0]), "an empty value stays empty")
	assert.Equal(t, "name,off\nAna Costa,\n", renderAll(t, CSV, opts, users[0]), "csv keeps the API's value")
}
