package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/cmd/internal/optable"
)

// printAll prints items through a printer of format: a list, or the one
// item as an object when list is false.
func printAll(t *testing.T, format string, list, pretty bool, cols []optable.Column, items ...string) string {
	t.Helper()
	var b bytes.Buffer
	p := &printer{out: &b, format: format, list: list, pretty: pretty, op: &optable.Op{Columns: cols}}
	for _, it := range items {
		require.NoError(t, p.item(json.RawMessage(it)))
	}
	require.NoError(t, p.close())
	return b.String()
}

var (
	user1 = `{"uuid": "u1", "full_name": "Ana Costa", "organization": {"name": "Acme"}, "work_days": [1, 2], "timeoff_start": null, "is_admin": true, "zz": {}}`
	user2 = `{"uuid":"u2","full_name":"Bo, \"the\" Builder","organization":{"name":"Acme"},"work_days":[],"timeoff_start":null,"is_admin":false}`
)

func TestPrinterFormats(t *testing.T) {
	tests := []struct {
		name, format string
		list, pretty bool
		cols         []optable.Column
		items        []string
		want         string
	}{
		{name: "json passes the bytes through, compacted", format: "json", list: true, items: []string{user1, `{"a":"<&>"}`},
			want: `[{"uuid":"u1","full_name":"Ana Costa","organization":{"name":"Acme"},"work_days":[1,2],"timeoff_start":null,"is_admin":true,"zz":{}},{"a":"<&>"}]` + "\n"},
		{name: "json empty list", format: "json", list: true, want: "[]\n"},
		{name: "pretty json list", format: "json", list: true, pretty: true, items: []string{`{"a": [1]}`, `{"b": 2}`},
			want: "[\n  {\n    \"a\": [\n      1\n    ]\n  },\n  {\n    \"b\": 2\n  }\n]\n"},
		{name: "pretty json object", format: "json", pretty: true, items: []string{`{"a":1}`}, want: "{\n  \"a\": 1\n}\n"},
		{name: "json object", format: "json", items: []string{` {"a": 1} `}, want: "{\"a\":1}\n"},
		{name: "jsonl", format: "jsonl", list: true, items: []string{`{"a": 1}`, `{"b": 2}`}, want: "{\"a\":1}\n{\"b\":2}\n"},
		{name: "csv flattens with a header", format: "csv", list: true, items: []string{user1, user2},
			want: "full_name,is_admin,timeoff_start,uuid,work_days,zz,organization.name\n" +
				"Ana Costa,true,,u1,\"[1,2]\",{},Acme\n" +
				"\"Bo, \"\"the\"\" Builder\",false,,u2,[],,Acme\n"},
		{name: "table with chosen columns", format: "table", list: true, items: []string{user1, user2},
			cols: []optable.Column{{Header: "uuid", Path: "uuid"}, {Header: "name", Path: "full_name"}, {Header: "org", Path: "organization.name"}, {Header: "off", Path: "timeoff_start"}},
			want: "UUID  NAME               ORG   OFF\nu1    Ana Costa          Acme  -\nu2    Bo, \"the\" Builder  Acme  -\n"},
		{name: "table derives the top-level keys", format: "table", items: []string{`{"b": 1, "a": {"x": 2}, "c": "z"}`}, want: "B  C\n1  z\n"},
		{name: "an empty table prints nothing", format: "table", list: true, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, printAll(t, tt.format, tt.list, tt.pretty, tt.cols, tt.items...))
		})
	}
}

func TestCellTruncates(t *testing.T) {
	long := strings.Repeat("x", 100)
	assert.Equal(t, maxCell, len([]rune(cell(long))))
	assert.Equal(t, `a\n b`, cell("a\n b"), "a newline shows as \\n")
	assert.Equal(t, "a b", cell("a   b"), "runs of spaces fold")
	assert.Equal(t, "-", cell(""))
	assert.Equal(t, `a\x9bb`, cell("a\x9bb"), "a byte that is not UTF-8")
}

