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

// print writes seq's items to stdout in the -o format as they arrive, with
// the credentials redact knows scrubbed (nil: none): a list as a json array,
// jsonl lines, or table or csv rows; else the one item as an object, or
// nothing for an empty answer (202, 204). A list's output starts with its
// first item, so a list that fails before it prints nothing; one that fails
// later is closed (a json array stays valid). With --all on a terminal a
// progress line shows on stderr.
func (c *opCommand) print(ctx context.Context, redact func(context.Context, []byte) []byte, list bool, seq iter.Seq2[json.RawMessage, error]) error {
	p := &printer{out: c.app.env.stdout, format: c.app.g.output, list: list, op: c.op,
		pretty: c.app.env.stdoutTTY && c.app.g.output == "json"}
	add, finish := c.app.progress(list)
	defer finish()
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
			item = redact(ctx, item)
		}
		if err := p.item(item); err != nil {
			return err
		}
		add()
	}
	if !list && p.n == 0 {
		return nil
	}
	return p.close()
}

// printer writes one command's output in one format. json and jsonl pass
// each item's bytes through (compacted, or indented on a terminal), so no
// key is lost; table and csv read their cells from the item, in the op's
// columns (csv: the schema's keys flattened, when the spec lists them) or,
// when it has none, the first item's keys. Only a table buffers, to align
// its columns; csv rows are flushed as they come.
type printer struct {
	out          io.Writer
	format       string
	list, pretty bool
	op           *optable.Op
	n            int
	cols         []optable.Column
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
		p.cols = p.op.Columns
		if p.format == "csv" && len(p.op.CSV) > 0 {
			p.cols = nil
			for _, k := range p.op.CSV {
				p.cols = append(p.cols, optable.Column{Header: k, Path: k})
			}
		}
		for _, k := range slices.SortedFunc(maps.Keys(values), byDepth) {
			// A table shows the top-level keys; csv shows everything.
			if len(p.op.Columns) == 0 && (p.format == "csv" || !strings.Contains(k, ".")) {
				p.cols = append(p.cols, optable.Column{Header: k, Path: k})
			}
		}
		p.tw, p.cw = tabwriter.NewWriter(p.out, 0, 4, 2, ' ', 0), csv.NewWriter(p.out)
		header := make([]string, len(p.cols))
		for i, col := range p.cols {
			// A derived header is a server's key: escaped like a cell.
			header[i] = map[bool]string{true: botsdk.EscapeControls(strings.ToUpper(col.Header)), false: col.Header}[p.format == "table"]
		}
		if err := p.row(header); err != nil {
			return err
		}
	}
	row := make([]string, len(p.cols))
	for i, col := range p.cols {
		row[i] = values[col.Path]
		if f := p.op.Field(col.Path); p.format == "table" && row[i] != "" && col.Cell == "codes" && f != nil {
			row[i] = codeName(f.Codes, row[i])
		}
		if p.format == "table" && row[i] != "" && col.Cell == "unix" {
			row[i] = unixCell(row[i])
		}
		if p.format == "table" {
			row[i] = cell(row[i])
		}
	}
	return p.row(row)
}

// row writes a table or csv row.
func (p *printer) row(cells []string) error {
	if p.format == "csv" {
		_ = p.cw.Write(cells)
		p.cw.Flush()
		return p.cw.Error()
	}
	_, err := fmt.Fprintln(p.tw, strings.Join(cells, "\t"))
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
	for _, h := range p.op.Hooks {
		if m, ok := v.(map[string]any); ok && hookNamed(h).row != nil {
			hookNamed(h).row(m)
		}
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
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC().Format(time.RFC3339)
	}
	return s
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

// progress returns what to call after each item and at the end: when --all
// lists items with a terminal on stderr and without --no-progress, a
// progress line there (items, requests and rate), cleared at the end;
// otherwise nothing.
func (a *app) progress(list bool) (add, finish func()) {
	if !list || !a.g.all || a.g.noProgress || !a.env.stderrTTY {
		return func() {}, func() {}
	}
	bar := progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(a.env.stderr),
		// The count is in the description: with no known total the bar's own
		// count reads "1810/-".
		progressbar.OptionSetDescription("exporting: 0 items, 0 requests"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("items"),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
	)
	items := 0
	return func() {
		items++
		bar.Describe(fmt.Sprintf("exporting: %d items, %d requests", items, a.requests.Load()))
		_ = bar.Add(1)
	}, func() { _ = bar.Finish() }
}
