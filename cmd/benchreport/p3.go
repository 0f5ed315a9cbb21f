package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/botsdk/botsdk/pkg/mock"
)

// p3Op is one DailyBot operation loaded on both servers.
type p3Op struct {
	label, opID string
	method      string
	// path is under the DailyBot base path; {id} is a seeded user's uuid.
	path, body string
}

// p3Ops are the four loads: a read by id, a list, a write (POST) and an
// update (PATCH), each answered 2xx by both servers, with bodies valid for
// the spec. The list's limit is set at run time to the number of items
// Prism's example has, so both answer lists of equal size.
var p3Ops = []p3Op{
	{label: "GET by id", opID: "getUser", method: http.MethodGet, path: "/users/{id}/"},
	{label: "list of equal size", opID: "listUsers", method: http.MethodGet, path: "/users/?limit={n}"},
	{label: "POST", opID: "sendMessage", method: http.MethodPost, path: "/send-message/",
		body: `{"message":"Welcome","target_channels":[{"id":"IDLKSAN","is_channel_message":false}]}`},
	{label: "PATCH", opID: "updateUser", method: http.MethodPatch, path: "/users/{id}/",
		body: `{"occupation":"Teammate","timezone":"America/New_York"}`},
}

// p3Plan is how long and how often P3 loads each server.
type p3Plan struct {
	reps int
	// warmup is each operation's unmeasured run on each server (Prism's
	// JIT needs it); profile is each operation's run under the CPU profile.
	warmup, profile time.Duration
	load            loadConfig
}

// p3PlanFor is the full plan (about 90 s in all, Prism's start included):
// short runs repeated five times, each operation alternating between the
// servers, so that a machine whose load drifts affects both sides of a ratio
// alike; or the smoke plan, one short run of each.
func p3PlanFor(smoke bool) p3Plan {
	if smoke {
		return p3Plan{reps: 1, warmup: 100 * time.Millisecond, profile: 100 * time.Millisecond,
			load: loadConfig{Concurrency: 8, Duration: 300 * time.Millisecond, MaxRequests: 200_000}}
	}
	return p3Plan{reps: 5, warmup: time.Second, profile: time.Second,
		load: loadConfig{Concurrency: 8, Duration: 1500 * time.Millisecond, MaxRequests: 2_000_000}}
}

