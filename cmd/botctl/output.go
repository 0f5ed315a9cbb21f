package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/itchyny/gojq"
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
func (c *opCommand) print(ctx context.Context, redact func(context.Context, []byte) []byte, list bool, seq iter.Seq2[json.RawMessage, error]) error {
	return c.printList(ctx, redact, list, seq, nil)
}

// printList is print for a list whose total the API announces in total (nil
// or 0: not known): at most --limit items (breaking out of seq stops the
// paging), the progress line, and "showing X of N" on stderr when the list
// stops before the total.
//
// The output is buffered and flushed when the buffer fills, when flushEvery
// has passed since the last flush, and before printList returns, error or
// not, so every item printed reaches stdout before an error line or exit.
func (c *opCommand) printList(ctx context.Context, redact func(context.Context, []byte) []byte, list bool, seq iter.Seq2[json.RawMessage, error], total *listTotal) (err error) {
	out := bufio.NewWriterSize(c.app.env.stdout, outBufferSize)
	defer func() {
		if ferr := out.Flush(); err == nil {
			err = ferr
		}
	}()
	g := &c.app.g
	p := &printer{out: out, format: g.output, list: list, op: c.op, hooks: c.hooks,
		pretty: c.app.env.stdoutTTY && g.output == "json", ctx: ctx, jq: g.jq, raw: g.rawOutput, paths: g.paths}
	limit := 0
	if list {
		limit = g.limit
	}
	prog := c.app.progress(list && (g.all || limit > 0), total, limit)
	defer prog.finish()
	n := 0
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
		if err := p.emit(redact(ctx, item)); err != nil {
			if p.n > 0 {
				_ = p.close()
			}
			return err
		}
		n++
		if out.Buffered() > 0 && time.Since(flushed) >= flushEvery {
			if err := out.Flush(); err != nil {
				return err
			}
			flushed = time.Now()
		}
		prog.add()
		if n == limit {
			break
		}
	}
	if err := p.close(); err != nil {
		return err
	}
	prog.finish()
	if t := total.get(); list && n < t && (!g.all || n == limit) {
		hint := "--all prints every item"
		if n == limit {
			hint = fmt.Sprintf("--limit %d", limit)
		}
		if err := out.Flush(); err != nil { // the items before the note
			return err
		}
		_, err := fmt.Fprintf(c.app.env.stderr, "showing %d of %d items (%s)\n", n, t, hint)
		return err
	}
	return nil
}

// listTotal is the number of items a list's API says it has, once a page
// has told it (0 until then, or when no page does).
type listTotal struct{ n atomic.Int64 }

// get returns the total; 0 when t is nil or not known.
func (t *listTotal) get() int {
	if t == nil {
		return 0
	}
	return int(t.n.Load())
}

// shapeOutput reads --jq and --fields once, before the command runs: a jq
// expression that does not compile, -r without --jq, or an empty field is a
// usage error naming the flag (and for jq's syntax the column).
func (g *globals) shapeOutput() error {
	if g.jqExpr != "" {
		q, err := gojq.Parse(g.jqExpr)
		if err != nil {
			var pe *gojq.ParseError
			if errors.As(err, &pe) {
				col := max(pe.Offset-len(pe.Token), 0) + 1
				return usagef("--jq: %v at column %d of %q", err, col, g.jqExpr)
			}
			return usagef("--jq: %w", err)
		}
		if g.jq, err = gojq.Compile(q); err != nil {
			return usagef("--jq: %w", err)
		}
	} else if g.rawOutput {
		return usagef("-r/--raw-output needs --jq")
	}
	g.paths = nil
	if strings.TrimSpace(g.fields) == "" {
		return nil
	}
	for _, f := range strings.Split(g.fields, ",") {
		f = strings.TrimSpace(f)
		path := strings.Split(f, ".")
		if slices.Contains(path, "") {
			return usagef("--fields: %q is not a field: want names separated by commas, dotted for nested ones (user.full_name)", f)
		}
		g.paths = append(g.paths, path)
	}
	return nil
}

// printer writes one command's output in one format: json and jsonl pass
// each item's bytes through, so no key is lost; table and csv read their
// cells from the item, fixed by the op's row hooks (only a table buffers,
// to align its columns). With jq, the item's results are printed in its
// place (strings bare with raw); with paths, only those fields.
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
	ctx          context.Context
	jq           *gojq.Code
	raw          bool
	paths        [][]string
}

