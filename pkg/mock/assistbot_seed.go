package mock

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// abState is everything the AssistBot mock knows. AssistBot's API only reads,
// so after seeding the state never changes; the lock is there for symmetry
// with the other APIs and for anything that writes later.
type abState struct {
	company     abCompany
	loc         *time.Location
	departments []abDepartment
	members     []abMember
	templates   []abTemplate
	standups    []abStandup
	tasks       []abTask
	polls       []abPoll
	reports     []abReport     // by id, oldest first
	pollResults []abPollResult // by id, oldest first
}

// abDays is how far back the seeded history goes.
const abDays = 90

var abCompanyZones = [...]string{"America/New_York", "Europe/Berlin", "Asia/Tokyo", "Europe/London", "America/Sao_Paulo", "Asia/Kolkata"}

// seedAssistBot builds the company as of now: ~50 members in departments,
// templates, standups, tasks, polls, and 90 days of standup reports and poll
// results before now. The same seed and the same now give the same state.
func seedAssistBot(r *rand.Rand, now time.Time) *abState {
	s := &abState{}
	zone := abCompanyZones[r.IntN(len(abCompanyZones))]
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	s.loc = loc
	created := now.AddDate(-2, 0, -r.IntN(300)).Unix()
	s.company = abCompany{
		Name: "Mock Company " + strings.ToUpper(meteorID(r)[:4]), Logo: abStr("https://static.assist-bot.com/images/mock-logo.png"),
		Code: fmt.Sprintf("%06d", r.IntN(1000000)), WorkStartTime: "09:00", WorkEndTime: "18:00",
		WorkDays: []int{0, 1, 2, 3, 4}, Timezone: zone, BotLang: "en", App: abStr("tg"), HookURL: nil,
		BotEnabled: true, MotivEnabled: true, AutoAccept: false, CreateDT: created,
	}
	s.seedMembers(r)
	s.seedDepartments(r, created)
	s.seedTemplates(r, created)
	s.seedStandups(r, created)
	s.seedTasks(r, created, now)
	s.seedPolls(r, created)
	s.seedReports(r, now)
	s.seedPollResults(r, now)
	return s
}

func abStr(s string) *string { return &s }
func abInt(i int) *int       { return &i }
func abI64(i int64) *int64   { return &i }

var abPositions = [...]string{"Developer", "Designer", "QA engineer", "Sales manager", "Support agent", "Product manager", "Marketer"}

func (s *abState) seedMembers(r *rand.Rand) {
	const n = 50
	for id := 1; id <= n; id++ {
		name := personName(r)
		first, last, _ := strings.Cut(name, " ")
		m := abMember{
			ID:       id,
			Email:    fmt.Sprintf("%s.%s%d@mock-company.example", strings.ToLower(first), strings.ToLower(last), id),
			Name:     abStr(name),
			Nickname: abStr(strings.ToLower(first[:1] + last)),
			Role:     0,
			Accepted: true,
			Active:   true,
		}
		switch {
		case id == 1 || id == 2:
			m.Role = 2
		case id <= 8:
			m.Role = 1
		}
		if r.IntN(6) == 0 && id > 1 {
			m.Name = nil // the doc's example member has no name
		}
		if r.IntN(4) == 0 {
			m.Nickname = nil
		}
		if r.IntN(3) > 0 {
			m.Photo = abStr(fmt.Sprintf("https://static.assist-bot.com/images/photo-%d.jpg", id))
		}
		if r.IntN(3) > 0 {
			m.Position = abStr(abPositions[r.IntN(len(abPositions))])
		}
		if r.IntN(5) > 0 {
			m.App = abStr("tg")
		}
		// A few members were invited and never accepted, a few more left.
		switch {
		case id > 2 && r.IntN(10) == 0:
			m.Accepted, m.Active = false, false
		case id > 2 && r.IntN(8) == 0:
			m.Active = false
		}
		s.members = append(s.members, m)
	}
}

var abDepartmentNames = [...]string{"Engineering", "Sales department", "Support", "Marketing", "Design"}

