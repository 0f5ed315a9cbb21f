package mock

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type responseOut struct {
	UUID string `json:"uuid"`
	User *struct {
		UUID string `json:"uuid"`
	} `json:"user"`
	IsAnonymous bool   `json:"is_anonymous"`
	CreatedAt   string `json:"created_at"`
	Responses   []struct {
		Question string `json:"question"`
		Response string `json:"response"`
	} `json:"responses"`
}

// relPath turns an absolute next/previous URL from srv into the path below
// the DailyBot base path that do() takes.
func relPath(t *testing.T, srv *Server, link string) string {
	t.Helper()
	base := srv.BaseURL("dailybot")
	require.True(t, strings.HasPrefix(link, base), "link %q is absolute and on the mock's host", link)
	return strings.TrimPrefix(link, base)
}

// TestDailyBotPagingThroughEveryResponse follows next through every page of
// every check-in's responses over the whole 90 days; each page is validated
// against the spec by do().
func TestDailyBotPagingThroughEveryResponse(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	checkins := decodeJSON[pageOut[checkinOut]](t, get(t, srv, "/checkins/", 200))
	require.Len(t, checkins.Results, len(dbCheckinDefs))

	total, pages := 0, 0
	seen := map[string]bool{}
	for _, c := range checkins.Results {
		path := "/checkins/" + c.ID + "/responses/?date_start=2024-01-01&date_end=2024-05-08"
		count := -1
		var last time.Time
		for path != "" {
			page := decodeJSON[pageOut[responseOut]](t, get(t, srv, path, 200))
			pages++
			if count < 0 {
				count = page.Count
				require.Nil(t, page.Previous, "the first page has no previous")
			}
			assert.Equal(t, count, page.Count, "count is the same on every page")
			assert.LessOrEqual(t, len(page.Results), dbDefaultLimit)
			for _, r := range page.Results {
				assert.False(t, seen[r.UUID], "response %s appears once", r.UUID)
				seen[r.UUID] = true
				at, err := time.Parse(time.RFC3339Nano, r.CreatedAt)
				require.NoError(t, err)
				if !last.IsZero() {
					assert.False(t, at.After(last), "newest first")
				}
				last = at
				assert.Equal(t, r.IsAnonymous, r.User == nil, "anonymous responses carry no user")
				assert.NotEmpty(t, r.Responses)
			}
			total += len(page.Results)
			path = ""
			if page.Next != nil {
				next, err := url.Parse(*page.Next)
				require.NoError(t, err)
				assert.Equal(t, "2024-01-01", next.Query().Get("date_start"), "next keeps the other query parameters")
				assert.Equal(t, "250", next.Query().Get("limit"))
				path = relPath(t, srv, *page.Next)
			}
		}
	}
	assert.GreaterOrEqual(t, total, 10_000, "the seed holds at least 10,000 responses")
	assert.Len(t, seen, total)
	assert.Greater(t, pages, 40)
}

func TestDailyBotPagingLinks(t *testing.T) {
	srv := NewTestServer(t)
	first := decodeJSON[pageOut[json.RawMessage]](t, get(t, srv, "/users/?limit=20", 200))
	require.Len(t, first.Results, 20)
	require.NotNil(t, first.Next)
	assert.Nil(t, first.Previous)
	assert.Equal(t, srv.URL+"/dailybot/v1/users/?limit=20&offset=20", *first.Next)

	second := decodeJSON[pageOut[json.RawMessage]](t, get(t, srv, relPath(t, srv, *first.Next), 200))
	require.NotNil(t, second.Previous)
	assert.Equal(t, srv.URL+"/dailybot/v1/users/?limit=20", *second.Previous, "the previous link of page 2 drops offset, as DRF does")

	last := decodeJSON[pageOut[json.RawMessage]](t, get(t, srv, "/users/?limit=20&offset=40", 200))
	assert.Nil(t, last.Next)
	assert.Len(t, last.Results, first.Count-40)

	past := decodeJSON[pageOut[json.RawMessage]](t, get(t, srv, "/users/?offset=1000", 200))
	assert.Empty(t, past.Results)
	assert.Equal(t, first.Count, past.Count)
	assert.Nil(t, past.Next)

	clamped := decodeJSON[pageOut[json.RawMessage]](t, get(t, srv, "/checkins/"+seededIDs(srv).checkin+"/responses/?date_start=2000-01-01&date_end=2100-01-01&limit=1000", 200))
	assert.Len(t, clamped.Results, dbMaxLimit, "limit is capped at 250")
	require.NotNil(t, clamped.Next)
	assert.Contains(t, *clamped.Next, "limit=250")
}

