package assistbot

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// The headers of a webhook delivery.
const (
	// HeaderSignature carries the HMAC-SHA256 of the body keyed with the API key.
	HeaderSignature = "X-AssistBot-Key"
	// HeaderEventType carries the webhook type, such as EventPollVote.
	HeaderEventType = "X-AssistBot-Path"
	// HeaderGeneratedBy names the sending service ("AssistBot").
	HeaderGeneratedBy = "X-Generated-By"
)

// EventPollVote is the webhook type of a poll vote, the only type the docs
// confirm; the full list is unpublished, so expect others.
const EventPollVote = "poll/vote"

// DefaultMaxWebhookBody is the largest webhook body NewWebhookHandler reads
// unless WithMaxWebhookBody says otherwise (1 MiB).
const DefaultMaxWebhookBody = 1 << 20

// WebhookEvent is one verified webhook delivery.
type WebhookEvent struct {
	// Type is the webhook type from X-AssistBot-Path, such as EventPollVote.
	// The docs publish no list of types: treat it as an opaque string.
	Type string
	// GeneratedBy is X-Generated-By, the sending service (e.g. "AssistBot").
	GeneratedBy string
	// Payload is the delivery's JSON object exactly as received and signed.
	// The docs publish no payload schemas, so it is left raw; see Decode.
	Payload json.RawMessage
}

// Decode unmarshals the payload into v, a struct of the fields you expect.
func (e WebhookEvent) Decode(v any) error {
	if err := json.Unmarshal(e.Payload, v); err != nil {
		return fmt.Errorf("%s: webhook %q payload: %w", apiName, e.Type, err)
	}
	return nil
}

// WebhookFunc handles one verified delivery. ctx is the request's context.
// Returning an error makes the handler answer 500; AssistBot does not retry
// failed deliveries, so keep what you must not lose before returning.
type WebhookFunc func(ctx context.Context, ev WebhookEvent) error

// WebhookOption configures NewWebhookHandler.
type WebhookOption func(*webhookHandler)

// WithMaxWebhookBody caps the body at n bytes (default
// DefaultMaxWebhookBody); a larger delivery is answered 413 unread. n <= 0
// keeps the default.
func WithMaxWebhookBody(n int64) WebhookOption {
	return func(h *webhookHandler) {
		if n > 0 {
			h.maxBody = n
		}
	}
}

// WithWebhookLogger logs refused deliveries (Warn, with the reason) and
// failed handlers (Error) to l. The default, and a nil l, is silent. Neither
// the API key nor the signature is ever logged.
func WithWebhookLogger(l *slog.Logger) WebhookOption {
	return func(h *webhookHandler) {
		if l != nil {
			h.log = l
		}
	}
}

// NewWebhookHandler returns an http.Handler for the endpoint set as the
// webhook URL in AssistBot's company settings. For each delivery it:
//
//   - answers 405 to any method but POST;
//   - answers 413 to a body over the cap (see WithMaxWebhookBody);
//   - answers 401 unless X-AssistBot-Key is the HMAC-SHA256 of the raw body
//     keyed with apiKey, in hex or base64 (standard or URL alphabet, padded
//     or not), compared in constant time;
//   - answers 400 unless the body is a JSON object;
//   - calls fn with the event and answers 200, or 500 when fn fails.
//
// AssistBot does not retry a delivery that was not answered 200 (its docs),
// so a 500 loses the event unless fn kept it.
//
// The docs' verification example is cut off, so which bytes AssistBot signs
// is not certain: the raw body is checked first and then, for a body sent
// with whitespace, its compact JSON form (what AssistBot's Node example
// would sign with JSON.stringify).
//
// apiKey is the company's API key, the same one New takes. NewWebhookHandler
// fails, like New, when apiKey is empty or holds control characters, and
// when fn is nil: a handler without a key cannot tell a forged delivery from
// a real one, one with a stray newline matches no signature, and failing at
// start-up beats refusing every event.
func NewWebhookHandler(apiKey string, fn WebhookFunc, opts ...WebhookOption) (http.Handler, error) {
	if err := checkAPIKey("NewWebhookHandler", apiKey); err != nil {
		// A key New would refuse (a trailing newline, say) would make every
		// signature check fail and every delivery get 401.
		return nil, err
	}
	if fn == nil {
		return nil, errors.New("assistbot: NewWebhookHandler: fn is nil: pass the function that handles each event")
	}
	h := &webhookHandler{
		apiKey:  botsdk.NewSecret(apiKey),
		fn:      fn,
		maxBody: DefaultMaxWebhookBody,
		log:     slog.New(slog.DiscardHandler),
	}
	for _, opt := range opts {
		if opt != nil {
			opt(h)
		}
	}
	return h, nil
}

