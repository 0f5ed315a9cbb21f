package dailybot

import (
	"context"
	"iter"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// Checkin is a check-in (stand-up) configuration. Quirk: lists fill
// SendReportOneByOne while create/update answers fill SendReportsOneByOne;
// read either.
type Checkin = gendailybot.Checkin

// CheckinSummary is a check-in's completion summary for a day; it is empty
// unless the list or get asked for it with IncludeSummary.
type CheckinSummary = gendailybot.CheckinSummary

// CheckinResponse is one user's response to a check-in; User is nil for an
// anonymous response.
type CheckinResponse = gendailybot.CheckinResponse

// CheckinAnswer is one question and its answer within a CheckinResponse.
type CheckinAnswer = gendailybot.CheckinAnswer

// UserSummary is the short user object embedded in check-in responses.
type UserSummary = gendailybot.UserSummary

// ReportingChannel is a place where check-in reports are posted.
type ReportingChannel = gendailybot.ReportingChannel

// RemindersTriggerCondition says how additional reminders are scheduled.
type RemindersTriggerCondition = gendailybot.RemindersTriggerCondition

// The reminders trigger conditions the API knows.
const (
	// RemindersSmartFrequency lets DailyBot choose when to send reminders.
	RemindersSmartFrequency = gendailybot.RemindersTriggerConditionSmartFrequency
	// RemindersFixedFrequency sends a reminder every reminders_frequency_time minutes.
	RemindersFixedFrequency = gendailybot.RemindersTriggerConditionFixedFrequency
)

// CheckinsService manages check-ins, reads their responses and sends reminders.
type CheckinsService struct{ c *Client }

// ListCheckinsParams filters and pages GET /checkins/.
type ListCheckinsParams struct {
	// IncludeSummary fills each check-in's Summary (`include_summary`); false
	// (the API's default) leaves Summary empty.
	IncludeSummary bool
	// Date is the day the summary is calculated for (`date`, YYYY-MM-DD); ""
	// means today, the API's default.
	Date string
	// IncludeArchived sends `include_archived=true`, as the official CLI
	// does; by its name it lists archived check-ins too, an effect no source
	// documents.
	IncludeArchived bool
	// IncludePendingUsers adds `pending_users` to each check-in that is not
	// anonymous (`include_pending_users`; read it with Checkin.Get).
	IncludePendingUsers bool
	// Search filters by free text (`search`, at most 256 characters).
	Search string
	// StartDate and EndDate bound the list's date filter (`start_date`,
	// `end_date`, YYYY-MM-DD); "" is not sent.
	StartDate, EndDate string
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// GetCheckinParams are the options of GET /checkins/{checkin_uuid}/.
type GetCheckinParams struct {
	// IncludeSummary fills the check-in's Summary (`include_summary`).
	IncludeSummary bool
	// Date is the day the summary is calculated for (`date`, YYYY-MM-DD); "" means today.
	Date string
}

// List iterates over every check-in visible to the API key owner (GET
// /checkins/), following each page's `next` URL (or prefetching offset pages
// under WithPrefetch). A bad Date, Limit or Offset is yielded as a
// *botsdk.ValidationError before any request; an API failure as a
// *botsdk.APIError. Breaking out of the loop stops all requests.
func (s *CheckinsService) List(ctx context.Context, params ListCheckinsParams) iter.Seq2[Checkin, error] {
	send, err := s.listSender(params)
	if err != nil {
		return failed[Checkin](err)
	}
	at, err := s.c.listPaging(opListCheckins, params.ListOptions)
	return list[Checkin](ctx, s.c, at, err, send)
}

// ListPage returns one page of check-ins (GET /checkins/) with the total
// Count and the Next URL, for callers who page themselves. It fails like List.
func (s *CheckinsService) ListPage(ctx context.Context, params ListCheckinsParams) (*Page[Checkin], error) {
	send, err := s.listSender(params)
	if err != nil {
		return nil, err
	}
	at, err := s.c.listPaging(opListCheckins, params.ListOptions)
	return listPage[Checkin](ctx, s.c, at, err, send)
}

func (s *CheckinsService) listSender(params ListCheckinsParams) (pageSender, error) {
	date, err := parseDate("date", params.Date)
	if err != nil {
		return nil, err
	}
	start, end, err := parseDates("start_date", params.StartDate, "end_date", params.EndDate)
	if err != nil {
		return nil, err
	}
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListCheckinsParams{
			IncludeSummary: optBool(params.IncludeSummary), Date: date, IncludeArchived: optBool(params.IncludeArchived),
			IncludePendingUsers: optBool(params.IncludePendingUsers), Search: optString(params.Search), StartDate: start, EndDate: end,
		}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListCheckinsRequest(s.c.server, q)
	}, nil
}

// Get returns one check-in (GET /checkins/{checkin_uuid}/). It fails with a
// *botsdk.ValidationError for an empty id or a bad Date, and a
// *botsdk.APIError (404 for an unknown id) when the API refuses.
func (s *CheckinsService) Get(ctx context.Context, checkinID string, params GetCheckinParams) (*Checkin, error) {
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return nil, err
	}
	date, err := parseDate("date", params.Date)
	if err != nil {
		return nil, err
	}
	return call[Checkin](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetCheckinRequest(server, checkinID, &gendailybot.GetCheckinParams{IncludeSummary: optBool(params.IncludeSummary), Date: date})
	})
}

