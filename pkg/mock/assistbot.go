package mock

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// AssistBot error codes (doc section "Errors").
const (
	abCodeNoToken     = 100
	abCodeBadToken    = 101
	abCodeMissing     = 200
	abCodeFromAfterTo = 201
	abCodeBadTimezone = 202
	abCodeFromToPair  = 203
	abCodeElementID   = 204
	abCodeServerError = 500
	abCodeNoEndpoint  = 501
	abDateLayout      = "2006-01-02"
	abFormContentType = "application/x-www-form-urlencoded"
)

// assistbotAPI is the AssistBot part of the mock: every operation is a POST
// that reads the seeded company. Requests are checked in the live API's
// order as far as the docs let us guess it: endpoint (501), key (100, 101),
// required ids (200), the spec (200), then the history rules (204, 203, 202,
// 201). Errors answer HTTP 401 for 100/101, 400 for 200-204, 404 for 501 and
// 500 for 500; the docs give no HTTP statuses, only the codes. Each
// resource (assistbot_<resource>.go, as in pkg/assistbot) is a plain struct
// whose JSON is exactly what the spec's response schema describes: nullable
// fields are pointers without omitempty, so they encode as null; fields the
// docs show absent at times use omitempty.
type assistbotAPI struct {
	specAPI
	cfg *config

	mu    sync.RWMutex
	state *abState
}

// abHandler serves one operation on the seeded company and the request's
// parameters (validated against the spec), under the read lock; it returns
// the data to answer with (abListData for a list) or an error.
type abHandler func(s *abState, p abParams) (any, *abError)

// abOperations maps operationIds of specs/assistbot.yaml to their handlers;
// the spec's other operations answer their documented examples.
var abOperations = map[string]abHandler{
	"getCompanyInfo":     (*abState).getCompanyInfo,
	"listDepartments":    (*abState).listDepartments,
	"listMembers":        (*abState).listMembers,
	"listTemplates":      (*abState).listTemplates,
	"listStandups":       (*abState).listStandups,
	"listTasks":          (*abState).listTasks,
	"listPolls":          (*abState).listPolls,
	"listStandupHistory": (*abState).listStandupHistory,
	"listPollHistory":    (*abState).listPollHistory,
}

func newAssistBot(cfg *config, v *speccheck.Validator) (*assistbotAPI, error) {
	return &assistbotAPI{specAPI: newSpecAPI(v, abOperations), cfg: cfg, state: seedAssistBot(newRand(cfg.seed, "assistbot"), cfg.start)}, nil
}

// abError is an AssistBot error answer.
type abError struct {
	status int
	code   int
	msg    string
}

func abFail(code int, format string, args ...any) *abError {
	status := http.StatusBadRequest
	switch {
	case code == abCodeNoToken || code == abCodeBadToken:
		status = http.StatusUnauthorized
	case code == abCodeNoEndpoint:
		status = http.StatusNotFound
	case code >= 500:
		status = http.StatusInternalServerError
	}
	return &abError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

func (a *assistbotAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op, p, in, e := a.accept(r)
	if e != nil {
		a.writeCode(w, e.status, e.code, e.msg)
		return
	}
	h, ok := abOperations[op.id()]
	if !ok {
		a.serveExample(w, r, in, op, a.writeError)
		return
	}
	a.mu.RLock()
	data, e := h(a.state, p)
	a.mu.RUnlock()
	if e != nil {
		a.writeCode(w, e.status, e.code, e.msg)
		return
	}
	if list, ok := data.(abListData); ok {
		writeJSON(w, http.StatusOK, struct {
			Data   any  `json:"data"`
			Count  int  `json:"count"`
			Status bool `json:"status"`
		}{list.items, list.n, true})
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Data   any  `json:"data"`
		Status bool `json:"status"`
	}{data, true})
}

