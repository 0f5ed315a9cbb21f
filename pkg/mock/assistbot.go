package mock

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // history's timezone parameter must load the same zones on every host

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
// 500 for 500; the docs give no HTTP statuses, only the codes.
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
	p, err := abDecodeParams(r.Header.Get("Content-Type"), body)
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

func (s *abState) getCompanyInfo(abParams) (any, *abError) { return s.company, nil }

func (s *abState) listDepartments(p abParams) (any, *abError) {
	ids, creators := p.ints("department_id"), p.ints("creator_id")
	return abList(abFilter(s.departments, func(d abDepartment) bool {
		return abIn(ids, d.ID) && (len(creators) == 0 || d.CreatedBy != nil && slices.Contains(creators, *d.CreatedBy))
	})), nil
}

func (s *abState) listMembers(p abParams) (any, *abError) {
	ids, roles, active, accepted := p.ints("member_id"), p.ints("role"), p.boolean("active"), p.boolean("accepted")
	return abList(abFilter(s.members, func(m abMember) bool {
		return abIn(ids, m.ID) && abIn(roles, m.Role) && (active == nil || *active == m.Active) &&
			(accepted == nil || *accepted == m.Accepted)
	})), nil
}

func (s *abState) listTemplates(p abParams) (any, *abError) {
	ids, creators := p.ints("template_id"), p.ints("creator_id")
	return abList(abFilter(s.templates, func(t abTemplate) bool { return abIn(ids, t.ID) && abIn(creators, t.CreatedBy) })), nil
}

func (s *abState) listStandups(p abParams) (any, *abError) {
	ids, creators, depts, statuses := p.ints("standup_id"), p.ints("creator_id"), p.ints("department_id"), p.ints("status")
	return abList(abFilter(s.standups, func(st abStandup) bool {
		return abIn(ids, st.ID) && abIn(creators, st.CreatedBy) && abIn(statuses, st.Status) && abMeets(depts, st.DepartmentsID)
	})), nil
}

func (s *abState) listTasks(p abParams) (any, *abError) {
	ids, creators, statuses := p.ints("task_id"), p.ints("creator_id"), p.ints("status")
	return abList(abFilter(s.tasks, func(t abTask) bool {
		return abIn(ids, t.ID) && abIn(creators, t.CreatedBy) && abIn(statuses, t.Status)
	})), nil
}

func (s *abState) listPolls(p abParams) (any, *abError) {
	ids, creators := p.ints("poll_id"), p.ints("creator_id")
	return abList(abFilter(s.polls, func(pl abPoll) bool { return abIn(ids, pl.ID) && abIn(creators, pl.CreatedBy) })), nil
}

func (s *abState) listStandupHistory(p abParams) (any, *abError) {
	id := p.ints("standup_id")[0]
	if id <= 0 || !slices.ContainsFunc(s.standups, func(st abStandup) bool { return st.ID == id }) {
		return nil, abFail(abCodeElementID, "Element id is required: no standup with standup_id %d", id)
	}
	from, to, e := s.window(p)
	if e != nil {
		return nil, e
	}
	members, depts := p.ints("member_id"), p.ints("department_id")
	reportIDs := p.ints("report_id")
	return abList(abFilter(s.reports, func(rep abReport) bool {
		return rep.StandupID == id && abIn(reportIDs, rep.ID) && abIn(members, rep.MemberID) &&
			abMeets(depts, rep.DepartmentsID) && rep.LaunchDT >= from && rep.LaunchDT < to
	})), nil
}

func (s *abState) listPollHistory(p abParams) (any, *abError) {
	id := p.ints("poll_id")[0]
	if id <= 0 || !slices.ContainsFunc(s.polls, func(pl abPoll) bool { return pl.ID == id }) {
		return nil, abFail(abCodeElementID, "Element id is required: no poll with poll_id %d", id)
	}
	from, to, e := s.window(p)
	if e != nil {
		return nil, e
	}
	depts := p.ints("department_id")
	return abList(abFilter(s.pollResults, func(res abPollResult) bool {
		return res.PollID == id && abIn(depts, res.DepartmentID) && res.LaunchDT >= from && res.LaunchDT < to
	})), nil
}

