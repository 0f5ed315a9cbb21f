package render

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"
)

// maxCell caps a table cell so one long answer cannot wreck the layout.
const maxCell = 60

type table struct {
	tw      *tabwriter.Writer
	cols    []Column
	started bool
}

func newTable(w io.Writer, cols []Column) *table {
	return &table{tw: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0), cols: cols}
}

func (t *table) Item(v any) error {
	keys, values, err := flatten(v)
	if err != nil {
		return err
	}
	if !t.started {
		if t.cols == nil {
			t.cols = columnsFor(scalarTopLevel(keys))
		}
		headers := make([]string, len(t.cols))
		for i, c := range t.cols {
			// Derived headers are the server's keys: escaped like cells.
			headers[i] = EscapeControls(strings.ToUpper(c.Header))
		}
		if _, err := fmt.Fprintln(t.tw, strings.Join(headers, "\t")); err != nil {
			return err
		}
		t.started = true
	}
	cells := make([]string, len(t.cols))
	for i, c := range t.cols {
		v := values[c.Path]
		if c.Cell != nil && v != "" {
			v = c.Cell(v)
		}
		cells[i] = cell(v)
	}
	_, err = fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
	return err
}

func (t *table) Close() error { return t.tw.Flush() }

// scalarTopLevel keeps the keys a table shows by default: top-level ones
// (nested values would make rows unreadable; -o csv shows everything).
func scalarTopLevel(keys []string) []string {
	var out []string
	for _, k := range keys {
		if !strings.Contains(k, ".") {
			out = append(out, k)
		}
	}
	return out
}

// cell makes a value fit one table cell: one line, at most maxCell runes,
// with control characters escaped (EscapeControls), so a value from the
// server can neither break the row nor drive the terminal.
func cell(s string) string {
	s = strings.Join(strings.Fields(EscapeControls(s)), " ")
	if utf8.RuneCountInString(s) > maxCell {
		r := []rune(s)
		s = string(r[:maxCell-1]) + "…"
	}
	if s == "" {
		return "-"
	}
	return s
}

// namedEscapes are the C0 controls Go writes with a letter.
var namedEscapes = map[rune]string{
	'\a': `\a`, '\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`, '\v': `\v`,
}

// EscapeControls writes the C0 controls (ESC, newline and tab included),
// DEL and the C1 controls of s as visible escapes: \n, \r, \t and the other
// Go escapes, \x1b for the rest of C0 and DEL, \u009b for C1, \xff for a byte
// that is not UTF-8 (a lone 0x9b byte is CSI to some terminals). A terminal
// then shows them instead of moving the cursor, changing colours or starting
// a forged line. Other text, backslashes included, is kept as it is. Table
// cells use it, and botctl's error line, which may quote the server.
func EscapeControls(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == utf8.RuneError })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for s = s[i:]; s != ""; {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case r < 0x80 && unicode.IsControl(r):
			if e, ok := namedEscapes[r]; ok {
				b.WriteString(e)
			} else {
				fmt.Fprintf(&b, `\x%02x`, r)
			}
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}
