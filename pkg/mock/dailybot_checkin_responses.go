package mock

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

// dbResponse is one check-in response, stored compactly: its text is rendered
// on demand from seed (or from the check-in's custom answers), so seeding
// 10,000+ responses allocates no strings.
type dbResponse struct {
	at     int64  // created_at, Unix microseconds
	seed   uint64 // derives the uuid and the seeded answers
	user   int32  // index into dbStore.users
	edit   int32  // seconds from created_at to updated_at
	custom int32  // index+1 into dbCheckin.custom, 0 for seeded answers
	flags  uint8
}

const (
	respCompleted uint8 = 1 << iota
	respHasIssue
)

// dbResponseJSON is a CheckinResponse.
type dbResponseJSON struct {
	UUID              string         `json:"uuid"`
	User              *dbUserSummary `json:"user"`
	IsAnonymous       bool           `json:"is_anonymous"`
	Responses         []dbAnswer     `json:"responses"`
	ResponseDate      string         `json:"response_date"`
	ResponseCompleted bool           `json:"response_completed"`
	HasIssue          bool           `json:"has_issue"`
	CreatedAt         string         `json:"created_at"`
	UpdatedAt         string         `json:"updated_at"`
}

// dbUserSummary is the short user of a check-in response (UserSummary).
type dbUserSummary struct {
	UUID       string `json:"uuid"`
	FullName   string `json:"full_name"`
	Image      string `json:"image"`
	Occupation string `json:"occupation"`
}

// dbAnswer is one CheckinAnswer; UUID is the question's, which the
// official CLI reads back when it edits a response (dailybot-current §2.1).
type dbAnswer struct {
	UUID          string `json:"uuid"`
	Question      string `json:"question"`
	QuestionShort string `json:"question_short"`
	QuestionType  string `json:"question_type"`
	Response      string `json:"response"`
	IsBlocker     bool   `json:"is_blocker"`
}

// listCheckinResponses pages a check-in's responses between date_start and
// date_end (both inclusive, both defaulting to today as the doc says, so a
// bare call shows only today's responses), newest first. The official CLI's
// filters narrow them: `user` (a user uuid; an e-mail or a name is 400
// invalid_user_identifier), `search` (text in an answer, any case) and
// `start_date`/`end_date`, which stand for date_start/date_end when those
// are absent (a mock's reading: the server's is not documented).
func (a *dailybotAPI) listCheckinResponses(w http.ResponseWriter, r *http.Request, p map[string]string) {
	q := r.URL.Query()
	today := dayStart(a.cfg.now())
	from, ok := queryDate(w, q, cmp.Or(presentKey(q, "date_start"), presentKey(q, "start_date"), "date_start"), today)
	if !ok {
		return
	}
	to, ok := queryDate(w, q, cmp.Or(presentKey(q, "date_end"), presentKey(q, "end_date"), "date_end"), today)
	if !ok {
		return
	}
	user, search := q.Get("user"), strings.ToLower(q.Get("search"))
	if strings.ContainsAny(user, "@ ") {
		writeJSON(w, http.StatusBadRequest, dbError{
			Detail: "Filter users by uuid.", Code: "invalid_user_identifier",
			Errors: map[string][]string{"user": {"Must be a user uuid."}},
		})
		return
	}
	if from.After(to) {
		writeJSON(w, http.StatusBadRequest, dbError{
			Detail: "date_start must not be after date_end.",
			Code:   "invalid_date_range",
			Errors: map[string][]string{"date_start": {"Must not be after date_end."}},
		})
		return
	}
	s := a.store
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.ciByID[p["checkin_uuid"]]
	if !ok {
		a.notFound(w)
		return
	}
	lo, hi := c.responsesBetween(from, to)
	rs := *c.responses()
	if user == "" && search == "" {
		first, last, page, ok := pageWindow(w, r, hi-lo)
		if !ok {
			return
		}
		writeResponsesPage(w, page, last-first, func(buf *bytes.Buffer, i int) {
			out := s.renderResponse(c, &rs[hi-1-first-i])
			out.writeJSON(buf)
		})
		return
	}
	var matched []dbResponseJSON
	for i := hi - 1; i >= lo; i-- {
		out := s.renderResponse(c, &rs[i])
		if user != "" && (out.User == nil || out.User.UUID != user) {
			continue
		}
		if search != "" && !slices.ContainsFunc(out.Responses, func(a dbAnswer) bool { return strings.Contains(strings.ToLower(a.Response), search) }) {
			continue
		}
		matched = append(matched, out)
	}
	writePage(w, r, matched)
}