// Sign returns the hex HMAC-SHA256 of body keyed with apiKey, the
// X-AssistBot-Key value NewWebhookHandler accepts; use it to build test
// deliveries.
func Sign(apiKey string, body []byte) string {
	return hex.EncodeToString(mac(apiKey, body))
}

type webhookHandler struct {
	apiKey  botsdk.Secret
	fn      WebhookFunc
	maxBody int64
	log     *slog.Logger
}

func (h *webhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	eventType := r.Header.Get(HeaderEventType)
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.refuse(w, r, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed", eventType)
		return
	}
	if r.ContentLength > h.maxBody {
		h.refuse(w, r, http.StatusRequestEntityTooLarge, "body of "+strconv.FormatInt(r.ContentLength, 10)+" bytes is over the cap", eventType)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.refuse(w, r, http.StatusRequestEntityTooLarge, "body is over the cap", eventType)
			return
		}
		h.refuse(w, r, http.StatusBadRequest, "cannot read the body", eventType)
		return
	}
	if !h.verify(r.Header.Get(HeaderSignature), body) {
		h.refuse(w, r, http.StatusUnauthorized, "missing or wrong "+HeaderSignature+" signature", eventType)
		return
	}
	if !isJSONObject(body) {
		h.refuse(w, r, http.StatusBadRequest, "the body is not a JSON object", eventType)
		return
	}
	ev := WebhookEvent{Type: eventType, GeneratedBy: r.Header.Get(HeaderGeneratedBy), Payload: json.RawMessage(body)}
	if err := h.fn(r.Context(), ev); err != nil {
		h.log.LogAttrs(r.Context(), slog.LevelError, "assistbot webhook handler failed",
			slog.String("type", eventType), slog.String("error", err.Error()))
		// The handler's error stays in the log: it is none of the sender's business.
		http.Error(w, "the webhook handler failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// refuse answers status with a short reason that never holds the key or the signature.
func (h *webhookHandler) refuse(w http.ResponseWriter, r *http.Request, status int, reason, eventType string) {
	h.log.LogAttrs(r.Context(), slog.LevelWarn, "assistbot webhook refused",
		slog.Int("status", status), slog.String("reason", reason), slog.String("type", eventType))
	http.Error(w, reason, status)
}

// verify reports whether sig is the body's HMAC, trying the raw body and
// then its compact JSON form.
func (h *webhookHandler) verify(sig string, body []byte) bool {
	given := decodeSignature(sig)
	if given == nil {
		return false
	}
	key := h.apiKey.Reveal()
	if hmac.Equal(given, mac(key, body)) {
		return true
	}
	var compact bytes.Buffer
	if json.Compact(&compact, body) != nil || bytes.Equal(compact.Bytes(), body) {
		return false
	}
	return hmac.Equal(given, mac(key, compact.Bytes()))
}

// decodeSignature reads a SHA-256 digest written in hex or in base64 with
// either alphabet, padded or not; it returns nil for anything else. The
// encodings cannot be confused: 32 bytes are 64 hex digits but 43 or 44
// base64 characters.
func decodeSignature(sig string) []byte {
	sig = strings.TrimSpace(sig)
	decoders := []func(string) ([]byte, error){
		hex.DecodeString,
		base64.StdEncoding.DecodeString, base64.RawStdEncoding.DecodeString,
		base64.URLEncoding.DecodeString, base64.RawURLEncoding.DecodeString,
	}
	for _, decode := range decoders {
		if b, err := decode(sig); err == nil && len(b) == sha256.Size {
			return b
		}
	}
	return nil
}

func mac(key string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	return m.Sum(nil)
}

// isJSONObject reports whether body is one JSON object. Only JSON's own
// white space may surround it: bytes.TrimSpace would also drop Unicode
// spaces (U+00A0, U+0085), which JSON refuses, so a body the handler accepted
// would then fail to decode.
func isJSONObject(body []byte) bool {
	trimmed := bytes.Trim(body, " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '{' && json.Valid(body)
}