// measureP3 loads the mock (botctl mock, its own process) and Prism 5
// mocking specs/dailybot.yaml (its own process) side by side with the same
// Go load generator, for each of p3Ops, repeated, and compares req/s and
// p99 latency.
func measureP3(ctx context.Context, env *benchEnv) (section, error) {
	plan := p3PlanFor(env.Smoke)
	sec := section{
		Intro: fmt.Sprintf("The mock (`botctl mock`, its own process) and Prism %s (`prism mock specs/dailybot.yaml`, "+
			"its own process, default options) serve DailyBot on 127.0.0.1. One Go load generator (cmd/benchreport/p3_load.go) "+
			"sends the same requests to each at a fixed concurrency of %d over keep-alive connections for %s per run, "+
			"reading every answer whole; any answer outside 2xx fails the run. Each operation runs %d time(s) on each "+
			"server, alternately, after a %s warm-up; a ratio is mock req/s ÷ Prism req/s of the same repetition "+
			"(median, spread min–max). Latency is per request, p50/p99 over all requests of a run.",
			prismVersion, plan.load.Concurrency, plan.load.Duration, plan.reps, plan.warmup),
		Commands: []string{
			"make prism && go run ./cmd/benchreport -only P3 -out /tmp/p3.md",
			"go test -run '^$' -bench 'ServeDailyBot|ServeLoopback' -benchmem ./pkg/mock/",
			"go test -run '^$' -bench 'ServeLoopback' -cpuprofile /tmp/cpu.out ./pkg/mock/ && go tool pprof -top -cum /tmp/cpu.out",
		},
	}
	mockSrv, err := startP3Server(ctx, "mock", []string{env.Botctl, "mock", "--addr", "ADDR"}, "/dailybot/v1", "/me/", env.Log)
	if err != nil {
		return sec, err
	}
	defer mockSrv.stop()
	prismSrv, err := startP3Server(ctx, "Prism", []string{env.Prism, "mock", "specs/dailybot.yaml", "-p", "PORT", "-h", "127.0.0.1"}, "", "/me/", env.Log)
	if err != nil {
		return sec, fmt.Errorf("%w (make prism installs it)", err)
	}
	defer prismSrv.stop()

	key := mock.DefaultCredentials().DailyBotKey
	client := newLoadClient(plan.load.Concurrency)
	defer client.CloseIdleConnections()
	userID, err := p3FirstUser(ctx, client, mockSrv.base, key)
	if err != nil {
		return sec, err
	}
	n, err := p3ListLen(ctx, client, prismSrv.base+"/users/", key)
	if err != nil {
		return sec, fmt.Errorf("prism: %w", err)
	}
	if got, err := p3ListLen(ctx, client, mockSrv.base+fmt.Sprintf("/users/?limit=%d", n), key); err != nil || got != n {
		return sec, fmt.Errorf("mock list: %d items, want %d as Prism's (%v)", got, n, err)
	}
	sec.Intro += fmt.Sprintf(" The list is listUsers with %d item(s) from each: Prism answers the spec's example, "+
		"the mock a page of that size (`limit=%d`) from its seeded users.", n, n)

	servers := []*p3Server{mockSrv, prismSrv}
	requests := func(s *p3Server, op p3Op) loadRequest {
		path := strings.NewReplacer("{id}", userID, "{n}", fmt.Sprint(n)).Replace(op.path)
		h := http.Header{"X-Api-Key": {key}, "Accept": {"application/json"}}
		if op.body != "" {
			h.Set("Content-Type", "application/json")
		}
		return loadRequest{Method: op.method, URL: s.base + path, Body: op.body, Header: h}
	}
	warm := plan.load
	warm.Duration = plan.warmup
	for _, op := range p3Ops {
		for _, s := range servers {
			if _, err := runLoad(ctx, client, requests(s, op), warm); err != nil {
				return sec, fmt.Errorf("%s warm-up on %s: %w", op.opID, s.name, err)
			}
		}
	}
	results := make([][2][]loadResult, len(p3Ops)) // [op][server][rep]
	for rep := range plan.reps {
		for i, op := range p3Ops {
			order := []int{0, 1}
			if rep%2 == 1 {
				order = []int{1, 0}
			}
			for _, si := range order {
				s := servers[si]
				res, err := runLoad(ctx, client, requests(s, op), plan.load)
				if err != nil {
					return sec, fmt.Errorf("%s on %s: %w", op.opID, s.name, err)
				}
				fmt.Fprintf(env.Log, "benchreport: P3: %-9s %-6s %8.0f req/s  p50 %v  p99 %v\n",
					op.opID, s.name, res.ReqPerSec, res.P50, res.P99)
				results[i][si] = append(results[i][si], res)
			}
		}
	}
	allMet := true
	for i, op := range p3Ops {
		rows := p3Rows(op, results[i][0], results[i][1])
		for _, r := range rows {
			allMet = allMet && r.Met
		}
		sec.Rows = append(sec.Rows, rows...)
	}
	sec.Notes = append(sec.Notes, p3Changes)
	if !allMet {
		sec.Notes = append(sec.Notes, "A target is missed in this run. The mock's own handler is the share below; "+
			"the rest of the mock process is net/http, the kernel's loopback and the garbage collector, and on a "+
			"machine shared with other work the load generator and the two servers compete for the same cores "+
			"(the spread shows how much the ratio moves between repetitions).")
	}
	note, err := profileP3(ctx, env, plan.profile, plan.load.Concurrency)
	if err != nil {
		return sec, fmt.Errorf("profile: %w", err)
	}
	sec.Notes = append(sec.Notes, note)
	return sec, nil
}