// presentKey returns key when q has a non-empty value for it, else "".
func presentKey(q url.Values, key string) string {
	if q.Get(key) != "" {
		return key
	}
	return ""
}

// responsesBetween returns the index range of c's responses created on the
// days from through to (UTC, inclusive).
func (c *dbCheckin) responsesBetween(from, to time.Time) (lo, hi int) {
	start, end := from.UnixMicro(), to.AddDate(0, 0, 1).UnixMicro()
	rs := *c.responses()
	lo = sort.Search(len(rs), func(i int) bool { return rs[i].at >= start })
	hi = sort.Search(len(rs), func(i int) bool { return rs[i].at >= end })
	return lo, hi
}

// renderResponse expands a stored response; the caller holds the read lock.
// Seeded answers are picked from the template's answer pools by the
// response's seed; a blocker question is answered "no" unless has_issue.
func (s *dbStore) renderResponse(c *dbCheckin, resp *dbResponse) dbResponseJSON {
	created := time.UnixMicro(resp.at).UTC()
	out := dbResponseJSON{
		UUID:              seededUUID(resp.seed),
		IsAnonymous:       c.settings.IsAnonymous,
		ResponseCompleted: resp.flags&respCompleted != 0,
		HasIssue:          resp.flags&respHasIssue != 0,
		ResponseDate:      created.Format(time.DateOnly),
		CreatedAt:         drfTime(created),
		UpdatedAt:         drfTime(created.Add(time.Duration(resp.edit) * time.Second)),
	}
	if !out.IsAnonymous {
		u := s.users[resp.user]
		out.User = &dbUserSummary{UUID: u.UUID, FullName: u.FullName, Image: u.Image, Occupation: u.Occupation}
	}
	fields := c.template.Questions.Fields
	answered := len(fields)
	if !out.ResponseCompleted && answered > 1 && resp.custom == 0 {
		answered-- // a seeded incomplete response skipped its last question
	}
	out.Responses = make([]dbAnswer, 0, answered) // [] rather than null when empty
	for j, f := range fields[:answered] {
		var text string
		if resp.custom > 0 {
			if custom := c.custom[resp.custom-1]; j < len(custom) {
				text = custom[j]
			}
		} else {
			text = seededAnswer(c.template, j, f.IsBlocker && out.HasIssue, resp.seed)
		}
		out.Responses = append(out.Responses, dbAnswer{
			UUID: f.UUID, Question: f.Question, QuestionShort: f.QuestionShort, QuestionType: f.QuestionType,
			Response: text, IsBlocker: f.IsBlocker,
		})
	}
	return out
}

// dbTimeLayout is DRF's timestamp format: microseconds and a Z.
const dbTimeLayout = "2006-01-02T15:04:05.000000Z07:00"

func seededAnswer(t *dbTemplate, question int, blocked bool, seed uint64) string {
	pool := t.answers[question]
	if t.Questions.Fields[question].IsBlocker && !blocked {
		pool = dbNoBlocker
	}
	if len(pool) == 0 {
		return ""
	}
	return pool[mix64(seed+uint64(question))%uint64(len(pool))]
}

// drfTime is t (UTC) in dbTimeLayout, written digit by digit: a page of
// check-in responses formats two per item, and time.Format's layout walk was
// a seventh of the page's rendering.
func drfTime(t time.Time) string {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.Format(dbTimeLayout)
	}
	hour, minute, sec := t.Clock()
	var b [27]byte // 2006-01-02T15:04:05.000000Z
	putDigits(b[0:4], year)
	b[4] = '-'
	putDigits(b[5:7], int(month))
	b[7] = '-'
	putDigits(b[8:10], day)
	b[10] = 'T'
	putDigits(b[11:13], hour)
	b[13] = ':'
	putDigits(b[14:16], minute)
	b[16] = ':'
	putDigits(b[17:19], sec)
	b[19] = '.'
	putDigits(b[20:26], t.Nanosecond()/1000)
	b[26] = 'Z'
	return string(b[:])
}

// putDigits writes n's last len(b) decimal digits into b, zero-padded.
func putDigits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}

// seededUUID formats a UUID-shaped id from seed
// (%08x-%04x-%04x-%04x-%012x of its hashes).
func seededUUID(seed uint64) string {
	a, b := mix64(seed), mix64(seed^0x9e3779b97f4a7c15)
	var u [36]byte
	putHex(u[0:8], a>>32)
	u[8] = '-'
	putHex(u[9:13], a>>16&0xffff)
	u[13] = '-'
	putHex(u[14:18], 0x4000|a&0x0fff)
	u[18] = '-'
	putHex(u[19:23], 0x8000|b>>48&0x3fff)
	u[23] = '-'
	putHex(u[24:36], b&0xffffffffffff)
	return string(u[:])
}

