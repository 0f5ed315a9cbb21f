package mock

import (
	"math/rand/v2"
	"net/http"
	"sync"
)

// dbStore is the DailyBot mock's state. One RWMutex guards all of it: reads
// take the read lock, every write the write lock, so an acknowledged write is
// visible to every later read. Slices reachable from the state (work days,
// reporting channels, …) are replaced on update, never changed in place, so a
// copy taken under the lock stays valid after it is released.
type dbStore struct {
	mu sync.RWMutex

	org       dbOrg
	owner     *dbUser // the API key owner (GET /me/)
	users     []*dbUser
	userByID  map[string]*dbUser
	teams     []*dbTeam
	teamByID  map[string]*dbTeam
	templates []*dbTemplate
	tmplByID  map[string]*dbTemplate
	forms     []*dbForm
	checkins  []*dbCheckin
	ciByID    map[string]*dbCheckin
	kudos     []*dbKudos
	hooks     []*dbHook

	// ids draws the ids of objects created through the API; seeded, so the
	// same seed and the same request order give the same ids.
	ids *rand.Rand
}

// newID returns a fresh object id; the caller holds the write lock.
func (s *dbStore) newID() string { return hexID(s.ids) }

// dbOrg is the organization; its JSON is GET /organization/'s body.
type dbOrg struct {
	UUID             string         `json:"uuid"`
	Name             string         `json:"name"`
	Image            string         `json:"image"`
	Platform         string         `json:"platform"`
	ChatPlatformData dbOrgChat      `json:"chat_platform_data"`
	SupportedDomains []string       `json:"supported_domains"`
	HasEmailPassword bool           `json:"has_email_password_enabled"`
	domain           string         // e-mail domain of the users
	ref              dbOrgReference // the short form users carry
}

type dbOrgChat struct {
	IsActive               bool   `json:"is_active"`
	OrganizationExternalID string `json:"organization_external_id"`
}

// dbOrgReference is the organization as embedded in a user.
type dbOrgReference struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
}

// dbUser is a user; its JSON is the User schema (GET /users/ shape).
type dbUser struct {
	UUID             string         `json:"uuid"`
	IsActive         bool           `json:"is_active"`
	BotEnabled       bool           `json:"bot_enabled"`
	FullName         string         `json:"full_name"`
	Role             string         `json:"role"`
	Timezone         string         `json:"timezone"`
	Image            string         `json:"image"`
	Username         string         `json:"username"`
	Occupation       string         `json:"occupation"`
	BirthDate        *string        `json:"birth_date"`
	ChatPlatformData dbUserChat     `json:"chat_platform_data"`
	WorkStartTime    string         `json:"work_start_time"`
	WorkDays         []int          `json:"work_days"`
	TimeoffStart     *string        `json:"timeoff_start"`
	TimeoffEnd       *string        `json:"timeoff_end"`
	Organization     dbOrgReference `json:"organization"`

	email string
	index int // position in dbStore.users, for stable member order
}

type dbUserChat struct {
	UserExternalID string `json:"user_external_id"`
}

// dbTeam is a team; its JSON is the Team schema.
type dbTeam struct {
	UUID      string `json:"uuid"`
	Name      string `json:"name"`
	Active    bool   `json:"active"`
	IsDefault bool   `json:"is_default"`

	members map[*dbUser]bool
}

// dbTemplate is a check-in or form template; its JSON is the Template schema.
// Templates carry both uuid and id (the docs show neither; newer sources use
// uuid, check-ins reference templates by "template": id).
type dbTemplate struct {
	UUID      string          `json:"uuid"`
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Questions dbTemplateQuest `json:"questions"`
	Intro     string          `json:"intro"`
	Outro     string          `json:"outro"`

	kind          string // "checkins" or "forms"
	systemDefault bool
	answers       [][]string // per question: the seeded answers to pick from
}

type dbTemplateQuest struct {
	Logic   []dbLogic `json:"logic"`
	Fields  []dbField `json:"fields"`
	Version int       `json:"version"`
}

// dbLogic is one QuestionLogic entry; a missing neighbour is false, as in the
// doc's example.
type dbLogic struct {
	NextKey     any `json:"next_key"`
	PrevKey     any `json:"prev_key"`
	QuestionKey int `json:"question_key"`
}

// dbField is one QuestionField.
type dbField struct {
	UUID          string        `json:"uuid"`
	Question      string        `json:"question"`
	IsBlocker     bool          `json:"is_blocker"`
	IsOptional    bool          `json:"is_optional"`
	ExtraParams   dbExtraParams `json:"extra_params"`
	QuestionType  string        `json:"question_type"`
	QuestionShort string        `json:"question_short"`
}

type dbExtraParams struct {
	SpecialVars []string `json:"special_vars"`
}