// p3Changes says what was done to the mock's request path, and what was not.
const p3Changes = "What the mock's request path does (profiles of BenchmarkServeDailyBot and BenchmarkServeLoopback): " +
	"a request is routed once, by path segments in the spec's matching order (kin-openapi's gorillamux router tried one " +
	"regular expression per path and was the largest share of a small request), and the route is passed to validation " +
	"and to the handler; validation copies the request shallowly and reads a body once, sized from Content-Length, and " +
	"not at all for a GET; answers are encoded whole into a pooled buffer and sent with Content-Length in one write " +
	"(before, answers over 2 KB went out chunked); with no fault configured a request takes no lock; the default logger " +
	"discards without formatting. Left as they are: encoding/json (no third-party encoder: at these sizes encoding is a " +
	"few percent of the process, below what a dependency is worth, and encoding/json's output is the reference the tests " +
	"compare to); caching encoded seeded items (handlers build their answers from the live store, so a cache needs " +
	"invalidation on every write for little gain); and decoding a body once for both validation and the handler " +
	"(kin-openapi needs the generic JSON tree with json.Number, the handlers need the generated types that keep unknown " +
	"keys: sharing one decode means re-encoding one into the other, which costs what it saves)."

// prismVersion is the Prism the Makefile pins (PRISM_VERSION).
const prismVersion = "5.16.0"

// p3Rows turns one operation's repetitions into its two rows: the req/s
// ratio (≥ 10×) and p99 against Prism's (below it).
func p3Rows(op p3Op, mockRes, prismRes []loadResult) []row {
	ratios := make([]float64, len(mockRes))
	mockP99, prismP99 := make([]float64, len(mockRes)), make([]float64, len(mockRes))
	mockRPS, prismRPS := make([]float64, len(mockRes)), make([]float64, len(mockRes))
	for i := range mockRes {
		ratios[i] = mockRes[i].ReqPerSec / prismRes[i].ReqPerSec
		mockP99[i], prismP99[i] = ms(mockRes[i].P99), ms(prismRes[i].P99)
		mockRPS[i], prismRPS[i] = mockRes[i].ReqPerSec, prismRes[i].ReqPerSec
	}
	ratio, lo, hi := medianSpread(ratios)
	mp99, mlo, mhi := medianSpread(mockP99)
	pp99, _, _ := medianSpread(prismP99)
	mrps, _, _ := medianSpread(mockRPS)
	prps, _, _ := medianSpread(prismRPS)
	name := fmt.Sprintf("%s (%s %s)", op.label, op.method, op.opID)
	return []row{
		{
			Measure: "req/s, mock ÷ Prism: " + name,
			Value:   fmt.Sprintf("%.1f× (medians: mock %.0f, Prism %.0f req/s)", ratio, mrps, prps),
			Spread:  fmt.Sprintf("%.1f–%.1f×", lo, hi),
			Target:  "≥ 10×",
			Met:     ratio >= 10,
		},
		{
			Measure: "p99 latency, mock vs Prism: " + name,
			Value:   fmt.Sprintf("%.2f ms vs %.2f ms", mp99, pp99),
			Spread:  fmt.Sprintf("mock %.2f–%.2f ms", mlo, mhi),
			Target:  "below Prism's",
			Met:     mp99 < pp99,
		},
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// medianSpread returns the median, minimum and maximum of xs (not empty).
func medianSpread(xs []float64) (median, lo, hi float64) {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		median = s[len(s)/2]
	} else {
		median = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return median, s[0], s[len(s)-1]
}

// p3FirstUser is the uuid of the mock's first seeded user.
func p3FirstUser(ctx context.Context, client *http.Client, base, key string) (string, error) {
	var page struct {
		Results []struct {
			UUID string `json:"uuid"`
		} `json:"results"`
	}
	if err := p3GetJSON(ctx, client, base+"/users/?limit=1", key, &page); err != nil {
		return "", fmt.Errorf("mock: %w", err)
	}
	if len(page.Results) == 0 || page.Results[0].UUID == "" {
		return "", errors.New("mock: no seeded user")
	}
	return page.Results[0].UUID, nil
}

// p3ListLen is the number of results in the users page at url.
func p3ListLen(ctx context.Context, client *http.Client, url, key string) (int, error) {
	var page struct {
		Results []json.RawMessage `json:"results"`
	}
	if err := p3GetJSON(ctx, client, url, key, &page); err != nil {
		return 0, err
	}
	if len(page.Results) == 0 {
		return 0, fmt.Errorf("GET %s: no results", url)
	}
	return len(page.Results), nil
}

func p3GetJSON(ctx context.Context, client *http.Client, url, key string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-KEY", key)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("GET %s: %w", url, err)
	}
	return nil
}
