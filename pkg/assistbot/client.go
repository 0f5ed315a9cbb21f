package assistbot

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// DefaultBaseURL is the AssistBot API server (the docs' BASE URL); the
// WithBaseURL option replaces it.
const DefaultBaseURL = "https://api.assist-bot.com"

// apiName names AssistBot in errors and logs.
const apiName = "assistbot"

// Client calls the AssistBot API. Its services are safe for concurrent use.
// Create it with New.
type Client struct {
	// Company reads the company that owns the API key, its departments and its members.
	Company *CompanyService
	// Templates lists standup templates.
	Templates *TemplatesService
	// Standups lists standups.
	Standups *StandupsService
	// Tasks lists tasks.
	Tasks *TasksService
	// Polls lists polls.
	Polls *PollsService
	// History lists submitted standup reports and poll results.
	History *HistoryService

	apiKey    botsdk.Secret
	base      string // the base URL with a trailing slash, as gen/'s request builders join paths to it
	responder botsdk.Responder
	requester botsdk.Requester
	form      bool
}

// New returns a client that authenticates with apiKey, the company's API key
// from the AssistBot admin panel, sent as "Authorization: Bearer <key>".
// Options are the botsdk ones (base URL, HTTP client, retries, logger, user
// agent, rate limit) plus WithFormEncoding. New fails when apiKey is empty or
// not one line, or when an option got a bad value; it sends no request.
func New(apiKey string, opts ...Option) (*Client, error) {
	if err := checkAPIKey("", apiKey); err != nil {
		return nil, err
	}
	var own options
	s, err := botsdk.NewSettings(&own, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: New: %w", apiName, err)
	}
	base := s.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	key := botsdk.NewSecret(apiKey)
	c := &Client{
		apiKey:    key,
		responder: botsdk.NewResponder(apiName, mapError, func() []botsdk.Secret { return []botsdk.Secret{key} }),
	}
	c.form = own.form
	tr := &botsdk.Transport{
		API:       apiName,
		Settings:  s,
		Authorize: c.authorize,
		// Every AssistBot operation is a POST that only reads, so a
		// replay cannot change anything: retry them all like GETs.
		Idempotent: func(*http.Request) bool { return true },
		Responder:  c.responder,
	}
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("%s: New: base URL: %w", apiName, err)
	}
	c.base = strings.TrimRight(base, "/") + "/"
	c.requester = botsdk.Requester{Base: baseURL, Transport: tr, Responder: c.responder, Encode: c.encode, Checks: requestChecks,
		Check: func(resp *http.Response, body []byte) error { return c.readAnswer(resp, body, nil) }, CheckDecodes: true}
	c.Company = &CompanyService{c: c}
	c.Templates = &TemplatesService{c: c}
	c.Standups = &StandupsService{c: c}
	c.Tasks = &TasksService{c: c}
	c.Polls = &PollsService{c: c}
	c.History = &HistoryService{c: c}
	return c, nil
}

// checkAPIKey refuses a key that can never work (see botsdk.CheckCredential);
// where names the caller in the message ("" for New).
func checkAPIKey(where, apiKey string) error {
	prefix := apiName
	if where != "" {
		prefix += ": " + where
	}
	return botsdk.CheckCredential(prefix, "API key", "ASSISTBOT_API_KEY", apiKey)
}

// authorize sets the credentials on each attempt.
func (c *Client) authorize(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer "+c.apiKey.Reveal())
	return nil
}

// options are AssistBot's own settings.
type options struct {
	// form is WithFormEncoding's: bodies go as forms, not JSON.
	form bool
}

// WithFormEncoding sends request bodies as application/x-www-form-urlencoded
// instead of JSON (the default). The docs' prose asks for form encoding while
// their official example sends JSON; use this option if the server refuses
// JSON. How AssistBot reads a list in a form is not documented; lists are
// sent PHP style, one pair per item (department_id[]=1&department_id[]=2),
// the spec's guess, and booleans as true/false; see the encoder's comment for
// why the generated form encoder is not used.
func WithFormEncoding() Option {
	return botsdk.Own("WithFormEncoding", func(o *options) error {
		o.form = true
		return nil
	})
}