// CreateCheckinParams is the body of POST /checkins/. Name and Template are
// required; nil and empty fields are not sent and take the API's defaults.
type CreateCheckinParams struct {
	// Name is the check-in's name (`name`, required).
	Name string
	// Template is the id of the template to create the check-in from (`template`, required).
	Template string
	// Active says whether the check-in is active (`active`).
	Active *bool
	// IsAnonymous makes responses anonymous (`is_anonymous`).
	IsAnonymous *bool
	// SendReportsOneByOne sends reports one by one as they are completed (`send_reports_one_by_one`).
	SendReportsOneByOne *bool
	// UseUserDefinedWorkDays follows each user's work days (`use_user_defined_work_days`).
	UseUserDefinedWorkDays *bool
	// StartOn is the day the check-in starts running (`start_on`, YYYY-MM-DD).
	StartOn string
	// EndOn is the day the check-in stops triggering (`end_on`, YYYY-MM-DD); "" means never.
	EndOn string
	// AllowEditPermissions says who can edit the settings (`allow_edit_permissions`),
	// e.g. "admins_managers_and_team_admins".
	AllowEditPermissions string
	// CanBeEdited says whether the check-in can be edited (`can_be_edited`).
	CanBeEdited *bool
	// ReportingMetadata lists the channels reports are posted to (`reporting_metadata`).
	ReportingMetadata []ReportingChannel
	// CustomTriggerTime overrides the users' work start time (`custom_trigger_time`, HH:MM:SS, e.g. "08:00:00").
	CustomTriggerTime string
	// RemindersMaxCount is the number of additional reminders (`reminders_max_count`, 0 = off, at most 3).
	RemindersMaxCount *int
	// RemindersTriggerCondition is how additional reminders are scheduled (`reminders_trigger_condition`).
	RemindersTriggerCondition RemindersTriggerCondition
	// RemindersFrequencyTime is the minutes between reminders with RemindersFixedFrequency (`reminders_frequency_time`).
	RemindersFrequencyTime *int
	// Frequency triggers the check-in every N weeks (`frequency`).
	Frequency *int
	// FrequencyOnDays are the days of the week to trigger on (`frequency_on_days`, numbers).
	FrequencyOnDays []int
	// IsTriggerBased turns automatic triggers off, leaving manual reminders (`is_trigger_based`).
	IsTriggerBased *bool
	// CustomTemplateIntro overrides the template's intro for this check-in (`custom_template_intro`).
	CustomTemplateIntro string
	// CustomTemplateOutro overrides the template's outro for this check-in (`custom_template_outro`).
	CustomTemplateOutro string
}

