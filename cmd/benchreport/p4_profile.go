package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// p4Part is a part of botctl's start-up as the profile names it: the
// symbol whose samples, its callees' included (perf's children view), make
// the part, and whose code it is.
type p4Part struct {
	Label, Symbol string
	Ours          bool
}

// The parts both profiles report: the start before main and the kernel's
// page faults.
var (
	p4RuntimeStart = p4Part{"runtime start before main (rt0_go: schedinit, heap and stacks)", "runtime.rt0_go.abi0", false}
	p4PackageInit  = p4Part{"package initialisation, all packages (runtime.doInit1)", "runtime.doInit1", false}
	p4SchemaInit   = p4Part{"  of which santhosh-tekuri/jsonschema/v6 (compiles the draft metaschemas)", "github.com/santhosh-tekuri/jsonschema/v6.init.0", false}
	p4PageFaults   = p4Part{"page faults, wherever they happen (kernel)", "asm_exc_page_fault", false}
)

// p4HelpParts are the parts the profile of `botctl --help` reports. They
// nest (package initialisation holds jsonschema's), so the shares do not add
// up to 100%.
var p4HelpParts = []p4Part{
	p4RuntimeStart,
	p4PackageInit,
	p4SchemaInit,
	{"  of which itchyny/gojq", "github.com/itchyny/gojq.init.0", false},
	{"botctl's main: build the commands, parse, print the help (main.main, cobra's help included)", "main.main", true},
	{"  of which decoding command tables (main.decodeTables)", "main.decodeTables", true},
	{"  of which cobra's help and usage output", "github.com/spf13/cobra.(*Command).HelpFunc.func1", false},
	p4PageFaults,
}

// p4MockParts are the parts the profile of `botctl --mock dailybot me`
// reports; they nest too. The spec is read, and the command's path decoded,
// on a goroutine of its own while main builds the commands, so its share
// overlaps main's; the goroutines a path's decode starts have stacks of
// their own, so their samples are a row of their own.
var p4MockParts = []p4Part{
	p4RuntimeStart,
	p4PackageInit,
	p4SchemaInit,
	{"botctl's main (main.main)", "main.main", true},
	{"  of which decoding DailyBot's command table (main.decodeTables)", "main.decodeTables", true},
	{"  of which building the commands (main.newRootCmd)", "main.newRootCmd", true},
	{"  of which starting the mock: seeding, listening (mock.Start)", "github.com/botsdk/botsdk/pkg/mock.Start", true},
	{"  of which the call: client, request, answer, output (opCommand.send)", "main.(*opCommand).send", true},
	{"reading the spec, then decoding /me/'s document, in the background (mock.Prepare)", "github.com/botsdk/botsdk/pkg/mock.Prepare.func1", true},
	{"  of which opening its archive: index, dictionary, top level (specs.LoadParts)", "github.com/botsdk/botsdk/specs.LoadParts", true},
	{"decoding /me/'s document with kin-openapi (specs.Parts.decodePath), on the goroutine that asks", "github.com/botsdk/botsdk/specs.(*Parts).decodePath", true},
	{"  and on the goroutines it starts for its components and path item (specs.parseJSON.func1)", "github.com/botsdk/botsdk/specs.parseJSON.func1", true},
	{"the mock's answer: validation, handler (Mock.ServeHTTP)", "github.com/botsdk/botsdk/pkg/mock.(*Mock).ServeHTTP", true},
	{"garbage collection (the runtime's, for every package's allocations)", "runtime.gcBgMarkWorker", false},
	{"goroutine stack growth (the runtime's: deep decoders on new goroutines)", "runtime.morestack.abi0", false},
	p4PageFaults,
}

// p4Profile runs botctl with args n times under `perf record -g` (20 kHz)
// and returns each of parts' median share of the samples, in percent, by
// symbol. It fails when perf is missing or refused.
func p4Profile(ctx context.Context, botctl, dir string, n int, parts []p4Part, args ...string) (map[string]float64, error) {
	shares := map[string][]float64{}
	for i := range n {
		data := filepath.Join(dir, fmt.Sprintf("p4-perf-%d.data", i))
		rec := exec.CommandContext(ctx, "perf", append([]string{"record", "-q", "-F", "20000", "-g", "-o", data, "--", botctl}, args...)...)
		var stderr bytes.Buffer
		rec.Stdout, rec.Stderr = nil, &stderr
		if err := rec.Run(); err != nil {
			return nil, fmt.Errorf("perf record: %w: %s", err, strings.TrimSpace(stderr.String()))
		}
		out, err := exec.CommandContext(ctx, "perf", "report", "-i", data, "--children", "--stdio", "--sort", "sym").Output()
		_ = os.Remove(data)
		if err != nil {
			return nil, fmt.Errorf("perf report: %w", err)
		}
		got := p4ParseReport(out)
		for _, p := range parts {
			shares[p.Symbol] = append(shares[p.Symbol], got[p.Symbol]) // absent: 0%
		}
	}
	med := map[string]float64{}
	for sym, xs := range shares {
		med[sym] = p24Summarise(xs).Median
	}
	return med, nil
}

// p4ParseReport reads `perf report --children --sort sym --stdio` lines,
// "    45.12%     0.22%  [.] runtime.doInit1", into each symbol's children
// share; call-graph lines and comments are skipped.
func p4ParseReport(out []byte) map[string]float64 {
	got := map[string]float64{}
	for l := range strings.SplitSeq(string(out), "\n") {
		f := strings.Fields(l)
		if len(f) < 4 || !strings.HasSuffix(f[0], "%") || !strings.HasSuffix(f[1], "%") || !strings.HasPrefix(f[2], "[") {
			continue
		}
		pct, err := strconv.ParseFloat(strings.TrimSuffix(f[0], "%"), 64)
		if err != nil {
			continue
		}
		sym := strings.Join(f[3:], " ")
		if _, seen := got[sym]; !seen {
			got[sym] = pct
		}
	}
	return got
}

// p4ProfileTable renders parts' shares, and each as CPU time at the median
// CPU time cpuMs, as a markdown table.
func p4ProfileTable(parts []p4Part, shares map[string]float64, cpuMs float64) string {
	var b strings.Builder
	b.WriteString("| part | share of samples (median) | ≈ CPU ms | ours |\n|---|---|---|---|\n")
	for _, p := range parts {
		fmt.Fprintf(&b, "| %s | %.1f%% | %.1f | %s |\n", strings.TrimSpace(p.Label), shares[p.Symbol], shares[p.Symbol]*cpuMs/100,
			map[bool]string{true: "yes", false: "no"}[p.Ours])
	}
	return b.String()
}
