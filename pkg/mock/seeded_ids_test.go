package mock

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/dailybot"
)

// quickStartCheckinID is the first seeded DailyBot check-in ("Daily
// Standup") of the default seed; the README's quick start uses it.
const quickStartCheckinID = "1956f945-815d-4b65-960b-ee04e2cd592e"

// TestQuickStartCheckinIDIsStable: the README runs a command on a seeded
// check-in id, so that id must not depend on the day the mock starts.
func TestQuickStartCheckinIDIsStable(t *testing.T) {
	for _, day := range []time.Time{time.Now(), time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), time.Date(2031, 7, 1, 0, 0, 0, 0, time.UTC)} {
		srv := NewTestServer(t, WithClock(func() time.Time { return day }))
		c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
		require.NoError(t, err)
		page, err := c.Checkins.ListPage(context.Background(), dailybot.ListCheckinsParams{})
		require.NoError(t, err)
		require.NotEmpty(t, page.Results)
		require.NotNil(t, page.Results[0].ID)
		assert.Equal(t, quickStartCheckinID, *page.Results[0].ID, "on %s", day.Format(time.DateOnly))
	}
}