func (s *abState) seedDepartments(r *rand.Rand, created int64) {
	all := make([]int, 0, len(s.members))
	for _, m := range s.members {
		if m.Accepted {
			all = append(all, m.ID)
		}
	}
	s.departments = append(s.departments, abDepartment{
		ID: 1, Title: "All members", Default: true, CreatedBy: nil, CreateDT: created,
		CheckMotivation: false, MotivationDays: []int{0}, Users: all,
	})
	// Every accepted member but the two administrators lands in one of the
	// other departments; a few are in two.
	groups := make([][]int, len(abDepartmentNames))
	for _, id := range all {
		if id <= 2 {
			continue
		}
		g := r.IntN(len(groups))
		groups[g] = append(groups[g], id)
		if r.IntN(7) == 0 {
			other := (g + 1 + r.IntN(len(groups)-1)) % len(groups)
			groups[other] = append(groups[other], id)
		}
	}
	for i, title := range abDepartmentNames {
		users := groups[i]
		slices.Sort(users)
		users = slices.Compact(users)
		if users == nil {
			users = []int{}
		}
		days := []int{}
		check := r.IntN(2) == 0
		if check {
			days = []int{0, 2, 4}[:1+r.IntN(3)]
		}
		s.departments = append(s.departments, abDepartment{
			ID: i + 2, Title: title, Default: false, CreatedBy: abInt(1 + r.IntN(2)),
			CreateDT: created + int64(86400*(i+1)) + int64(r.IntN(3600)), CheckMotivation: check,
			MotivationDays: days, Users: users,
		})
	}
}

type abQuestionSeed struct {
	q, short string
	blocker  bool
	typ      string
	options  []string
}

var abTemplateSeeds = []struct {
	title, description string
	questions          []abQuestionSeed
}{
	{"Daily questions", "Questions for the daily standup", []abQuestionSeed{
		{"What did you do yesterday?", "Yesterday work", false, "txt", nil},
		{"What will you do today?", "Today plans", false, "txt", nil},
		{"Any blockers?", "Blockers", true, "opt", []string{"No", "Yes", "Probably"}},
	}},
	{"Weekly retro", "Looking back at the week", []abQuestionSeed{
		{"Thanks for joining the retro!", "Intro", false, "noa", nil},
		{"How do you rate this week from 1 to 10?", "Rating", false, "num", nil},
		{"What went well?", "Went well", false, "txt", nil},
		{"What should we change?", "To change", true, "txt", nil},
	}},
	{"Sales pipeline", "Deals and calls", []abQuestionSeed{
		{"How many calls did you make?", "Calls", false, "num", nil},
		{"How many deals did you close?", "Deals", false, "num", nil},
		{"Is any deal at risk?", "At risk", true, "opt", []string{"No", "Yes"}},
	}},
	{"Mood check", "How is the team feeling", []abQuestionSeed{
		{"How do you feel today?", "Mood", false, "opt", []string{"Great", "Fine", "Tired", "Stressed"}},
		{"Anything you want to share?", "Notes", false, "txt", nil},
	}},
}

var abColors = [...]string{"black", "red", "green", "blue", "orange"}

func (s *abState) seedTemplates(r *rand.Rand, created int64) {
	qid := 10
	for i, ts := range abTemplateSeeds {
		t := abTemplate{
			ID: i + 1, Title: ts.title, Description: ts.description, FilesAllowed: i%2 == 0,
			CreateDT: created + int64(86400*(10+i)), CreatedBy: 1 + r.IntN(8), Questions: []abQuestion{},
		}
		if t.FilesAllowed {
			t.FileOffer = abStr("Attach a file if you have one")
		}
		if r.IntN(2) == 0 {
			t.Intro = abStr("Hi! Time for " + strings.ToLower(ts.title) + ".")
		}
		if r.IntN(2) == 0 {
			t.Outro = abStr("Thanks, that's all!")
		}
		for j, qs := range ts.questions {
			q := abQuestion{
				ID: qid, Question: qs.q, ShortQuestion: qs.short, Blocker: qs.blocker,
				AnswerType: qs.typ, Options: qs.options,
			}
			qid++
			if r.IntN(5) == 0 {
				q.Image = abStr(fmt.Sprintf("https://static.assist-bot.com/images/question-%d.png", q.ID))
			}
			// Colours in three states: a colour, null, or no key at all (the
			// doc's second question has none); the first template's second
			// question always lacks the key, like the doc.
			switch {
			case i == 0 && j == 1:
			case r.IntN(3) == 0:
				q.Color = json.RawMessage("null")
			case r.IntN(2) == 0:
				q.Color = json.RawMessage(`"` + abColors[r.IntN(len(abColors))] + `"`)
			}
			t.Questions = append(t.Questions, q)
		}
		s.templates = append(s.templates, t)
	}
}

