package mock

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
)

// botOpenToken logs in to srv's Bot Open API with the mock credentials and
// returns the raw token (sent as the whole Authorization header).
func botOpenToken(t *testing.T, srv *Server) string {
	t.Helper()
	creds := srv.Mock.cfg.creds
	body, _ := json.Marshal(map[string]string{"appId": creds.BotOpenAppID, "appSecret": creds.BotOpenAppSecret})
	status, _, resp := do(t, srv, specCall{API: "botopen", Method: http.MethodPost, Path: "/login", Body: string(body), NoAuth: true})
	require.Equal(t, http.StatusOK, status, "login: %s", resp)
	var out struct {
		AuthToken string `json:"authToken"`
	}
	require.NoError(t, json.Unmarshal(resp, &out))
	require.NotEmpty(t, out.AuthToken)
	return out.AuthToken
}

// boTestNow is the Bot Open tests' starting time; boClock lets a test move it.
var boTestNow = time.Date(2025, 6, 16, 15, 4, 5, 0, time.UTC)

type boClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *boClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *boClock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

func boTestServer(t *testing.T, opts ...Option) (*Server, *boState, *boClock) {
	t.Helper()
	clock := &boClock{now: boTestNow}
	srv := NewTestServer(t, append([]Option{WithClock(clock.Now)}, opts...)...)
	return srv, srv.Mock.services["botopen"].(*botopenAPI).state, clock
}

// boCall sends a Bot Open request and decodes the answer into out (if not nil).
func boCall(t *testing.T, srv *Server, c specCall, out any) int {
	t.Helper()
	c.API = "botopen"
	if c.Method == "" {
		c.Method = http.MethodPost
	}
	status, _, body := do(t, srv, c)
	if out != nil {
		require.NoError(t, json.Unmarshal(body, out), "body: %s", body)
	}
	return status
}

type boErrBody struct {
	StatusCode int    `json:"statusCode"`
	Message    string `json:"message"`
	Error      string `json:"error"`
}

func TestBotOpenLogin(t *testing.T) {
	srv, _, _ := boTestServer(t, WithTokenTTL(30*time.Minute))

	t.Run("good credentials", func(t *testing.T) {
		var res genbotopen.LoginResult
		require.Equal(t, http.StatusOK, boCall(t, srv, specCall{Path: "/login", NoAuth: true,
			Body: `{"appId":"mock-app","appSecret":"mock-secret"}`}, &res))
		require.NotNil(t, res.AuthToken)
		require.NotNil(t, res.ExpiresAt)
		assert.Nil(t, res.ExpireAt, "the live login does not send the doc's expireAt")
		assert.Empty(t, res.AdditionalProperties, "the live login answers authToken and expiresAt only")
		assert.Equal(t, "2025-06-16T15:34:05.000Z", *res.ExpiresAt)
		parts := strings.Split(*res.AuthToken, ".")
		require.Len(t, parts, 3, "a JWT-shaped token")
		header, err := base64.RawURLEncoding.DecodeString(parts[0])
		require.NoError(t, err)
		assert.JSONEq(t, `{"alg":"RS256","typ":"JWT"}`, string(header))
		claims, err := base64.RawURLEncoding.DecodeString(parts[1])
		require.NoError(t, err)
		assert.Contains(t, string(claims), `"exp":`+fmt.Sprint(boTestNow.Add(30*time.Minute).Unix()))
		assert.NotEqual(t, *res.AuthToken, botOpenToken(t, srv), "every login gets a new token")
	})

	tests := []struct {
		name, body string
		invalid    bool
	}{
		{"wrong secret", `{"appId":"mock-app","appSecret":"nope"}`, false},
		{"wrong app", `{"appId":"other","appSecret":"mock-secret"}`, false},
		{"missing secret", `{"appId":"mock-app"}`, true},
		{"not JSON", `appId=mock-app`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e boErrBody
			assert.Equal(t, http.StatusBadRequest, boCall(t, srv, specCall{Path: "/login", NoAuth: true, Invalid: tt.invalid, Body: tt.body}, &e))
			assert.Equal(t, boErrBody{StatusCode: 400, Message: e.Message, Error: "Bad Request"}, e)
			assert.NotEmpty(t, e.Message)
			assert.NotContains(t, e.Message, "mock-secret")
		})
	}
	t.Run("unknown path", func(t *testing.T) {
		var e boErrBody
		assert.Equal(t, http.StatusNotFound, boCall(t, srv, specCall{Method: http.MethodGet, Path: "/login", NoAuth: true, Invalid: true}, &e))
		assert.Equal(t, "Cannot GET /login", e.Message)
	})
}