// dbForm is a form; its JSON is the Form schema. Forms carry both id (as the
// doc shows) and uuid (as newer sources say).
type dbForm struct {
	ID                          string  `json:"id"`
	UUID                        string  `json:"uuid"`
	Name                        string  `json:"name"`
	IsActive                    bool    `json:"is_active"`
	CollectResponsesAnonymously bool    `json:"collect_responses_anonymously"`
	Privacy                     string  `json:"privacy"`
	Shortcut                    string  `json:"shortcut"`
	StartOn                     *string `json:"start_on"`
	EndOn                       *string `json:"end_on"`
	IsArchive                   bool    `json:"is_archive"`
}

// dbCheckin is a check-in's settings plus its participants and responses.
type dbCheckin struct {
	settings     dbCheckinSettings
	template     *dbTemplate
	participants []*dbUser    // who is asked; empty for check-ins created through the API
	responses    []dbResponse // ordered by creation time, oldest first
	custom       [][]string   // answers of responses submitted through SubmitCheckinResponse
}

// dbCheckinSettings is the part of a check-in the API reads and writes.
type dbCheckinSettings struct {
	ID                        string        `json:"id"`
	Name                      string        `json:"name"`
	Template                  string        `json:"template"`
	Active                    bool          `json:"active"`
	IsAnonymous               bool          `json:"is_anonymous"`
	UseUserDefinedWorkDays    bool          `json:"use_user_defined_work_days"`
	TimeForReport             *string       `json:"time_for_report"`
	StartOn                   string        `json:"start_on"`
	Privacy                   string        `json:"privacy"`
	AllowEditPermission       string        `json:"allow_edit_permission"`
	CanBeEdited               bool          `json:"can_be_edited"`
	ReportingMetadata         []dbReporting `json:"reporting_metadata"`
	CustomTriggerTime         *string       `json:"custom_trigger_time"`
	RemindersMaxCount         int           `json:"reminders_max_count"`
	RemindersFrequencyTime    int           `json:"reminders_frequency_time"`
	RemindersTriggerCondition string        `json:"reminders_trigger_condition"`
	FrequencyType             string        `json:"frequency_type"`
	Frequency                 int           `json:"frequency"`
	FrequencyOnDays           []int         `json:"frequency_on_days"`
	EndOn                     *string       `json:"end_on"`
	IsTriggerBased            bool          `json:"is_trigger_based"`
	CustomTemplateIntro       string        `json:"custom_template_intro"`
	CustomTemplateOutro       string        `json:"custom_template_outro"`

	// OneByOne is rendered under either spelling (see dbCheckinJSON).
	OneByOne bool `json:"-"`
}

// dbCheckinJSON is a check-in as the API sends it. Quirk of the live API
// (doc): list and get spell the flag send_report_one_by_one, create and
// update send_reports_one_by_one; only list and get carry a summary.
type dbCheckinJSON struct {
	dbCheckinSettings
	SendReportOneByOne  *bool      `json:"send_report_one_by_one,omitempty"`
	SendReportsOneByOne *bool      `json:"send_reports_one_by_one,omitempty"`
	Summary             *dbSummary `json:"summary,omitempty"`
}

// dbReporting is one ReportingChannel.
type dbReporting struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// dbSummary is a CheckinSummary; all fields are omitted when include_summary
// is not true, so it encodes as {} as the doc says.
type dbSummary struct {
	CompletedPercentage     *float64 `json:"completed_percentage,omitempty"`
	ExpectedResponses       *int     `json:"expected_responses,omitempty"`
	CompletedResponses      *int     `json:"completed_responses,omitempty"`
	TotalBlockers           *int     `json:"total_blockers,omitempty"`
	CurrentUserIsRespondent *bool    `json:"current_user_is_respondent,omitempty"`
	CurrentUserHasResponse  *bool    `json:"current_user_has_response,omitempty"`
}

// dbResponse is one check-in response, stored compactly: its text is rendered
// on demand from seed (or from the check-in's custom answers), so seeding
// 10,000+ responses allocates no strings.
type dbResponse struct {
	at     int64  // created_at, Unix microseconds
	seed   uint64 // derives the uuid and the seeded answers
	user   int32  // index into dbStore.users
	edit   int32  // seconds from created_at to updated_at
	custom int32  // index+1 into dbCheckin.custom, 0 for seeded answers
	flags  uint8
}

const (
	respCompleted uint8 = 1 << iota
	respHasIssue
)

// dbKudos is posted kudos; kept so the state is complete, though no
// operation reads kudos back.
type dbKudos struct {
	id string
}

// dbHook is a webhook subscription.
type dbHook struct {
	id, url, name, bearer string
	events                map[string]bool // empty: every event
	objects               map[string]bool // empty: every check-in or form
}

// copies returns the values items point to, so they can be encoded after
// the store's lock is released; the caller holds it.
func copies[T any](items []*T) []T {
	out := make([]T, len(items))
	for i, p := range items {
		out[i] = *p
	}
	return out
}

// writeStored answers 200 with a copy of byID[id], taken under the store's
// read lock so the answer is encoded without holding it, or 404.
func writeStored[T any](a *dailybotAPI, w http.ResponseWriter, byID map[string]*T, id string) {
	s := a.store
	s.mu.RLock()
	v, ok := byID[id]
	var out T
	if ok {
		out = *v
	}
	s.mu.RUnlock()
	if !ok {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
