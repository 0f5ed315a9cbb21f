package mock

type abStandup struct {
	ID             int    `json:"id"`
	Title          string `json:"title"`
	DepartmentsID  []int  `json:"departments_id"`
	Status         int    `json:"status"`
	CreateDT       int64  `json:"create_dt"`
	CreatedBy      int    `json:"created_by"`
	TemplateID     int    `json:"template_id"`
	Frequency      int    `json:"frequency"`
	Days           []int  `json:"days"`
	Time           string `json:"time"`
	TimeLimit      string `json:"time_limit"`
	Anonymous      bool   `json:"anonymous"`
	UseWorkingDays bool   `json:"use_working_days"`
	UseVacation    bool   `json:"use_vacation"`
	UseTimezones   bool   `json:"use_timezones"`
	UseStartTime   bool   `json:"use_start_time"`
	// EmailReports is absent for some standups, like in the doc's example.
	EmailReports *bool  `json:"email_reports,omitempty"`
	ShowBlockers bool   `json:"show_blockers"`
	Channel      any    `json:"channel"` // string, integer or nil
	LaunchDT     *int64 `json:"launch_dt"`
}

func (s *abState) listStandups(p abParams) (any, *abError) {
	ids, creators, depts, statuses := p.ints("standup_id"), p.ints("creator_id"), p.ints("department_id"), p.ints("status")
	return abList(abFilter(s.standups, func(st abStandup) bool {
		return abIn(ids, st.ID) && abIn(creators, st.CreatedBy) && abIn(statuses, st.Status) && abMeets(depts, st.DepartmentsID)
	})), nil
}
