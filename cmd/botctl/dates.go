package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/botsdk/botsdk/cmd/internal/lazyre"
	"github.com/botsdk/botsdk/cmd/internal/optable"
)

// datePairs are the parameter pairs that take a date range, first and last
// day, in the order one is chosen when an operation has two (DailyBot's
// check-in responses take date_start/date_end and the shared list filter
// start_date/end_date: the operation's own pair wins).
var datePairs = [][2]string{{"date_start", "date_end"}, {"date_from", "date_to"}, {"from", "to"},
	{"start_date", "end_date"}, {"startDate", "endDate"}}

// dateShortcuts are the date range flags of one command.
type dateShortcuts struct {
	start, end                 *optable.Field // the pair they set
	today, yesterday, lastWeek bool
	since                      string
}

// dateRangeOf returns the pair of date (or date-time) fields op takes a
// range in, or nil.
func dateRangeOf(op *optable.Op) (start, end *optable.Field) {
	isDate := func(f *optable.Field) bool {
		return f != nil && f.Flag != "" && (f.Format == "date" || f.Format == "date-time")
	}
	for _, p := range datePairs {
		if s, e := op.Field(p[0]), op.Field(p[1]); isDate(s) && isDate(e) {
			return s, e
		}
	}
	return nil, nil
}

// dateFlags declares --today, --yesterday, --last-week and --since on a
// command that takes a date range.
func (c *opCommand) dateFlags() {
	start, end := dateRangeOf(c.op)
	if start == nil {
		return
	}
	d := &dateShortcuts{start: start, end: end}
	c.dates = d
	sets := fmt.Sprintf(" (local time zone; sets --%s and --%s)", start.Flag, end.Flag)
	fs := c.cmd.Flags()
	fs.BoolVar(&d.today, "today", false, "only today"+sets)
	fs.BoolVar(&d.yesterday, "yesterday", false, "only yesterday"+sets)
	fs.BoolVar(&d.lastWeek, "last-week", false, "last week, Monday to Sunday"+sets)
	fs.StringVar(&d.since, "since", "", "from N days (7d) or weeks (2w) before today through today"+sets)
}

// sinceForm is --since's value.
var sinceForm = lazyre.New(`^([0-9]{1,4})([dw])$`)

// applyDates sets the range's fields from the shortcut given, at now's
// day in now's location; a shortcut with another, or with an explicit date
// of any range the operation takes, is a usage error.
func (c *opCommand) applyDates(r *request, now time.Time) error {
	d := c.dates
	if d == nil {
		return nil
	}
	var given []string
	for _, name := range []string{"today", "yesterday", "last-week", "since"} {
		if c.cmd.Flags().Changed(name) {
			given = append(given, "--"+name)
		}
	}
	if len(given) == 0 {
		return nil
	}
	if len(given) > 1 {
		return usagef("%s and %s exclude each other: each sets the whole range", given[0], given[1])
	}
	for _, p := range datePairs {
		for _, name := range p {
			if f := c.op.Field(name); f != nil && f.Flag != "" && c.cmd.Flags().Changed(f.Flag) {
				return usagef("%s and --%s exclude each other: %s sets the dates", given[0], f.Flag, given[0])
			}
		}
	}
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	first, last := day, day
	switch {
	case d.yesterday:
		first, last = day.AddDate(0, 0, -1), day.AddDate(0, 0, -1)
	case d.lastWeek:
		monday := day.AddDate(0, 0, -(int(day.Weekday())+6)%7) // this week's
		first, last = monday.AddDate(0, 0, -7), monday.AddDate(0, 0, -1)
	case c.cmd.Flags().Changed("since"):
		m := sinceForm.Get().FindStringSubmatch(strings.TrimSpace(d.since))
		if m == nil {
			return usagef("--since: want a number of days or weeks like 7d or 2w (got %q)", d.since)
		}
		n, _ := strconv.Atoi(m[1])
		if m[2] == "w" {
			n *= 7
		}
		first = day.AddDate(0, 0, -n)
	}
	set := func(f *optable.Field, t time.Time) {
		v := t.Format(time.DateOnly)
		if f.Format == "date-time" {
			v = t.UTC().Format(time.RFC3339Nano)
		}
		if f.In == "query" {
			r.query.Set(f.Name, v)
		} else if r.body != nil {
			r.body[f.Name], _ = json.Marshal(v)
		}
	}
	if d.end.Format == "date-time" {
		last = last.AddDate(0, 0, 1).Add(-time.Millisecond) // a time range ends at its last day's last instant
	}
	set(d.start, first)
	set(d.end, last)
	return nil
}