// Create creates a check-in from a template (POST /checkins/) and returns it.
// It fails with a *botsdk.ValidationError, before any request, when a rule
// of the API is broken: name or template empty, a date not YYYY-MM-DD or
// start_on after end_on, custom_trigger_time not HH:MM:SS,
// reminders_max_count not 0..3, a day of frequency_on_days not 1..7, an
// unknown reminders_trigger_condition. A create is never retried once it may
// have reached the server.
func (s *CheckinsService) Create(ctx context.Context, params CreateCheckinParams) (*Checkin, error) {
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	return call[Checkin](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewCreateCheckinRequest(server, body)
	})
}

func (p CreateCheckinParams) body() (gendailybot.CheckinCreateRequest, error) {
	var b gendailybot.CheckinCreateRequest
	startOn, endOn, err := parseDates("start_on", p.StartOn, "end_on", p.EndOn)
	if err != nil {
		return b, err
	}
	return gendailybot.CheckinCreateRequest{
		Name:                      p.Name,
		Template:                  p.Template,
		Active:                    p.Active,
		IsAnonymous:               p.IsAnonymous,
		SendReportsOneByOne:       p.SendReportsOneByOne,
		UseUserDefinedWorkDays:    p.UseUserDefinedWorkDays,
		StartOn:                   startOn,
		EndOn:                     endOn,
		AllowEditPermissions:      optString(p.AllowEditPermissions),
		CanBeEdited:               p.CanBeEdited,
		ReportingMetadata:         optSlice(p.ReportingMetadata),
		CustomTriggerTime:         optString(p.CustomTriggerTime),
		RemindersMaxCount:         p.RemindersMaxCount,
		RemindersTriggerCondition: optString(p.RemindersTriggerCondition),
		RemindersFrequencyTime:    p.RemindersFrequencyTime,
		Frequency:                 p.Frequency,
		FrequencyOnDays:           optSlice(p.FrequencyOnDays),
		IsTriggerBased:            p.IsTriggerBased,
		CustomTemplateIntro:       optString(p.CustomTemplateIntro),
		CustomTemplateOutro:       optString(p.CustomTemplateOutro),
	}, nil
}

// UpdateCheckinParams is the body of PATCH /checkins/{checkin_uuid}/: only
// the non-nil (and, for lists and StartOn, non-empty) fields are sent and
// changed, and at least one must be. EndOn and CustomTriggerTime are Fields:
// unchanged (the zero value), Set or Clear (sent as null). The rules are
// those of CreateCheckinParams.
type UpdateCheckinParams struct {
	// Name is the check-in's name (`name`).
	Name *string
	// Template is the id of the template (`template`).
	Template *string
	// Active says whether the check-in is active (`active`).
	Active *bool
	// IsAnonymous makes responses anonymous (`is_anonymous`).
	IsAnonymous *bool
	// SendReportsOneByOne sends reports one by one as they are completed (`send_reports_one_by_one`).
	SendReportsOneByOne *bool
	// UseUserDefinedWorkDays follows each user's work days (`use_user_defined_work_days`).
	UseUserDefinedWorkDays *bool
	// StartOn is the day the check-in starts running (`start_on`, YYYY-MM-DD).
	StartOn string
	// EndOn is the day the check-in stops triggering (`end_on`, YYYY-MM-DD,
	// not before start_on); Clear() removes it, so the check-in never stops.
	EndOn Field
	// AllowEditPermissions says who can edit the settings (`allow_edit_permissions`).
	AllowEditPermissions *string
	// CanBeEdited says whether the check-in can be edited (`can_be_edited`).
	CanBeEdited *bool
	// ReportingMetadata lists the channels reports are posted to (`reporting_metadata`).
	ReportingMetadata []ReportingChannel
	// CustomTriggerTime overrides the users' work start time
	// (`custom_trigger_time`, HH:MM:SS); Clear() removes it, so each user's
	// own work start applies again.
	CustomTriggerTime Field
	// RemindersMaxCount is the number of additional reminders (`reminders_max_count`, 0 = off, at most 3).
	RemindersMaxCount *int
	// RemindersTriggerCondition is how additional reminders are scheduled (`reminders_trigger_condition`).
	RemindersTriggerCondition *RemindersTriggerCondition
	// RemindersFrequencyTime is the minutes between reminders with RemindersFixedFrequency (`reminders_frequency_time`).
	RemindersFrequencyTime *int
	// Frequency triggers the check-in every N weeks (`frequency`).
	Frequency *int
	// FrequencyOnDays are the days of the week to trigger on (`frequency_on_days`, numbers).
	FrequencyOnDays []int
	// IsTriggerBased turns automatic triggers off, leaving manual reminders (`is_trigger_based`).
	IsTriggerBased *bool
	// CustomTemplateIntro overrides the template's intro for this check-in (`custom_template_intro`).
	CustomTemplateIntro *string
	// CustomTemplateOutro overrides the template's outro for this check-in (`custom_template_outro`).
	CustomTemplateOutro *string
}

