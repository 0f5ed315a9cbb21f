package mock

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
)

// dbHistoryDays is how many days of check-in responses the seed holds, ending
// with the day the mock starts.
const dbHistoryDays = 90

// The seeded organization: about 50 users in a default "General" team and
// department teams, check-in and form templates, forms, and check-ins whose
// responses (more than 10,000 in all) cover the last dbHistoryDays days.
//
// Every value comes from the seed and the start day (UTC), except that
// today's responses stop at the start instant: a response is not given, nor
// edited, after the mock's now. So the same seed and the same now give
// byte-identical data, and two mocks started the same day differ only in how
// many of today's responses are in. Each check-in's responses come from a
// source of their own, so adding a check-in never changes another's
// responses.

var dbOrgNames = [...]string{"Acme Robotics", "Northwind Labs", "Globex Studio", "Initech Cloud", "Umbrella Health", "Hooli Games"}

var dbTimezones = [...]string{"America/Bogota", "America/New_York", "Europe/Madrid", "Europe/Berlin", "Asia/Tokyo", "America/Sao_Paulo"}

var dbStartTimes = [...]string{"08:00:00", "08:30:00", "09:00:00", "09:30:00", "10:00:00"}

// dbDepartments are the non-default teams with their sizes (the key owner is
// counted in Engineering) and job titles. "Marketing" is an inactive team.
var dbDepartments = [...]struct {
	name   string
	size   int
	titles []string
}{
	{"Engineering", 16, []string{"Software Engineer", "Senior Engineer", "Staff Engineer", "Site Reliability Engineer", "QA Engineer"}},
	{"Product", 6, []string{"Product Manager", "Product Analyst"}},
	{"Design", 5, []string{"Product Designer", "UX Researcher"}},
	{"Sales", 10, []string{"Account Executive", "Sales Development Rep", "Sales Manager"}},
	{"Support", 9, []string{"Support Specialist", "Support Lead"}},
	{"Operations", 6, []string{"Operations Manager", "People Partner", "Finance Analyst"}},
	{"Marketing", 0, nil},
}

// dbQuestion is a seeded template question with the answers responses pick from.
type dbQuestion struct {
	short, text string
	blocker     bool
	optional    bool
	answers     []string
}

var dbNoBlocker = []string{"No", "no", "None", "Nope, all good", "No blockers"}

