package main

import (
	"slices"
	"strings"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/mock"
)

// mockWork tells what a command line will ask of the embedded mock, before
// it is parsed, so that its start-up work can begin at once: spec when the
// line asks for the mock (--mock) and does more than print help, path when
// it also sends the request of the command it runs (not --dry-run, not a
// shell completion, which lists another path's items).
func mockWork(args []string) (spec, path bool) {
	if !slices.Contains(args, "--mock") || slices.Contains(args, "-h") || slices.Contains(args, "--help") {
		return false, false
	}
	completion := slices.ContainsFunc(args, func(arg string) bool { return strings.HasPrefix(arg, "__complete") })
	return true, !completion && !slices.Contains(args, "--dry-run")
}

// prepareMock starts the embedded mock's reading of api's spec, and of the
// part that checks requests to paths, in the background (see mock.Prepare).
func (a *app) prepareMock(api string, paths ...string) {
	if a.mockPrepare != nil {
		a.mockPrepare(api, paths...)
		return
	}
	mock.Prepare(api, paths...)
}

// prepareRun has the embedded mock prepare the path of the command of api
// that the command line runs: the longest one whose words all appear on it
// in their order (`users get me` runs users get, not me; `kudos
// organization` runs that, not organization). A guess made before cobra
// parses the line, and only a head start: a wrong one costs some CPU, never
// a wrong answer.
func (a *app) prepareRun(api *optable.API) {
	var run *optable.Op
	for i := range api.Ops {
		op := &api.Ops[i]
		if (run == nil || len(op.Command) > len(run.Command)) && inOrder(a.env.args, append([]string{api.Name}, op.Command...)) {
			run = op
		}
	}
	if run != nil {
		a.prepareMock(api.Name, run.Path)
	}
}

// inOrder reports whether words appear in args in their order, other
// arguments (flags, their values) allowed between them.
func inOrder(args, words []string) bool {
	for _, arg := range args {
		if len(words) == 0 {
			break
		}
		if arg == words[0] {
			words = words[1:]
		}
	}
	return len(words) == 0
}