// TestDailyBotResponsesDefaultToToday: without date_start/date_end only
// today's responses are listed (the doc's default), a small share of the data.
func TestDailyBotResponsesDefaultToToday(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	id := seededIDs(srv).checkin
	today := decodeJSON[pageOut[responseOut]](t, get(t, srv, "/checkins/"+id+"/responses/", 200))
	all := decodeJSON[pageOut[responseOut]](t, get(t, srv, "/checkins/"+id+"/responses/?date_start=2024-01-01&date_end=2024-05-08", 200))
	assert.Positive(t, today.Count)
	assert.Less(t, today.Count*20, all.Count)
	for _, r := range today.Results {
		assert.True(t, strings.HasPrefix(r.CreatedAt, "2024-05-08T"), r.CreatedAt)
	}
	old := decodeJSON[pageOut[responseOut]](t, get(t, srv, "/checkins/"+id+"/responses/?date_start=2023-01-01&date_end=2023-12-31", 200))
	assert.Zero(t, old.Count, "nothing older than 90 days")
	assert.Empty(t, old.Results)
}

// TestDailyBotPagingHugeOffset: an offset near math.MaxInt passes the spec
// (minimum 0, no maximum) and must page past the end, not overflow into a
// negative window and panic.
func TestDailyBotPagingHugeOffset(t *testing.T) {
	srv := NewTestServer(t)
	for _, path := range []string{
		"/users/?offset=9223372036854775807",
		"/users/?offset=9223372036854775700&limit=250",
		"/teams/?offset=9223372036854775807&limit=1",
		"/checkins/" + seededIDs(srv).checkin + "/responses/?date_start=2000-01-01&date_end=2100-01-01&offset=9223372036854775807",
	} {
		t.Run(path, func(t *testing.T) {
			page := decodeJSON[pageOut[json.RawMessage]](t, get(t, srv, path, 200))
			assert.Empty(t, page.Results)
			assert.Positive(t, page.Count)
			assert.Nil(t, page.Next)
			require.NotNil(t, page.Previous)
		})
	}
}

// TestDailyBotPagingByNumber: every list takes page/page_size as well as
// limit/offset, and its links keep the style of the request; a page past the
// last is 404 "Invalid page.", as DRF's page-number paging answers.
func TestDailyBotPagingByNumber(t *testing.T) {
	srv := NewTestServer(t)
	all := decodeJSON[pageOut[map[string]any]](t, get(t, srv, "/users/", 200))
	require.Greater(t, all.Count, 4)

	var byNumber []any
	path := "/users/?page_size=2"
	for path != "" {
		page := decodeJSON[pageOut[map[string]any]](t, get(t, srv, path, 200))
		assert.Equal(t, all.Count, page.Count)
		assert.LessOrEqual(t, len(page.Results), 2)
		for _, u := range page.Results {
			byNumber = append(byNumber, u["uuid"])
		}
		path = ""
		if page.Next != nil {
			next, err := url.Parse(*page.Next)
			require.NoError(t, err)
			assert.Equal(t, "2", next.Query().Get("page_size"))
			assert.NotEmpty(t, next.Query().Get("page"))
			assert.False(t, next.Query().Has("limit") || next.Query().Has("offset"), "next keeps the request's style")
			path = relPath(t, srv, *page.Next)
		}
	}
	var byOffset []any
	for _, u := range all.Results {
		byOffset = append(byOffset, u["uuid"])
	}
	assert.Equal(t, byOffset, byNumber)

	second := decodeJSON[pageOut[map[string]any]](t, get(t, srv, "/users/?page=2&page_size=2", 200))
	require.NotNil(t, second.Previous)
	prev, err := url.Parse(*second.Previous)
	require.NoError(t, err)
	assert.Equal(t, url.Values{"page_size": {"2"}}, prev.Query(), "the first page's link drops page")
	assert.Contains(t, string(get(t, srv, "/users/?page=999&page_size=2", 404)), "Invalid page.")
}

