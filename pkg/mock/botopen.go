package mock

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// Paging defaults. /transcripts documents limit 50; /users documents none,
// so it gets the same.
const (
	boDefaultLimit = 50
	boForgetAfter  = 24 * time.Hour
	boMaxTokens    = 10_000
)

// botopenAPI is the Bot Open API part of the mock: log in for a token, then
// read usage, users and transcripts. Errors use the Nest/Express shape the
// spec guesses, {statusCode, message, error}. Requests are checked in this
// order: route (404, as Express answers an unknown path), the token (401),
// the spec (400; 500 on /botUsage, whose spec declares no 400), then the
// operation's own rules.
type botopenAPI struct {
	specAPI
	cfg *config

	mu    sync.RWMutex
	rng   *rand.Rand // tokens; guarded by mu
	state *boState
}

// boHandler serves one operation on the request (for its query) and its
// validated body; it returns the object to answer 200 with, or an error
// status and message.
type boHandler func(a *botopenAPI, r *http.Request, body []byte) (out any, status int, msg string)

// boOperations maps operationIds of specs/botopen.yaml to their handlers;
// the spec's other operations answer their documented examples.
var boOperations = map[string]boHandler{
	"login":           (*botopenAPI).login,
	"getBotUsage":     (*botopenAPI).botUsage,
	"listUsers":       (*botopenAPI).listUsers,
	"listTranscripts": (*botopenAPI).listTranscripts,
}

func newBotOpen(cfg *config, v *speccheck.Validator) (*botopenAPI, error) {
	r := newRand(cfg.seed, "botopen")
	return &botopenAPI{specAPI: newSpecAPI(v, boOperations), cfg: cfg, rng: r, state: seedBotOpen(r, cfg.start.UTC())}, nil
}

func (a *botopenAPI) writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]any{"statusCode": status, "message": message, "error": http.StatusText(status)})
}

