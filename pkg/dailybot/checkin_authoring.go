package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
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

// CheckinParticipantsInput names the users and teams asked to fill out a
// check-in, by id (`user_uuids`, `team_uuids`); create needs at least one.
type CheckinParticipantsInput = gendailybot.CheckinParticipantsInput

// CheckinFrequencyType is how a check-in's frequency counts; "weekly" is the
// only value.
type CheckinFrequencyType = gendailybot.CheckinFrequencyType

// CheckinFrequencyAdvanced is a check-in's advanced frequency: "disabled",
// "monthly", or "custom" with a cron expression.
type CheckinFrequencyAdvanced = gendailybot.CheckinFrequencyAdvanced

// CheckinReminderTone is the tone of a check-in's reminders: "standard" or
// "persuasive".
type CheckinReminderTone = gendailybot.CheckinReminderTone

// CheckinPrivacy says who may see a check-in's responses.
type CheckinPrivacy = gendailybot.CheckinPrivacy

// CheckinSettings are the configuration fields check-in create (with
// questions) and check-in config share; nil and empty fields are not sent
// and keep the API's defaults (or, on update, the check-in's values).
type CheckinSettings struct {
	// Schedule says when the check-in runs (`schedule`: days 0 = Sunday, HH:MM, IANA zone).
	Schedule *CheckinSchedule
	// ReportChannels are up to 3 report channel ids from ReportChannels.List (`report_channels`).
	ReportChannels []string
	// GenerateShortQuestion lets DailyBot write the questions' report titles (`generate_short_question`).
	GenerateShortQuestion *bool
	// StartOn and EndOn are the first and last days (`start_on`, `end_on`,
	// YYYY-MM-DD); "" is not sent.
	StartOn, EndOn string
	// FrequencyType is `frequency_type` ("weekly", the only value); "" is not sent.
	FrequencyType CheckinFrequencyType
	// Frequency runs the check-in every N weeks (`frequency`, at least 1).
	Frequency *int
	// FrequencyAdvanced is `frequency_advanced`; "" is not sent.
	FrequencyAdvanced CheckinFrequencyAdvanced
	// FrequencyCron is a 5-field cron expression for "custom" (`frequency_cron`); "" is not sent.
	FrequencyCron string
	// IsTriggerBased turns automatic triggers off (`is_trigger_based`).
	IsTriggerBased *bool
	// UseParticipantTimezone asks each participant in their own zone (`use_participant_timezone`).
	UseParticipantTimezone *bool
	// RemindersMaxCount is the number of additional reminders (`reminders_max_count`, 0 to 5).
	RemindersMaxCount *int
	// RemindersFrequencyTime is the minutes between reminders (`reminders_frequency_time`, 0 to 60).
	RemindersFrequencyTime *int
	// RemindersTriggerCondition is how reminders are scheduled (`reminders_trigger_condition`); "" is not sent.
	RemindersTriggerCondition RemindersTriggerCondition
	// ReminderTone is the reminders' tone (`reminder_tone`); "" is not sent.
	ReminderTone CheckinReminderTone
	// UseUserDefinedWorkDays follows each user's work days (`use_user_defined_work_days`).
	UseUserDefinedWorkDays *bool
	// AllowResponsesBeforeTrigger, AllowPastResponses and
	// AllowFutureResponses let participants answer before the trigger, for
	// past days and for future days.
	AllowResponsesBeforeTrigger, AllowPastResponses, AllowFutureResponses *bool
	// IsAnonymous makes responses anonymous (`is_anonymous`); the API
	// refuses to turn it off later (anonymous_irreversible).
	IsAnonymous *bool
	// SendReportsOneByOne sends reports as responses complete (`send_reports_one_by_one`).
	SendReportsOneByOne *bool
	// Privacy says who may see the responses (`privacy`); "" is not sent.
	Privacy CheckinPrivacy
	// CustomTemplateIntro and CustomTemplateOutro are the intro and outro
	// messages (3 to 1024 characters); "" is not sent.
	CustomTemplateIntro, CustomTemplateOutro string
	// TimeForReport is when the report is sent (`time_for_report`, HH:MM or HH:MM:SS); "" is not sent.
	TimeForReport string
	// IsSmartCheckin makes the check-in a smart check-in (`is_smart_checkin`).
	IsSmartCheckin *bool
	// IsIntelligenceEnabled lets DailyBot ask clarifying questions
	// (`is_intelligence_enabled`); it needs a smart check-in
	// (intelligence_requires_smart_checkin).
	IsIntelligenceEnabled *bool
	// MaxClarifyingQuestions caps the clarifying questions (`max_clarifying_questions`, 0 to 5).
	MaxClarifyingQuestions *int
}

