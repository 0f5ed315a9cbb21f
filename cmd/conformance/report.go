package main

import (
	"fmt"
	"io"
	"strings"
)

// apiResult is one API's results and the webhook deliveries left out.
type apiResult struct {
	Name     string
	Ops      []*opResult
	Webhooks []string
}

// tally is the figures of the report line.
type tally struct {
	Covered, Ops, ErrorAnswers, Violations int
}

func (t *tally) add(o tally) {
	t.Covered += o.Covered
	t.Ops += o.Ops
	t.ErrorAnswers += o.ErrorAnswers
	t.Violations += o.Violations
}

// line is the tally as the report prints it.
func (t tally) line() string {
	return fmt.Sprintf("covered %d of %d operations (%d error answers); %d violations", t.Covered, t.Ops, t.ErrorAnswers, t.Violations)
}

// ok reports whether every operation was covered without a violation.
func (t tally) ok() bool { return t.Covered == t.Ops && t.Violations == 0 }

func (r *apiResult) tally() tally {
	t := tally{Ops: len(r.Ops)}
	for _, o := range r.Ops {
		if o.Covered() {
			t.Covered++
		}
		t.ErrorAnswers += o.ErrorAnswers
		t.Violations += len(o.Violations)
	}
	return t
}

// writeReport prints the violations and the problems grouped by API and
// operation, then a line per API and the total, and returns the total.
func writeReport(w io.Writer, results []*apiResult) tally {
	var total tally
	for _, r := range results {
		for _, o := range r.Ops {
			if len(o.Violations) == 0 && len(o.Problems) == 0 && len(o.Notes) == 0 && o.Covered() {
				continue
			}
			fmt.Fprintf(w, "%s %s (%s %s):\n", r.Name, o.Op.ID, o.Op.Method, o.Op.Path)
			if !o.Covered() {
				fmt.Fprintf(w, "  not covered: success %t, %d error answers\n", o.Success, o.ErrorAnswers)
			}
			for _, p := range o.Problems {
				fmt.Fprintf(w, "  problem: %s\n", p)
			}
			for _, n := range o.Notes {
				fmt.Fprintf(w, "  note (does not fail the check): %s\n", n)
			}
			for _, f := range o.Violations {
				fmt.Fprintf(w, "  violation: %s\n    in %s, %s\n", f.V, f.Call, f.Request)
			}
		}
	}
	fmt.Fprintln(w)
	for _, r := range results {
		t := r.tally()
		total.add(t)
		fmt.Fprintf(w, "%-10s %s\n", r.Name, t.line())
	}
	fmt.Fprintf(w, "%-10s %s\n", "total", total.line())
	var hooks []string
	for _, r := range results {
		for _, id := range r.Webhooks {
			hooks = append(hooks, r.Name+" "+id)
		}
	}
	if len(hooks) > 0 {
		fmt.Fprintf(w, "left out: %d webhook deliveries (x-webhooks: the API calls the client, no operation of its server): %s\n",
			len(hooks), strings.Join(hooks, ", "))
	}
	return total
}