func TestBotOpenAuth(t *testing.T) {
	srv, _, clock := boTestServer(t, WithTokenTTL(10*time.Minute))
	usage := specCall{Method: http.MethodGet, Path: "/botUsage"}
	token := botOpenToken(t, srv)
	with := func(h string) specCall {
		c := usage
		c.Header = map[string]string{"Authorization": h}
		return c
	}

	t.Run("the bare token works", func(t *testing.T) {
		assert.Equal(t, http.StatusOK, boCall(t, srv, with(token), nil))
	})
	tests := []struct {
		name string
		call specCall
		want string
	}{
		{"no token", specCall{Method: http.MethodGet, Path: "/botUsage", NoAuth: true, Invalid: true}, "Authorization header"},
		{"Bearer prefix", with("Bearer " + token), "Bearer"},
		{"lower-case bearer prefix", with("bearer " + token), "Bearer"},
		{"made-up token", with("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"), "invalid token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e boErrBody
			assert.Equal(t, http.StatusUnauthorized, boCall(t, srv, tt.call, &e))
			assert.Equal(t, 401, e.StatusCode)
			assert.Equal(t, "Unauthorized", e.Error)
			assert.Contains(t, e.Message, tt.want)
		})
	}
	t.Run("expiry", func(t *testing.T) {
		clock.Add(10*time.Minute - time.Second)
		assert.Equal(t, http.StatusOK, boCall(t, srv, with(token), nil), "a second before expiry")
		clock.Add(time.Second)
		var e boErrBody
		assert.Equal(t, http.StatusUnauthorized, boCall(t, srv, with(token), &e), "at expiry")
		assert.Contains(t, e.Message, "expired")
		for _, c := range []specCall{
			{Path: "/users", Body: `{"channelIds":[1014],"startDate":"2025-01-01T00:00:00Z","endDate":"2025-07-01T00:00:00Z"}`},
			{Path: "/transcripts", Body: `{"botUserId":"+919876543210","channelId":1014}`},
		} {
			c.Header = map[string]string{"Authorization": token}
			assert.Equal(t, http.StatusUnauthorized, boCall(t, srv, c, nil), c.Path)
		}
		assert.Equal(t, http.StatusOK, boCall(t, srv, usage, nil), "a new login works again")
	})
}

func TestBotOpenBotUsage(t *testing.T) {
	srv, s, _ := boTestServer(t)
	count := func(month time.Time, channel int) (int, int) {
		from := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
		to := from.AddDate(0, 1, 0)
		msgs, users := 0, 0
		for _, u := range s.users {
			if channel != 0 && u.channel != channel {
				continue
			}
			n := 0
			for _, tr := range u.transcripts {
				if !tr.CreatedAt.Before(from) && tr.CreatedAt.Before(to) {
					n++
				}
			}
			msgs += n
			if n > 0 {
				users++
			}
		}
		return msgs, users
	}
	tests := []struct {
		name, query string
		month       time.Time
		channel     int
	}{
		{"this month, every channel", "", boTestNow, 0},
		{"last month, whatsapp", "?monthDate=2025-05-01&channelId=1014", boTestNow.AddDate(0, -1, 0), 1014},
		{"mid-month date means its month", "?monthDate=2025-04-17&channelId=1010", time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), 1010},
		{"a channel without users", "?monthDate=2025-05-01&channelId=1018", boTestNow.AddDate(0, -1, 0), 1018},
		{"before the seed", "?monthDate=2020-01-01", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), 0},
	}
	total := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got genbotopen.BotUsage
			require.Equal(t, http.StatusOK, boCall(t, srv, specCall{Method: http.MethodGet, Path: "/botUsage" + tt.query}, &got))
			msgs, users := count(tt.month, tt.channel)
			assert.Equal(t, msgs, *got.TotalMessages)
			assert.Equal(t, users, *got.TotalUsers)
			total += msgs
		})
	}
	assert.Positive(t, total, "the seed has messages in these months")
	for _, q := range []string{"?monthDate=August", "?channelId=42"} {
		t.Run("bad query "+q, func(t *testing.T) {
			var e boErrBody
			// The spec declares no 400 for /botUsage, so the mock answers 500.
			assert.Equal(t, http.StatusInternalServerError, boCall(t, srv, specCall{Method: http.MethodGet, Path: "/botUsage" + q, Invalid: true}, &e))
			assert.Equal(t, 500, e.StatusCode)
		})
	}
}