var abStandupSeeds = []struct {
	title    string
	template int
	status   int
	depts    []int
	days     []int
	freq     int
}{
	{"Daily standup", 1, 1, []int{2, 3}, []int{0, 1, 2, 3, 4}, 0},
	{"Support sync", 1, 1, []int{4}, []int{0, 2, 4}, 0},
	{"Weekly retro", 2, 1, []int{1}, []int{4}, 0},
	{"Sales pipeline", 3, 1, []int{3}, []int{1, 3}, 1},
	{"Mood check", 4, 0, []int{5, 6}, []int{0}, 0},
	{"Design crit", 1, 0, []int{6}, []int{2}, 2},
}

// abChannels are the linked application's channels: Telegram chat ids are
// integers, Slack-like ones strings.
var abChannels = []any{nil, "C024BE91L", -1001234567890, "general"}

func (s *abState) seedStandups(r *rand.Rand, created int64) {
	for i, ss := range abStandupSeeds {
		st := abStandup{
			ID: i + 1, Title: ss.title, DepartmentsID: ss.depts, Status: ss.status,
			CreateDT: created + int64(86400*(20+i)), CreatedBy: 1 + r.IntN(8), TemplateID: ss.template,
			Frequency: ss.freq, Days: ss.days, Time: fmt.Sprintf("%02d:%02d", 9+r.IntN(8), 15*r.IntN(4)),
			TimeLimit: fmt.Sprintf("%02d:00", 1+r.IntN(4)), Anonymous: r.IntN(6) == 0,
			UseWorkingDays: r.IntN(2) == 0, UseVacation: r.IntN(2) == 0, UseTimezones: r.IntN(2) == 0,
			UseStartTime: r.IntN(4) == 0, ShowBlockers: r.IntN(2) == 0, Channel: abChannels[r.IntN(len(abChannels))],
		}
		if i%3 != 0 { // the first standup has no email_reports, like the doc's example
			st.EmailReports = new(bool)
			*st.EmailReports = r.IntN(2) == 0
		}
		s.standups = append(s.standups, st)
		s.templates[ss.template-1].UsedTimes++
	}
}

