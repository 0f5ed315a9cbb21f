package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readCall is one list or get request, its path below the API's base path.
type readCall struct {
	api, method, path, body string
}

// everyRead returns a request for every list and get operation of the four
// APIs, for every seeded object a get can name; DailyBot's responses are
// asked for over the whole seeded history. Lists that page are followed
// page by page by readAll.
func everyRead(m *Mock) []readCall {
	var calls []readCall
	db := dailybotOfMock(m).store
	for _, p := range []string{"/me/", "/organization/", "/users/", "/teams/", "/checkins/?include_summary=true", "/checkins/",
		"/forms/", "/forms/form-owners/", "/templates/?type=checkins", "/templates/?type=forms", "/kudos/", "/kudos/?filter=kudos_given", "/kudos/organization/",
		"/kudos/wall-of-fame/", "/mood/track/", "/agent-messages/?agent_name=Build+bot", "/agent/register/challenge/",
		"/agent-health/?agent_name=Build+bot"} {
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: p})
	}
	start := dateString(m.cfg.start.AddDate(0, 0, -dbHistoryDays))
	for _, u := range db.users {
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/users/" + u.UUID + "/"},
			readCall{api: "dailybot", method: http.MethodGet, path: "/important-date/?uuid=" + u.UUID})
	}
	for _, d := range db.importantDates {
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/important-date/" + d.UUID + "/"})
	}
	for _, t := range db.teams {
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/teams/" + t.UUID + "/"},
			readCall{api: "dailybot", method: http.MethodGet, path: "/teams/" + t.UUID + "/members/"})
		for _, u := range db.users {
			if t.members[u] {
				calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/teams/" + t.UUID + "/member/" + u.UUID + "/"})
			}
		}
	}
	for _, t := range db.templates {
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/templates/" + t.UUID + "/"})
	}
	for _, c := range db.checkins {
		id := c.settings.ID
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/checkins/" + id + "/?include_summary=true"},
			readCall{api: "dailybot", method: http.MethodGet, path: "/checkins/" + id + "/responses/"},
			readCall{api: "dailybot", method: http.MethodGet, path: "/checkins/" + id + "/detail/"},
			readCall{api: "dailybot", method: http.MethodGet, path: "/checkins/" + id + "/responses/?date_start=" + start + "&date_end=" + dateString(m.cfg.start)})
	}
	calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/report-channels/"})
	for _, f := range db.forms {
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/forms/" + f.ID + "/"},
			readCall{api: "dailybot", method: http.MethodGet, path: "/forms/" + f.ID + "/responses/?all=true"})
		for _, resp := range db.formFlows[f.ID].responses {
			calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/forms/" + f.ID + "/responses/" + resp.id + "/"})
		}
	}
	for _, p := range []string{"/workflows/", "/pending-invitations/", "/pending-invitations/all/", "/pending-invitations/guests/"} {
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: p})
	}
	for _, wf := range db.workflows {
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/workflows/" + wf.UUID + "/"},
			readCall{api: "dailybot", method: http.MethodGet, path: "/workflows/" + wf.UUID + "/execution_logs/"})
	}
	for _, inv := range db.invitations {
		calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/pending-invitations/" + inv.ID + "/"})
		if inv.guest {
			calls = append(calls, readCall{api: "dailybot", method: http.MethodGet, path: "/pending-invitations/guests/" + inv.ID + "/"})
		}
	}

	ab := m.services["assistbot"].(*assistbotAPI).state
	for _, p := range []string{"/company/info", "/company/departments", "/company/members", "/elements/templates",
		"/elements/standups", "/elements/tasks", "/elements/polls"} {
		calls = append(calls, readCall{api: "assistbot", method: http.MethodPost, path: "/v1" + p, body: `{}`})
	}
	for _, st := range ab.standups {
		calls = append(calls, readCall{api: "assistbot", method: http.MethodPost, path: "/v1/history/standups", body: fmt.Sprintf(`{"standup_id":%d}`, st.ID)})
	}
	for _, p := range ab.polls {
		calls = append(calls, readCall{api: "assistbot", method: http.MethodPost, path: "/v1/history/polls", body: fmt.Sprintf(`{"poll_id":%d}`, p.ID)})
	}

	bz := m.services["botaz"].(*botazAPI).state
	for _, id := range slices.Sorted(maps.Keys(bz.visitors)) {
		calls = append(calls, readCall{api: "botaz", method: http.MethodGet, path: "/visitors/" + id})
		for _, msg := range bz.chats[id] {
			calls = append(calls, readCall{api: "botaz", method: http.MethodGet, path: "/messages/" + msg})
		}
	}

	bo := m.services["botopen"].(*botopenAPI).state
	for back := range 4 {
		month := m.cfg.start.UTC().AddDate(0, -back, 0).Format("2006-01") + "-01"
		calls = append(calls, readCall{api: "botopen", method: http.MethodGet, path: "/botUsage?monthDate=" + month})
	}
	from, to := m.cfg.start.UTC().AddDate(0, 0, -89).Format(time.RFC3339), m.cfg.start.UTC().Format(time.RFC3339)
	calls = append(calls, readCall{api: "botopen", method: http.MethodPost, path: "/users?limit=25",
		body: fmt.Sprintf(`{"channelIds":[1010,1014,1016,1017,1021],"startDate":%q,"endDate":%q}`, from, to)})
	for _, u := range bo.users {
		calls = append(calls, readCall{api: "botopen", method: http.MethodPost, path: "/transcripts?limit=100",
			body: fmt.Sprintf(`{"botUserId":%q,"channelId":%d,"startDate":%q,"endDate":%q}`, u.botUserID, u.channel, from, to)})
	}
	return calls
}