func boUsersBody(channels []int, from, to time.Time) string {
	b, _ := json.Marshal(map[string]any{"channelIds": channels, "startDate": from.Format(time.RFC3339Nano), "endDate": to.Format(time.RFC3339Nano)})
	return string(b)
}

// boAllUsers pages through /users and checks the paging fields on the way.
func boAllUsers(t *testing.T, srv *Server, body string, limit int) []genbotopen.User {
	t.Helper()
	var all []genbotopen.User
	for page := 1; ; page++ {
		var p genbotopen.UsersPage
		require.Equal(t, http.StatusOK, boCall(t, srv, specCall{Path: fmt.Sprintf("/users?page=%d&limit=%d", page, limit), Body: body}, &p))
		require.NotNil(t, p.Users)
		assert.Equal(t, page, *p.Page)
		assert.Equal(t, limit, *p.Limit)
		assert.Equal(t, (*p.Total+limit-1)/limit, *p.Pages)
		assert.LessOrEqual(t, len(*p.Users), limit)
		all = append(all, *p.Users...)
		if *p.HasNextPage == 0 {
			assert.GreaterOrEqual(t, page, *p.Pages)
			assert.Len(t, all, *p.Total)
			return all
		}
		assert.Equal(t, 1, *p.HasNextPage)
		require.Less(t, page, 100, "paging does not end")
	}
}

func TestBotOpenUsers(t *testing.T) {
	srv, s, _ := boTestServer(t)
	everyChannel := []int{1010, 1014, 1016, 1017, 1021}
	wide := [2]time.Time{boTestNow.AddDate(-1, 0, 0), boTestNow}

	t.Run("page through everything", func(t *testing.T) {
		all := boAllUsers(t, srv, boUsersBody(everyChannel, wide[0], wide[1]), 25)
		require.Len(t, all, len(s.users))
		seen := map[string]bool{}
		for i, u := range all {
			assert.False(t, seen[*u.UserID], "user %s twice", *u.UserID)
			seen[*u.UserID] = true
			assert.Equal(t, s.users[i].userID, *u.UserID, "oldest user first")
			assert.Nil(t, u.UserName, "the live server sends name, not userName")
			if *u.ChannelName == "whatsapp" {
				assert.Regexp(t, `^\+[1-9][0-9]{7,14}$`, *u.BotUserID, "whatsapp ids are E.164 numbers")
			}
			for _, d := range []*string{u.CreatedDate, u.FirstInteractedDate, u.LastInteractedDate} {
				_, err := time.Parse(time.RFC3339, *d)
				assert.NoError(t, err)
			}
		}
		assert.True(t, seen[s.byKey[boKey(1014, BotOpenExampleUserID)].userID])
	})

	t.Run("default and large limits", func(t *testing.T) {
		var p genbotopen.UsersPage
		require.Equal(t, http.StatusOK, boCall(t, srv, specCall{Path: "/users", Body: boUsersBody(everyChannel, wide[0], wide[1])}, &p))
		assert.Equal(t, 1, *p.Page)
		assert.Equal(t, boDefaultLimit, *p.Limit)
		assert.Len(t, boAllUsers(t, srv, boUsersBody(everyChannel, wide[0], wide[1]), 1000), len(s.users))
	})

	t.Run("past the last page", func(t *testing.T) {
		var p genbotopen.UsersPage
		require.Equal(t, http.StatusOK, boCall(t, srv, specCall{Path: "/users?page=9&limit=25", Body: boUsersBody(everyChannel, wide[0], wide[1])}, &p))
		assert.Empty(t, *p.Users)
		assert.Equal(t, 0, *p.HasNextPage)
	})

	windowStart := boTestNow.AddDate(0, 0, -30)
	tests := []struct {
		name     string
		channels []int
		from, to time.Time
	}{
		{"whatsapp only", []int{1014}, wide[0], wide[1]},
		{"telegram and facebook", []int{1016, 1017}, wide[0], wide[1]},
		{"a channel without users", []int{1018}, wide[0], wide[1]},
		{"a five-day window", everyChannel, windowStart, windowStart.AddDate(0, 0, 5)},
		{"an empty range", everyChannel, windowStart, windowStart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			for _, u := range s.users {
				if slices.Contains(tt.channels, u.channel) && slices.ContainsFunc(u.transcripts, func(tr genbotopen.Transcript) bool {
					return !tr.CreatedAt.Before(tt.from) && tr.CreatedAt.Before(tt.to)
				}) {
					want = append(want, u.userID)
				}
			}
			var got []string
			for _, u := range boAllUsers(t, srv, boUsersBody(tt.channels, tt.from, tt.to), 25) {
				got = append(got, *u.UserID)
				assert.Contains(t, tt.channels, boChannelIDs[*u.ChannelName])
			}
			assert.Equal(t, want, got)
		})
	}

	errs := []struct {
		name, body string
		invalid    bool
		want       string
	}{
		{"no filters", `{}`, true, "channelIds, startDate, endDate"},
		{"no channelIds", `{"startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z"}`, true, "missing: channelIds"},
		{"no endDate", `{"channelIds":[1010],"startDate":"2025-01-01T00:00:00Z"}`, true, "missing: endDate"},
		{"null startDate", `{"channelIds":[1010],"startDate":null,"endDate":"2025-01-01T00:00:00Z"}`, true, "missing: startDate"},
		{"start after end", `{"channelIds":[1010],"startDate":"2025-02-01T00:00:00Z","endDate":"2025-01-01T00:00:00Z"}`, false, "after"},
		{"unknown channel", `{"channelIds":[42],"startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z"}`, true, "channelIds"},
		{"not a date", `{"channelIds":[1010],"startDate":"yesterday","endDate":"2025-02-01T00:00:00Z"}`, true, "startDate"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			var e boErrBody
			assert.Equal(t, http.StatusBadRequest, boCall(t, srv, specCall{Path: "/users", Body: tt.body, Invalid: tt.invalid}, &e))
			assert.Equal(t, "Bad Request", e.Error)
			assert.Contains(t, e.Message, tt.want)
		})
	}
	t.Run("limit below 25", func(t *testing.T) {
		assert.Equal(t, http.StatusBadRequest, boCall(t, srv, specCall{Path: "/users?limit=10", Body: boUsersBody(everyChannel, wide[0], wide[1]), Invalid: true}, nil))
	})
}