// window reads from, to and timezone into a half-open range of UTC epoch
// seconds: from's midnight to the midnight after to, both in timezone (the
// company's zone by default). Without from and to the range is unbounded.
func (s *abState) window(p abParams) (from, to int64, e *abError) {
	fromS, hasFrom := p.str("from")
	toS, hasTo := p.str("to")
	if hasFrom != hasTo {
		return 0, 0, abFail(abCodeFromToPair, `"From" and "To" dates together are required`)
	}
	loc := s.loc
	if tz, ok := p.str("timezone"); ok {
		l, err := time.LoadLocation(tz)
		// "" and "Local" load UTC and the host's zone; neither is a TZ database name.
		if err != nil || tz == "" || tz == "Local" {
			return 0, 0, abFail(abCodeBadTimezone, "Incorrect timezone: %q", tz)
		}
		loc = l
	}
	if !hasFrom {
		return -1 << 62, 1 << 62, nil
	}
	f, err1 := time.ParseInLocation(abDateLayout, fromS, loc)
	t, err2 := time.ParseInLocation(abDateLayout, toS, loc)
	if err1 != nil || err2 != nil {
		return 0, 0, abFail(abCodeMissing, "Missing parameter: from and to must be dates in YYYY-MM-DD format")
	}
	if f.After(t) {
		return 0, 0, abFail(abCodeFromAfterTo, `"From" date should be equal or before "To" date`)
	}
	return f.Unix(), t.AddDate(0, 0, 1).Unix(), nil
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

// abParams are the request's parameters as decoded JSON (numbers as
// json.Number), whichever encoding they came in.
type abParams map[string]any

func (p abParams) has(k string) bool { _, ok := p[k]; return ok }

// ints returns an "integer or array" parameter as a list (nil when absent).
// Only call it after validation: anything else is skipped.
func (p abParams) ints(k string) []int {
	var out []int
	add := func(v any) {
		if n, ok := v.(json.Number); ok {
			if i, err := strconv.Atoi(n.String()); err == nil {
				out = append(out, i)
			}
		}
	}
	switch v := p[k].(type) {
	case []any:
		for _, e := range v {
			add(e)
		}
	default:
		add(v)
	}
	return out
}

func (p abParams) boolean(k string) *bool {
	if b, ok := p[k].(bool); ok {
		return &b
	}
	return nil
}

func (p abParams) str(k string) (string, bool) {
	s, ok := p[k].(string)
	return s, ok
}

// abDecodeParams reads a JSON or form body. An empty body is no parameters.
func abDecodeParams(contentType string, body []byte) (abParams, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return abParams{}, nil
	}
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(contentType)), abFormContentType) {
		return abDecodeForm(string(body))
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var p abParams
	if err := dec.Decode(&p); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("want a JSON object")
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON object")
	}
	return p, nil
}

var abBracketKey = regexp.MustCompile(`^([^\[\]]+)\[(\d*)\]$`)

// abFormBools and abFormStrings name the parameters that are not integers,
// so form text can be typed like JSON.
var (
	abFormBools   = map[string]bool{"active": true, "accepted": true}
	abFormStrings = map[string]bool{"from": true, "to": true, "timezone": true}
)

// abDecodeForm reads a form body into JSON-typed parameters. Lists may be
// spelled as repeated keys (department_id=1&department_id=2), PHP style
// (department_id[]=1&department_id[]=2) or PHP indexed (department_id[0]=1);
// a bracketed key is a list even with one value. Text that is not of the
// parameter's type stays text, for the spec check to refuse.
func abDecodeForm(body string) (abParams, error) {
	values, err := url.ParseQuery(body)
	if err != nil {
		return nil, err
	}
	type indexed struct {
		idx int
		v   string
	}
	lists := map[string][]indexed{}
	scalars := map[string][]string{}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vs := values[k]
		if m := abBracketKey.FindStringSubmatch(k); m != nil {
			idx := -1
			if m[2] != "" {
				idx, _ = strconv.Atoi(m[2])
			}
			for _, v := range vs {
				lists[m[1]] = append(lists[m[1]], indexed{idx, v})
			}
			continue
		}
		scalars[k] = append(scalars[k], vs...)
	}
	p := abParams{}
	for name, vs := range scalars {
		if len(vs) == 1 && lists[name] == nil {
			p[name] = abFormValue(name, vs[0])
			continue
		}
		for _, v := range vs {
			lists[name] = append(lists[name], indexed{-1, v})
		}
	}
	for name, items := range lists {
		// Indexed items go in index order; un-indexed ones keep their order after them.
		sort.SliceStable(items, func(i, j int) bool {
			if items[i].idx < 0 || items[j].idx < 0 {
				return items[i].idx >= 0 && items[j].idx < 0
			}
			return items[i].idx < items[j].idx
		})
		list := make([]any, len(items))
		for i, it := range items {
			list[i] = abFormValue(name, it.v)
		}
		p[name] = list
	}
	return p, nil
}

func abFormValue(name, v string) any {
	switch {
	case abFormStrings[name]:
		return v
	case abFormBools[name]:
		switch strings.ToLower(v) {
		case "true", "1":
			return true
		case "false", "0":
			return false
		}
		return v
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return json.Number(v)
	}
	return v
}

// abFilter returns the items keep accepts, never nil.
func abFilter[T any](items []T, keep func(T) bool) []T {
	out := []T{}
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// abIn reports whether v passes an id filter; an empty filter passes all.
func abIn(filter []int, v int) bool { return len(filter) == 0 || slices.Contains(filter, v) }

// abMeets reports whether ids share an element with filter; an empty filter
// passes all.
func abMeets(filter, ids []int) bool {
	if len(filter) == 0 {
		return true
	}
	for _, id := range ids {
		if slices.Contains(filter, id) {
			return true
		}
	}
	return false
}

// specProblem is the first line of a spec validation error, short enough
// for an error message.
func specProblem(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return strings.TrimSpace(msg)
}