func (s *abState) seedTasks(r *rand.Rand, created int64, now time.Time) {
	titles := []string{"Complete the project", "Prepare the quarterly report", "Onboard new hires", "Migrate the CRM", "Plan the offsite"}
	stepTitles := []string{"Collect requirements", "Finish programming", "Review", "Deploy project", "Write the summary", "Send invitations"}
	stepID := 19
	for i, title := range titles {
		t := abTask{
			ID: i + 1, Title: title, Description: title + " and report back in the channel.",
			Frequency: r.IntN(4), Days: []int{0, 1, 2, 3, 4}[:1+r.IntN(5)],
			Time: fmt.Sprintf("%02d:%02d", 9+r.IntN(8), 15*r.IntN(4)), UseWorkingDays: r.IntN(2) == 0,
			UseVacation: r.IntN(2) == 0, UseTimezones: r.IntN(2) == 0, EmailReports: r.IntN(2) == 0,
			Status: []int{1, 0, 1, 1, 0}[i], CreatedBy: 1 + r.IntN(8),
			CreateDT: now.Unix() - int64(86400*(60-10*i)), Steps: []abStep{}, Channel: abChannels[r.IntN(len(abChannels))],
		}
		if i == 0 {
			// Like the doc's example: status 2 (undocumented, presumably
			// completed) and every step's deadline false.
			t.Status = 2
		}
		if t.Status != 0 {
			t.LaunchDT = abI64(t.CreateDT + 7 + int64(r.IntN(600)))
		}
		for j := 0; j < 2+r.IntN(3); j++ {
			st := abStep{ID: stepID, Title: stepTitles[(i+j)%len(stepTitles)], MemberID: 1 + r.IntN(len(s.members))}
			stepID++
			done := t.Status == 2 || (t.Status == 1 && r.IntN(2) == 0)
			if done {
				st.EndedBy = abInt(1 + r.IntN(8))
				st.EndDT = abI64(t.CreateDT + int64(86400*(j+1)+r.IntN(3600)))
				st.Canceled = t.Status != 2 && r.IntN(5) == 0
			}
			switch {
			case t.Status == 2:
				st.Deadline = false
			case r.IntN(2) == 0:
				st.Deadline = fmt.Sprint(t.CreateDT + int64(86400*(14+j)))
			default:
				st.Deadline = nil
			}
			t.Steps = append(t.Steps, st)
		}
		s.tasks = append(s.tasks, t)
	}
}

var abPollSeeds = []struct {
	title, description string
	depts              []int
	options            []string
}{
	{"Vacation poll", "Where do you spend your vacation?", []int{1}, []string{"At home", "Abroad", "I don't know yet"}},
	{"Team lunch", "Which day suits you for the team lunch?", []int{2, 3}, []string{"Tuesday", "Wednesday", "Thursday"}},
	{"Office or remote", "How do you want to work next quarter?", []int{1}, []string{"Office", "Remote", "Hybrid"}},
	{"Tooling", "Which tracker should we use?", []int{2}, []string{"Jira", "Linear", "GitHub Issues", "Trello"}},
}

func (s *abState) seedPolls(r *rand.Rand, created int64) {
	optID := 10
	for i, ps := range abPollSeeds {
		p := abPoll{
			ID: i + 1, Title: ps.title, Description: ps.description, DepartmentsID: ps.depts,
			CreateDT: created + int64(86400*(30+i)), LaunchTimes: 1 + r.IntN(5), CreatedBy: 1 + r.IntN(8),
		}
		if r.IntN(2) == 0 {
			p.Intro = abStr("Quick poll!")
		}
		if r.IntN(3) == 0 {
			p.Outro = abStr("Thanks for voting.")
		}
		for _, o := range ps.options {
			opt := abPollOption{ID: optID, Title: o}
			optID++
			if r.IntN(6) == 0 {
				opt.Image = abStr(fmt.Sprintf("https://static.assist-bot.com/images/option-%d.png", opt.ID))
			}
			p.Options = append(p.Options, opt)
		}
		s.polls = append(s.polls, p)
	}
}

// activeIn returns the accepted, active members of department id.
func (s *abState) activeIn(id int) []int {
	var out []int
	for _, d := range s.departments {
		if d.ID != id {
			continue
		}
		for _, uid := range d.Users {
			if m := s.members[uid-1]; m.Active && m.Accepted {
				out = append(out, uid)
			}
		}
	}
	return out
}

var abAnswers = [...]string{"A lot of work", "Fixed the login bug", "Reviewed pull requests", "Calls with customers",
	"Wrote documentation", "Planning the release", "Pairing with the new hire", "Nothing special", "Worked on the migration"}