// TestTableEscapesControlCharacters checks that a value from the server
// cannot drive the terminal through -o table: ESC sequences, newlines,
// carriage returns, tabs, C1 controls and stray bytes show as escapes, so
// every row stays one line of plain text, while csv, json and jsonl keep the
// bytes (they are data).
func TestTableEscapesControlCharacters(t *testing.T) {
	text := "hi\x1b[2J\x1b]0;pwned\x07\nFAKE  ROW\r\tend\u009b31m\x7f"
	hostile, _ := json.Marshal(map[string]string{"id": "m1", "text": text})
	cols := []optable.Column{{Header: "id", Path: "id"}, {Header: "text", Path: "text"}}

	out := printAll(t, "table", true, false, cols, string(hostile))
	assert.Equal(t, "ID  TEXT\n"+`m1  hi\x1b[2J\x1b]0;pwned\a\nFAKE ROW\r\tend\u009b31m\x7f`+"\n", out)
	for _, r := range out {
		if r != '\n' {
			assert.False(t, unicode.IsControl(r), "control character %U in %q", r, out)
		}
	}
	assert.Equal(t, "K\\x1b[31M\nv\n", printAll(t, "table", true, false, nil, `{"k\u001b[31m": "v"}`), "a server's key is escaped too")
	assert.Contains(t, printAll(t, "csv", true, false, cols, string(hostile)), text, "csv keeps the bytes")
	for _, format := range []string{"json", "jsonl"} {
		var back map[string]string
		require.NoError(t, json.Unmarshal([]byte(printAll(t, format, false, false, nil, string(hostile))), &back))
		assert.Equal(t, text, back["text"], "%s keeps the bytes", format)
	}
}

func TestColumnCellRewritesTableCellsOnly(t *testing.T) {
	cols := []optable.Column{{Header: "at", Path: "at", Cell: "unix"}, {Header: "off", Path: "timeoff_start", Cell: "unix"}}
	item := `{"at": 1602676980, "timeoff_start": null}`
	assert.Equal(t, "AT                    OFF\n2020-10-14T12:03:00Z  -\n", printAll(t, "table", false, false, cols, item), "an empty value stays empty")
	assert.Equal(t, "at,off\n1602676980,\n", printAll(t, "csv", false, false, cols, item), "csv keeps the API's value")
}

// TestHooksAndParsersExist checks that every hook and parser the specs'
// x-botctl name is one botctl has.
func TestHooksAndParsersExist(t *testing.T) {
	for _, api := range commandTables() {
		for _, op := range api.Ops {
			for _, h := range op.Hooks {
				assert.NotEqual(t, hook{}, hooks[h], "%s %v: hook %q", api.Name, op.Command, h)
			}
			for _, f := range op.Fields {
				if f.Parse != "" {
					assert.NotNil(t, parsers[f.Parse].read, "%s %v: parser %q", api.Name, op.Command, f.Parse)
				}
			}
		}
	}
}

// BenchmarkJSONLItem measures streaming one check-in response per line, the
// shape of a bulk export.
func BenchmarkJSONLItem(b *testing.B) {
	item := json.RawMessage(`{"uuid": "4e322341-1262-42fa3-942a-0341d90883f6", "user": {"full_name": "Ana Costa"},
		"responses": [{"question": "What did you do?", "response": "A lot of work"}], "created_at": "2022-01-25T21:44:07.337796Z"}`)
	p := &printer{out: &bytes.Buffer{}, format: "jsonl", list: true, op: &optable.Op{}}
	b.ReportAllocs()
	for b.Loop() {
		p.out.(*bytes.Buffer).Reset()
		if err := p.item(item); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzCompactJSON checks compactJSON against json.Compact: for a valid JSON
// value, it vouches for the bytes exactly when json.Compact would return
// them unchanged, so jsonl's pass-through writes what Compact would.
func FuzzCompactJSON(f *testing.F) {
	for _, seed := range []string{
		`{"a":1}`, `{"a": 1}`, `{"s":"a b\n"}`, `{"s":"\\"}`, `{"s":"\\\" "}`, `{"s":"x\\\\"} `,
		`["\"",1,true,null]`, `"\\\\\\"" `, ` 1`, `{}`, `[]`, `"a\tb"`, `{"k":"\u00e9 \\u0022"}`,
		user1, `{"uuid":"4e32","responses":[{"response":"A \"lot\" of\\ work"}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) {
			return
		}
		var b bytes.Buffer
		require.NoError(t, json.Compact(&b, raw))
		assert.Equal(t, bytes.Equal(b.Bytes(), raw), compactJSON(raw), "%q", raw)
	})
}
