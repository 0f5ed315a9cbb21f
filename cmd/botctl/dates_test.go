package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/cmd/internal/optable"
)

// dayIn is today's date in the named zone, and whether it stayed the same
// day while fn ran.
func dayIn(t *testing.T, zone string, fn func()) (time.Time, bool) {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	require.NoError(t, err)
	before := time.Now().In(loc)
	fn()
	after := time.Now().In(loc)
	day := time.Date(before.Year(), before.Month(), before.Day(), 0, 0, 0, 0, loc)
	return day, before.Day() == after.Day()
}

func TestDateShortcuts(t *testing.T) {
	const zone = "Pacific/Kiritimati" // UTC+14: its day differs from UTC's most of the time
	iso := func(d time.Time) string { return d.Format(time.DateOnly) }
	tests := []struct {
		name        string
		args        []string
		first, last func(day time.Time) time.Time
		want        string // the request, %[1]s the first day, %[2]s the last
	}{
		{"today", []string{"dailybot", "checkins", "responses", "c-1", "--today"}, nil, nil,
			"GET /checkins/c-1/responses/?date_end=%[2]s&date_start=%[1]s"},
		{"yesterday", []string{"dailybot", "kudos", "list", "--yesterday"},
			func(d time.Time) time.Time { return d.AddDate(0, 0, -1) }, func(d time.Time) time.Time { return d.AddDate(0, 0, -1) },
			"GET /kudos/?end_date=%[2]s&start_date=%[1]s"},
		{"since 7d", []string{"dailybot", "forms", "responses", "list", "f-1", "--since", "7d"},
			func(d time.Time) time.Time { return d.AddDate(0, 0, -7) }, nil,
			"GET /forms/f-1/responses/?date_from=%[1]s&date_to=%[2]s"},
		{"since 2w", []string{"dailybot", "workflows", "list", "--since=2w"},
			func(d time.Time) time.Time { return d.AddDate(0, 0, -14) }, nil,
			"GET /workflows/?end_date=%[2]s&start_date=%[1]s"},
		{"last week", []string{"dailybot", "checkins", "reset-response", "c-1", "--last-week", "--yes"},
			func(d time.Time) time.Time { return d.AddDate(0, 0, -(int(d.Weekday())+6)%7-7) },
			func(d time.Time) time.Time { return d.AddDate(0, 0, -(int(d.Weekday())+6)%7-1) },
			"DELETE /checkins/c-1/responses/?date_end=%[2]s&date_start=%[1]s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, noContent)
			var r result
			day, same := dayIn(t, zone, func() {
				r = runBinary(t, append(mockEnv(), "TZ="+zone), "", append([]string{"--base-url", rec.srv.URL}, tt.args...)...)
			})
			if !same {
				t.Skip("the day changed during the run")
			}
			require.Equal(t, exitOK, r.code, r.stderr)
			first, last := day, day
			if tt.first != nil {
				first = tt.first(day)
			}
			if tt.last != nil {
				last = tt.last(day)
			}
			assert.Equal(t, []string{sprintf(tt.want, iso(first), iso(last))}, sent(rec))
		})
	}
	t.Run("a body range", func(t *testing.T) {
		rec := newRecorder(t, noContent)
		var r result
		day, same := dayIn(t, zone, func() {
			r = runBinary(t, append(mockEnv(), "TZ="+zone), "", "--base-url", rec.srv.URL, "assistbot", "history", "polls", "--poll-id", "7", "--today")
		})
		if !same {
			t.Skip("the day changed during the run")
		}
		require.Len(t, sent(rec), 1, r.stderr)
		assert.Contains(t, sent(rec)[0], sprintf(`"from":%q`, iso(day)))
		assert.Contains(t, sent(rec)[0], sprintf(`"to":%q`, iso(day)))
	})
	for _, tt := range []struct{ zone, want string }{
		{"UTC", "date_end=2024-06-02&date_start=2024-05-27"},
		{zone, "date_end=2024-06-09&date_start=2024-06-03"}, // already Monday the 10th there
	} {
		t.Run("with --mock, from BOTCTL_MOCK_NOW in "+tt.zone, func(t *testing.T) {
			r := runBinary(t, []string{"TZ=" + tt.zone, "BOTCTL_MOCK_NOW=2024-06-09T12:00:00Z"}, "",
				"--mock", "--dry-run", "dailybot", "checkins", "responses", "c-1", "--last-week")
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Contains(t, r.stdout, tt.want)
		})
	}
	t.Run("with --mock --state, from the saved run's clock", func(t *testing.T) {
		state := filepath.Join(t.TempDir(), "state.json")
		r := runBinary(t, []string{"TZ=UTC", "BOTCTL_MOCK_NOW=2024-06-09T12:00:00Z"}, "", "--mock", "--state", state, "dailybot", "me")
		require.Equal(t, exitOK, r.code, r.stderr)
		r = runBinary(t, []string{"TZ=UTC"}, "", "--mock", "--state", state, "--dry-run", "dailybot", "checkins", "responses", "c-1", "--last-week")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, "date_end=2024-06-02&date_start=2024-05-27")
	})
	for name, tt := range map[string]struct {
		args []string
		want string
	}{
		"two shortcuts":      {[]string{"kudos", "list", "--today", "--since", "3d"}, "error: --today and --since exclude each other: each sets the whole range\n"},
		"an explicit date":   {[]string{"kudos", "list", "--yesterday", "--end-date", "2024-01-01"}, "error: --yesterday and --end-date exclude each other: --yesterday sets the dates\n"},
		"the other pair":     {[]string{"checkins", "responses", "c-1", "--today", "--start-date", "2024-01-01"}, "error: --today and --start-date exclude each other: --today sets the dates\n"},
		"a bad --since":      {[]string{"kudos", "list", "--since", "7"}, "error: --since: want a number of days or weeks like 7d or 2w (got \"7\")\n"},
		"no range, no flags": {[]string{"mood", "get", "--today"}, "error: unknown flag: --today"},
	} {
		t.Run(name, func(t *testing.T) {
			rec := newRecorder(t, noContent)
			r := runBinary(t, mockEnv(), "", append([]string{"--base-url", rec.srv.URL, "dailybot"}, tt.args...)...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.want)
			assert.Empty(t, sent(rec))
		})
	}
}

// TestDateShortcutsOfTimeRanges checks a range of date-time fields (Bot
// Open's): local midnight of the first day to the last instant of the last,
// in UTC.
func TestDateShortcutsOfTimeRanges(t *testing.T) {
	var op *optable.Op
	var api *optable.API
	for _, a := range commandTables() {
		for i := range a.Ops {
			if a.Name == "botopen" && a.Ops[i].ID != "" && a.Ops[i].Field("startDate") != nil {
				op, api = &a.Ops[i], a
			}
		}
	}
	require.NotNil(t, op)
	c := &opCommand{app: newApp(&env{}), api: api, op: op, flags: map[string]*fieldFlag{}, cmd: &cobra.Command{}}
	c.dateFlags()
	require.NoError(t, c.cmd.Flags().Set("yesterday", "true"))
	loc := time.FixedZone("UTC-3", -3*3600)
	r := &request{query: url.Values{}, body: map[string]json.RawMessage{}}
	require.NoError(t, c.applyDates(r, time.Date(2024, 6, 3, 1, 0, 0, 0, loc)))
	assert.JSONEq(t, `"2024-06-02T03:00:00Z"`, string(r.body["startDate"]))
	assert.JSONEq(t, `"2024-06-03T02:59:59.999Z"`, string(r.body["endDate"]))
}

var sprintf = fmt.Sprintf
