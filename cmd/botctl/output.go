package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
)

// format is the -o format (validated in the root's PersistentPreRunE).
func (a *app) format() render.Format {
	f, _ := render.ParseFormat(a.g.output)
	return f
}

// renderOptions are the render options of op's output in the -o format:
// the table's columns, or for csv the item's keys flattened from its schema
// (the table's columns when the spec gives none).
func (c *opCommand) renderOptions() render.Options {
	f := c.app.format()
	opts := render.Options{Pretty: c.app.env.stdoutTTY && f == render.JSON}
	if f == render.CSV && len(c.op.CSV) > 0 {
		for _, p := range c.op.CSV {
			opts.Columns = append(opts.Columns, render.Column{Header: p, Path: p})
		}
		return opts
	}
	for _, col := range c.op.Columns {
		rc := render.Column{Header: col.Header, Path: col.Path}
		switch col.Cell {
		case "unix":
			rc.Cell = unixCell
		case "codes":
			if f := c.op.Field(col.Path); f != nil {
				rc.Cell = codes{list: f.Codes, open: f.OpenCodes}.cell
			}
		}
		opts.Columns = append(opts.Columns, rc)
	}
	return opts
}

// printable is what the writer gets for one item: its bytes, credentials
// scrubbed, for json and jsonl (never decoded and re-encoded, so no key is
// lost); for table and csv the item decoded, after the row hooks.
func (c *opCommand) printable(ctx context.Context, cl rawClient, raw json.RawMessage) (any, error) {
	raw = cl.Redact(ctx, raw)
	if f := c.app.format(); f == render.JSON || f == render.JSONL {
		return raw, nil
	}
	var row any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&row); err != nil {
		return nil, fmt.Errorf("%s: an item is not JSON: %w", c.api.Name, err)
	}
	if m, ok := row.(map[string]any); ok {
		for _, h := range c.op.Hooks {
			if fix := hookNamed(h).row; fix != nil {
				fix(m)
			}
		}
	}
	return row, nil
}

// printOne writes one result; an empty answer (202, 204) prints nothing.
func (c *opCommand) printOne(ctx context.Context, cl rawClient, raw json.RawMessage) error {
	if len(bytes.TrimSpace(raw)) == 0 || string(raw) == "null" {
		return nil
	}
	v, err := c.printable(ctx, cl, raw)
	if err != nil {
		return err
	}
	return render.Object(c.app.env.stdout, c.app.format(), c.renderOptions(), v)
}

// printItems streams seq's items in the -o format as they arrive (json as
// one array, jsonl one item per line), in constant memory except for -o
// table. With --all on a terminal it shows a progress bar on stderr.
func (c *opCommand) printItems(ctx context.Context, cl rawClient, seq iter.Seq2[json.RawMessage, error]) error {
	// The writer starts with the first item: a list that fails before it
	// prints nothing, not an empty array.
	var w render.Writer
	start := func() (err error) {
		if w == nil {
			w, err = render.New(c.app.env.stdout, c.app.format(), c.renderOptions())
		}
		return err
	}
	bar := c.app.progress()
	for item, err := range seq {
		var v any
		if err == nil {
			v, err = c.printable(ctx, cl, item)
		}
		if err != nil {
			// Close what was written, so a partial export is still valid JSON.
			if w != nil {
				_ = w.Close()
			}
			bar.finish()
			return err
		}
		if err := start(); err != nil {
			return err
		}
		if err := w.Item(v); err != nil {
			return err
		}
		bar.add()
	}
	bar.finish()
	if err := start(); err != nil {
		return err
	}
	return w.Close()
}

// unixCell is a table cell's text for Unix seconds: the UTC time.
func unixCell(s string) string {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return s
	}
	return time.Unix(n, 0).UTC().Format(time.RFC3339)
}

// progress is the export progress line on stderr: items, requests and rate.
type progress struct {
	bar      *progressbar.ProgressBar
	requests *atomic.Int64
	items    int64
}

// progress returns a progress bar when --all runs with a terminal on stderr
// and --no-progress is not set; otherwise one that does nothing.
func (a *app) progress() *progress {
	if !a.g.all || a.g.noProgress || !a.env.stderrTTY {
		return &progress{}
	}
	p := &progress{requests: &a.requests}
	p.bar = progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(a.env.stderr),
		// The count is in the description: with no known total the bar's own
		// count reads "1810/-".
		progressbar.OptionSetDescription("exporting: 0 items, 0 requests"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("items"),
		progressbar.OptionThrottle(progressInterval),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
	)
	return p
}

func (p *progress) add() {
	if p.bar == nil {
		return
	}
	p.items++
	p.bar.Describe(fmt.Sprintf("exporting: %d items, %d requests", p.items, p.requests.Load()))
	_ = p.bar.Add(1)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// countingTransport counts the HTTP requests sent, for the progress line.
type countingTransport struct {
	next http.RoundTripper
	n    *atomic.Int64
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return t.next.RoundTrip(r)
}
