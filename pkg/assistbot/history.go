package assistbot

import (
	"context"

	genassistbot "github.com/botsdk/botsdk/gen/assistbot"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// StandupReport is one member's submitted report for one standup launch.
// Quirk: StandupName is lenient.Text because the docs type it as an integer
// while their example sends a string.
type StandupReport = genassistbot.StandupReport

// StandupReportQuestion is one question of a standup report.
type StandupReportQuestion = genassistbot.StandupReportQuestion

// StandupReportAnswer is one answer in a standup report.
type StandupReportAnswer = genassistbot.StandupReportAnswer

// PollHistoryItem is the result of one launch of a poll.
type PollHistoryItem = genassistbot.PollHistoryItem

// PollHistoryOption is one option of a poll launch with its vote count.
type PollHistoryOption = genassistbot.PollHistoryOption

// HistoryService lists submitted standup reports and poll results (doc
// sections "Getting standup history", "Getting poll history").
type HistoryService struct{ c *Client }

// ListStandupHistoryParams filters History.Standups. StandupID is required;
// the other filters are optional and combine with AND.
type ListStandupHistoryParams struct {
	// StandupID is the standup whose reports to return (standup_id).
	// Required, > 0.
	StandupID int
	// MemberIDs keeps reports by these members (member_id); nil or empty: all.
	MemberIDs []int
	// DepartmentIDs keeps reports from these departments (department_id); nil or empty: all.
	DepartmentIDs []int
	// From is the first day, YYYY-MM-DD in Timezone (from); format a
	// time.Time with DateLayout. Set both From and To or neither; From must
	// not be after To. Empty: no date filter.
	From string
	// To is the last day, YYYY-MM-DD in Timezone (to). See From.
	To string
	// Timezone is the IANA zone name From and To are meant in, such as
	// America/New_York (timezone). Empty: the company's time zone.
	Timezone string
}

// Standups returns the reports submitted to one standup that match p (POST
// /v1/history/standups). Before any request it fails with a
// *botsdk.ValidationError naming the parameter when StandupID is not > 0
// (matches ErrMissingParameter and ErrElementIDRequired), when only one of
// From and To is set (ErrFromToTogether), when a date is not YYYY-MM-DD, when
// From is after To (ErrFromAfterTo) or when Timezone is not an IANA zone
// (ErrIncorrectTimezone). The zero p is a missing standup_id.
func (s *HistoryService) Standups(ctx context.Context, p ListStandupHistoryParams) ([]StandupReport, error) {
	if err := checkElementID("standup_id", p.StandupID); err != nil {
		return nil, err
	}
	per, err := checkPeriod(p.From, p.To, p.Timezone)
	if err != nil {
		return nil, err
	}
	body := genassistbot.ListStandupHistoryRequest{
		StandupID:    p.StandupID,
		MemberID:     lenient.IntList(p.MemberIDs),
		DepartmentID: lenient.IntList(p.DepartmentIDs),
		From:         per.from,
		To:           per.to,
		Timezone:     per.timezone,
	}
	return callList[StandupReport](ctx, s.c, genassistbot.NewListStandupHistoryRequestWithBody, body)
}

// ListPollHistoryParams filters History.Polls. PollID is required; the other
// filters are optional and combine with AND.
type ListPollHistoryParams struct {
	// PollID is the poll whose results to return (poll_id). Required, > 0.
	PollID int
	// DepartmentIDs keeps results from these departments (department_id); nil or empty: all.
	DepartmentIDs []int
	// From is the first day, YYYY-MM-DD in Timezone (from); format a
	// time.Time with DateLayout. Set both From and To or neither; From must
	// not be after To. Empty: no date filter.
	From string
	// To is the last day, YYYY-MM-DD in Timezone (to). See From.
	To string
	// Timezone is the IANA zone name From and To are meant in, such as
	// America/New_York (timezone). Empty: the company's time zone.
	Timezone string
}

// Polls returns the results of each launch of one poll that match p (POST
// /v1/history/polls). It validates p like Standups validates its params,
// with poll_id in place of standup_id. The zero p is a missing poll_id.
func (s *HistoryService) Polls(ctx context.Context, p ListPollHistoryParams) ([]PollHistoryItem, error) {
	if err := checkElementID("poll_id", p.PollID); err != nil {
		return nil, err
	}
	per, err := checkPeriod(p.From, p.To, p.Timezone)
	if err != nil {
		return nil, err
	}
	body := genassistbot.ListPollHistoryRequest{
		PollID:       p.PollID,
		DepartmentID: lenient.IntList(p.DepartmentIDs),
		From:         per.from,
		To:           per.to,
		Timezone:     per.timezone,
	}
	return callList[PollHistoryItem](ctx, s.c, genassistbot.NewListPollHistoryRequestWithBody, body)
}
