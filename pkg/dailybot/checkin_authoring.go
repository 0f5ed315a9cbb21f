package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// CheckinDetail is a check-in as the authoring read returns it: schedule,
// questions, participants and report channels; the config fields that come
// along are kept among its additional properties.
type CheckinDetail = gendailybot.CheckinDetail

// CheckinSchedule says when a check-in runs (days 0 = Sunday, HH:MM, IANA zone).
type CheckinSchedule = gendailybot.CheckinSchedule

// CheckinParticipants are the users and teams asked to fill out a check-in.
type CheckinParticipants = gendailybot.CheckinParticipants

// ParticipantRef is a participating user or team.
type ParticipantRef = gendailybot.ParticipantRef

// CheckinReportChannel is a channel a check-in's reports are posted to.
type CheckinReportChannel = gendailybot.CheckinReportChannel

// Detail returns a check-in's authoring detail (GET
// /checkins/{checkin_uuid}/detail/), the read the official CLI prefers to
// Get. It fails with a *botsdk.ValidationError for an empty id and a
// *botsdk.APIError (404 for an unknown id) when the API refuses.
func (s *CheckinsService) Detail(ctx context.Context, checkinID string) (*CheckinDetail, error) {
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return nil, err
	}
	return call[CheckinDetail](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetCheckinDetailRequest(server, checkinID)
	})
}

// Archive soft-deletes a check-in (DELETE /checkins/{checkin_uuid}/archive/):
// it stays readable, inactive and archived, where Delete removes it. It
// fails with a *botsdk.ValidationError for an empty id and a
// *botsdk.APIError when the API refuses.
func (s *CheckinsService) Archive(ctx context.Context, checkinID string) error {
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return err
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewArchiveCheckinRequest(server, checkinID)
	})
}
