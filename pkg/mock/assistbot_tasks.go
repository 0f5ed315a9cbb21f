package mock

type abTask struct {
	ID             int      `json:"id"`
	Title          string   `json:"title"`
	Description    string   `json:"description"`
	Frequency      int      `json:"frequency"`
	Days           []int    `json:"days"`
	Time           string   `json:"time"`
	UseWorkingDays bool     `json:"use_working_days"`
	UseVacation    bool     `json:"use_vacation"`
	UseTimezones   bool     `json:"use_timezones"`
	EmailReports   bool     `json:"email_reports"`
	Status         int      `json:"status"`
	CreatedBy      int      `json:"created_by"`
	CreateDT       int64    `json:"create_dt"`
	LaunchDT       *int64   `json:"launch_dt"`
	Steps          []abStep `json:"steps"`
	Channel        any      `json:"channel"`
}

type abStep struct {
	ID       int    `json:"id"`
	Title    string `json:"title"`
	EndedBy  *int   `json:"ended_by"`
	EndDT    *int64 `json:"end_dt"`
	MemberID int    `json:"member_id"`
	Canceled bool   `json:"canceled"`
	// Deadline is a digit string, nil, or false as in the doc's example.
	Deadline any `json:"deadline"`
}

func (s *abState) listTasks(p abParams) (any, *abError) {
	ids, creators, statuses := p.ints("task_id"), p.ints("creator_id"), p.ints("status")
	return abList(abFilter(s.tasks, func(t abTask) bool {
		return abIn(ids, t.ID) && abIn(creators, t.CreatedBy) && abIn(statuses, t.Status)
	})), nil
}