// boChannelIDs maps channel names back to ids.
var boChannelIDs = func() map[string]int {
	m := map[string]int{}
	for id, name := range boChannelNames {
		m[name] = id
	}
	return m
}()

// boAllTranscripts pages through /transcripts.
func boAllTranscripts(t *testing.T, srv *Server, body string, limit int) (genbotopen.BotUser, []json.RawMessage) {
	t.Helper()
	var all []json.RawMessage
	var user genbotopen.BotUser
	for page := 1; ; page++ {
		var p struct {
			BotUser           genbotopen.BotUser           `json:"botUser"`
			Transcripts       []json.RawMessage            `json:"transcripts"`
			PaginationDetails genbotopen.PaginationDetails `json:"paginationDetails"`
		}
		require.Equal(t, http.StatusOK, boCall(t, srv, specCall{Path: fmt.Sprintf("/transcripts?page=%d&limit=%d", page, limit), Body: body}, &p))
		user = p.BotUser
		pd := p.PaginationDetails
		assert.Equal(t, page, *pd.Page)
		assert.Equal(t, limit, *pd.Limit)
		assert.Equal(t, (*pd.Total+limit-1)/limit, *pd.Pages)
		all = append(all, p.Transcripts...)
		if page >= *pd.Pages {
			assert.Len(t, all, *pd.Total)
			return user, all
		}
		assert.Len(t, p.Transcripts, limit)
	}
}