// writeError answers with AssistBot's error body. 5xx statuses carry code
// 500 "Server error"; 429 carries 500 too, since the docs list no throttling
// code and 500 is the one clients treat as transient (102 "Not enough
// rights" would read as permanent); 401 carries 101 and 404 carries 501.
func (a *assistbotAPI) writeError(w http.ResponseWriter, status int, message string) {
	code := abCodeServerError
	switch {
	case status == http.StatusUnauthorized:
		code = abCodeBadToken
	case status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		code = abCodeNoEndpoint
	case status >= 400 && status < 500 && status != http.StatusTooManyRequests:
		code = abCodeMissing
	}
	a.writeCode(w, status, code, message)
}

func (a *assistbotAPI) writeCode(w http.ResponseWriter, status, code int, message string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"code": code, "message": message}, "status": false})
}

// abListData is a list answer, sent with count.
type abListData struct {
	items any
	n     int
}

func abList[T any](items []T) abListData {
	if items == nil {
		items = []T{}
	}
	return abListData{items: items, n: len(items)}
}

// abRequiredIDs are the ids history's operations cannot do without; their
// absence is code 200 "Missing parameter" before the spec check.
var abRequiredIDs = map[string]string{"listStandupHistory": "standup_id", "listPollHistory": "poll_id"}

// accept takes r through the checks before an operation: its endpoint, the
// key, its parameters (JSON or form), the ids history needs, then the spec.
// It returns the operation, the parameters and the spec check's input.
func (a *assistbotAPI) accept(r *http.Request) (operation, abParams, *openapi3filter.RequestValidationInput, *abError) {
	op, err := a.route(r)
	if err != nil {
		return op, nil, nil, abFail(abCodeNoEndpoint, "Endpoint not found: %s %s", r.Method, r.URL.Path)
	}
	auth := r.Header.Get("Authorization")
	if strings.TrimSpace(auth) == "" {
		return op, nil, nil, abFail(abCodeNoToken, "Authorization token is not provided")
	}
	key, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(key), []byte(a.cfg.creds.AssistBotKey)) != 1 {
		return op, nil, nil, abFail(abCodeBadToken, "Invalid authorization token")
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return op, nil, nil, abFail(abCodeMissing, "Missing parameter: cannot read the request body: %v", err)
	}
	p, err := a.decodeParams(op, r.Header.Get("Content-Type"), body)
	if fe := (*speccheck.FormError)(nil); errors.As(err, &fe) {
		// A list spelt another way than the spec's form encoding says
		// (member_id[0]=1, member_id=1&member_id=2) is refused, not guessed at.
		return op, nil, nil, abFail(abCodeMissing, "Invalid parameter: %s", fe)
	}
	if err != nil {
		return op, nil, nil, abFail(abCodeMissing, "Invalid parameter: malformed request body: %v", err)
	}
	if name, ok := abRequiredIDs[op.id()]; ok && !p.has(name) {
		return op, nil, nil, abFail(abCodeMissing, "Missing parameter: %s", name)
	}
	in, err := a.validateParams(r, op, p)
	if err != nil {
		// The docs have no "invalid parameter" code; 200 is the closest.
		return op, nil, nil, abFail(abCodeMissing, "Invalid parameter: %s", specProblem(err))
	}
	return op, p, in, nil
}

// validateParams checks the parameters against op as a JSON body,
// whichever encoding they came in, so form and JSON requests meet the same
// rules.
func (a *assistbotAPI) validateParams(r *http.Request, op operation, p abParams) (*openapi3filter.RequestValidationInput, error) {
	b, err := json.Marshal(map[string]any(p))
	if err != nil {
		return nil, err
	}
	check := r.Clone(r.Context())
	check.Header = r.Header.Clone()
	check.Header.Set("Content-Type", "application/json")
	check.Body = io.NopCloser(bytes.NewReader(b))
	check.ContentLength = int64(len(b))
	// The clone keeps r's GetBody, which a request built by http.NewRequest
	// (the mock used as a handler in a test) has; the validator rewinds the
	// body with it, and would then read the form text as the JSON.
	check.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	return a.validate(check, op)
}