// reader answers readCalls straight from a mock's handler, on a fixed host
// so that DailyBot's absolute next links do not depend on a port.
type reader struct {
	t     *testing.T
	m     *Mock
	auth  map[string]map[string]string
	check readCheck
}

// readCheck is what a reader requires of each answer.
type readCheck int

const (
	anyAnswer   readCheck = iota // any, such as the 404 of an id its mock did not seed
	okAnswer                     // a 200
	validAnswer                  // a 200 to a request and with a body its spec accepts
)

func newReader(t *testing.T, m *Mock, check readCheck) *reader {
	return &reader{t: t, m: m, auth: fuzzCredentials(t, m), check: check}
}

// read answers c and every later page of it: DailyBot's next links, Bot
// Open's page numbers.
func (rd *reader) read(c readCall) [][]byte {
	var pages [][]byte
	for page := 1; ; page++ {
		body := rd.once(c)
		pages = append(pages, body)
		var links struct {
			Next        *string `json:"next"`
			HasNextPage int     `json:"hasNextPage"`
		}
		_ = json.Unmarshal(body, &links)
		switch {
		case c.api == "dailybot" && links.Next != nil:
			c.path = strings.TrimPrefix(*links.Next, "http://mock.test"+rd.m.BasePath("dailybot"))
		case c.api == "botopen" && links.HasNextPage == 1:
			c.path = regexp.MustCompile(`&page=\d+$`).ReplaceAllString(c.path, "") + "&page=" + strconv.Itoa(page+1)
		default:
			return pages
		}
	}
}

