package mock

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
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

func boP[T any](v T) *T { return &v }

// boTime writes times as the live server does: ISO 8601 UTC with milliseconds.
func boTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
