package render

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/botsdk/botsdk/pkg/botsdk"
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
			headers[i] = botsdk.EscapeControls(strings.ToUpper(c.Header))
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
// with control characters escaped (botsdk.EscapeControls), so a value from the
// server can neither break the row nor drive the terminal.
func cell(s string) string {
	s = strings.Join(strings.Fields(botsdk.EscapeControls(s)), " ")
	if utf8.RuneCountInString(s) > maxCell {
		r := []rune(s)
		s = string(r[:maxCell-1]) + "…"
	}
	if s == "" {
		return "-"
	}
	return s
}