func (rd *reader) once(c readCall) []byte {
	t := rd.t
	t.Helper()
	r := httptest.NewRequest(c.method, "http://mock.test"+rd.m.BasePath(c.api)+c.path, strings.NewReader(c.body))
	if c.body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range rd.auth[c.api] {
		r.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	rd.m.ServeHTTP(rec, r)
	if rd.check == anyAnswer {
		return rec.Body.Bytes()
	}
	require.Equal(t, http.StatusOK, rec.Code, "%s %s %s: %s", c.api, c.method, c.path, rec.Body)
	if rd.check == okAnswer {
		return rec.Body.Bytes()
	}
	v := validatorFor(t, c.api)
	check := r.Clone(context.Background())
	check.Body = io.NopCloser(strings.NewReader(c.body))
	in, err := v.ValidateRequest(check)
	require.NoError(t, err, "%s %s %s", c.api, c.method, c.path)
	in.Request.Body = io.NopCloser(strings.NewReader(c.body))
	require.NoError(t, v.ValidateResponse(context.Background(), in, rec.Code, rec.Header(), rec.Body.Bytes()),
		"%s %s %s", c.api, c.method, c.path)
	return rec.Body.Bytes()
}

// TestEveryReadIsCovered: everyRead names every list and get operation of
// the four specs that the mock has a handler for (the others answer their
// spec's example, not seeded data), so the tests below see all the seeded
// data.
func TestEveryReadIsCovered(t *testing.T) {
	m, err := New()
	require.NoError(t, err)
	covered := map[string]bool{}
	for _, c := range everyRead(m) {
		r := httptest.NewRequest(c.method, "http://mock.test"+m.BasePath(c.api)+c.path, strings.NewReader(c.body))
		route, _, err := validatorFor(t, c.api).Route(r)
		require.NoError(t, err, "%s %s", c.method, c.path)
		covered[c.api+" "+route.Operation.OperationID] = true
	}
	for _, api := range apiPrefixes {
		doc, err := validatorFor(t, api).Doc()
		require.NoError(t, err)
		for _, item := range doc.Paths.Map() {
			for _, op := range item.Operations() {
				id := op.OperationID
				if (strings.HasPrefix(id, "list") || strings.HasPrefix(id, "get")) && !m.services[api].servesExample(id) {
					assert.True(t, covered[api+" "+id], "everyRead has no request for %s %s", api, id)
				}
			}
		}
	}
}

// TestSameSeedSameNowSameData: two mocks built with the same seed and the
// same WithNow answer every list and get of every API byte for byte alike;
// another seed or another now gives other data.
func TestSameSeedSameNowSameData(t *testing.T) {
	now := time.Date(2024, 6, 3, 9, 30, 0, 0, time.UTC) // inside DailyBot's morning of responses
	build := func(seed uint64, now time.Time) *Mock {
		m, err := New(WithSeed(seed), WithNow(now))
		require.NoError(t, err)
		return m
	}
	a, b := build(7, now), build(7, now)
	otherSeed, otherNow := build(8, now), build(7, now.Add(-26*time.Hour))
	ra, rb := newReader(t, a, validAnswer), newReader(t, b, okAnswer)
	rs, rn := newReader(t, otherSeed, anyAnswer), newReader(t, otherNow, anyAnswer)
	otherBySeed, otherByNow := map[string]bool{}, map[string]bool{}
	for _, c := range everyRead(a) {
		pages := ra.read(c)
		require.Equal(t, pages, rb.read(c), "%s %s %s: same seed, same now, other bytes", c.api, c.method, c.path)
		if !otherBySeed[c.api] {
			otherBySeed[c.api] = !slices.EqualFunc(pages, rs.read(c), bytes.Equal)
		}
		if !otherByNow[c.api] {
			otherByNow[c.api] = !slices.EqualFunc(pages, rn.read(c), bytes.Equal)
		}
	}
	for _, api := range apiPrefixes {
		assert.True(t, otherBySeed[api], "%s: another seed, other data", api)
		assert.True(t, otherByNow[api], "%s: another now, other data", api)
	}
}

// plannedDates are the keys whose dates may lie after now: plans, not
// things that happened (an AssistBot step's deadline, a DailyBot user's
// time off).
var plannedDates = map[string]bool{"deadline": true, "timeoff_start": true, "timeoff_end": true}

// TestNoSeededDateAfterNow: whatever the seed and the time of day, nothing
// seeded happened after now: every timestamp and date in every list and get
// answer of the four APIs (RFC 3339 and YYYY-MM-DD strings, AssistBot's
// *_dt epoch seconds) is at or before now.
func TestNoSeededDateAfterNow(t *testing.T) {
	tests := []struct {
		name string
		seed uint64
		now  time.Time
	}{
		{"before DailyBot's morning of responses", 1, time.Date(2024, 6, 3, 3, 0, 0, 0, time.UTC)},
		{"amid DailyBot's responses", 2, time.Date(2024, 6, 4, 9, 30, 0, 0, time.UTC)},
		{"at their end, answers still being edited", 3, time.Date(2024, 6, 5, 11, 58, 0, 0, time.UTC)},
		{"a Bot.Az chat that would run past now", 90, time.Date(2024, 6, 3, 3, 0, 0, 0, time.UTC)},
		{"the default seed at the golden files' now", 1, time.Date(2024, 6, 3, 12, 0, 0, 0, time.UTC)},
	}
	if testing.Short() {
		tests = tests[1:2] // the quick loop: amid the responses only (make test runs all five)
	}
	for _, tt := range tests {
		seed, now := tt.seed, tt.now
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := New(WithSeed(seed), WithNow(now))
			require.NoError(t, err)
			rd := newReader(t, m, okAnswer)
			checked := 0
			for _, c := range everyRead(m) {
				for _, page := range rd.read(c) {
					var v any
					require.NoError(t, json.Unmarshal(page, &v))
					walkDates(v, "", func(key string, at time.Time, day bool) {
						checked++
						limit := now
						if day {
							limit = dayStart(now)
						}
						assert.False(t, at.After(limit), "%s %s %s: %s %s is after now %s", c.api, c.method, c.path, key, at, now)
					})
				}
			}
			assert.Greater(t, checked, 10_000, "the walk saw the seeded dates")
		})
	}
}

// walkDates calls found for each date in v that is not a plan: strings in
// RFC 3339 or YYYY-MM-DD (day true), and numbers under keys ending in _dt
// (epoch seconds).
func walkDates(v any, key string, found func(key string, at time.Time, day bool)) {
	if plannedDates[key] {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			walkDates(e, k, found)
		}
	case []any:
		for _, e := range v {
			walkDates(e, key, found)
		}
	case string:
		if at, err := time.Parse(time.RFC3339Nano, v); err == nil {
			found(key, at, false)
		} else if at, err := time.Parse(time.DateOnly, v); err == nil {
			found(key, at, true)
		}
	case float64:
		if strings.HasSuffix(key, "_dt") {
			found(key, time.Unix(int64(v), 0), false)
		}
	}
}