var dbTemplateDefs = [...]struct {
	name, kind    string
	systemDefault bool
	intro, outro  string
	questions     []dbQuestion
}{
	{"Daily Standup", "checkins", true, "Good morning! Time for the daily standup.", "Thanks, have a great day!", []dbQuestion{
		{"Previous work day progress", "Your previous day plan ({previous_response_date}):\n{previous_response_#2}\n\nWhat did you complete in your previous workday?", false, false,
			[]string{"Finished the billing migration.", "Reviewed three pull requests.", "Closed the onboarding tickets.", "Shipped the search filters.", "Pairing on the flaky tests.", "Wrote the Q3 planning doc.", "Customer calls all afternoon."}},
		{"Plans for today", "What are you planning to work on today?", false, false,
			[]string{"Start on the export API.", "Fix the login redirect bug.", "Finish the release notes.", "Demo prep for Thursday.", "Refactor the notification worker.", "Interviews and code review."}},
		{"Any blockers?", "Great. Do you have any blockers? If so, just tell me. Otherwise please say: no.", true, false,
			[]string{"Waiting on access to the staging database.", "Need a design review before I continue.", "CI has been red since yesterday.", "Blocked by the vendor's API outage."}},
	}},
	{"Mood Check", "checkins", true, "", "", []dbQuestion{
		{"Mood", "How are you feeling today, from 1 (awful) to 5 (great)?", false, false, []string{"5", "4", "4", "3", "3", "2", "5", "4"}},
		{"Anything to share?", "Anything you would like to share with the team?", false, true, []string{"", "", "Excited about the offsite!", "A bit tired this week.", "Loving the new coffee machine."}},
	}},
	{"Weekly Retro", "checkins", false, "Let's look back at the week.", "", []dbQuestion{
		{"Went well", "What went well this week?", false, false, []string{"The launch went smoothly.", "Great collaboration with design.", "We cleared the bug backlog."}},
		{"To improve", "What could we improve?", false, false, []string{"Fewer meetings.", "Clearer priorities on Mondays.", "Faster code review turnaround."}},
		{"Shout-outs", "Who deserves a shout-out?", false, true, []string{"Thanks to the support team!", "Kudos to the on-call crew.", ""}},
	}},
	{"Sales Pipeline Update", "checkins", false, "", "", []dbQuestion{
		{"Deals moved", "Which deals moved forward since yesterday?", false, false, []string{"Two renewals signed.", "Demo booked with a logistics prospect.", "Proposal sent to the retail lead."}},
		{"Next steps", "What are your next steps?", false, false, []string{"Follow up on pricing questions.", "Prepare the security questionnaire.", "Schedule the procurement call."}},
		{"Blockers", "Is anything blocking a deal?", true, false, []string{"Legal review is taking too long.", "Need a custom quote from finance."}},
	}},
	{"Support Handoff", "checkins", false, "", "", []dbQuestion{
		{"Open tickets", "How many tickets are you handing off, and which need attention?", false, false, []string{"4 open, none urgent.", "7 open, two waiting on engineering.", "All clear.", "3 open, one VIP customer."}},
		{"Escalations", "Anything to escalate?", true, false, []string{"Payment failures for EU customers.", "Data export stuck for a large account."}},
	}},
	{"On-call Check", "checkins", false, "", "", []dbQuestion{
		{"Pages", "How many pages did you get in the last 24 hours?", false, false, []string{"0", "0", "1", "2", "0", "3"}},
		{"Incidents", "Any ongoing incident?", true, false, []string{"Elevated error rate on the API gateway.", "Disk pressure on the analytics cluster."}},
	}},
	{"Vacation Request", "forms", true, "", "", []dbQuestion{
		{"Dates", "Which dates will you be away?", false, false, nil},
		{"Cover", "Who covers for you?", false, true, nil},
	}},
	{"Bug Report", "forms", false, "", "", []dbQuestion{
		{"Summary", "What went wrong?", false, false, nil},
		{"Steps", "How can we reproduce it?", false, false, nil},
		{"Severity", "Is it blocking your work?", true, false, nil},
	}},
	{"Peer Feedback", "forms", false, "", "", []dbQuestion{
		{"Strengths", "What does your colleague do well?", false, false, nil},
		{"Growth", "What could they do differently?", false, false, nil},
	}},
}

// dbCheckinDefs are the seeded check-ins: the template they use, who answers
// ("" = every active user, else a list of teams), the weekdays they run on
// (1 = Monday … 7 = Sunday) and how likely a participant answers on a day.
var dbCheckinDefs = [...]struct {
	name, template string
	teams          []string
	days           []int
	rate           float64
	anonymous      bool
}{
	{"Daily Standup", "Daily Standup", nil, []int{1, 2, 3, 4, 5}, 0.95, false},
	{"How are you today?", "Mood Check", nil, []int{1, 2, 3, 4, 5, 6, 7}, 0.92, true},
	{"Engineering Async Standup", "Daily Standup", []string{"Engineering"}, []int{1, 2, 3, 4, 5}, 0.95, false},
	{"Weekly Retro", "Weekly Retro", nil, []int{5}, 0.85, false},
	{"Sales Pipeline", "Sales Pipeline Update", []string{"Sales"}, []int{1, 2, 3, 4, 5}, 0.9, false},
	{"Support Handoff", "Support Handoff", []string{"Support"}, []int{1, 2, 3, 4, 5, 6, 7}, 0.93, false},
	{"Engineering On-call", "On-call Check", []string{"Engineering"}, []int{1, 2, 3, 4, 5, 6, 7}, 0.9, false},
	{"Product Sync", "Daily Standup", []string{"Product", "Design"}, []int{1, 3, 5}, 0.9, false},
}

var dbFormDefs = [...]struct {
	name, shortcut, privacy string
	anonymous, active       bool
	startDaysAgo, endIn     int // endIn 0: no end date
}{
	{"Vacation request", "vacation", "everyone", false, true, 400, 0},
	{"Bug report", "bug", "everyone", false, true, 200, 0},
	{"Anonymous feedback", "feedback", "managers_and_members", true, true, 150, 0},
	{"Offsite survey", "offsite", "everyone", false, false, 60, -30},
}

