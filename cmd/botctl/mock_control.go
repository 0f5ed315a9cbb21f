package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/mock"
)

// addMockControlCmds adds trigger, reset and faults to `botctl mock`: each
// calls the control API of a mock that runs elsewhere (botctl mock in
// another shell), at --addr.
func addMockControlCmds(parent *cobra.Command, a *app) {
	parent.AddCommand(newMockTriggerCmd(a), newMockResetCmd(a), newMockFaultsCmd(a))
}

// controlAddrFlag adds --addr, where the running mock listens.
func controlAddrFlag(cmd *cobra.Command) *string {
	return cmd.Flags().String("addr", "127.0.0.1:8080", "address (or http:// URL) of the running botctl mock")
}

func newMockTriggerCmd(a *app) *cobra.Command {
	events := make([]string, 0, len(mock.TriggeredEvents))
	for e := range mock.TriggeredEvents {
		events = append(events, e)
	}
	slices.Sort(events)
	var list strings.Builder
	for _, e := range events {
		fmt.Fprintf(&list, "  %-32s %s\n", e, mock.TriggeredEvents[e])
	}
	cmd := &cobra.Command{
		Use:   "trigger EVENT",
		Short: "Fire a DailyBot webhook event on a running mock",
		Long: `Fire a DailyBot webhook event on a running botctl mock by changing its state the way
DailyBot would, so every subscription that wants the event gets a delivery shaped as the
documented samples. The events and the change each makes:

` + list.String() + `
--data is optional for those: a JSON object choosing what changes (checkin, form, user,
team, answers, content). Any other event name (the v3 docs' FOLLOWUPS_DAILY_FINISHED,
FORMS_RESPONSE_APPROVED, WORKFLOW_FINISHED, …: no source shows their bodies) is fired
only with --data, which is then delivered as the body as it is. The answer names the
object changed and how many subscriptions get a delivery.`,
		Example: `  botctl mock trigger followups.response.completed
  botctl mock trigger kudos.posted --data '{"content":"Thanks for the release!"}'
  botctl mock trigger WORKFLOW_FINISHED --data @finished.json --addr 127.0.0.1:9090`,
		Args: cobra.ExactArgs(1),
	}
	addr := controlAddrFlag(cmd)
	data := cmd.Flags().String("data", "", "JSON: for a catalogue event, optional selectors (checkin, form, user, team, answers, content); for any other, the body to deliver as it is: its keys are undocumented (@FILE reads a file, @- stdin)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		body, err := readData(a, *data)
		if err != nil {
			return err
		}
		if body != nil && !json.Valid(body) {
			return usagef("--data: not JSON")
		}
		return controlCall(cmd.Context(), a, *addr, http.MethodPost, "trigger/"+args[0], body)
	}
	return cmd
}

func newMockResetCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "reset",
		Short: "Put a running mock back to its seeded state",
		Long: `Put a running botctl mock back to its seeded state: changes, webhook subscriptions and
queued deliveries are gone; the faults in force are kept. With --state the saved changes
are dropped too.`,
		Example: "  botctl mock reset\n  botctl mock reset --addr 127.0.0.1:9090",
		Args:    cobra.NoArgs,
	}
	addr := controlAddrFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		return controlCall(cmd.Context(), a, *addr, http.MethodPost, "reset", nil)
	}
	return cmd
}

func newMockFaultsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "faults",
		Short: "Show or change a running mock's faults",
		Long: `Show the faults a running botctl mock injects, or change them from its next request on:
only the flags given change. The answer is the faults in force, as JSON.`,
		Example: `  botctl mock faults
  botctl mock faults --fail-rate 0.2 --latency 50ms
  botctl mock faults --fail-rate 0 --latency 0s --throttle-every 0`,
		Args: cobra.NoArgs,
	}
	addr := controlAddrFlag(cmd)
	fl := cmd.Flags()
	fl.Duration("latency", 0, "time from a request's arrival to its answer (the operation runs meanwhile)")
	fl.Duration("jitter", 0, "random extra delay, up to this much, added to --latency")
	fl.Float64("fail-rate", 0, "share (0..1) of requests answered 500, 502 or 503")
	fl.Int("throttle-every", 0, "answer every N-th request 429 with Retry-After (0: never)")
	fl.Float64("reset-rate", 0, "share (0..1) of requests whose connection is dropped unanswered")
	fl.Float64("truncate-rate", 0, "share (0..1) of successful responses cut off halfway")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		change := map[string]any{}
		for flag, key := range map[string]string{"latency": "latency", "jitter": "jitter", "fail-rate": "fail_rate",
			"throttle-every": "throttle_every", "reset-rate": "reset_rate", "truncate-rate": "truncate_rate"} {
			f := fl.Lookup(flag)
			if !f.Changed {
				continue
			}
			switch f.Value.Type() {
			case "duration":
				change[key] = f.Value.String()
			default:
				change[key] = json.RawMessage(f.Value.String())
			}
		}
		if len(change) == 0 {
			return controlCall(cmd.Context(), a, *addr, http.MethodGet, "faults", nil)
		}
		body, _ := json.Marshal(change)
		return controlCall(cmd.Context(), a, *addr, http.MethodPut, "faults", body)
	}
	return cmd
}

// controlCall sends one control API call to the mock at addr and copies its
// JSON answer to stdout; an error answer is an error naming its message.
// Under --dry-run it prints the call as a curl command and sends nothing.
func controlCall(ctx context.Context, a *app, addr, method, path string, body []byte) error {
	base := strings.TrimSuffix(addr, "/")
	if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		base = "http://" + base
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, base+mock.ControlPrefix+path, bytes.NewReader(body))
	if err != nil {
		return usagef("--addr %q: %w", addr, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if a.g.dryRun { // the control API takes no credentials: nothing to redact
		a.dry = &dryRun{req: req, body: body}
		return a.printDryRun(ctx, noRedact)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("reach the mock at %s (is botctl mock running there?): %w", addr, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("read the mock's answer: %w", err)
	}
	if resp.StatusCode >= 300 {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(out, &e) != nil || e.Error == "" {
			e.Error = strings.TrimSpace(string(out))
		}
		return fmt.Errorf("mock control: %s %s: %d: %s", method, path, resp.StatusCode, e.Error)
	}
	_, err = a.env.stdout.Write(out)
	return err
}