// seedReports launches every active standup on its days over the last
// abDays days (in the company's time zone) and files a report for most
// members of its departments.
func (s *abState) seedReports(r *rand.Rand, now time.Time) {
	today := now.In(s.loc)
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, s.loc)
	reportID, answerID := 1, 1
	for back := abDays; back >= 1; back-- {
		day := today.AddDate(0, 0, -back)
		weekday := (int(day.Weekday()) + 6) % 7 // 0 = Monday
		weekIndex := back / 7
		for si := range s.standups {
			st := &s.standups[si]
			if st.Status != 1 || !slices.Contains(st.Days, weekday) || weekIndex%(st.Frequency+1) != 0 {
				continue
			}
			var hh, mm int
			_, _ = fmt.Sscanf(st.Time, "%d:%d", &hh, &mm)
			launch := time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, s.loc).Unix()
			st.LaunchDT = abI64(launch)
			tpl := s.templates[st.TemplateID-1]
			var questions []abReportQuestion
			var asked []abQuestion
			for _, q := range tpl.Questions {
				if q.AnswerType == "noa" { // nothing to report for a message-only question
					continue
				}
				questions = append(questions, abReportQuestion{ID: q.ID, Title: q.Question, Blocker: q.Blocker, AnswerType: q.AnswerType})
				asked = append(asked, q)
			}
			memberDepts := map[int][]int{}
			var members []int
			for _, d := range st.DepartmentsID {
				for _, uid := range s.activeIn(d) {
					if _, seen := memberDepts[uid]; !seen {
						members = append(members, uid)
					}
					memberDepts[uid] = append(memberDepts[uid], d)
				}
			}
			slices.Sort(members)
			for _, uid := range members {
				if r.IntN(10) < 2 { // skipped this launch
					continue
				}
				rep := abReport{
					ID: reportID, StandupID: st.ID, StandupName: st.Title, MemberID: uid,
					DepartmentsID: memberDepts[uid], LaunchDT: launch, Questions: questions, Responses: []abAnswer{},
				}
				reportID++
				if tpl.FilesAllowed && r.IntN(12) == 0 {
					rep.FileURL = abStr(fmt.Sprintf("https://static.assist-bot.com/files/%s.zip", strings.ToLower(meteorID(r))))
					rep.FileName = abStr("package.zip")
				}
				send := launch + int64(r.IntN(60))
				for qi, q := range asked {
					a := abAnswer{ID: answerID, QuestionID: q.ID, SendDT: send}
					answerID++
					answered := qi == 0 || r.IntN(12) > 0
					switch {
					case !answered && q.Blocker:
						a.Answer = abStr("no") // a skipped blocker question reads "no" (doc)
					case !answered:
					case q.AnswerType == "num":
						a.Answer = abStr(fmt.Sprint(r.IntN(11)))
					case q.AnswerType == "opt":
						a.Answer = abStr(q.Options[r.IntN(len(q.Options))])
					default:
						a.Answer = abStr(abAnswers[r.IntN(len(abAnswers))])
					}
					if answered {
						send += int64(10 + r.IntN(300))
						a.AnswerDT = abI64(send)
					}
					rep.Responses = append(rep.Responses, a)
				}
				s.reports = append(s.reports, rep)
			}
		}
	}
}

// seedPollResults launches each poll launch_times times over the last
// abDays days, once per linked department.
func (s *abState) seedPollResults(r *rand.Rand, now time.Time) {
	id := 1
	type launch struct {
		poll int
		at   int64
	}
	var launches []launch
	for pi, p := range s.polls {
		step := abDays / (p.LaunchTimes + 1)
		for k := p.LaunchTimes; k >= 1; k-- {
			at := now.AddDate(0, 0, -step*k).Unix() + int64(r.IntN(3600))
			launches = append(launches, launch{poll: pi, at: at})
		}
	}
	slices.SortStableFunc(launches, func(a, b launch) int { return int(a.at - b.at) })
	for _, l := range launches {
		p := s.polls[l.poll]
		for _, d := range p.DepartmentsID {
			amount := len(s.activeIn(d))
			res := abPollResult{ID: id, Title: p.Title, PollID: p.ID, DepartmentID: d, MembersAmount: amount, LaunchDT: l.at}
			id++
			// Half to all of the members vote, each for one option.
			votes := make([]int, len(p.Options))
			for range amount * (5 + r.IntN(6)) / 10 {
				votes[r.IntN(len(votes))]++
			}
			for i, o := range p.Options {
				res.Options = append(res.Options, abPollStat{ID: o.ID, Title: o.Title, Stats: votes[i]})
			}
			s.pollResults = append(s.pollResults, res)
		}
	}
}