// seedDailyBot builds the organization for seed; "today" is the UTC day of
// now. responses, when positive, is how many check-in responses to hold in
// all (see fitResponses). It fails only when the seed tables contradict
// themselves (a check-in naming a template that is not seeded).
func seedDailyBot(seed uint64, now time.Time, responses int) (*dbStore, error) {
	r := newRand(seed, "dailybot")
	s := &dbStore{
		userByID:      map[string]*dbUser{},
		teamByID:      map[string]*dbTeam{},
		tmplByID:      map[string]*dbTemplate{},
		ciByID:        map[string]*dbCheckin{},
		wfByID:        map[string]*dbWorkflow{},
		conversations: map[string]string{},
		moods:         map[string]dbMood{},
		dateByID:      map[string]*dbImportantDate{},
		ids:           newRand(seed, "dailybot/ids"),
	}
	seedOrg(s, r)
	seedUsersAndTeams(s, r)
	seedTemplates(s, r)
	today := dayStart(now)
	seedForms(s, r, today)
	if err := seedCheckins(s, r, seed, now); err != nil {
		return nil, err
	}
	if responses > 0 {
		s.fitResponses(seed, responses, now)
	}
	seedFormFlows(s, seed, today)
	seedImportantDates(s, seed, now)
	seedWorkflows(s, seed, today)
	seedInvitations(s, seed)
	return s, nil
}

func seedOrg(s *dbStore, r *rand.Rand) {
	name := dbOrgNames[r.IntN(len(dbOrgNames))]
	domain := strings.ToLower(strings.ReplaceAll(name, " ", "")) + ".example"
	s.org = dbOrg{
		UUID:             hexID(r),
		Name:             name,
		Image:            "https://a.slack-edge.com/80588/img/avatars-teams/" + strings.ToLower(strings.Fields(name)[0]) + ".png",
		Timezone:         "America/New_York",
		Platform:         "slack",
		ChatPlatformData: dbOrgChat{IsActive: true, OrganizationExternalID: "T" + upperID(r, 10)},
		SupportedDomains: []string{domain},
		planName:         "Pro",
		domain:           domain,
	}
	s.org.ref = dbOrgReference{UUID: s.org.UUID, Name: s.org.Name}
}

func seedUsersAndTeams(s *dbStore, r *rand.Rand) {
	general := &dbTeam{UUID: hexID(r), Name: "General", Active: true, IsDefault: true, members: map[*dbUser]bool{}}
	s.teams = append(s.teams, general)
	total := 0
	for _, d := range dbDepartments {
		total += d.size
	}
	// Distinct names: draw (first, last) pairs without replacement.
	pairs := r.Perm(len(firstNames) * len(lastNames))
	for _, d := range dbDepartments {
		team := &dbTeam{UUID: hexID(r), Name: d.name, Active: d.size > 0, members: map[*dbUser]bool{}}
		s.teams = append(s.teams, team)
		for i := 0; i < d.size; i++ {
			p := pairs[len(s.users)]
			first, last := firstNames[p/len(lastNames)], lastNames[p%len(lastNames)]
			u := newSeedUser(s, r, first, last, d.titles[r.IntN(len(d.titles))])
			if i == 0 && len(s.users) > 0 {
				u.Role = "MANAGER"
			}
			team.members[u] = true
			general.members[u] = true
		}
	}
	s.owner = s.users[0]
	s.owner.Role, s.owner.Occupation = "ADMIN", "CTO"
	// Two former employees: still listed, no longer active, answer nothing.
	for _, u := range s.users[total-2:] {
		u.IsActive, u.BotEnabled = false, false
	}
	for _, t := range s.teams {
		s.teamByID[t.UUID] = t
	}
}