// body is the config body the settings make; create adds its own keys.
func (p CheckinSettings) body() (gendailybot.CheckinConfigRequest, error) {
	startOn, endOn, err := parseDates("start_on", p.StartOn, "end_on", p.EndOn)
	if err != nil {
		return gendailybot.CheckinConfigRequest{}, err
	}
	return gendailybot.CheckinConfigRequest{
		Schedule: p.Schedule, ReportChannels: optSlice(p.ReportChannels), GenerateShortQuestion: p.GenerateShortQuestion,
		StartOn: startOn, EndOn: endOn, FrequencyType: optString(p.FrequencyType), Frequency: p.Frequency,
		FrequencyAdvanced: optString(p.FrequencyAdvanced), FrequencyCron: optString(p.FrequencyCron),
		IsTriggerBased: p.IsTriggerBased, UseParticipantTimezone: p.UseParticipantTimezone,
		RemindersMaxCount: p.RemindersMaxCount, RemindersFrequencyTime: p.RemindersFrequencyTime,
		RemindersTriggerCondition: optString(p.RemindersTriggerCondition), ReminderTone: optString(p.ReminderTone),
		UseUserDefinedWorkDays: p.UseUserDefinedWorkDays, AllowResponsesBeforeTrigger: p.AllowResponsesBeforeTrigger,
		AllowPastResponses: p.AllowPastResponses, AllowFutureResponses: p.AllowFutureResponses,
		IsAnonymous: p.IsAnonymous, SendReportsOneByOne: p.SendReportsOneByOne, Privacy: optString(p.Privacy),
		CustomTemplateIntro: optString(p.CustomTemplateIntro), CustomTemplateOutro: optString(p.CustomTemplateOutro),
		TimeForReport: optString(p.TimeForReport), IsSmartCheckin: p.IsSmartCheckin,
		IsIntelligenceEnabled: p.IsIntelligenceEnabled, MaxClarifyingQuestions: p.MaxClarifyingQuestions,
	}, nil
}

// CreateCheckinWithQuestionsParams is the body of POST /checkins/create/.
// Name, Participants (at least one user or team) and Questions (1 to 50)
// are required.
type CreateCheckinWithQuestionsParams struct {
	// Name is the check-in's name (`name`, not empty).
	Name string
	// Participants are the users and teams asked (`participants`, at least one).
	Participants CheckinParticipantsInput
	// Questions are the check-in's questions in order (`questions`, 1 to 50).
	Questions []QuestionParams
	// CheckinSettings are the check-in's configuration fields.
	CheckinSettings
}

// UpdateCheckinConfigParams is the body of PATCH
// /checkins/{checkin_uuid}/config/: only the set fields are sent and
// changed, and at least one must be.
type UpdateCheckinConfigParams struct {
	// Name is the check-in's name (`name`, not empty); nil keeps it.
	Name *string
	// IsActive says whether the check-in runs (`is_active`).
	IsActive *bool
	// Participants replaces the participant set whole (`participants`); nil keeps it.
	Participants *CheckinParticipantsInput
	// CheckinSettings are the configuration fields to change.
	CheckinSettings
}

// CreateWithQuestions creates a check-in from its own questions, schedule,
// participants and report channels (POST /checkins/create/; Create makes
// one from a template) and returns it as its detail. It fails with a
// *botsdk.ValidationError, before any request, when a rule the API states
// is broken (empty name, no participant, no question or more than 50, more
// than 3 report channels, a bad date, time or range, intelligence without a
// smart check-in, a multiple-choice question without options), and with a
// *botsdk.APIError when the API refuses (403 for a role below the one
// needed, 400 unknown_field, …). A create is never retried once it may have
// reached the server.
func (s *CheckinsService) CreateWithQuestions(ctx context.Context, params CreateCheckinWithQuestionsParams) (*CheckinDetail, error) {
	cfg, err := params.CheckinSettings.body()
	if err != nil {
		return nil, err
	}
	body, err := reshape[gendailybot.CheckinCreateWithQuestionsRequest](cfg)
	if err != nil {
		return nil, err
	}
	body.Name, body.Participants, body.Questions = params.Name, params.Participants, questionBodies(params.Questions)
	return call[CheckinDetail](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewCreateCheckinWithQuestionsRequest(server, body)
	})
}

