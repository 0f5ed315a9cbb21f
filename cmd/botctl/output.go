package main

import (
	"fmt"
	"iter"
	"net/http"
	"sync/atomic"

	"github.com/schollz/progressbar/v3"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
)

// format is the -o format (validated in the root's PersistentPreRunE).
func (a *app) format() render.Format {
	f, _ := render.ParseFormat(a.g.output)
	return f
}

func (a *app) renderOptions(cols []render.Column) render.Options {
	return render.Options{Pretty: a.env.stdoutTTY && a.format() == render.JSON, Columns: cols}
}

// printObject writes one result; nil (a 202/204 without a body) prints nothing.
func printObject(a *app, v any, cols []render.Column) error {
	if v == nil {
		return nil
	}
	return render.Object(a.env.stdout, a.format(), a.renderOptions(cols), v)
}

// printSlice writes a one-page list.
func printSlice[T any](a *app, items []T, cols []render.Column) error {
	return printList(a, func(yield func(T, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}, cols)
}

// printList streams seq's items in the -o format as they arrive (json as one
// array, jsonl one item per line), in constant memory except for -o table.
// With --all on a terminal it shows a progress bar on stderr.
func printList[T any](a *app, seq iter.Seq2[T, error], cols []render.Column) error {
	w, err := render.New(a.env.stdout, a.format(), a.renderOptions(cols))
	if err != nil {
		return err
	}
	bar := a.progress()
	for item, err := range seq {
		if err != nil {
			// Close what was written, so a partial export is still valid JSON.
			_ = w.Close()
			bar.finish()
			return err
		}
		if err := w.Item(item); err != nil {
			return err
		}
		bar.add()
	}
	bar.finish()
	return w.Close()
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
