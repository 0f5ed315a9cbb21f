package mock

type abPoll struct {
	ID            int            `json:"id"`
	Title         string         `json:"title"`
	Description   string         `json:"description"`
	Intro         *string        `json:"intro"`
	Outro         *string        `json:"outro"`
	DepartmentsID []int          `json:"departments_id"`
	CreateDT      int64          `json:"create_dt"`
	LaunchTimes   int            `json:"launch_times"`
	Options       []abPollOption `json:"options"`
	CreatedBy     int            `json:"created_by"`
}

type abPollOption struct {
	ID    int     `json:"id"`
	Title string  `json:"title"`
	Image *string `json:"image"`
}

func (s *abState) listPolls(p abParams) (any, *abError) {
	ids, creators := p.ints("poll_id"), p.ints("creator_id")
	return abList(abFilter(s.polls, func(pl abPoll) bool { return abIn(ids, pl.ID) && abIn(creators, pl.CreatedBy) })), nil
}
