package mock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonStringSeeds are strings whose encoding differs from the plain quoted
// text in every way json.Marshal has.
var jsonStringSeeds = []string{
	"", "plain", `quote"`, `back\slash`, "tab\tnew\nline\rcr", "\x00\x1f\x7f", "<b>&amp;</b>", "café", "日本",
	"emoji 😀", "\u2028\u2029", "bad \xff utf8", "\xed\xa0\x80", "https://x.test/?limit=250&offset=500",
}

func TestWriteJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonStringSeeds {
		var buf bytes.Buffer
		writeJSONString(&buf, s)
		want, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, string(want), buf.String(), "%q", s)
	}
}

func FuzzWriteJSONString(f *testing.F) {
	for _, s := range jsonStringSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		writeJSONString(&buf, s)
		want, _ := json.Marshal(s)
		if buf.String() != string(want) {
			t.Fatalf("writeJSONString(%q) = %s, json.Marshal gives %s", s, buf.Bytes(), want)
		}
	})
}

func TestResponseWriteJSONMatchesEncodingJSON(t *testing.T) {
	tricky := dbResponseJSON{
		UUID: "u<1>", User: &dbUserSummary{UUID: "a&b", FullName: "José \"Pepe\"", Image: "https://x.test/a?b=1&c=2", Occupation: "\u2028"},
		IsAnonymous: true, ResponseDate: "2024-06-03", ResponseCompleted: true, HasIssue: true,
		Responses: []dbAnswer{{UUID: "q", Question: "What?\n", QuestionShort: "", QuestionType: "text", Response: "bad \xff", IsBlocker: true}, {}},
		CreatedAt: "2024-06-03T08:00:00.000000Z", UpdatedAt: "x",
	}
	rows := []dbResponseJSON{tricky, {}, {Responses: []dbAnswer{}}}
	m, err := New(WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) }))
	require.NoError(t, err)
	s := dailybotOfMock(m).store
	s.mu.RLock()
	for _, c := range s.checkins {
		rs := *c.responses()
		for i := range min(len(rs), 50) {
			rows = append(rows, s.renderResponse(c, &rs[i]))
		}
	}
	s.mu.RUnlock()
	require.Greater(t, len(rows), 100, "seeded responses to compare")
	for _, r := range rows {
		var buf bytes.Buffer
		r.writeJSON(&buf)
		want, err := json.Marshal(r)
		require.NoError(t, err)
		require.Equal(t, string(want), buf.String())
	}
}

// TestResponsesPageMatchesEncodingJSON holds a page served through
// writeResponsesPage to json.Encoder's encoding of the page the old
// reflection path built: the envelope, both links (with their &) and every
// response of the window the query asks for, newest first.
func TestResponsesPageMatchesEncodingJSON(t *testing.T) {
	m, err := New(WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) }))
	require.NoError(t, err)
	s := dailybotOfMock(m).store
	c := s.checkins[1]
	from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC)
	s.mu.RLock()
	lo, hi := c.responsesBetween(from, to)
	s.mu.RUnlock()
	total := hi - lo
	require.Greater(t, total, 20, "seeded responses in the window")
	tests := []struct {
		query     string
		first, n  int
		hasNext   bool
		hasBefore bool
	}{
		{"limit=7&offset=3", 3, 7, true, true},
		{"limit=250", 0, min(250, total), total > 250, false},
		{"page=2&page_size=5", 5, 5, true, true},
		{"limit=5&offset=" + itoa(total-2), total - 2, 2, false, true},
		{"offset=100000", total, 0, false, true},
	}
	for _, tt := range tests {
		path := "/dailybot/v1/checkins/" + c.settings.ID + "/responses/?date_start=2024-01-01&date_end=2024-05-08&" + tt.query
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("X-API-KEY", m.cfg.creds.DailyBotKey)
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code, "%s: %s", tt.query, rec.Body)
		assert.Equal(t, rec.Header().Get("Content-Length"), itoa(rec.Body.Len()))

		var links struct{ Next, Previous *string }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &links))
		assert.Equal(t, tt.hasNext, links.Next != nil, tt.query)
		assert.Equal(t, tt.hasBefore, links.Previous != nil, tt.query)
		want := dbPage{Count: total, Next: links.Next, Previous: links.Previous}
		results := []dbResponseJSON{}
		s.mu.RLock()
		rs := *c.responses()
		for i := tt.first; i < tt.first+tt.n; i++ {
			results = append(results, s.renderResponse(c, &rs[hi-1-i]))
		}
		s.mu.RUnlock()
		want.Results = results
		var enc bytes.Buffer
		require.NoError(t, json.NewEncoder(&enc).Encode(want))
		assert.Equal(t, enc.String(), rec.Body.String(), tt.query)
	}
}

// FuzzResponseWriteJSON holds the response writer to json.Marshal for any
// strings in its fields.
func FuzzResponseWriteJSON(f *testing.F) {
	for _, s := range jsonStringSeeds {
		f.Add(s, "q", false)
	}
	f.Fuzz(func(t *testing.T, a, b string, flag bool) {
		r := dbResponseJSON{UUID: a, IsAnonymous: flag, ResponseDate: b, CreatedAt: a + b, UpdatedAt: b + a,
			Responses: []dbAnswer{{UUID: b, Question: a, QuestionShort: a, QuestionType: b, Response: a, IsBlocker: !flag}}}
		if !flag {
			r.User = &dbUserSummary{UUID: b, FullName: a, Image: b, Occupation: a}
		}
		var buf bytes.Buffer
		r.writeJSON(&buf)
		want, err := json.Marshal(r)
		if err != nil || buf.String() != string(want) {
			t.Fatalf("writeJSON gives %s, json.Marshal %s (%v)", buf.Bytes(), want, err)
		}
	})
}