// Update changes the given fields of a check-in (PATCH
// /checkins/{checkin_uuid}/) and returns it (a zero Checkin when the server
// answers without a body). It fails with a *botsdk.ValidationError, before
// any request, for an empty id, a broken rule of CreateCheckinParams, or
// params that set no field (Field "body", matching ErrNothingToUpdate: the
// empty body {} would change nothing), and with a *botsdk.APIError when the
// API refuses. The update sets absolute values, so it is retried like a read.
func (s *CheckinsService) Update(ctx context.Context, checkinID string, params UpdateCheckinParams) (*Checkin, error) {
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return nil, err
	}
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	return call[Checkin](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewUpdateCheckinRequest(server, checkinID, body)
	})
}

func (p UpdateCheckinParams) body() (gendailybot.CheckinUpdateRequest, error) {
	startOn, err := parseDate("start_on", p.StartOn)
	if err != nil {
		return gendailybot.CheckinUpdateRequest{}, err
	}
	return gendailybot.CheckinUpdateRequest{
		Name:                      p.Name,
		Template:                  p.Template,
		Active:                    p.Active,
		IsAnonymous:               p.IsAnonymous,
		SendReportsOneByOne:       p.SendReportsOneByOne,
		UseUserDefinedWorkDays:    p.UseUserDefinedWorkDays,
		StartOn:                   startOn,
		EndOn:                     p.EndOn,
		AllowEditPermissions:      p.AllowEditPermissions,
		CanBeEdited:               p.CanBeEdited,
		ReportingMetadata:         optSlice(p.ReportingMetadata),
		CustomTriggerTime:         p.CustomTriggerTime,
		RemindersMaxCount:         p.RemindersMaxCount,
		RemindersTriggerCondition: p.RemindersTriggerCondition,
		RemindersFrequencyTime:    p.RemindersFrequencyTime,
		Frequency:                 p.Frequency,
		FrequencyOnDays:           optSlice(p.FrequencyOnDays),
		IsTriggerBased:            p.IsTriggerBased,
		CustomTemplateIntro:       p.CustomTemplateIntro,
		CustomTemplateOutro:       p.CustomTemplateOutro,
	}, nil
}

// Delete deletes a check-in (DELETE /checkins/{checkin_uuid}/); 200 and 204
// are both success. It fails with a *botsdk.ValidationError for an empty id
// and a *botsdk.APIError when the API refuses.
func (s *CheckinsService) Delete(ctx context.Context, checkinID string) error {
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return err
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewDeleteCheckinRequest(server, checkinID)
	})
}