func newSeedUser(s *dbStore, r *rand.Rand, first, last, title string) *dbUser {
	u := &dbUser{
		UUID:             hexID(r),
		IsActive:         true,
		BotEnabled:       r.IntN(20) != 0,
		FullName:         first + " " + last,
		Role:             "MEMBER",
		Timezone:         dbTimezones[r.IntN(len(dbTimezones))],
		Username:         fmt.Sprintf("%s%02d", first, r.IntN(100)),
		Occupation:       title,
		ChatPlatformData: dbUserChat{UserExternalID: "U" + upperID(r, 10)},
		WorkStartTime:    dbStartTimes[r.IntN(len(dbStartTimes))],
		WorkDays:         []int{1, 2, 3, 4, 5},
		Organization:     s.org.ref,
		email:            strings.ToLower(first+"."+last) + "@" + s.org.domain,
		index:            len(s.users),
	}
	u.Image = fmt.Sprintf("https://secure.gravatar.com/avatar/%016x.png", r.Uint64())
	if r.IntN(5) != 0 {
		bd := fmt.Sprintf("%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
		u.BirthDate = &bd
	}
	if r.IntN(12) == 0 {
		// Quirk of the live API (doc): time off comes back as DD/MM/YYYY.
		d := 1 + r.IntN(20)
		start, end := fmt.Sprintf("%02d/06/2025", d), fmt.Sprintf("%02d/06/2025", d+7)
		u.TimeoffStart, u.TimeoffEnd = &start, &end
	}
	s.users = append(s.users, u)
	s.userByID[u.UUID] = u
	return u
}

func seedTemplates(s *dbStore, r *rand.Rand) {
	for _, d := range dbTemplateDefs {
		id := hexID(r)
		t := &dbTemplate{UUID: id, ID: id, Name: d.name, Intro: d.intro, Outro: d.outro, kind: d.kind, systemDefault: d.systemDefault}
		t.Questions.Version = 1
		for i, q := range d.questions {
			t.Questions.Fields = append(t.Questions.Fields, dbField{
				UUID: hexID(r), Question: q.text, IsBlocker: q.blocker, IsOptional: q.optional,
				ExtraParams: dbExtraParams{SpecialVars: specialVars(q.text)}, QuestionType: "text", QuestionShort: q.short,
			})
			t.Questions.Logic = append(t.Questions.Logic, questionLogic(i, len(d.questions)))
			t.answers = append(t.answers, q.answers)
		}
		s.templates = append(s.templates, t)
		s.tmplByID[id] = t
	}
}

// questionLogic links question i of n to its neighbours, false at the ends
// (the doc's example).
func questionLogic(i, n int) dbLogic {
	l := dbLogic{QuestionKey: i, PrevKey: false, NextKey: false}
	if i > 0 {
		l.PrevKey = i - 1
	}
	if i < n-1 {
		l.NextKey = i + 1
	}
	return l
}

// specialVars lists the {variables} a question's text uses.
func specialVars(text string) []string {
	vars := []string{}
	for rest := text; ; {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			return vars
		}
		vars = append(vars, rest[i+1:j])
		rest = rest[j+1:]
	}
}

func seedForms(s *dbStore, r *rand.Rand, today time.Time) {
	for _, d := range dbFormDefs {
		id := hexID(r)
		start := dateString(today.AddDate(0, 0, -d.startDaysAgo))
		f := &dbForm{ID: id, UUID: id, Name: d.name, IsActive: d.active, CollectResponsesAnonymously: d.anonymous,
			Privacy: d.privacy, Shortcut: d.shortcut, StartOn: &start}
		if d.endIn != 0 {
			end := dateString(today.AddDate(0, 0, d.endIn))
			f.EndOn = &end
			f.IsArchive = d.endIn < 0
		}
		s.forms = append(s.forms, f)
	}
}

