package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// outputFormats are -o's values, in the order help names them.
var outputFormats = []string{"json", "jsonl", "table", "csv"}

// maxCell caps a table cell so one long answer cannot wreck the layout.
const maxCell = 60

// print writes seq's items to stdout in the -o format as they arrive,
// credentials redact knows scrubbed (nil: none): a list as a json array,
// jsonl lines, or table or csv rows; else the one item as an object, or
// nothing for an empty answer (202, 204). json and jsonl pass each item's
// bytes through (compacted, or indented on a terminal), so no key is lost;
// table and csv read their cells from the item. A list's output starts with
// its first item, so a list that fails before it prints nothing; one that
// fails later is closed (a json array stays valid). Only a table buffers,
// to align its columns. With --all on a terminal a progress bar shows on
// stderr.
func (c *opCommand) print(ctx context.Context, redact rawClient, list bool, seq iter.Seq2[json.RawMessage, error]) error {
	p := &printer{out: c.app.env.stdout, format: c.app.g.output, list: list,
		pretty: c.app.env.stdoutTTY && c.app.g.output == "json", cols: c.columns()}
	for _, h := range c.op.Hooks {
		if fix := hookNamed(h).row; fix != nil {
			p.row = fix
		}
	}
	bar := c.app.progress(list)
	defer bar.finish()
	for item, err := range seq {
		if err != nil {
			if p.n > 0 {
				_ = p.close()
			}
			return err
		}
		if !list && (len(bytes.TrimSpace(item)) == 0 || string(item) == "null") {
			continue
		}
		if redact != nil {
			item = redact.Redact(ctx, item)
		}
		if err := p.item(item); err != nil {
			return err
		}
		bar.add()
	}
	if !list && p.n == 0 {
		return nil
	}
	return p.close()
}

// column is a table or csv column: Header over the value at the dotted
// Path; cell, when set, turns a non-empty value into the table's cell (csv
// keeps the value).
type column struct {
	header, path string
	cell         func(string) string
}

// columns are the op's columns in the -o format: the table's, or for csv
// the item's keys flattened from its schema (the table's when the spec gives
// none); nil derives them from the first item.
func (c *opCommand) columns() []column {
	var out []column
	if c.app.g.output == "csv" && len(c.op.CSV) > 0 {
		for _, p := range c.op.CSV {
			out = append(out, column{header: p, path: p})
		}
		return out
	}
	for _, col := range c.op.Columns {
		rc := column{header: col.Header, path: col.Path}
		switch f := c.op.Field(col.Path); {
		case col.Cell == "unix":
			rc.cell = unixCell
		case col.Cell == "codes" && f != nil:
			rc.cell = func(s string) string { return codeName(f.Codes, s) }
		}
		out = append(out, rc)
	}
	return out
}

// printer writes one command's output in one format.
type printer struct {
	out          io.Writer
	format       string
	list, pretty bool
	cols         []column
	row          func(map[string]any)
	n            int
	tw           *tabwriter.Writer
	cw           *csv.Writer
}

// item writes one item.
func (p *printer) item(raw json.RawMessage) error {
	defer func() { p.n++ }()
	if p.format == "json" || p.format == "jsonl" {
		var b bytes.Buffer
		prefix := ""
		if p.format == "json" && p.list {
			b.WriteString(map[bool]string{true: "[", false: ","}[p.n == 0])
			if p.pretty {
				b.WriteString("\n  ")
				prefix = "  "
			}
		}
		var err error
		if p.pretty {
			err = json.Indent(&b, bytes.TrimSpace(raw), prefix, "  ")
		} else {
			err = json.Compact(&b, raw)
		}
		if err != nil {
			return fmt.Errorf("an item is not JSON: %w", err)
		}
		if p.format == "jsonl" || !p.list {
			b.WriteByte('\n')
		}
		_, err = p.out.Write(b.Bytes())
		return err
	}
	values, err := p.flatten(raw)
	if err != nil {
		return err
	}
	if p.n == 0 {
		if p.cols == nil {
			for _, k := range slices.SortedFunc(maps.Keys(values), byDepth) {
				// A table shows the top-level keys; csv shows everything.
				if p.format == "csv" || !strings.Contains(k, ".") {
					p.cols = append(p.cols, column{header: k, path: k})
				}
			}
		}
		p.tw, p.cw = tabwriter.NewWriter(p.out, 0, 4, 2, ' ', 0), csv.NewWriter(p.out)
		header := make([]string, len(p.cols))
		for i, col := range p.cols {
			// A derived header is a server's key: escaped like a cell.
			header[i] = map[bool]string{true: botsdk.EscapeControls(strings.ToUpper(col.header)), false: col.header}[p.format == "table"]
		}
		if err := p.write(header); err != nil {
			return err
		}
	}
	cells := make([]string, len(p.cols))
	for i, col := range p.cols {
		cells[i] = values[col.path]
		if p.format == "table" && col.cell != nil && cells[i] != "" {
			cells[i] = col.cell(cells[i])
		}
		if p.format == "table" {
			cells[i] = cell(cells[i])
		}
	}
	return p.write(cells)
}