func TestBotOpenTranscripts(t *testing.T) {
	srv, s, _ := boTestServer(t)
	doc := s.byKey[boKey(1014, BotOpenExampleUserID)]
	docBody := `{"botUserId":"+919876543210","channelId":1014}`

	t.Run("every message kind, paged", func(t *testing.T) {
		user, entries := boAllTranscripts(t, srv, docBody, 25)
		require.Len(t, entries, len(doc.transcripts))
		require.NotNil(t, user.CustomFields)
		assert.Contains(t, *user.CustomFields, "city")
		require.NotNil(t, user.Tags)
		kinds := map[string]bool{}
		var last time.Time
		for _, raw := range entries {
			var e map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(raw, &e))
			var kind string
			require.NoError(t, json.Unmarshal(e["type"], &kind))
			kinds[kind] = true
			assert.Contains(t, e, kind, "the entry carries its kind's sub-object")
			for _, k := range boKinds {
				if k != kind {
					assert.NotContains(t, e, k, "only the entry's own kind")
				}
			}
			var at time.Time
			require.NoError(t, json.Unmarshal(e["createdAt"], &at))
			assert.False(t, at.Before(last), "oldest first")
			last = at
			if kind == "list" {
				assert.Contains(t, string(e["list"]), `" description":`, "list rows keep the doc's leading-space key")
			}
			if kind == "dynamicList" {
				assert.Contains(t, string(e["dynamicList"]), `"description":`)
			}
		}
		for _, k := range boKinds {
			assert.True(t, kinds[k], "kind %s is missing", k)
		}
	})

	t.Run("default page", func(t *testing.T) {
		var p genbotopen.TranscriptsPage
		require.Equal(t, http.StatusOK, boCall(t, srv, specCall{Path: "/transcripts", Body: docBody}, &p))
		assert.Equal(t, 1, *p.PaginationDetails.Page)
		assert.Equal(t, 50, *p.PaginationDetails.Limit)
		assert.Equal(t, len(doc.transcripts), *p.PaginationDetails.Total)
	})

	t.Run("date range", func(t *testing.T) {
		from := *doc.transcripts[5].CreatedAt
		to := *doc.transcripts[30].CreatedAt
		body := fmt.Sprintf(`{"botUserId":"+919876543210","channelId":1014,"startDate":%q,"endDate":%q}`,
			from.Format(time.RFC3339Nano), to.Format(time.RFC3339Nano))
		_, entries := boAllTranscripts(t, srv, body, 25)
		assert.Len(t, entries, 25, "[startDate, endDate)")
	})

	t.Run("every user's transcript validates", func(t *testing.T) {
		previews := 0
		for _, u := range s.users {
			body := fmt.Sprintf(`{"botUserId":%q,"channelId":%d}`, u.botUserID, u.channel)
			_, entries := boAllTranscripts(t, srv, body, 1000)
			assert.Len(t, entries, len(u.transcripts))
			for _, e := range entries {
				if strings.Contains(string(e), `"isPreviewUser":true`) {
					previews++
				}
			}
		}
		assert.Positive(t, previews, "a preview user is seeded too")
	})

	errs := []struct {
		name, body string
		invalid    bool
		want       string
	}{
		{"unknown user", `{"botUserId":"+10000000000","channelId":1014}`, false, "no bot user"},
		{"wrong channel", `{"botUserId":"+919876543210","channelId":1010}`, false, "channel 1010"},
		{"older than 3 months", `{"botUserId":"+919876543210","channelId":1014,"startDate":"2025-03-01T00:00:00Z"}`, false, "3 months"},
		{"start after end", `{"botUserId":"+919876543210","channelId":1014,"startDate":"2025-06-10T00:00:00Z","endDate":"2025-06-01T00:00:00Z"}`, false, "after"},
		{"no botUserId", `{"channelId":1014}`, true, "botUserId"},
		{"unknown channel id", `{"botUserId":"+919876543210","channelId":999}`, true, "channelId"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			var e boErrBody
			assert.Equal(t, http.StatusBadRequest, boCall(t, srv, specCall{Path: "/transcripts", Body: tt.body, Invalid: tt.invalid}, &e))
			assert.Contains(t, e.Message, tt.want)
		})
	}
	for _, q := range []string{"?limit=24", "?limit=1001", "?page=0"} {
		t.Run("paging "+q, func(t *testing.T) {
			assert.Equal(t, http.StatusBadRequest, boCall(t, srv, specCall{Path: "/transcripts" + q, Body: docBody, Invalid: true}, nil))
		})
	}
}

// TestBotOpenWriteError checks the fault dialect directly: the Bot Open spec
// declares no 429, 502 or 503 (and no default response), so an injected
// fault could not pass do()'s response check.
func TestBotOpenWriteError(t *testing.T) {
	a := &botopenAPI{}
	for status, text := range map[int]string{429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable", 404: "Not Found"} {
		rec := httptest.NewRecorder()
		a.writeError(rec, status, "injected")
		assert.Equal(t, status, rec.Code)
		var e boErrBody
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e))
		assert.Equal(t, boErrBody{StatusCode: status, Message: "injected", Error: text}, e)
	}
}