// emit prints one item: its jq results, each limited to the chosen fields,
// or the item itself. A jq error at run time (an error a filter raises, or
// one on this item's data) is returned with the flag's name.
func (p *printer) emit(raw json.RawMessage) error {
	if p.jq == nil {
		if p.paths != nil && (p.format == "json" || p.format == "jsonl") {
			raw = pick(raw, p.paths)
		}
		return p.item(raw)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // every digit reaches jq
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("an item is not JSON: %w", err)
	}
	results := p.jq.RunWithContext(cmp.Or(p.ctx, context.Background()), v)
	for {
		r, ok := results.Next()
		if !ok {
			return nil
		}
		if err, isErr := r.(error); isErr {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				return nil // halt: the end of this item's results
			}
			return fmt.Errorf("--jq: %w", err)
		}
		if s, isString := r.(string); isString && p.raw && p.format != "table" && p.format != "csv" {
			if _, err := io.WriteString(p.out, s+"\n"); err != nil {
				return err
			}
			continue
		}
		b, err := gojq.Marshal(r)
		if err != nil {
			return fmt.Errorf("--jq: %w", err)
		}
		if p.paths != nil && (p.format == "json" || p.format == "jsonl") {
			b = pick(b, p.paths)
		}
		if err := p.item(b); err != nil {
			return err
		}
	}
}