func (a *botopenAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op, err := a.route(r)
	if err != nil {
		a.writeError(w, http.StatusNotFound, a.cannot(r))
		return
	}
	if op.id() != "login" {
		if status, msg := a.authorize(r.Header.Get("Authorization")); status != 0 {
			a.writeError(w, status, msg)
			return
		}
	}
	badRequest := http.StatusBadRequest
	if op.id() == "getBotUsage" {
		// The spec declares only 200, 401 and 500 here; the live server
		// answers bad input elsewhere with 500 too.
		badRequest = http.StatusInternalServerError
	}
	in, err := a.validate(r, op)
	if err != nil {
		msg := specProblem(err)
		var tooLarge *http.MaxBytesError
		if op.id() == "listUsers" && !errors.As(err, &tooLarge) {
			if missing := boMissingUserFilters(r); missing != "" {
				// The live server fails with 500 "Cannot read properties of
				// undefined (reading 'forEach')"; the mock says what is wrong.
				msg = "channelIds, startDate and endDate are required; missing: " + missing
			}
		}
		a.writeError(w, badRequest, msg)
		return
	}
	h, ok := boOperations[op.id()]
	if !ok {
		a.serveExample(w, r, in, op, a.writeError)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		a.writeError(w, badRequest, "cannot read the request body")
		return
	}
	out, status, msg := h(a, r, body)
	if status != http.StatusOK {
		a.writeError(w, status, msg)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// cannot is Express's 404 message for r, with the path as the live server
// would see it (without the mock's prefix).
func (a *botopenAPI) cannot(r *http.Request) string {
	return fmt.Sprintf("Cannot %s %s", r.Method, "/"+strings.TrimLeft(strings.TrimPrefix(r.URL.Path, a.v.BasePath()), "/"))
}

// authorize checks an Authorization header: the bare token from /login, not
// expired by the mock's clock. It returns 0 when the token is good.
func (a *botopenAPI) authorize(h string) (int, string) {
	switch {
	case strings.TrimSpace(h) == "":
		return http.StatusUnauthorized, "Unauthorized: send the token from /login in the Authorization header"
	case len(h) > 7 && strings.EqualFold(h[:7], "Bearer "):
		// Live behaviour (what-we-know §4 [C]): a Bearer-prefixed token is refused.
		return http.StatusUnauthorized, "Unauthorized: send the token without a Bearer prefix"
	}
	a.mu.RLock()
	exp, ok := a.state.tokens[h]
	a.mu.RUnlock()
	switch {
	case !ok:
		return http.StatusUnauthorized, "Unauthorized: invalid token"
	case !a.cfg.now().Before(exp):
		return http.StatusUnauthorized, "Unauthorized: token expired, log in again"
	}
	return 0, ""
}

// boMissingUserFilters names the /users body fields that are absent or
// null, comma-separated.
func boMissingUserFilters(r *http.Request) string {
	body, _ := io.ReadAll(r.Body)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(body, &m)
	var missing []string
	for _, k := range []string{"channelIds", "startDate", "endDate"} {
		if v, ok := m[k]; !ok || string(v) == "null" {
			missing = append(missing, k)
		}
	}
	return strings.Join(missing, ", ")
}

func (a *botopenAPI) login(_ *http.Request, body []byte) (any, int, string) {
	var req genbotopen.LoginRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, http.StatusBadRequest, "invalid body: " + err.Error()
	}
	c := a.cfg.creds
	if subtle.ConstantTimeCompare([]byte(req.AppID), []byte(c.BotOpenAppID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(req.AppSecret), []byte(c.BotOpenAppSecret)) != 1 {
		// The spec declares 400 and 409 for /login, no 401.
		return nil, http.StatusBadRequest, "invalid appId or appSecret"
	}
	now := a.cfg.now()
	exp := now.Add(a.cfg.tokenTTL)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.state.forgetTokens(now)
	tok := boToken(a.rng, c.BotOpenAppID, now, exp)
	a.state.tokens[tok] = exp
	a.state.issued = append(a.state.issued, tok)
	e := boTime(exp)
	return genbotopen.LoginResult{AuthToken: &tok, ExpireAt: &e, ExpiresAt: &e}, http.StatusOK, ""
}

// forgetTokens drops, oldest login first, the tokens expired a day ago, so a
// recently expired token is still told apart from a made-up one, and then as
// many more as it takes to keep below boMaxTokens: a client logging in in a
// loop must not grow the mock without bound. Tokens expire in login order
// (one TTL), so only the front of issued needs looking at. The caller holds
// the write lock.
func (s *boState) forgetTokens(now time.Time) {
	n := 0
	for _, tok := range s.issued {
		if len(s.tokens) < boMaxTokens && now.Before(s.tokens[tok].Add(boForgetAfter)) {
			break
		}
		delete(s.tokens, tok)
		n++
	}
	s.issued = s.issued[n:]
}

// boToken returns a JWT-shaped token (the live one is an RS256 JWT): a real
// header and claims, and a seeded random "signature" that nobody verifies.
// It is drawn from the seeded source, so a given seed and request order give
// the same tokens; the mock's tokens open only the mock.
func boToken(r *rand.Rand, appID string, now, exp time.Time) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`))
	claims, _ := json.Marshal(map[string]any{"appId": appID, "iat": now.Unix(), "exp": exp.Unix(),
		"jti": fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())})
	sig := make([]byte, 64)
	for i := range sig {
		sig[i] = byte(r.Uint32())
	}
	return header + "." + enc.EncodeToString(claims) + "." + enc.EncodeToString(sig)
}

// botUsage counts the messages of a month (UTC; default: the current one)
// and the users who sent or got them, on one channel or all.
func (a *botopenAPI) botUsage(r *http.Request, _ []byte) (any, int, string) {
	q := r.URL.Query()
	month := a.cfg.now().UTC()
	if s := q.Get("monthDate"); s != "" {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, http.StatusInternalServerError, "monthDate must be a date like 2021-08-01"
		}
		month = d
	}
	from := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, 0)
	channel := 0
	if s := q.Get("channelId"); s != "" {
		channel, _ = strconv.Atoi(s) // the spec check allowed only a channel id
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	messages, users := 0, 0
	for _, u := range a.state.users {
		if channel != 0 && u.channel != channel {
			continue
		}
		n := 0
		for _, t := range u.transcripts {
			if !t.CreatedAt.Before(from) && t.CreatedAt.Before(to) {
				n++
			}
		}
		messages += n
		if n > 0 {
			users++
		}
	}
	return genbotopen.BotUsage{TotalMessages: &messages, TotalUsers: &users}, http.StatusOK, ""
}

// boPage reads page and limit from the query (already checked against the
// spec's minimum and maximum).
func boPage(r *http.Request) (page, limit int) {
	page, limit = 1, boDefaultLimit
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil {
		page = n
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil {
		limit = n
	}
	return page, limit
}

// boSlice returns page page of items and the page count. page and limit
// have no maximum in the spec, so nothing here multiplies or adds them
// before comparing with len(items): near math.MaxInt that would overflow.
func boSlice[T any](items []T, page, limit int) ([]T, int) {
	n := len(items)
	pages := n / limit
	if n%limit != 0 {
		pages++
	}
	lo := n
	if page-1 < pages {
		lo = (page - 1) * limit
	}
	hi := lo + min(limit, n-lo)
	out := make([]T, hi-lo)
	copy(out, items[lo:hi])
	return out, pages
}

// listUsers pages through the users on the given channels who sent or got
// at least one message in [startDate, endDate), oldest user first.
func (a *botopenAPI) listUsers(r *http.Request, body []byte) (any, int, string) {
	var req genbotopen.UsersRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, http.StatusBadRequest, "invalid body: " + err.Error()
	}
	if req.StartDate.After(req.EndDate) {
		return nil, http.StatusBadRequest, "startDate must not be after endDate"
	}
	page, limit := boPage(r)
	a.mu.RLock()
	defer a.mu.RUnlock()
	var matched []genbotopen.User
	for _, u := range a.state.users {
		if !slices.Contains(req.ChannelIds, genbotopen.ChannelID(u.channel)) {
			continue
		}
		if slices.ContainsFunc(u.transcripts, func(t genbotopen.Transcript) bool {
			return !t.CreatedAt.Before(req.StartDate) && t.CreatedAt.Before(req.EndDate)
		}) {
			matched = append(matched, u.json())
		}
	}
	users, pages := boSlice(matched, page, limit)
	total, next := len(matched), 0
	if page < pages {
		next = 1
	}
	return genbotopen.UsersPage{Users: &users, Page: &page, Pages: &pages, Total: &total, Limit: &limit, HasNextPage: &next}, http.StatusOK, ""
}

// listTranscripts pages through one user's messages in [startDate, endDate),
// oldest first. startDate defaults to 3 months before now and may not be
// older (doc); endDate defaults to now.
func (a *botopenAPI) listTranscripts(r *http.Request, body []byte) (any, int, string) {
	var req genbotopen.TranscriptsRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, http.StatusBadRequest, "invalid body: " + err.Error()
	}
	now := a.cfg.now()
	oldest := now.AddDate(0, -3, 0)
	from, to := oldest, now
	if req.StartDate != nil {
		if req.StartDate.Before(oldest.Add(-time.Minute)) { // a minute's grace for clients computing "3 months ago"
			return nil, http.StatusBadRequest, "startDate must not be older than 3 months from the current date"
		}
		from = *req.StartDate
	}
	if req.EndDate != nil {
		to = *req.EndDate
	}
	if from.After(to) {
		return nil, http.StatusBadRequest, "startDate must not be after endDate"
	}
	page, limit := boPage(r)
	a.mu.RLock()
	defer a.mu.RUnlock()
	u := a.state.byKey[boKey(int(req.ChannelID), req.BotUserID)]
	if u == nil {
		// Our call: the spec declares no 404, and an unknown user on a
		// channel is most often the wrong channel id, so say so.
		return nil, http.StatusBadRequest, fmt.Sprintf("no bot user %q on channel %d", req.BotUserID, req.ChannelID)
	}
	var matched []genbotopen.Transcript
	for _, t := range u.transcripts {
		if !t.CreatedAt.Before(from) && t.CreatedAt.Before(to) {
			matched = append(matched, t)
		}
	}
	entries, pages := boSlice(matched, page, limit)
	total := len(matched)
	fields := make(map[string]any, len(u.customFields))
	for k, v := range u.customFields {
		fields[k] = v
	}
	tags := slices.Clone(u.tags)
	return genbotopen.TranscriptsPage{
		BotUser:           &genbotopen.BotUser{CustomFields: &fields, Tags: &tags},
		Transcripts:       &entries,
		PaginationDetails: &genbotopen.PaginationDetails{Page: &page, Pages: &pages, Total: &total, Limit: &limit},
	}, http.StatusOK, ""
}