func TestBotOpenDeterministic(t *testing.T) {
	newSrv := func() *Server {
		clock := &boClock{now: boTestNow}
		return NewTestServer(t, WithSeed(7), WithClock(clock.Now))
	}
	a, b := newSrv(), newSrv()
	assert.Equal(t, botOpenToken(t, a), botOpenToken(t, b), "tokens come from the seed")
	calls := []specCall{
		{Method: http.MethodGet, Path: "/botUsage?monthDate=2025-05-01"},
		{Path: "/users?limit=100", Body: boUsersBody([]int{1010, 1014, 1016, 1017, 1021}, boTestNow.AddDate(0, -4, 0), boTestNow)},
		{Path: "/transcripts?limit=1000", Body: `{"botUserId":"+919876543210","channelId":1014}`},
	}
	for _, c := range calls {
		c.API = "botopen"
		if c.Method == "" {
			c.Method = http.MethodPost
		}
		_, _, ba := do(t, a, c)
		_, _, bb := do(t, b, c)
		assert.Equal(t, string(ba), string(bb), c.Path)
	}
}

// TestBotOpenHugePageAndLimit: page and limit have no maximum on /users (and
// page none on /transcripts), so values near math.MaxInt are valid requests;
// they must page past the end or take everything, not overflow and panic.
func TestBotOpenHugePageAndLimit(t *testing.T) {
	srv, s, _ := boTestServer(t)
	users := boUsersBody([]int{1010, 1014, 1016, 1017, 1021}, boTestNow.AddDate(-1, 0, 0), boTestNow)
	const huge = "9223372036854775807"
	tests := []struct {
		path, body string
		wantAll    bool
	}{
		{path: "/users?page=" + huge + "&limit=25", body: users},
		{path: "/users?page=2&limit=" + huge, body: users},
		{path: "/users?page=1&limit=" + huge, body: users, wantAll: true},
		{path: "/transcripts?page=" + huge, body: `{"botUserId":"` + BotOpenExampleUserID + `","channelId":1014}`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var p struct {
				Users       *[]json.RawMessage `json:"users"`
				Transcripts *[]json.RawMessage `json:"transcripts"`
				Pages       *int               `json:"pages"`
				Details     *struct {
					Pages int `json:"pages"`
				} `json:"paginationDetails"`
			}
			require.Equal(t, http.StatusOK, boCall(t, srv, specCall{Path: tt.path, Body: tt.body}, &p))
			if p.Users == nil {
				require.NotNil(t, p.Transcripts)
				assert.Empty(t, *p.Transcripts)
				assert.Equal(t, 1, p.Details.Pages)
				return
			}
			if tt.wantAll {
				assert.Len(t, *p.Users, len(s.users))
			} else {
				assert.Empty(t, *p.Users)
			}
			assert.Positive(t, *p.Pages)
		})
	}
}

// TestBotOpenTokensBounded: logging in in a loop cannot grow the mock without
// bound; the oldest tokens are forgotten first, and tokens a day past their
// expiry are forgotten at the next login.
func TestBotOpenTokensBounded(t *testing.T) {
	srv, s, clock := boTestServer(t)
	a := srv.Mock.services["botopen"].(*botopenAPI)
	creds := srv.Mock.cfg.creds
	body, err := json.Marshal(map[string]string{"appId": creds.BotOpenAppID, "appSecret": creds.BotOpenAppSecret})
	require.NoError(t, err)
	login := func() string {
		out, status, msg := a.login(nil, body)
		require.Equal(t, http.StatusOK, status, msg)
		return *out.(genbotopen.LoginResult).AuthToken
	}
	first := login()
	var last string
	for range boMaxTokens + 10 {
		last = login()
	}
	a.mu.RLock()
	assert.Len(t, s.tokens, boMaxTokens)
	assert.Len(t, s.issued, boMaxTokens)
	a.mu.RUnlock()
	status, msg := a.authorize(first)
	assert.Equal(t, http.StatusUnauthorized, status, "the oldest token was forgotten")
	assert.Contains(t, msg, "invalid token")
	status, _ = a.authorize(last)
	assert.Zero(t, status, "the newest token still works")

	clock.Add(srv.Mock.cfg.tokenTTL + boForgetAfter)
	login()
	a.mu.RLock()
	defer a.mu.RUnlock()
	assert.Len(t, s.tokens, 1, "tokens a day past their expiry are forgotten")
	assert.Len(t, s.issued, 1)
}