func seedCheckins(s *dbStore, r *rand.Rand, seed uint64, now time.Time) error {
	today := dayStart(now)
	for i, d := range dbCheckinDefs {
		tmpl, ok := s.templateNamed(d.template)
		if !ok {
			return fmt.Errorf("seed: check-in %q names template %q, which is not seeded", d.name, d.template)
		}
		c := &dbCheckin{template: tmpl, participants: s.participants(d.teams)}
		c.settings = dbCheckinSettings{
			ID: hexID(r), Name: d.name, Template: tmpl.ID, Active: true, IsAnonymous: d.anonymous, OneByOne: r.IntN(2) == 0,
			StartOn: dateString(today.AddDate(0, 0, -dbHistoryDays-r.IntN(200))), Privacy: "managers_and_members",
			AllowEditPermission: "admins_managers_and_team_admins", CanBeEdited: true,
			ReportingMetadata:      []dbReporting{{Type: "channel", ID: "C" + upperID(r, 10), Name: strings.ToLower(strings.ReplaceAll(d.name, " ", "-"))}},
			RemindersFrequencyTime: 15, RemindersTriggerCondition: "smart_frequency", FrequencyType: "weekly", Frequency: 1,
			FrequencyOnDays: d.days, UseUserDefinedWorkDays: r.IntN(3) == 0,
		}
		if r.IntN(2) == 0 {
			t := dbStartTimes[r.IntN(len(dbStartTimes))]
			c.settings.CustomTriggerTime = &t
			c.settings.RemindersMaxCount = 1 + r.IntN(3)
		}
		// Drawn on first read (see dbCheckin.responses), from what the
		// check-in is now: a later change of its teams or template does
		// not change its history.
		draw, name := newResponseDraw(c, d.days, d.rate), fmt.Sprintf("dailybot/checkin/%d", i)
		owner := s.owner
		c.lazy = &lazyResponses{draw: func() []dbResponse {
			out := seedResponses(newRand(seed, name), draw, now)
			if i == quickStartCheckin {
				out = withOwnerAnswerToday(out, owner, newRand(seed, name+"/owner").Uint64(), now)
			}
			return out
		}}
		s.checkins = append(s.checkins, c)
		s.ciByID[c.settings.ID] = c
	}
	return nil
}

// quickStartCheckin is the index in dbCheckinDefs of the check-in the
// examples use (docs/mock.md): the first of `checkins list`.
const quickStartCheckin = 0

// withOwnerAnswerToday returns rs (ordered by time) with a completed
// response of owner at the start of now's day when owner has none that
// day, so the examples that edit the key owner's response of today run at
// any hour and on any weekday; seed draws its answers. The other responses
// are left as drawn.
func withOwnerAnswerToday(rs []dbResponse, owner *dbUser, seed uint64, now time.Time) []dbResponse {
	start := dayStart(now).UnixMicro()
	i := sort.Search(len(rs), func(i int) bool { return rs[i].at >= start })
	for _, x := range rs[i:] {
		if int(x.user) == owner.index {
			return rs
		}
	}
	return slices.Insert(rs, i, dbResponse{at: start, seed: seed, user: int32(owner.index), flags: respCompleted})
}

// seedResponses draws a check-in's responses over the last dbHistoryDays days
// (today included), oldest first: on each day the check-in runs, each
// participant answers with probability rate, in the four hours after 08:00
// UTC. Responses drawn for after now are left out, and none is edited after
// now; the draws are the same whatever now's time of day, so earlier
// responses do not change with it.
func seedResponses(r *rand.Rand, d responseDraw, now time.Time) []dbResponse {
	today := dayStart(now)
	out := make([]dbResponse, 0, int(float64(len(d.participants)*dbHistoryDays)*d.rate)+16)
	for k := dbHistoryDays - 1; k >= 0; k-- {
		out = responsesOn(r, d, today.AddDate(0, 0, -k), now, out)
	}
	return out
}

// responseDraw is what a seeded check-in's responses are drawn from: who
// is asked, whether its template has a blocker question, the ISO weekdays
// it runs on and each participant's answer rate.
type responseDraw struct {
	participants []*dbUser
	hasBlocker   bool
	days         []int
	rate         float64
}

// newResponseDraw is what c's responses are drawn from as c is now.
func newResponseDraw(c *dbCheckin, days []int, rate float64) responseDraw {
	return responseDraw{
		participants: slices.Clone(c.participants),
		hasBlocker:   slices.ContainsFunc(c.template.Questions.Fields, func(f dbField) bool { return f.IsBlocker }),
		days:         days,
		rate:         rate,
	}
}

// responsesOn appends to out the responses d's participants give on day
// (when d's check-in runs that day), in time order, leaving out those after
// now.
func responsesOn(r *rand.Rand, d responseDraw, day, now time.Time, out []dbResponse) []dbResponse {
	if !slices.Contains(d.days, isoWeekday(day)) {
		return out
	}
	rate, hasBlocker := d.rate, d.hasBlocker
	end := now.UnixMicro()
	base := day.UnixMicro() + 8*int64(time.Hour/time.Microsecond)
	start := len(out)
	for _, u := range d.participants {
		if r.Float64() >= rate {
			continue
		}
		resp := dbResponse{
			at:   base + r.Int64N(int64(4*time.Hour/time.Microsecond)),
			seed: r.Uint64(),
			user: int32(u.index),
			edit: int32(r.IntN(300)),
		}
		if r.IntN(40) != 0 {
			resp.flags |= respCompleted
		}
		if hasBlocker && r.IntN(9) == 0 {
			resp.flags |= respHasIssue
		}
		if resp.at > end {
			continue
		}
		resp.edit = min(resp.edit, int32((end-resp.at)/int64(time.Second/time.Microsecond)))
		out = append(out, resp)
	}
	sortResponses(out[start:])
	return out
}

