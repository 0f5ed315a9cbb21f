package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// The checks below catch, before any request, the DailyBot values the
// client itself does not check: ranges between two dates, times of day,
// month-days, zones and weekday numbers. Each fails with the same
// *botsdk.ValidationError the client returns for its own rules (exit 2),
// naming the API's field, so the error reads the same whether the value came
// from a flag or from --data.

// dbInvalid returns a DailyBot validation error for field.
func dbInvalid(field, format string, args ...any) error {
	return &botsdk.ValidationError{API: "dailybot", Field: field, Problem: fmt.Sprintf(format, args...)}
}

// dbCheckDate checks an optional YYYY-MM-DD date.
func dbCheckDate(field, s string) error {
	if s == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return dbInvalid(field, "must be a date as YYYY-MM-DD, e.g. 2024-01-31 (got %q)", s)
	}
	return nil
}

// dbCheckDateRange checks two optional dates and, when both are set, that the
// first is not after the second.
func dbCheckDateRange(fromField, from, toField, to string) error {
	if err := dbCheckDate(fromField, from); err != nil {
		return err
	}
	if err := dbCheckDate(toField, to); err != nil {
		return err
	}
	if from != "" && to != "" && from > to { // YYYY-MM-DD sorts as text
		return dbInvalid(fromField, "must not be after %s (%s > %s)", toField, from, to)
	}
	return nil
}

// dbCheckClock checks an optional time of day as HH:MM:SS.
func dbCheckClock(field string, s *string) error {
	if s == nil || *s == "" {
		return nil
	}
	if _, err := time.Parse(time.TimeOnly, *s); err != nil {
		return dbInvalid(field, "must be a time of day as HH:MM:SS, e.g. 09:30:00 (got %q)", *s)
	}
	return nil
}

// dbCheckMonthDay checks an optional birthday as MM-DD (29 February included).
func dbCheckMonthDay(field string, s *string) error {
	if s == nil || *s == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, "2000-"+*s); err != nil || len(*s) != len("01-02") {
		return dbInvalid(field, "must be a day of the year as MM-DD, e.g. 10-26 (got %q)", *s)
	}
	return nil
}

// dbCheckZone checks an optional IANA time zone name. botctl embeds the zone
// database (time/tzdata, linked by pkg/assistbot), so the answer is the same
// on every host.
func dbCheckZone(field string, s *string) error {
	if s == nil || *s == "" {
		return nil
	}
	if *s == "Local" {
		return dbInvalid(field, "must be an IANA time zone such as America/New_York, not %q", *s)
	}
	if _, err := time.LoadLocation(*s); err != nil {
		return dbInvalid(field, "must be an IANA time zone such as America/New_York (got %q)", *s)
	}
	return nil
}

// dbCheckWeekdays checks weekday numbers, 1 = Monday … 7 = Sunday.
func dbCheckWeekdays(field string, days []int) error {
	for _, d := range days {
		if d < 1 || d > 7 {
			return dbInvalid(field, "days are numbers from 1 (Monday) to 7 (Sunday) (got %d)", d)
		}
	}
	return nil
}

// dbCheckRemindersCondition checks reminders_trigger_condition against the
// values the API knows.
func dbCheckRemindersCondition(c dailybot.RemindersTriggerCondition) error {
	switch c {
	case "", dailybot.RemindersSmartFrequency, dailybot.RemindersFixedFrequency:
		return nil
	}
	return dbInvalid("reminders_trigger_condition", "must be %s or %s (got %q)",
		dailybot.RemindersSmartFrequency, dailybot.RemindersFixedFrequency, string(c))
}

// dbNothingToUpdate turns the client's refusal of an update that sets no
// field (dailybot.ErrNothingToUpdate, the rule lives in the client) into the
// usage error naming the command's field flags and --data.
func dbNothingToUpdate(b *requestBody, err error) error {
	if errors.Is(err, dailybot.ErrNothingToUpdate) {
		return b.errNothingToUpdate()
	}
	return err
}

// dbDeref returns *p, or "" for nil.
func dbDeref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
