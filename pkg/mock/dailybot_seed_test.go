package mock

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serveDirect answers one authenticated DailyBot GET straight from m's handler.
func serveDirect(t *testing.T, m *Mock, path string) []byte {
	t.Helper()
	w := serveDirectB(t, m, path)
	require.Equal(t, http.StatusOK, w.Code, "GET %s: %s", path, w.Body)
	return w.Body.Bytes()
}

func serveDirectB(tb testing.TB, m *Mock, path string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, "http://mock.test/dailybot/v1"+path, nil)
	r.Header.Set("X-API-KEY", m.cfg.creds.DailyBotKey)
	w := httptest.NewRecorder()
	m.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		tb.Fatalf("GET %s: %d %s", path, w.Code, w.Body)
	}
	return w
}

// TestDailyBotDeterministicSeed: the time of day changes only today's
// responses (none is given before now but the key owner's of midnight), so two mocks started the same day
// with the same seed answer everything else byte for byte the same, the
// history up to yesterday included.
func TestDailyBotDeterministicSeed(t *testing.T) {
	morning, err := New(WithSeed(42), WithClock(fixedClock("2024-05-08T00:00:01Z")))
	require.NoError(t, err)
	evening, err := New(WithSeed(42), WithClock(fixedClock("2024-05-08T23:59:59Z")))
	require.NoError(t, err)
	other, err := New(WithSeed(43), WithClock(fixedClock("2024-05-08T12:00:00Z")))
	require.NoError(t, err)

	responses := func(m *Mock) string {
		id := dailybotOfMock(m).store.checkins[2].settings.ID
		return "/checkins/" + id + "/responses/?date_start=2024-01-01&date_end=2024-05-07&offset=500"
	}
	paths := []func(*Mock) string{responses}
	for _, p := range []string{"/me/", "/organization/", "/users/", "/teams/", "/forms/", "/checkins/",
		"/checkins/?include_summary=true&date=2024-05-07", "/templates/?type=checkins", "/templates/?type=forms"} {
		paths = append(paths, func(*Mock) string { return p })
	}
	for _, path := range paths {
		t.Run(path(morning), func(t *testing.T) {
			a := serveDirect(t, morning, path(morning))
			assert.True(t, bytes.Equal(a, serveDirect(t, evening, path(evening))), "same seed, same day: same bytes")
			assert.False(t, bytes.Equal(a, serveDirect(t, other, path(other))), "another seed: other data")
		})
	}
	today := func(m *Mock) int {
		return decodeJSON[pageOut[responseOut]](t, serveDirect(t, m, "/checkins/"+dailybotOfMock(m).store.checkins[0].settings.ID+"/responses/")).Count
	}
	assert.Equal(t, 1, today(morning), "at one second past midnight, only the key owner's response the examples edit")
	assert.Greater(t, today(evening), 1)
}

func dailybotOfMock(m *Mock) *dailybotAPI { return m.services["dailybot"].(*dailybotAPI) }

func TestDailyBotSeedShape(t *testing.T) {
	m, err := New(WithClock(fixedClock("2024-05-08T10:00:00Z")))
	require.NoError(t, err)
	s := dailybotOfMock(m).store
	assert.Len(t, s.users, 52)
	assert.Equal(t, "ADMIN", s.owner.Role)
	total := 0
	for _, c := range s.checkins {
		total += len(*c.responses())
		for i := 1; i < len(*c.responses()); i++ {
			require.LessOrEqual(t, (*c.responses())[i-1].at, (*c.responses())[i].at, "responses are stored oldest first")
		}
		first := dayStart(fixedClock("2024-05-08T10:00:00Z")()).AddDate(0, 0, -dbHistoryDays+1).UnixMicro()
		if len(*c.responses()) > 0 {
			assert.GreaterOrEqual(t, (*c.responses())[0].at, first, "%s: within the last 90 days", c.settings.Name)
		}
	}
	assert.GreaterOrEqual(t, total, 10_000)
	names := map[string]bool{}
	for _, u := range s.users {
		assert.False(t, names[u.FullName], "names are distinct: %s", u.FullName)
		names[u.FullName] = true
	}
}

// TestWithCheckinResponses: the mock holds exactly the number of check-in
// responses asked for. More than the default add older days and leave the
// default's history as it is; fewer keep the newest.
func TestWithCheckinResponses(t *testing.T) {
	now := fixedClock("2024-05-08T10:00:00Z")
	base, err := New(WithClock(now))
	require.NoError(t, err)
	def := dailybotOfMock(base).store.checkins
	defTotal := 0
	for _, c := range def {
		defTotal += len(*c.responses())
	}
	tests := []struct {
		name string
		n    int
	}{
		{"a hundred thousand", 100_000},
		{"one more than the default", defTotal + 1},
		{"the default", defTotal},
		{"a hundred", 100},
		{"one", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(WithClock(now), WithCheckinResponses(tt.n))
			require.NoError(t, err)
			total := 0
			var oldestKept int64 = math.MaxInt64
			for i, c := range dailybotOfMock(m).store.checkins {
				total += len(*c.responses())
				require.True(t, slices.IsSortedFunc(*c.responses(), func(a, b dbResponse) int { return cmp.Compare(a.at, b.at) }),
					"%s: oldest first", c.settings.Name)
				want := *def[i].responses()
				if tt.n >= defTotal {
					require.GreaterOrEqual(t, len(*c.responses()), len(want))
					assert.Equal(t, want, (*c.responses())[len(*c.responses())-len(want):], "%s: the default history is kept", c.settings.Name)
				} else {
					require.LessOrEqual(t, len(*c.responses()), len(want))
					assert.Equal(t, want[len(want)-len(*c.responses()):], *c.responses(), "%s: the newest are kept", c.settings.Name)
				}
				if len(*c.responses()) > 0 {
					oldestKept = min(oldestKept, (*c.responses())[0].at)
					assert.LessOrEqual(t, c.settings.StartOn, dateString(time.UnixMicro((*c.responses())[0].at).UTC()),
						"%s: it started before its first response", c.settings.Name)
				}
			}
			assert.Equal(t, tt.n, total)
			for i, c := range dailybotOfMock(m).store.checkins {
				if dropped := len(*def[i].responses()) - len(*c.responses()); dropped > 0 {
					assert.LessOrEqual(t, (*def[i].responses())[dropped-1].at, oldestKept,
						"%s: no response dropped is newer than one kept", c.settings.Name)
				}
			}
		})
	}
}

// TestSeededFormatting holds the check-in responses' hand-written
// formatting to what fmt and time.Format write.
func TestSeededFormatting(t *testing.T) {
	for seed := range uint64(2000) {
		s := seed * 0x9e3779b97f4a7c15
		a, b := mix64(s), mix64(s^0x9e3779b97f4a7c15)
		want := fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, a>>16&0xffff, 0x4000|a&0x0fff, 0x8000|b>>48&0x3fff, b&0xffffffffffff)
		require.Equal(t, want, seededUUID(s))
	}
	for _, at := range []time.Time{
		time.Date(2024, 5, 8, 15, 4, 5, 123456789, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 10, 2, 30, 0, 1000, time.FixedZone("X", -5*3600)),
		time.UnixMicro(1717416000123456),
	} {
		assert.Equal(t, at.UTC().Format(dbTimeLayout), drfTime(at), "%v", at)
	}
}