// TestDailyBotV3FieldsAndFilters: the fields the v3 docs and the official
// CLI read, and the CLI's list filters.
func TestDailyBotV3FieldsAndFilters(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	me := decodeJSON[map[string]any](t, get(t, srv, "/me/", 200))
	assert.NotContains(t, me, "email", "e-mail only with include_email")
	assert.Regexp(t, `^\d\d:\d\d$`, me["hour_init_work"])
	assert.Contains(t, me, "anniversary")
	assert.Equal(t, "Pro", me["organization"].(map[string]any)["plan_name"])
	me = decodeJSON[map[string]any](t, get(t, srv, "/me/?include_email=true", 200))
	assert.Contains(t, me["email"], "@")

	users := decodeJSON[pageOut[map[string]any]](t, get(t, srv, "/users/?include_email=true", 200))
	for _, u := range users.Results {
		assert.Contains(t, u["email"], "@")
	}
	user := users.Results[0]["uuid"].(string)
	one := decodeJSON[map[string]any](t, get(t, srv, "/users/"+user+"/?include_email=true", 200))
	assert.Equal(t, users.Results[0]["email"], one["email"])

	org := decodeJSON[map[string]any](t, get(t, srv, "/organization/", 200))
	assert.NotEmpty(t, org["timezone"])
	teams := decodeJSON[pageOut[map[string]any]](t, get(t, srv, "/teams/", 200))
	members := decodeJSON[pageOut[map[string]any]](t, get(t, srv, "/teams/"+teams.Results[0]["uuid"].(string)+"/members/", 200))
	assert.Equal(t, float64(members.Count), teams.Results[0]["members_count"])

	checkins := decodeJSON[pageOut[checkinOut]](t, get(t, srv, "/checkins/?search=STAND", 200))
	require.NotEmpty(t, checkins.Results)
	for _, c := range checkins.Results {
		assert.Contains(t, strings.ToLower(c.Name), "stand")
	}
	all := decodeJSON[pageOut[checkinOut]](t, get(t, srv, "/checkins/", 200))
	assert.Less(t, checkins.Count, all.Count)

	path := "/checkins/" + all.Results[0].ID + "/responses/?start_date=2024-04-01&end_date=2024-05-08"
	responses := decodeJSON[pageOut[map[string]any]](t, get(t, srv, path, 200))
	require.NotEmpty(t, responses.Results)
	first := responses.Results[0]
	assert.Equal(t, first["created_at"].(string)[:10], first["response_date"])
	for _, a := range first["responses"].([]any) {
		assert.NotEmpty(t, a.(map[string]any)["uuid"], "each answer names its question")
	}
	author := first["user"].(map[string]any)["uuid"].(string)
	mine := decodeJSON[pageOut[map[string]any]](t, get(t, srv, path+"&user="+author, 200))
	require.NotEmpty(t, mine.Results)
	assert.Less(t, mine.Count, responses.Count)
	for _, r := range mine.Results {
		assert.Equal(t, author, r["user"].(map[string]any)["uuid"])
	}
	assert.Contains(t, string(get(t, srv, path+"&user=ana@example.com", 400)), "invalid_user_identifier")
}

// TestDailyBotFormsBothShapes: /forms/ is the old doc's bare array, and the
// envelope when the request pages, as the official CLI reads it.
func TestDailyBotFormsBothShapes(t *testing.T) {
	srv := NewTestServer(t)
	bare := decodeJSON[[]map[string]any](t, get(t, srv, "/forms/", 200))
	require.Greater(t, len(bare), 1)
	page := decodeJSON[pageOut[map[string]any]](t, get(t, srv, "/forms/?page_size=1", 200))
	assert.Equal(t, len(bare), page.Count)
	require.Len(t, page.Results, 1)
	require.NotNil(t, page.Next)
	assert.Contains(t, *page.Next, "page=2")
}