// fitResponses makes the check-ins hold n responses in all. With fewer than
// n, it draws older days, one day further back at a time for every
// check-in, each check-in from a source of its own, so the last
// dbHistoryDays days stay as seedResponses drew them; then it drops the
// oldest responses beyond n. A check-in whose history now starts before its
// start_on starts on its first response's day instead.
func (s *dbStore) fitResponses(seed uint64, n int, now time.Time) {
	total := 0
	for _, c := range s.checkins {
		total += len(*c.responses())
	}
	if total < n {
		older := make([][]dbResponse, len(s.checkins)) // per check-in, newest day first
		sources := make([]*rand.Rand, len(s.checkins))
		draws := make([]responseDraw, len(s.checkins))
		for i, c := range s.checkins {
			draws[i] = newResponseDraw(c, dbCheckinDefs[i].days, dbCheckinDefs[i].rate)
			sources[i] = newRand(seed, fmt.Sprintf("dailybot/checkin/%d/older", i))
			// Each check-in's share of what is missing, and a little more.
			older[i] = make([]dbResponse, 0, len(*c.responses())*(n-total)/max(total, 1)*11/10+64)
		}
		// A week without a response means none will come (no check-in has
		// participants): stop rather than look back for ever.
		for day, idle := dayStart(now).AddDate(0, 0, -dbHistoryDays), 0; total < n && idle < 7; day = day.AddDate(0, 0, -1) {
			idle++
			for i := range s.checkins {
				before := len(older[i])
				older[i] = responsesOn(sources[i], draws[i], day, now, older[i])
				// Keep each day in time order, but the days newest first.
				slices.Reverse(older[i][before:])
				if len(older[i]) > before {
					total, idle = total+len(older[i])-before, 0
				}
			}
		}
		for i, c := range s.checkins {
			slices.Reverse(older[i])
			*c.responses() = append(append(make([]dbResponse, 0, len(older[i])+len(*c.responses())), older[i]...), (*c.responses())...)
		}
	}
	// Drop the oldest responses, across check-ins, beyond n.
	for ; total > n; total-- {
		var oldest *dbCheckin
		for _, c := range s.checkins {
			if len(*c.responses()) > 0 && (oldest == nil || (*c.responses())[0].at < (*oldest.responses())[0].at) {
				oldest = c
			}
		}
		*oldest.responses() = (*oldest.responses())[1:]
	}
	for _, c := range s.checkins {
		if len(*c.responses()) > 0 {
			if first := dateString(time.UnixMicro((*c.responses())[0].at).UTC()); first < c.settings.StartOn {
				c.settings.StartOn = first
			}
		}
	}
}

// participants returns the active members of the named teams (all active users
// when teams is empty), in user order.
func (s *dbStore) participants(teams []string) []*dbUser {
	var out []*dbUser
	for _, u := range s.users {
		if !u.IsActive {
			continue
		}
		in := len(teams) == 0
		for _, t := range s.teams {
			for _, name := range teams {
				in = in || (t.Name == name && t.members[u])
			}
		}
		if in {
			out = append(out, u)
		}
	}
	return out
}

func (s *dbStore) templateNamed(name string) (*dbTemplate, bool) {
	for _, t := range s.templates {
		if t.Name == name {
			return t, true
		}
	}
	return nil, false
}

const upperAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"

// upperID returns n seeded characters of a Slack-style id.
func upperID(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = upperAlphabet[r.IntN(len(upperAlphabet))]
	}
	return string(b)
}

// dayStart returns midnight UTC of t's UTC day.
func dayStart(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// isoWeekday numbers days as DailyBot does: 1 = Monday … 7 = Sunday.
func isoWeekday(t time.Time) int {
	if wd := int(t.Weekday()); wd != 0 {
		return wd
	}
	return 7
}

func dateString(t time.Time) string { return t.Format(time.DateOnly) }