// ListCheckinResponsesParams filters and pages GET
// /checkins/{checkin_uuid}/responses/. Without a user filter the API returns
// every participant's responses.
type ListCheckinResponsesParams struct {
	// DateStart is the first day of the query (`date_start`, YYYY-MM-DD); "" means today (API default).
	DateStart string
	// DateEnd is the last day of the query (`date_end`, YYYY-MM-DD); "" means today (API default).
	DateEnd string
	// User narrows the list to one user's responses (`user`, a user uuid;
	// e-mails and names are refused with 400 invalid_user_identifier). A
	// member who is not an admin or manager gets only their own either way.
	User string
	// Search filters by free text (`search`, at most 256 characters).
	Search string
	// StartDate and EndDate are the shared list date filter (`start_date`,
	// `end_date`, YYYY-MM-DD) the official CLI sends; "" is not sent.
	StartDate, EndDate string
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// Responses iterates over the responses given to a check-in (GET
// /checkins/{checkin_uuid}/responses/), following `next` page by page, or
// prefetching offset pages concurrently under WithPrefetch (the bulk-export
// path). An empty id, a bad date (or date_start after date_end), limit or
// offset is yielded as a *botsdk.ValidationError before any request.
// Breaking out of the loop stops all requests.
func (s *CheckinsService) Responses(ctx context.Context, checkinID string, params ListCheckinResponsesParams) iter.Seq2[CheckinResponse, error] {
	send, err := s.responsesSender(checkinID, params)
	if err != nil {
		return failed[CheckinResponse](err)
	}
	at, err := s.c.listPaging(opListCheckinResponses, params.ListOptions)
	return list[CheckinResponse](ctx, s.c, at, err, send)
}

// ResponsesPage returns one page of a check-in's responses with the total
// Count and the Next URL. It fails like Responses.
func (s *CheckinsService) ResponsesPage(ctx context.Context, checkinID string, params ListCheckinResponsesParams) (*Page[CheckinResponse], error) {
	send, err := s.responsesSender(checkinID, params)
	if err != nil {
		return nil, err
	}
	at, err := s.c.listPaging(opListCheckinResponses, params.ListOptions)
	return listPage[CheckinResponse](ctx, s.c, at, err, send)
}

func (s *CheckinsService) responsesSender(checkinID string, params ListCheckinResponsesParams) (pageSender, error) {
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return nil, err
	}
	start, end, err := parseDates("date_start", params.DateStart, "date_end", params.DateEnd)
	if err != nil {
		return nil, err
	}
	from, to, err := parseDates("start_date", params.StartDate, "end_date", params.EndDate)
	if err != nil {
		return nil, err
	}
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListCheckinResponsesParams{
			DateStart: start, DateEnd: end, User: optString(params.User), Search: optString(params.Search), StartDate: from, EndDate: to,
		}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListCheckinResponsesRequest(s.c.server, checkinID, q)
	}, nil
}

// SendCheckinRemindersParams is the body of POST
// /checkins/{checkin_uuid}/send-reminders/. With neither UsersUUIDs nor
// UsersEmails every participant still pending for Date is reminded.
type SendCheckinRemindersParams struct {
	// UsersUUIDs are the ids of the users to remind (`users_uuids`).
	UsersUUIDs []string
	// UsersEmails are the emails of the users to remind (`users_emails`).
	UsersEmails []string
	// ReminderTriggeredByUser is the id of the user on whose behalf the
	// reminder is sent (`reminder_triggered_by_user`). When it is set,
	// IsReminderTriggeredByMe must be false; nil then sends false.
	ReminderTriggeredByUser string
	// IsReminderTriggeredByMe sends the reminder on behalf of the API key owner
	// (`is_reminder_triggered_by_me`).
	IsReminderTriggeredByMe *bool
	// Date is the day the reminder asks the check-in update for (`date`, YYYY-MM-DD).
	Date string
}

// SendReminders reminds the participants who have not filled out a check-in
// (POST /checkins/{checkin_uuid}/send-reminders/). It fails with a
// *botsdk.ValidationError for an empty id, a bad date, or
// is_reminder_triggered_by_me true together with reminder_triggered_by_user.
// It is never retried once it may have reached the server.
func (s *CheckinsService) SendReminders(ctx context.Context, checkinID string, params SendCheckinRemindersParams) error {
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return err
	}
	date, err := parseDate("date", params.Date)
	if err != nil {
		return err
	}
	byMe := params.IsReminderTriggeredByMe
	if params.ReminderTriggeredByUser != "" && byMe == nil {
		// The docs require false here and state no default, so false is sent.
		byMe = Ptr(false)
	}
	body := gendailybot.SendRemindersRequest{
		UsersUUIDs:              optSlice(params.UsersUUIDs),
		UsersEmails:             optSlice(params.UsersEmails),
		ReminderTriggeredByUser: optString(params.ReminderTriggeredByUser),
		IsReminderTriggeredByMe: byMe,
		Date:                    date,
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewSendCheckinRemindersRequest(server, checkinID, body)
	})
}
