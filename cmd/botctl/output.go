package main

import (
	"bufio"
	"bytes"
	"cmp"
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

// maxCell caps a table cell so one long answer cannot wreck the layout.
const maxCell = 60

// outBufferSize is the size of stdout's buffer: one write(2) per 64 KiB
// rather than per item.
const outBufferSize = 64 << 10

// flushEvery is how long items may wait in stdout's buffer while a list is
// still arriving, so a reader of the pipe (or the terminal) keeps seeing
// them come in.
const flushEvery = 200 * time.Millisecond

// print writes seq's items to stdout as they arrive, through redact: a list
// (nothing when it fails before its first item), or one object (or none).
// The output is buffered and flushed when the buffer fills, when flushEvery
// has passed since the last flush, and before print returns, error or not,
// so every item printed reaches stdout before an error line or exit.
func (c *opCommand) print(ctx context.Context, redact func(context.Context, []byte) []byte, list bool, seq iter.Seq2[json.RawMessage, error]) (err error) {
	out := bufio.NewWriterSize(c.app.env.stdout, outBufferSize)
	defer func() {
		if ferr := out.Flush(); err == nil {
			err = ferr
		}
	}()
	p := &printer{out: out, format: c.app.g.output, list: list, op: c.op, hooks: c.hooks,
		pretty: c.app.env.stdoutTTY && c.app.g.output == "json"}
	add, finish := c.app.progress(list)
	defer finish()
	flushed := time.Now()
	for item, err := range seq {
		if err != nil {
			if p.n > 0 {
				_ = p.close() // a json array stays valid
			}
			return err
		}
		if !list && (len(bytes.TrimSpace(item)) == 0 || string(item) == "null") {
			return nil
		}
		if err := p.item(redact(ctx, item)); err != nil {
			return err
		}
		if out.Buffered() > 0 && time.Since(flushed) >= flushEvery {
			if err := out.Flush(); err != nil {
				return err
			}
			flushed = time.Now()
		}
		add()
	}
	return p.close()
}

// printer writes one command's output in one format: json and jsonl pass
// each item's bytes through, so no key is lost; table and csv read their
// cells from the item, fixed by the op's row hooks (only a table buffers,
// to align its columns).
type printer struct {
	out          io.Writer
	format       string
	list, pretty bool
	op           *optable.Op
	hooks        []hook
	n            int
	buf          bytes.Buffer // one json item, reused
	cols         []optable.Column
	tw           *tabwriter.Writer
	cw           *csv.Writer
}

func (p *printer) item(raw json.RawMessage) error {
	defer func() { p.n++ }()
	if p.format == "json" || p.format == "jsonl" {
		b := &p.buf
		b.Reset()
		prefix := ""
		if p.format == "json" && p.list {
			sep := ","
			if p.n == 0 {
				sep = "["
			}
			b.WriteString(sep)
			if p.pretty {
				b.WriteString("\n  ")
				prefix = "  "
			}
		}
		var err error
		if p.pretty {
			err = json.Indent(b, bytes.TrimSpace(raw), prefix, "  ")
		} else {
			err = json.Compact(b, raw)
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
	if err == nil && p.n == 0 {
		p.tw, p.cw, p.cols = tabwriter.NewWriter(p.out, 0, 4, 2, ' ', 0), csv.NewWriter(p.out), p.columns(values)
		err = p.row(nil)
	}
	if err != nil {
		return err
	}
	return p.row(values)
}

// columns are the op's columns (csv's from its schema when the spec lists
// them), else the first item's keys (a table's top-level ones only).
func (p *printer) columns(values map[string]string) []optable.Column {
	keys := p.op.CSV
	if p.format != "csv" || len(keys) == 0 {
		if len(p.op.Columns) > 0 {
			return p.op.Columns
		}
		keys = nil
		for _, k := range slices.SortedFunc(maps.Keys(values), func(a, b string) int {
			return cmp.Or(strings.Count(a, ".")-strings.Count(b, "."), strings.Compare(a, b)) // top-level keys first
		}) {
			if p.format == "csv" || !strings.Contains(k, ".") {
				keys = append(keys, k)
			}
		}
	}
	cols := make([]optable.Column, len(keys))
	for i, k := range keys {
		cols[i] = optable.Column{Header: k, Path: k}
	}
	return cols
}

// row writes a table or csv row: the header for nil values.
func (p *printer) row(values map[string]string) error {
	cells := make([]string, len(p.cols))
	for i, col := range p.cols {
		switch v := values[col.Path]; {
		case values == nil && p.format == "table":
			// A derived header is a server's key: escaped like a cell.
			cells[i] = botsdk.EscapeControls(strings.ToUpper(col.Header))
		case values == nil:
			cells[i] = col.Header
		case p.format == "csv":
			cells[i] = v
		default:
			cells[i] = p.text(col, v)
		}
	}
	if p.format == "csv" {
		_ = p.cw.Write(cells)
		p.cw.Flush()
		return p.cw.Error()
	}
	_, err := fmt.Fprintln(p.tw, strings.Join(cells, "\t"))
	return err
}

// close closes a json array ([] when empty) and flushes a table.
func (p *printer) close() error {
	if p.format == "json" && p.list {
		end := "]\n"
		if p.n == 0 {
			end = "[]\n"
		} else if p.pretty {
			end = "\n]\n"
		}
		_, err := io.WriteString(p.out, end)
		return err
	} else if p.tw != nil {
		return p.tw.Flush()
	}
	return nil
}

// flatten decodes an item (after the op's row hook) into dotted key paths
// ("user.full_name") and their text.
func (p *printer) flatten(raw json.RawMessage) (map[string]string, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("an item is not JSON: %w", err)
	}
	for _, h := range p.hooks {
		if m, ok := v.(map[string]any); ok && h.row != nil {
			h.row(m)
		}
	}
	values := map[string]string{}
	var walk func(prefix string, x any)
	walk = func(prefix string, x any) {
		if m, ok := x.(map[string]any); ok && (len(m) > 0 || prefix == "") {
			for k, sub := range m {
				walk(strings.TrimPrefix(prefix+"."+k, "."), sub)
			}
			return
		}
		switch t := x.(type) {
		case nil:
			values[prefix] = ""
		case string:
			values[prefix] = t
		default: // numbers, booleans, lists and {} as their JSON
			b, _ := json.Marshal(t)
			values[prefix] = string(b)
		}
	}
	walk("", v)
	return values, nil
}

// cell makes a value one table cell of at most maxCell runes with control
// characters escaped, so a server's value can neither break the row nor
// drive the terminal; "-" for nothing.
func cell(s string) string {
	s = strings.Join(strings.Fields(botsdk.EscapeControls(s)), " ")
	if utf8.RuneCountInString(s) > maxCell {
		s = string([]rune(s)[:maxCell-1]) + "…"
	}
	return cmp.Or(s, "-")
}

// text is a table cell's text for col's value v: Unix seconds as the UTC
// time, a code as its name, escaped and cut to fit (cell).
func (p *printer) text(col optable.Column, v string) string {
	n, err := strconv.ParseInt(v, 10, 64)
	if f := p.op.Field(col.Path); err == nil && col.Cell == "codes" && f != nil {
		if i := slices.IndexFunc(f.Codes, func(c optable.Code) bool { return int64(c.Value) == n }); i >= 0 {
			v = f.Codes[i].Name
		}
	} else if err == nil && col.Cell == "unix" {
		v = time.Unix(n, 0).UTC().Format(time.RFC3339)
	}
	return cell(v)
}

// progress returns what to call after each item and at the end: with --all
// listing items to a terminal on stderr (and no --no-progress), a progress
// line there (schollz/progressbar) counting items, requests and the rate,
// redrawn at most every 200 ms and cleared at the end.
func (a *app) progress(list bool) (add, finish func()) {
	if !list || !a.g.all || a.g.noProgress || !a.env.stderrTTY {
		return func() {}, func() {}
	}
	bar := progressbar.NewOptions64(-1, progressbar.OptionSetWriter(a.env.stderr),
		progressbar.OptionSetDescription("exporting"), progressbar.OptionShowIts(), progressbar.OptionSetItsString("items"),
		progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish(), progressbar.OptionSpinnerType(14))
	items := 0
	return func() {
		items++
		bar.Describe(fmt.Sprintf("exporting: %d items, %d requests", items, a.requests.Load()))
		_ = bar.Add(1)
	}, func() { _ = bar.Finish() }
}
