package mock

import (
	"slices"
	"time"
	_ "time/tzdata" // history's timezone parameter must load the same zones on every host
)

type abReport struct {
	ID            int                `json:"id"`
	StandupID     int                `json:"standup_id"`
	StandupName   string             `json:"standup_name"`
	MemberID      int                `json:"member_id"`
	DepartmentsID []int              `json:"departments_id"`
	LaunchDT      int64              `json:"launch_dt"`
	Questions     []abReportQuestion `json:"questions"`
	FileURL       *string            `json:"file_url"`
	FileName      *string            `json:"file_name"`
	Responses     []abAnswer         `json:"responses"`
}

type abReportQuestion struct {
	ID         int    `json:"id"`
	Title      string `json:"title"`
	Blocker    bool   `json:"blocker"`
	AnswerType string `json:"answer_type"`
}

type abAnswer struct {
	ID         int     `json:"id"`
	QuestionID int     `json:"question_id"`
	Answer     *string `json:"answer"`
	SendDT     int64   `json:"send_dt"`
	AnswerDT   *int64  `json:"answer_dt"`
}

type abPollResult struct {
	ID            int          `json:"id"`
	Title         string       `json:"title"`
	PollID        int          `json:"poll_id"`
	DepartmentID  int          `json:"department_id"`
	MembersAmount int          `json:"members_amount"`
	LaunchDT      int64        `json:"launch_dt"`
	Options       []abPollStat `json:"options"`
}

type abPollStat struct {
	ID    int    `json:"id"`
	Title string `json:"title"`
	Stats int    `json:"stats"`
}

func (s *abState) listStandupHistory(p abParams) (any, *abError) {
	id := p.ints("standup_id")[0]
	if id <= 0 || !slices.ContainsFunc(s.standups, func(st abStandup) bool { return st.ID == id }) {
		return nil, abFail(abCodeElementID, "Element id is required: no standup with standup_id %d", id)
	}
	from, to, e := s.window(p)
	if e != nil {
		return nil, e
	}
	members, depts := p.ints("member_id"), p.ints("department_id")
	reportIDs := p.ints("report_id")
	return abList(abFilter(s.reports, func(rep abReport) bool {
		return rep.StandupID == id && abIn(reportIDs, rep.ID) && abIn(members, rep.MemberID) &&
			abMeets(depts, rep.DepartmentsID) && rep.LaunchDT >= from && rep.LaunchDT < to
	})), nil
}

func (s *abState) listPollHistory(p abParams) (any, *abError) {
	id := p.ints("poll_id")[0]
	if id <= 0 || !slices.ContainsFunc(s.polls, func(pl abPoll) bool { return pl.ID == id }) {
		return nil, abFail(abCodeElementID, "Element id is required: no poll with poll_id %d", id)
	}
	from, to, e := s.window(p)
	if e != nil {
		return nil, e
	}
	depts := p.ints("department_id")
	return abList(abFilter(s.pollResults, func(res abPollResult) bool {
		return res.PollID == id && abIn(depts, res.DepartmentID) && res.LaunchDT >= from && res.LaunchDT < to
	})), nil
}

// window reads from, to and timezone into a half-open range of UTC epoch
// seconds: from's midnight to the midnight after to, both in timezone (the
// company's zone by default). Without from and to the range is unbounded.
func (s *abState) window(p abParams) (from, to int64, e *abError) {
	fromS, hasFrom := p.str("from")
	toS, hasTo := p.str("to")
	if hasFrom != hasTo {
		return 0, 0, abFail(abCodeFromToPair, `"From" and "To" dates together are required`)
	}
	loc := s.loc
	if tz, ok := p.str("timezone"); ok {
		l, err := time.LoadLocation(tz)
		// "" and "Local" load UTC and the host's zone; neither is a TZ database name.
		if err != nil || tz == "" || tz == "Local" {
			return 0, 0, abFail(abCodeBadTimezone, "Incorrect timezone: %q", tz)
		}
		loc = l
	}
	if !hasFrom {
		return -1 << 62, 1 << 62, nil
	}
	f, err1 := time.ParseInLocation(abDateLayout, fromS, loc)
	t, err2 := time.ParseInLocation(abDateLayout, toS, loc)
	if err1 != nil || err2 != nil {
		return 0, 0, abFail(abCodeMissing, "Missing parameter: from and to must be dates in YYYY-MM-DD format")
	}
	if f.After(t) {
		return 0, 0, abFail(abCodeFromAfterTo, `"From" date should be equal or before "To" date`)
	}
	return f.Unix(), t.AddDate(0, 0, 1).Unix(), nil
}