// putHex writes x's last len(b) hex digits into b, zero-padded.
func putHex(b []byte, x uint64) {
	const digits = "0123456789abcdef"
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = digits[x&0xf]
		x >>= 4
	}
}

// mix64 is SplitMix64's finalizer: a cheap, well-spread hash of x.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

func sortResponses(rs []dbResponse) {
	slices.SortFunc(rs, func(x, y dbResponse) int {
		switch {
		case x.at < y.at:
			return -1
		case x.at > y.at:
			return 1
		}
		return 0
	})
}

// ErrUnknownCheckin and ErrUnknownUser are returned by SubmitCheckinResponse
// for ids the mock's DailyBot does not know.
var (
	ErrUnknownCheckin = errors.New("mock: dailybot: no such check-in")
	ErrUnknownUser    = errors.New("mock: dailybot: no such user")
)

// SubmitCheckinResponse records userUUID's answers to the DailyBot check-in
// checkinID as if given in chat now (per WithClock), one answer per template
// question in order, and returns the new response's uuid. DailyBot's API has
// no call that creates responses; this is the mock's stand-in, so tests can
// see a response appear in GET /checkins/{id}/responses/ and, when every
// required question has an answer, a followups.response.completed webhook
// delivery. It fails with ErrUnknownCheckin or ErrUnknownUser, or when
// WithAPIs left DailyBot out.
func (m *Mock) SubmitCheckinResponse(checkinID, userUUID string, answers ...string) (string, error) {
	a, ok := m.services["dailybot"].(*dailybotAPI)
	if !ok {
		return "", errors.New("mock: dailybot is not served (see WithAPIs)")
	}
	return a.submitResponse(checkinID, userUUID, answers)
}

func (a *dailybotAPI) submitResponse(checkinID, userUUID string, answers []string) (string, error) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.ciByID[checkinID]
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrUnknownCheckin, checkinID)
	}
	u, ok := s.userByID[userUUID]
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrUnknownUser, userUUID)
	}
	resp := dbResponse{at: a.cfg.now().UnixMicro(), seed: s.ids.Uint64(), user: int32(u.index)}
	completed := true
	for j, f := range c.template.Questions.Fields {
		text := ""
		if j < len(answers) {
			text = strings.TrimSpace(answers[j])
		}
		if text == "" && !f.IsOptional {
			completed = false
		}
		if f.IsBlocker && text != "" && !isNoBlocker(text) {
			resp.flags |= respHasIssue
		}
	}
	if completed {
		resp.flags |= respCompleted
	}
	c.custom = append(c.custom, slices.Clone(answers))
	resp.custom = int32(len(c.custom))
	i := sort.Search(len(*c.responses()), func(i int) bool { return (*c.responses())[i].at > resp.at })
	*c.responses() = slices.Insert(slices.Clip(*c.responses()), i, resp)
	if completed {
		a.emit("followups.response.completed", c.settings.ID, s.followupEventBody(c, &(*c.responses())[i]))
	}
	return seededUUID(resp.seed), nil
}

func isNoBlocker(text string) bool {
	switch strings.ToLower(strings.Trim(text, " .!")) {
	case "no", "none", "nope", "no blockers", "n/a":
		return true
	}
	return false
}

// followupEventBody is a FollowupResponseEventBody for resp; anonymous
// responses carry no user (what-we-know §2). The caller holds the lock.
func (s *dbStore) followupEventBody(c *dbCheckin, resp *dbResponse) map[string]any {
	out := s.renderResponse(c, resp)
	fields := c.template.Questions.Fields
	content, blockers := map[string]any{}, map[string]bool{}
	for j, ans := range out.Responses {
		content[fields[j].UUID] = ans.Response
		blockers[fields[j].UUID] = fields[j].IsBlocker && out.HasIssue
	}
	var user any
	if !out.IsAnonymous {
		user = s.users[resp.user].webhookJSON()
	}
	return map[string]any{
		"uuid":               out.UUID,
		"user":               user,
		"checkins":           []map[string]string{{"uuid": c.settings.ID, "name": c.settings.Name}},
		"is_anonymous":       out.IsAnonymous,
		"content":            content,
		"questions":          map[string]any{"fields": fields, "response_source_type": "webapp"},
		"has_issue":          out.HasIssue,
		"blockers_status":    blockers,
		"record_created_at":  out.CreatedAt,
		"created_at":         out.CreatedAt,
		"updated_at":         out.UpdatedAt,
		"edited":             false,
		"extra_activity":     nil,
		"response_completed": out.ResponseCompleted,
	}
}
