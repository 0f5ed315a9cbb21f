package mock

import (
	"crypto/subtle"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/routers"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// The Restivus messages Bot.Az is inferred to send (what-we-know §3).
const (
	bzMsgLoggedOut  = "You must be logged in to do this."
	bzMsgForbidden  = "You do not have permission to do this."
	bzMsgNoEndpoint = "API endpoint does not exist"
)

// botazAPI is the Bot.Az part of the mock: messages and visitors, answered
// as bare objects, errors as {status: "error", message}. Requests are checked
// in Restivus's order: route (404, or 405 with Allow), credentials (401), the
// spec (400), then the resource (404, 403). Unlike Restivus, 401 and 403 are
// not delayed by 0.5-1 s: a mock should keep tests fast.
type botazAPI struct {
	specAPI
	cfg *config

	mu    sync.RWMutex
	rng   *rand.Rand // new message ids; guarded by mu
	state *bzState
}

// bzHandler serves one operation on the message or visitor id (the path's,
// empty for sendMessage) and the validated body; it returns the object to
// answer 200 with, or an error status and message.
type bzHandler func(a *botazAPI, id string, body []byte) (out any, status int, msg string)

// bzOperations maps operationIds of specs/botaz.yaml to their handlers; the
// spec's other operations answer their documented examples.
var bzOperations = map[string]bzHandler{
	"sendMessage":   (*botazAPI).sendMessage,
	"getMessage":    (*botazAPI).getMessage,
	"editMessage":   (*botazAPI).editMessage,
	"deleteMessage": (*botazAPI).deleteMessage,
	"getVisitor":    (*botazAPI).getVisitor,
	"updateVisitor": (*botazAPI).updateVisitor,
}

func newBotAz(cfg *config, v *speccheck.Validator) (*botazAPI, error) {
	r := newRand(cfg.seed, "botaz")
	return &botazAPI{specAPI: newSpecAPI(v, bzOperations), cfg: cfg, rng: r, state: seedBotAz(r, cfg.start, cfg.creds.BotAzUserID)}, nil
}

func (a *botazAPI) writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"status": "error", "message": message})
}

func (a *botazAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op, err := a.route(r)
	if err != nil {
		if allow := a.allowed(r); errors.Is(err, routers.ErrMethodNotAllowed) && allow != "" {
			w.Header().Set("Allow", allow)
			a.writeError(w, http.StatusMethodNotAllowed, bzMsgNoEndpoint)
			return
		}
		a.writeError(w, http.StatusNotFound, bzMsgNoEndpoint)
		return
	}
	c := a.cfg.creds
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-User-Id")), []byte(c.BotAzUserID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Auth-Token")), []byte(c.BotAzToken)) != 1 {
		a.writeError(w, http.StatusUnauthorized, bzMsgLoggedOut)
		return
	}
	in, err := a.validate(r, op)
	if err != nil {
		a.writeError(w, http.StatusBadRequest, "Invalid request: "+specProblem(err))
		return
	}
	h, ok := bzOperations[op.id()]
	if !ok {
		a.serveExample(w, r, in, op, a.writeError)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		a.writeError(w, http.StatusBadRequest, "Invalid request: cannot read the body")
		return
	}
	out, status, msg := h(a, op.params["id"], body)
	if status != http.StatusOK {
		a.writeError(w, status, msg)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// bzTimeLayout is how Bot.Az writes times: RFC 3339 UTC with milliseconds.
const bzTimeLayout = "2006-01-02T15:04:05.000Z"

func bzTime(t time.Time) string { return t.UTC().Format(bzTimeLayout) }
