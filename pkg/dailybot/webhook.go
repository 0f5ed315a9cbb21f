package dailybot

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// DefaultMaxWebhookBody is the largest delivery body WebhookHandler reads
// (1 MiB) unless WithMaxBodyBytes says otherwise.
const DefaultMaxWebhookBody = 1 << 20

// WebhookHandler is an http.Handler that receives DailyBot webhook
// deliveries; build it with NewWebhookHandler. It answers:
//
//   - 405 to anything but POST;
//   - 401 when a bearer was configured and X-BEARER does not match it;
//   - 413 when the body is larger than the limit;
//   - 400 when the body is not a JSON event envelope with an `event` name;
//   - 500 when the callback fails (DailyBot may then deliver again);
//   - 200 when the callback succeeds.
//
// The bearer never appears in a response, a log line or a formatted value.
type WebhookHandler struct {
	bearer  botsdk.Secret
	fn      func(ctx context.Context, ev *WebhookEvent) error
	maxBody int64
	logger  *slog.Logger
}

// WebhookOption configures a WebhookHandler.
type WebhookOption func(*WebhookHandler)

// WithMaxBodyBytes caps the delivery body at n bytes (n >= 1); larger bodies
// are answered 413. The default is DefaultMaxWebhookBody (1 MiB).
func WithMaxBodyBytes(n int64) WebhookOption {
	return func(h *WebhookHandler) {
		if n >= 1 {
			h.maxBody = n
		}
	}
}

// WithWebhookLogger logs refused deliveries and callback failures to l (never
// the bearer or the body). The default is silent.
func WithWebhookLogger(l *slog.Logger) WebhookOption {
	return func(h *WebhookHandler) {
		if l != nil {
			h.logger = l
		}
	}
}

// NewWebhookHandler returns a handler that checks each delivery and passes
// its event to fn with the request's context. bearer is the value given as
// Bearer to Subscribe; DailyBot sends it in the X-BEARER header, and the
// handler compares it in constant time. An empty bearer turns the check off
// (any sender is accepted). NewWebhookHandler fails when fn is nil.
func NewWebhookHandler(bearer string, fn func(ctx context.Context, ev *WebhookEvent) error, opts ...WebhookOption) (*WebhookHandler, error) {
	if fn == nil {
		return nil, errors.New("dailybot: NewWebhookHandler: fn is nil: pass the function that handles each event")
	}
	h := &WebhookHandler{
		bearer:  botsdk.NewSecret(bearer),
		fn:      fn,
		maxBody: DefaultMaxWebhookBody,
		logger:  slog.New(slog.DiscardHandler),
	}
	for _, opt := range opts {
		if opt != nil {
			opt(h)
		}
	}
	return h, nil
}

// ServeHTTP checks and parses one delivery and calls the callback.
func (h *WebhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.refuse(w, r, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	if !h.authorized(r.Header.Get("X-BEARER")) {
		h.refuse(w, r, http.StatusUnauthorized, "bad or missing X-BEARER")
		return
	}
	if r.ContentLength > h.maxBody {
		h.refuse(w, r, http.StatusRequestEntityTooLarge, "body too large")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.refuse(w, r, http.StatusRequestEntityTooLarge, "body too large")
			return
		}
		h.refuse(w, r, http.StatusBadRequest, "unreadable body")
		return
	}
	ev, err := parseEvent(body)
	if err != nil {
		h.refuse(w, r, http.StatusBadRequest, err.Error())
		return
	}
	if err := h.fn(r.Context(), ev); err != nil {
		h.logger.LogAttrs(r.Context(), slog.LevelError, "dailybot webhook callback failed",
			slog.String("event", string(ev.Event)), slog.String("error", err.Error()))
		http.Error(w, "event not processed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// authorized compares got with the bearer in constant time; hashing both
// first keeps the comparison's time independent of their lengths too.
func (h *WebhookHandler) authorized(got string) bool {
	if h.bearer.IsZero() {
		return true
	}
	want := sha256.Sum256([]byte(h.bearer.Reveal()))
	have := sha256.Sum256([]byte(got))
	return subtle.ConstantTimeCompare(want[:], have[:]) == 1
}

// refuse answers status with a short reason and logs it.
func (h *WebhookHandler) refuse(w http.ResponseWriter, r *http.Request, status int, reason string) {
	h.logger.LogAttrs(r.Context(), slog.LevelWarn, "dailybot webhook refused",
		slog.Int("status", status), slog.String("reason", reason))
	http.Error(w, reason, status)
}

// parseEvent reads the envelope: a JSON object with a non-empty `event`.
func parseEvent(body []byte) (*WebhookEvent, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return nil, errors.New("body is not a JSON object")
	}
	var ev WebhookEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		return nil, errors.New("malformed event envelope")
	}
	if ev.Event == "" {
		return nil, errors.New("event name missing")
	}
	return &ev, nil
}
