package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// MoodEntry is the API key owner's mood entry for a date (GET
// /mood/track/): Motivation holds the score and when it was recorded, and
// is nil when nothing was recorded (the API's `{"motivation": null}`).
type MoodEntry = gendailybot.MoodEntry

// Motivation is a recorded mood: the score (1–5) and when it was recorded.
type Motivation = gendailybot.Motivation

// MoodTracked is the answer of POST /mood/track/. Quirk: its message is
// under `details` (plural), unlike the usual `detail`.
type MoodTracked = gendailybot.MoodTracked

// MoodService reads and records the API key owner's mood.
type MoodService struct{ c *Client }

// GetMoodParams are the options of GET /mood/track/.
type GetMoodParams struct {
	// Date is the day to read (`date`, YYYY-MM-DD); "" is not sent and the
	// API reads today in the user's time zone.
	Date string
}

// Get returns the API key owner's mood entry for a date (GET /mood/track/);
// the zero params read today. A bad Date is a *botsdk.ValidationError before
// any request, an API failure a *botsdk.APIError.
func (s *MoodService) Get(ctx context.Context, params GetMoodParams) (*MoodEntry, error) {
	date, err := parseDate("date", params.Date)
	if err != nil {
		return nil, err
	}
	return call[MoodEntry](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetMoodRequest(server, &gendailybot.GetMoodParams{Date: date})
	})
}

// TrackMoodParams is the body of POST /mood/track/.
type TrackMoodParams struct {
	// Score is the mood score (`score`, required, 1 to 5).
	Score int
	// Date is the day the score is for (`date`, YYYY-MM-DD); "" is not sent
	// and the API records today in the user's time zone.
	Date string
}

// Track records the API key owner's mood score (POST /mood/track/). One
// entry per user per date: a second one fails with a *botsdk.APIError with
// status 409 and code motivation_score_already_completed. A Score outside 1–5
// or a bad Date is a *botsdk.ValidationError before any request (the API
// answers 400 invalid_score). It is not retried once it may have reached the
// server.
func (s *MoodService) Track(ctx context.Context, params TrackMoodParams) (*MoodTracked, error) {
	date, err := parseDate("date", params.Date)
	if err != nil {
		return nil, err
	}
	body := gendailybot.TrackMoodRequest{Score: params.Score, Date: date}
	return call[MoodTracked](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewTrackMoodRequest(server, body)
	})
}