// UpdateConfig changes the given configuration fields of a check-in (PATCH
// /checkins/{checkin_uuid}/config/) and returns the check-in as its
// detail. It fails with a *botsdk.ValidationError before any request for
// an empty id, a broken rule of CreateCheckinWithQuestionsParams, or params
// that set no field (matching ErrNothingToUpdate), and with a
// *botsdk.APIError when the API refuses (400 anonymous_irreversible for
// turning IsAnonymous off, 404 for an unknown id).
func (s *CheckinsService) UpdateConfig(ctx context.Context, checkinID string, params UpdateCheckinConfigParams) (*CheckinDetail, error) {
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return nil, err
	}
	body, err := params.CheckinSettings.body()
	if err != nil {
		return nil, err
	}
	body.Name, body.IsActive, body.Participants = params.Name, params.IsActive, params.Participants
	return call[CheckinDetail](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewUpdateCheckinConfigRequest(server, checkinID, body)
	})
}

// AddQuestion appends a question to a check-in (POST
// /checkins/{checkin_uuid}/questions/) and returns it. It fails with a
// *botsdk.ValidationError before any request for an empty id or a broken
// rule of QuestionParams, and with a *botsdk.APIError when the API refuses.
// It is never retried once it may have reached the server.
func (s *CheckinsService) AddQuestion(ctx context.Context, checkinID string, params QuestionParams) (*Question, error) {
	return checkinQuestionOps.addQuestion(ctx, s.c, checkinID, params)
}

// UpdateQuestion changes the given fields of a check-in question (PATCH
// /checkins/{checkin_uuid}/questions/{question_uuid}/) and returns it. It
// fails with a *botsdk.ValidationError before any request for an empty id,
// a broken rule, or params that set no field (matching
// ErrNothingToUpdate), and with a *botsdk.APIError when the API refuses.
func (s *CheckinsService) UpdateQuestion(ctx context.Context, checkinID, questionID string, params UpdateQuestionParams) (*Question, error) {
	return checkinQuestionOps.updateQuestion(ctx, s.c, checkinID, questionID, params)
}

// DeleteQuestion deletes a question from a check-in (DELETE
// /checkins/{checkin_uuid}/questions/{question_uuid}/delete/; note the
// extra segment). It fails with a *botsdk.ValidationError for an empty id
// and a *botsdk.APIError when the API refuses.
func (s *CheckinsService) DeleteQuestion(ctx context.Context, checkinID, questionID string) error {
	return checkinQuestionOps.deleteQuestion(ctx, s.c, checkinID, questionID)
}

// ReorderQuestions sets the order of a check-in's questions (PUT
// /checkins/{checkin_uuid}/questions/reorder/, body `question_uuids`):
// questionIDs must name every question of the check-in once, in the new
// order; the API refuses a missing or unknown one with 400
// (question_uuids_incomplete). It fails with a *botsdk.ValidationError
// before any request for an empty check-in id, no question id, or one
// given twice (question_uuids_duplicate).
func (s *CheckinsService) ReorderQuestions(ctx context.Context, checkinID string, questionIDs ...string) error {
	return checkinQuestionOps.reorderQuestions(ctx, s.c, checkinID, questionIDs)
}

// checkinParticipant refuses a create without a participant
// (checkin_requires_participant).
func checkinParticipant(r *botsdk.OutgoingRequest) error {
	obj, _ := r.Body.(map[string]any)
	p, _ := obj["participants"].(map[string]any)
	if len(asList(p["user_uuids"])) == 0 && len(asList(p["team_uuids"])) == 0 {
		return r.Invalid("participants", "needs at least one of user_uuids and team_uuids")
	}
	return nil
}

// intelligenceNeedsSmart refuses a create that enables intelligence on a
// check-in that is not smart (intelligence_requires_smart_checkin); on
// config the check-in's own value may make it smart, so only create checks.
func intelligenceNeedsSmart(r *botsdk.OutgoingRequest) error {
	obj, _ := r.Body.(map[string]any)
	if obj["is_intelligence_enabled"] == true && obj["is_smart_checkin"] != true {
		return r.Invalid("is_intelligence_enabled", "needs is_smart_checkin true")
	}
	return nil
}
