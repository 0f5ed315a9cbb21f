package mock

import (
	"slices"
)

type abCompany struct {
	Name          string  `json:"name"`
	Logo          *string `json:"logo"`
	Code          string  `json:"code"`
	WorkStartTime string  `json:"work_start_time"`
	WorkEndTime   string  `json:"work_end_time"`
	WorkDays      []int   `json:"work_days"`
	Timezone      string  `json:"timezone"`
	BotLang       string  `json:"bot_lang"`
	App           *string `json:"app"`
	HookURL       *string `json:"hook_url"`
	BotEnabled    bool    `json:"bot_enabled"`
	MotivEnabled  bool    `json:"motiv_enabled"`
	AutoAccept    bool    `json:"auto_accept"`
	CreateDT      int64   `json:"create_dt"`
}

type abDepartment struct {
	ID              int    `json:"id"`
	Title           string `json:"title"`
	Default         bool   `json:"default"`
	CreatedBy       *int   `json:"created_by"`
	CreateDT        int64  `json:"create_dt"`
	CheckMotivation bool   `json:"check_motivation"`
	MotivationDays  []int  `json:"motivation_days"`
	Users           []int  `json:"users"`
}

type abMember struct {
	ID       int     `json:"id"`
	Email    string  `json:"email"`
	Name     *string `json:"name"`
	Nickname *string `json:"nickname"`
	Photo    *string `json:"photo"`
	Role     int     `json:"role"`
	Position *string `json:"position"`
	App      *string `json:"app"`
	Accepted bool    `json:"accepted"`
	Active   bool    `json:"active"`
}

func (s *abState) getCompanyInfo(abParams) (any, *abError) { return s.company, nil }

func (s *abState) listDepartments(p abParams) (any, *abError) {
	ids, creators := p.ints("department_id"), p.ints("creator_id")
	return abList(abFilter(s.departments, func(d abDepartment) bool {
		return abIn(ids, d.ID) && (len(creators) == 0 || d.CreatedBy != nil && slices.Contains(creators, *d.CreatedBy))
	})), nil
}

func (s *abState) listMembers(p abParams) (any, *abError) {
	ids, roles, active, accepted := p.ints("member_id"), p.ints("role"), p.boolean("active"), p.boolean("accepted")
	return abList(abFilter(s.members, func(m abMember) bool {
		return abIn(ids, m.ID) && abIn(roles, m.Role) && (active == nil || *active == m.Active) &&
			(accepted == nil || *accepted == m.Accepted)
	})), nil
}
