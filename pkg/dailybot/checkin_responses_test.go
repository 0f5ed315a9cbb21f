package dailybot_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestCompleteRefusesBadAnswers checks the fill-out body's rules before any
// request: the client has no server, so a request would fail otherwise.
func TestCompleteRefusesBadAnswers(t *testing.T) {
	c, err := dailybot.New("key", dailybot.WithBaseURL("http://127.0.0.1:1"))
	require.NoError(t, err)
	tests := []struct {
		name   string
		id     string
		params dailybot.CompleteCheckinParams
		field  string
	}{
		{"empty id", "", dailybot.CompleteCheckinParams{Answers: []dailybot.Answer{{QuestionUUID: "q", Response: "x"}}}, "checkin_uuid"},
		{"no answers", "c-1", dailybot.CompleteCheckinParams{}, "responses"},
		{"no question uuid", "c-1", dailybot.CompleteCheckinParams{Answers: []dailybot.Answer{{Response: "x"}}}, "responses"},
		{"negative index", "c-1", dailybot.CompleteCheckinParams{Answers: []dailybot.Answer{{QuestionUUID: "q", Index: -1, Response: "x"}}}, "responses"},
		{"nil response", "c-1", dailybot.CompleteCheckinParams{Answers: []dailybot.Answer{{QuestionUUID: "q"}}}, "responses"},
		{"object response", "c-1", dailybot.CompleteCheckinParams{Answers: []dailybot.Answer{{QuestionUUID: "q", Response: map[string]int{}}}}, "responses"},
		{"bad date", "c-1", dailybot.CompleteCheckinParams{Answers: []dailybot.Answer{{QuestionUUID: "q", Response: true}}, ResponseDate: "20/05/2026"}, "response_date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Checkins.Complete(context.Background(), tt.id, tt.params)
			var invalid *botsdk.ValidationError
			require.ErrorAs(t, err, &invalid)
			assert.Equal(t, tt.field, invalid.Field)
			_, err = c.Checkins.EditResponse(context.Background(), tt.id, dailybot.EditCheckinResponseParams{
				Answers: tt.params.Answers, ResponseDate: tt.params.ResponseDate,
			})
			require.ErrorAs(t, err, &invalid, "the edit has the same rules")
		})
	}
}