func (p *printer) item(raw json.RawMessage) error {
	defer func() { p.n++ }()
	if p.format == "json" || p.format == "jsonl" {
		b := &p.buf
		b.Reset()
		prefix := ""
		if p.format == "json" && p.list && !p.raw {
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
		switch {
		case p.pretty:
			err = json.Indent(b, bytes.TrimSpace(raw), prefix, "  ")
		case p.list && compactJSON(raw):
			// The server's bytes, as they came: json.Compact would copy them
			// unchanged after checking them a byte at a time once more. Only
			// a list's items, which a decoder has checked; a single answer is
			// the body as it came, which json.Compact checks.
			b.Write(raw)
		default:
			err = json.Compact(b, raw)
		}
		if err != nil {
			return fmt.Errorf("an item is not JSON: %w", err)
		}
		if p.format == "jsonl" || !p.list || p.raw {
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

// compactJSON reports whether raw, a JSON value, holds no whitespace
// outside its strings, so that json.Compact would return it unchanged. The
// list items printed are values a JSON decoder has already checked (the
// page's scan, json.Unmarshal, gojq), so this looks only for whitespace; anything
// it cannot vouch for (an empty or unterminated value) goes to json.Compact,
// which reports it.
func compactJSON(raw []byte) bool {
	if len(raw) == 0 {
		return false
	}
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case ' ', '\t', '\n', '\r':
			return false
		case '"':
			// Skip to the closing quote: one not preceded by an odd run of
			// backslashes.
			for {
				j := bytes.IndexByte(raw[i+1:], '"')
				if j < 0 {
					return false
				}
				i += 1 + j
				k := i - 1
				for raw[k] == '\\' {
					k--
				}
				if (i-1-k)%2 == 0 {
					break
				}
			}
		}
	}
	return true
}

// columns are the chosen fields, else the op's columns (csv's from its
// schema when the spec lists them), else the first item's keys (a table's
// top-level ones only), as they are for jq's results.
func (p *printer) columns(values map[string]string) []optable.Column {
	if p.paths != nil {
		cols := make([]optable.Column, len(p.paths))
		for i, path := range p.paths {
			k := strings.Join(path, ".")
			cols[i] = optable.Column{Header: k, Path: k}
			if j := slices.IndexFunc(p.op.Columns, func(c optable.Column) bool { return c.Path == k }); j >= 0 {
				cols[i].Cell = p.op.Columns[j].Cell // a time or a code reads as the op's table shows it
			}
		}
		return cols
	}
	keys := p.op.CSV
	if p.jq != nil { // the results' shape is the expression's, not the op's
		keys = nil
	}
	if p.format != "csv" || len(keys) == 0 {
		if len(p.op.Columns) > 0 && p.jq == nil {
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
	if p.format == "json" && p.list && !p.raw {
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
		if m, ok := v.(map[string]any); ok && h.row != nil && p.jq == nil {
			h.row(m)
		}
	}
	values := map[string]string{}
	var walk func(prefix string, x any)
	walk = func(prefix string, x any) {
		if m, ok := x.(map[string]any); ok && (len(m) > 0 || prefix == "") {
			if p.paths != nil && prefix != "" { // a chosen field may name an object
				b, _ := json.Marshal(m)
				values[prefix] = string(b)
			}
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

// pick returns the object raw with only the fields at paths, in their
// order, nested as in raw ({"user":{"full_name":…}} for user.full_name),
// each value's bytes as raw has them; a field raw lacks is left out. What
// is not an object is returned as it is.
func pick(raw json.RawMessage, paths [][]string) json.RawMessage {
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil || top == nil {
		return raw
	}
	var root []*picked
	for _, path := range paths {
		v, obj := json.RawMessage(nil), top
		for i, k := range path {
			if v = obj[k]; v == nil || i == len(path)-1 {
				break
			}
			if obj = nil; json.Unmarshal(v, &obj) != nil || obj == nil {
				v = nil
				break
			}
		}
		if v != nil {
			root = place(root, path, v)
		}
	}
	var b bytes.Buffer
	writePicked(&b, root)
	return b.Bytes()
}

// picked is one key of pick's answer: its value, or the keys below it.
type picked struct {
	key string
	val json.RawMessage
	sub []*picked
}

// place adds the value v at path to level, keeping the order of first use;
// a whole object chosen already takes in its members.
func place(level []*picked, path []string, v json.RawMessage) []*picked {
	i := slices.IndexFunc(level, func(p *picked) bool { return p.key == path[0] })
	if i < 0 {
		level, i = append(level, &picked{key: path[0]}), len(level)
	}
	switch n := level[i]; {
	case n.val != nil:
	case len(path) == 1:
		n.val, n.sub = v, nil
	default:
		n.sub = place(n.sub, path[1:], v)
	}
	return level
}

// writePicked writes level as a JSON object.
func writePicked(b *bytes.Buffer, level []*picked) {
	b.WriteByte('{')
	for i, n := range level {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(n.key)
		b.Write(k)
		b.WriteByte(':')
		if n.val != nil {
			b.Write(n.val)
		} else {
			writePicked(b, n.sub)
		}
	}
	b.WriteByte('}')
}

// progressLine is what print calls after each item and at the end (finish
// may be called twice).
type progressLine struct{ add, finish func() }

// progress returns the progress line of a list that follows pages
// (--all or --limit) printed while stderr is a terminal (and no
// --no-progress): a schollz/progressbar line redrawn at most every 200 ms
// and cleared at the end. Once a page has told the total (capped by
// limit), it shows items of the total, the percentage, the rate and the
// time left; before that, or when no page tells it, items, requests and
// the rate.
func (a *app) progress(follows bool, total *listTotal, limit int) progressLine {
	if !follows || a.g.noProgress || !a.env.stderrTTY {
		return progressLine{add: func() {}, finish: func() {}}
	}
	var bar *progressbar.ProgressBar
	items, max, start := 0, 0, time.Now()
	return progressLine{add: func() {
		items++
		if bar == nil { // now that the first page has told the total, if it does
			if max = total.get(); limit > 0 && max > 0 {
				max = min(max, limit)
			}
			bar = progressbar.NewOptions64(cmp.Or(int64(max), -1), progressbar.OptionSetWriter(a.env.stderr),
				progressbar.OptionSetDescription("exporting"), progressbar.OptionShowIts(), progressbar.OptionSetItsString("items"),
				progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish(), progressbar.OptionSpinnerType(14),
				progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(false), progressbar.OptionSetElapsedTime(false))
		}
		if max > 0 && items > max { // more than announced: count on
			max = items
			bar.ChangeMax(max)
		}
		if max == 0 {
			bar.Describe(fmt.Sprintf("exporting: %d items, %d requests", items, a.requests.Load()))
		} else {
			left := time.Duration(float64(time.Since(start)) / float64(items) * float64(max-items))
			bar.Describe(fmt.Sprintf("exporting: %d requests, ETA %s", a.requests.Load(), left.Round(time.Second)))
		}
		_ = bar.Add(1)
	}, finish: func() {
		if bar != nil {
			_ = bar.Finish()
			bar = nil
		}
	}}
}
