package mock

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"

	"github.com/getkin/kin-openapi/routers"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// dailybotAPI is the DailyBot part of the mock: the operations of
// specs/dailybot.yaml under /dailybot/v1/, in Django REST Framework's error
// dialect ({"detail": …}), over the state in dbStore. Webhook subscriptions
// made through it receive deliveries when the state changes.
type dailybotAPI struct {
	specAPI
	cfg      *config
	store    *dbStore
	hooks    *webhookDispatcher
	handlers map[string]dbHandler
	agents   *dbAgents
}

// dbHandler serves one operation; p holds the path parameters. The request
// has been authenticated and validated against the spec.
type dbHandler func(a *dailybotAPI, w http.ResponseWriter, r *http.Request, p map[string]string)

// dbOperations maps operationIds of specs/dailybot.yaml to their handlers;
// the spec's other operations answer their documented examples.
var dbOperations = map[string]dbHandler{
	"getMe":                      (*dailybotAPI).getMe,
	"getOrganization":            (*dailybotAPI).getOrganization,
	"listUsers":                  (*dailybotAPI).listUsers,
	"getUser":                    (*dailybotAPI).getUser,
	"updateUser":                 (*dailybotAPI).updateUser,
	"listTeams":                  (*dailybotAPI).listTeams,
	"getTeam":                    (*dailybotAPI).getTeam,
	"listTeamMembers":            (*dailybotAPI).listTeamMembers,
	"addTeamMembers":             (*dailybotAPI).addTeamMembers,
	"removeTeamMember":           (*dailybotAPI).removeTeamMember,
	"listCheckins":               (*dailybotAPI).listCheckins,
	"createCheckin":              (*dailybotAPI).createCheckin,
	"getCheckin":                 (*dailybotAPI).getCheckin,
	"updateCheckin":              (*dailybotAPI).updateCheckin,
	"deleteCheckin":              (*dailybotAPI).deleteCheckin,
	"listCheckinResponses":       (*dailybotAPI).listCheckinResponses,
	"sendCheckinReminders":       (*dailybotAPI).sendCheckinReminders,
	"completeCheckin":            (*dailybotAPI).completeCheckin,
	"editCheckinResponse":        (*dailybotAPI).editCheckinResponse,
	"resetCheckinResponse":       (*dailybotAPI).resetCheckinResponse,
	"getCheckinDetail":           (*dailybotAPI).getCheckinDetail,
	"archiveCheckin":             (*dailybotAPI).archiveCheckin,
	"createCheckinWithQuestions": (*dailybotAPI).createCheckinWithQuestions,
	"updateCheckinConfig":        (*dailybotAPI).updateCheckinConfig,
	"addCheckinQuestion":         addQuestion(checkinQuestions),
	"updateCheckinQuestion":      updateQuestion(checkinQuestions),
	"deleteCheckinQuestion":      deleteQuestion(checkinQuestions),
	"reorderCheckinQuestions":    reorderQuestions(checkinQuestions),
	"listForms":                  (*dailybotAPI).listForms,
	"listFormOwners":             (*dailybotAPI).listFormOwners,
	"createForm":                 (*dailybotAPI).createForm,
	"updateFormConfig":           (*dailybotAPI).updateFormConfig,
	"archiveForm":                (*dailybotAPI).archiveForm,
	"addFormQuestion":            addQuestion(formQuestions),
	"updateFormQuestion":         updateQuestion(formQuestions),
	"deleteFormQuestion":         deleteQuestion(formQuestions),
	"reorderFormQuestions":       reorderQuestions(formQuestions),
	"getForm":                    (*dailybotAPI).getForm,
	"listFormResponses":          (*dailybotAPI).listFormResponses,
	"submitFormResponse":         (*dailybotAPI).submitFormResponse,
	"getFormResponse":            (*dailybotAPI).getFormResponse,
	"updateFormResponse":         (*dailybotAPI).updateFormResponse,
	"deleteFormResponse":         (*dailybotAPI).deleteFormResponse,
	"transitionFormResponse":     (*dailybotAPI).transitionFormResponse,
	"listReportChannels":         (*dailybotAPI).listReportChannels,
	"listTemplates":              (*dailybotAPI).listTemplates,
	"getTemplate":                (*dailybotAPI).getTemplate,
	"createWebhookSubscription":  (*dailybotAPI).createWebhookSubscription,
	"deleteWebhookSubscription":  (*dailybotAPI).deleteWebhookSubscription,
	"sendMessage":                (*dailybotAPI).sendMessage,
	"sendEmail":                  (*dailybotAPI).sendEmail,
	"openConversation":           (*dailybotAPI).openConversation,
	"giveKudos":                  (*dailybotAPI).giveKudos,
	"listKudos":                  (*dailybotAPI).listKudos,
	"listOrganizationKudos":      (*dailybotAPI).listOrganizationKudos,
	"getKudosWallOfFame":         (*dailybotAPI).getKudosWallOfFame,
	"boostKudos":                 (*dailybotAPI).boostKudos,
	"getMood":                    (*dailybotAPI).getMood,
	"trackMood":                  (*dailybotAPI).trackMood,
	"getTeamMember":              (*dailybotAPI).getTeamMember,
	"updateTeamMember":           (*dailybotAPI).updateTeamMember,
	"sampleWebhookEvent":         (*dailybotAPI).sampleWebhookEvent,
	"listImportantDates":         (*dailybotAPI).listImportantDates,
	"getImportantDate":           (*dailybotAPI).getImportantDate,
	"createImportantDate":        (*dailybotAPI).createImportantDate,
	"listWorkflows":              (*dailybotAPI).listWorkflows,
	"createWorkflow":             (*dailybotAPI).createWorkflow,
	"getWorkflow":                (*dailybotAPI).getWorkflow,
	"updateWorkflow":             (*dailybotAPI).updateWorkflow,
	"deleteWorkflow":             (*dailybotAPI).deleteWorkflow,
	"getWorkflowExecutionLogs":   (*dailybotAPI).getWorkflowExecutionLogs,
	"duplicateWorkflow":          (*dailybotAPI).duplicateWorkflow,
	"triggerWorkflow":            (*dailybotAPI).triggerWorkflow,
	"inviteUsers":                (*dailybotAPI).inviteUsers,
	"listPendingInvitations":     (*dailybotAPI).listPendingInvitations,
	"listAllInvitations":         (*dailybotAPI).listAllInvitations,
	"listGuestInvitations":       (*dailybotAPI).listGuestInvitations,
	"getPendingInvitation":       (*dailybotAPI).getPendingInvitation,
	"cancelPendingInvitation":    (*dailybotAPI).cancelPendingInvitation,
	"getGuestInvitation":         (*dailybotAPI).getGuestInvitation,
	"cancelGuestInvitation":      (*dailybotAPI).cancelGuestInvitation,
	"createAgentReport":          (*dailybotAPI).createAgentReport,
	"setAgentHealth":             (*dailybotAPI).setAgentHealth,
	"getAgentHealth":             (*dailybotAPI).getAgentHealth,
	"setAgentWebhook":            (*dailybotAPI).setAgentWebhook,
	"deleteAgentWebhook":         (*dailybotAPI).deleteAgentWebhook,
	"sendAgentMessage":           (*dailybotAPI).sendAgentMessage,
	"listAgentMessages":          (*dailybotAPI).listAgentMessages,
	"markAgentMessagesRead":      (*dailybotAPI).markAgentMessagesRead,
	"sendAgentEmail":             (*dailybotAPI).sendAgentEmail,
	"getAgentRegisterChallenge":  (*dailybotAPI).getAgentRegisterChallenge,
	"registerAgent":              (*dailybotAPI).registerAgent,
	"createAgentClaimToken":      (*dailybotAPI).createAgentClaimToken,
	"previewAgentClaim":          (*dailybotAPI).previewAgentClaim,
	"claimAgent":                 (*dailybotAPI).claimAgent,
}