// write writes one table or csv row; csv rows are flushed as they come.
func (p *printer) write(row []string) error {
	if p.format == "csv" {
		_ = p.cw.Write(row)
		p.cw.Flush()
		return p.cw.Error()
	}
	_, err := fmt.Fprintln(p.tw, strings.Join(row, "\t"))
	return err
}

// close finishes the output: closes a json array ([] when empty), flushes
// a table.
func (p *printer) close() error {
	var err error
	switch {
	case p.format == "json" && p.list && p.n == 0:
		_, err = io.WriteString(p.out, "[]\n")
	case p.format == "json" && p.list:
		_, err = io.WriteString(p.out, map[bool]string{true: "\n]\n", false: "]\n"}[p.pretty])
	case p.tw != nil:
		err = p.tw.Flush()
	}
	return err
}

// flatten decodes an item for a table or csv row (after the op's row hook)
// into dotted key paths and their text: nested objects become "a.b" keys,
// lists and other composite values their compact JSON, null "".
func (p *printer) flatten(raw json.RawMessage) (map[string]string, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("an item is not JSON: %w", err)
	}
	if m, ok := v.(map[string]any); ok && p.row != nil {
		p.row(m)
	}
	values := map[string]string{}
	var walk func(prefix string, x any)
	walk = func(prefix string, x any) {
		switch t := x.(type) {
		case map[string]any:
			if len(t) == 0 && prefix != "" {
				values[prefix] = "{}"
			}
			for k, sub := range t {
				walk(strings.TrimPrefix(prefix+"."+k, "."), sub)
			}
		case nil:
			values[prefix] = ""
		case string:
			values[prefix] = t
		case json.Number, bool:
			values[prefix] = fmt.Sprint(t)
		default:
			b, _ := json.Marshal(t)
			values[prefix] = string(b)
		}
	}
	walk("", v)
	return values, nil
}

// byDepth orders key paths top-level first, then alphabetically.
func byDepth(a, b string) int {
	if d := strings.Count(a, ".") - strings.Count(b, "."); d != 0 {
		return d
	}
	return strings.Compare(a, b)
}

// cell makes a value fit one table cell: one line, at most maxCell runes,
// with control characters escaped (botsdk.EscapeControls), so a value from
// the server can neither break the row nor drive the terminal; "-" for
// nothing.
func cell(s string) string {
	s = strings.Join(strings.Fields(botsdk.EscapeControls(s)), " ")
	if utf8.RuneCountInString(s) > maxCell {
		s = string([]rune(s)[:maxCell-1]) + "…"
	}
	if s == "" {
		return "-"
	}
	return s
}

// unixCell is a table cell's text for Unix seconds: the UTC time.
func unixCell(s string) string {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return s
	}
	return time.Unix(n, 0).UTC().Format(time.RFC3339)
}

// codeName is a table cell's text for a code: its name, or the code itself
// when it has none.
func codeName(codes []optable.Code, s string) string {
	for _, c := range codes {
		if strconv.Itoa(c.Value) == s {
			return c.Name
		}
	}
	return s
}

// progress is the export progress line on stderr: items, requests and rate.
type progress struct {
	bar   *progressbar.ProgressBar
	app   *app
	items int64
}

// progress returns a progress bar when --all lists items with a terminal on
// stderr and --no-progress is not set; otherwise one that does nothing.
func (a *app) progress(list bool) *progress {
	if !list || !a.g.all || a.g.noProgress || !a.env.stderrTTY {
		return &progress{}
	}
	return &progress{app: a, bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(a.env.stderr),
		// The count is in the description: with no known total the bar's own
		// count reads "1810/-".
		progressbar.OptionSetDescription("exporting: 0 items, 0 requests"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("items"),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
	)}
}

func (p *progress) add() {
	if p.bar != nil {
		p.items++
		p.bar.Describe(fmt.Sprintf("exporting: %d items, %d requests", p.items, p.app.requests.Load()))
		_ = p.bar.Add(1)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
