package assistbot

import genassistbot "github.com/botsdk/botsdk/gen/assistbot"

// Weekday is a day of the week as AssistBot numbers it: 0 Monday … 6 Sunday
// (not time.Weekday's order).
type Weekday = genassistbot.Weekday

// The days of the week.
const (
	Monday    = genassistbot.Monday
	Tuesday   = genassistbot.Tuesday
	Wednesday = genassistbot.Wednesday
	Thursday  = genassistbot.Thursday
	Friday    = genassistbot.Friday
	Saturday  = genassistbot.Saturday
	Sunday    = genassistbot.Sunday
)

// Frequency is how often a standup launches or a task reminds, on its Days.
type Frequency = genassistbot.Frequency

// The frequencies.
const (
	Weekly      = genassistbot.Weekly
	Every2Weeks = genassistbot.Every2Weeks
	Every3Weeks = genassistbot.Every3Weeks
	Every4Weeks = genassistbot.Every4Weeks
)

// The documented standup and task statuses. Quirk: the docs' own task example
// has status 2 (undocumented, presumably completed), so Status fields and
// filters take any integer.
const (
	StatusDraft  = 0
	StatusActive = 1
)
