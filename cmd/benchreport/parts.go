package main

import (
	"context"
	"time"
)

// part is one measured area of the performance targets.
type part struct {
	// Name is the short name used by -only and in the report (P1…P4).
	Name string
	// Title says what the part measures.
	Title string
	// Measure runs the part's measurements and returns its section; an error
	// fails the run but the section's rows measured so far are still written.
	Measure func(ctx context.Context, env *benchEnv) (section, error)
}

// parts lists the measured areas in report order.
var parts = []part{
	{Name: "P1", Title: "SDK per-call overhead against hand-written net/http + encoding/json", Measure: measureP1},
	{Name: "P2", Title: "Export at the latency bound", Measure: measureP2},
	{Name: "P3", Title: "Mock throughput against Prism", Measure: measureP3},
	{Name: "P4", Title: "botctl start-up and size", Measure: measureP4},
}

// section is one part's results.
type section struct {
	Name, Title string
	// Intro is a paragraph of Markdown placed above the rows: what runs, on
	// which server bytes, with what load.
	Intro string
	// Rows are the figures, each against its target.
	Rows []row
	// Notes are Markdown paragraphs placed after the rows: profiles, why a
	// target is missed, what it would take.
	Notes []string
	// Commands reproduce the part's measurements by hand.
	Commands []string
	// Took is how long the part ran; Err is its failure, if any.
	Took time.Duration
	Err  string
}

// row is one measured figure.
type row struct {
	// Measure names what was measured.
	Measure string
	// Value is the figure as written in the report (median, with the spread
	// in Spread).
	Value string
	// Spread is the range over the repetitions ("1.08–1.15×"), if repeated.
	Spread string
	// Target is the goal as written in the report ("≤ 1.20×").
	Target string
	// Met reports whether the value meets the target.
	Met bool
}