func newDailyBot(cfg *config, v *speccheck.Validator) (*dailybotAPI, error) {
	store, err := seedDailyBot(cfg.seed, cfg.start, cfg.responses)
	if err != nil {
		return nil, err
	}
	return &dailybotAPI{
		specAPI:  newSpecAPI(v, dbOperations),
		cfg:      cfg,
		store:    store,
		hooks:    newWebhookDispatcher(cfg),
		handlers: dbOperations,
		agents:   newDBAgents(cfg.start),
	}, nil
}

// ServeHTTP answers in DRF's order: routing (404, 405), authentication (401,
// 403), validation against the spec (400), then the operation.
func (a *dailybotAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op, err := a.route(r)
	if err != nil {
		if errors.Is(err, routers.ErrMethodNotAllowed) {
			// No operation of the spec covers this, so there is no declared
			// status to keep to; answer as DRF does, with an Allow header.
			w.Header().Set("Allow", a.allowed(r))
			writeJSON(w, http.StatusMethodNotAllowed, dbError{Detail: fmt.Sprintf("Method %q not allowed.", r.Method)})
			return
		}
		a.writeError(w, http.StatusNotFound, "Not found.")
		return
	}
	switch key := r.Header.Get("X-API-KEY"); {
	case keyless(op):
		// Agent registration and claim need no key.
	case key == "":
		a.writeError(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
		return
	case subtle.ConstantTimeCompare([]byte(key), []byte(a.cfg.creds.DailyBotKey)) != 1 && !a.agentKey(key):
		// DRF answers 403 here where 401 would be expected (what-we-know §2).
		writeJSON(w, http.StatusForbidden, dbError{Detail: "Invalid API key.", Code: "authentication_failed"})
		return
	}
	in, err := a.validate(r, op)
	if err != nil {
		writeValidationError(w, err)
		return
	}
	if h, ok := a.handlers[op.id()]; ok {
		h(a, w, r, op.params)
		return
	}
	a.serveExample(w, r, in, op, a.writeError)
}

// keyless reports whether op's spec declares it without security
// (`security: []`), so it is served without an API key.
func keyless(op operation) bool {
	sec := op.route.Operation.Security
	return sec != nil && len(*sec) == 0
}

// writeError answers status with DRF's error body; a 429 carries DRF's
// "throttled" code.
func (a *dailybotAPI) writeError(w http.ResponseWriter, status int, message string) {
	e := dbError{Detail: message}
	if status == http.StatusTooManyRequests {
		e.Code = "throttled"
	}
	writeJSON(w, status, e)
}

// close stops webhook deliveries in flight and drops queued ones.
func (a *dailybotAPI) close() { a.hooks.close() }

// dbError is the Error schema: {detail, code?, errors?}.
type dbError struct {
	Detail string              `json:"detail"`
	Code   string              `json:"code,omitempty"`
	Errors map[string][]string `json:"errors,omitempty"`
}

func (a *dailybotAPI) notFound(w http.ResponseWriter) {
	a.writeError(w, http.StatusNotFound, "Not found.")
}

// answerOne answers 200 with render of the item index holds under id,
// looked up and rendered under the store's read lock, or 404 when there is
// none. index is one of the store's maps, made once with the store.
func answerOne[T, R any](a *dailybotAPI, w http.ResponseWriter, index map[string]T, id string, render func(T) R) {
	s := a.store
	s.mu.RLock()
	item, ok := index[id]
	var out R
	if ok {
		out = render(item)
	}
	s.mu.RUnlock()
	if !ok {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// badField answers 400 naming one field, as DRF's serializers do.
func badField(w http.ResponseWriter, field, message string) {
	writeJSON(w, http.StatusBadRequest, dbError{
		// As writeValidationError: the detail names the field, the message
		// is in errors only, so a client that prints both does not repeat it.
		Detail: "Invalid input: " + field + ".",
		Code:   "invalid",
		Errors: map[string][]string{field: {message}},
	})
}

// refuseEmpty answers 400 naming field, a list that may not be empty, when
// its length n is 0, and reports whether it did.
func refuseEmpty(w http.ResponseWriter, field string, n int) bool {
	if n == 0 {
		badField(w, field, "This list may not be empty.")
	}
	return n == 0
}

// refuseUnknownUsers answers 400 naming field when one of ids names no
// user, and reports whether it did; the caller holds the store's lock.
func (s *dbStore) refuseUnknownUsers(w http.ResponseWriter, field string, ids []string) bool {
	for _, id := range ids {
		if s.userByID[id] == nil {
			badField(w, field, fmt.Sprintf("User %q does not exist.", id))
			return true
		}
	}
	return false
}

// refuseUnknownTeams answers 400 naming field when one of ids names no
// team, and reports whether it did; the caller holds the store's lock.
func (s *dbStore) refuseUnknownTeams(w http.ResponseWriter, field string, ids []string) bool {
	for _, id := range ids {
		if s.teamByID[id] == nil {
			badField(w, field, fmt.Sprintf("Team %q does not exist.", id))
			return true
		}
	}
	return false
}

// refuseInactive answers 400 target_user_inactive (a code DailyBot's CLI
// handles) when one of ids is an inactive user, and reports whether it did;
// the caller holds the store's lock.
func (s *dbStore) refuseInactive(w http.ResponseWriter, ids []string) bool {
	for _, id := range ids {
		if u := s.userByID[id]; u != nil && !u.IsActive {
			writeJSON(w, http.StatusBadRequest, dbError{
				Detail: fmt.Sprintf("User %q is not active.", id),
				Code:   "target_user_inactive",
			})
			return true
		}
	}
	return false
}

// noContent answers status without a body.
func noContent(w http.ResponseWriter, status int) { w.WriteHeader(status) }
