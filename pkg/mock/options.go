package mock

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"time"
)

// Credentials are the credentials the mock accepts.
type Credentials struct {
	// AssistBotKey is the AssistBot API key (Authorization: Bearer <key>).
	AssistBotKey string
	// DailyBotKey is the DailyBot API key (X-API-KEY).
	DailyBotKey string
	// BotAzUserID and BotAzToken are the Bot.Az X-User-Id and X-Auth-Token values.
	BotAzUserID, BotAzToken string
	// BotOpenAppID and BotOpenAppSecret log in to the Bot Open API.
	BotOpenAppID, BotOpenAppSecret string
}

// DefaultCredentials returns the fixed mock credentials: AssistBot key
// "mock-assistbot-key", DailyBot key "mock-dailybot-key", Bot.Az user
// "mock-agent" with token "mock-botaz-token", Bot Open app "mock-app" with
// secret "mock-secret". They are not secrets: they open only the mock.
func DefaultCredentials() Credentials {
	return Credentials{
		AssistBotKey:     "mock-assistbot-key",
		DailyBotKey:      "mock-dailybot-key",
		BotAzUserID:      "mock-agent",
		BotAzToken:       "mock-botaz-token",
		BotOpenAppID:     "mock-app",
		BotOpenAppSecret: "mock-secret",
	}
}

// config is what the options set.
type config struct {
	seed            uint64
	latency, jitter time.Duration
	failRate        float64
	throttleEvery   int
	resetRate       float64
	truncateRate    float64
	tokenTTL        time.Duration
	creds           Credentials
	now             func() time.Time
	clockSet        bool              // WithClock gave now
	start           time.Time         // the instant the data is seeded as of; zero until New, unless WithNow
	responses       int               // DailyBot check-in responses in all; 0 for the default history
	specs           map[string][]byte // WithSpec's documents, by API
	apis            map[string]bool   // WithAPIs' choice; nil for all four
	sleep           func(ctx context.Context, d time.Duration) error
	// startSleep begins a wait like sleep's at once and returns the
	// function that blocks until it is over: the latency of a delayed
	// answer, counted from the call.
	startSleep     func(ctx context.Context, d time.Duration) func() error
	remoteWebhooks bool
	webhookClient  *http.Client
	logger         *slog.Logger
	errs           []error
}

// Option configures the mock.
type Option func(*config)

func defaultConfig() config {
	return config{
		seed:          1,
		tokenTTL:      10 * time.Minute,
		creds:         DefaultCredentials(),
		now:           time.Now,
		sleep:         sleepCtx,
		startSleep:    startSleep,
		webhookClient: &http.Client{Timeout: 10 * time.Second},
		logger:        slog.New(slog.DiscardHandler),
	}
}

func (c *config) fail(format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("mock: "+format, args...))
}

// WithSeed seeds the generated data and the fault schedule; the same seed
// and the same now (WithNow) give the same data, and the same seed the same
// faults for the same request sequence. The default seed is 1.
func WithSeed(seed uint64) Option { return func(c *config) { c.seed = seed } }

// WithLatency answers every request latency plus a seeded random share of
// jitter (both >= 0) after it arrived, as a remote server with that latency
// would: the operation runs at once and its answer is held back until the
// delay has passed (an operation slower than the delay answers when it is
// done). Injected errors (WithFailRate, WithThrottleEvery, resets, truncated
// answers) wait out the delay before anything runs. An answer leaves within
// microseconds of its delay: the last 0.3 ms of each is waited out by
// checking the clock, which costs up to that much CPU. The default is no
// delay.
func WithLatency(latency, jitter time.Duration) Option {
	return func(c *config) {
		if latency < 0 || jitter < 0 {
			c.fail("WithLatency: latency and jitter must be >= 0")
			return
		}
		c.latency, c.jitter = latency, jitter
	}
}

// WithFailRate answers a seeded share rate (0..1) of requests with 500, 502 or
// 503 in the API's error dialect before touching any state. The default is 0.
func WithFailRate(rate float64) Option {
	return shareOption("WithFailRate", rate, func(c *config) *float64 { return &c.failRate })
}

// WithThrottleEvery answers every n-th request with 429 and Retry-After: 1.
// The default 0 never throttles.
func WithThrottleEvery(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.fail("WithThrottleEvery: n must be >= 0, got %d", n)
			return
		}
		c.throttleEvery = n
	}
}

// WithConnectionResets closes the connection without an answer for a seeded
// share rate (0..1) of requests. The default is 0.
func WithConnectionResets(rate float64) Option {
	return shareOption("WithConnectionResets", rate, func(c *config) *float64 { return &c.resetRate })
}

// WithTruncatedBodies cuts the body of a seeded share rate (0..1) of
// successful responses in half while announcing the full length. The
// default is 0.
func WithTruncatedBodies(rate float64) Option {
	return shareOption("WithTruncatedBodies", rate, func(c *config) *float64 { return &c.truncateRate })
}

// shareOption sets the rate field picks to rate, or records an error naming
// the option when rate is outside 0..1 (NaN included).
func shareOption(name string, rate float64, field func(*config) *float64) Option {
	return func(c *config) {
		if !(rate >= 0 && rate <= 1) {
			c.fail("%s: rate must be within 0..1, got %v", name, rate)
			return
		}
		*field(c) = rate
	}
}

// WithTokenTTL sets how long a Bot Open API token lives; after it, calls with
// the token get 401. The default is 10 minutes.
func WithTokenTTL(ttl time.Duration) Option {
	return func(c *config) {
		if ttl <= 0 {
			c.fail("WithTokenTTL: ttl must be > 0")
			return
		}
		c.tokenTTL = ttl
	}
}

// WithCredentials replaces the accepted credentials; empty fields keep the
// defaults.
func WithCredentials(creds Credentials) Option {
	return func(c *config) {
		d := DefaultCredentials()
		pick := func(v, def string) string {
			if v == "" {
				return def
			}
			return v
		}
		c.creds = Credentials{
			AssistBotKey:     pick(creds.AssistBotKey, d.AssistBotKey),
			DailyBotKey:      pick(creds.DailyBotKey, d.DailyBotKey),
			BotAzUserID:      pick(creds.BotAzUserID, d.BotAzUserID),
			BotAzToken:       pick(creds.BotAzToken, d.BotAzToken),
			BotOpenAppID:     pick(creds.BotOpenAppID, d.BotOpenAppID),
			BotOpenAppSecret: pick(creds.BotOpenAppSecret, d.BotOpenAppSecret),
		}
	}
}

// WithClock replaces the clock (token expiry, timestamps of new objects, and
// "today": DailyBot's date filters default to the current day). Unless
// WithNow says otherwise, the data is seeded as of the clock's time when New
// runs. The default is time.Now; a fixed clock gives fixed data.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now == nil {
			c.fail("WithClock: clock is nil")
			return
		}
		c.now, c.clockSet = now, true
	}
}

// WithNow seeds the data as of t instead of the time New runs, so the same
// seed and the same t give byte-identical data in all four APIs, and nothing
// seeded is dated after t (DailyBot's check-in responses cover the 90 days
// ending at t; AssistBot's history, Bot.Az's chats and Bot Open's
// transcripts end before it too). The mock's clock reads t when New runs and advances with
// the real clock from then on, so tokens still expire; with WithClock as
// well, the clock is WithClock's. t must not be the zero time.
func WithNow(t time.Time) Option {
	return func(c *config) {
		if t.IsZero() {
			c.fail("WithNow: time is zero")
			return
		}
		c.start = t
	}
}

// WithCheckinResponses seeds n DailyBot check-in responses in all instead of
// the default history (about 10,500 responses over the 90 days ending at
// now), for benchmarks and load tests. A larger n adds older days, so the
// last 90 days stay as the default seeds them and only the history grows
// (each response is stored in 32 bytes and rendered when asked for); a
// smaller n keeps the newest n. n must be >= 0; 0 keeps the default.
func WithCheckinResponses(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.fail("WithCheckinResponses: n must be >= 0, got %d", n)
			return
		}
		c.responses = n
	}
}

// WithSpec serves api ("assistbot", "dailybot", "botaz" or "botopen") from
// spec, an OpenAPI 3 document in YAML or JSON, instead of botsdk's embedded
// spec: requests are routed and validated against it, and every operation
// of it the mock has no handler for answers the example the document gives
// for its success response. So an operation added to a copy of a spec is
// served at once, before the mock has code for it. The mock's handlers
// answer the operations they know as before. New fails when spec does not
// parse.
func WithSpec(api string, spec []byte) Option {
	return func(c *config) {
		if !slices.Contains(apiPrefixes[:], api) {
			c.fail("WithSpec: unknown API %q (want one of %v)", api, apiPrefixes)
			return
		}
		if c.specs == nil {
			c.specs = map[string][]byte{}
		}
		c.specs[api] = spec
	}
}

// WithAPIs serves only the named APIs ("assistbot", "dailybot", "botaz",
// "botopen"): New loads and seeds nothing else, which saves most of its
// start-up for a caller that talks to one API. Requests to another API's
// prefix are answered 404, as paths outside every API are, and its
// BasePath is empty. The default, and WithAPIs with no name, serves all
// four. An unknown name makes New fail.
func WithAPIs(apis ...string) Option {
	return func(c *config) {
		c.apis = nil
		for _, api := range apis {
			if !slices.Contains(apiPrefixes[:], api) {
				c.fail("WithAPIs: unknown API %q (want assistbot, dailybot, botaz or botopen)", api)
				return
			}
			if c.apis == nil {
				c.apis = map[string]bool{}
			}
			c.apis[api] = true
		}
	}
}

// WithRemoteWebhooks lets DailyBot webhook deliveries go to hosts other than
// loopback addresses, and follow redirects. By default a subscription's
// hook_url must be on 127.0.0.0/8, ::1 or "localhost" (other host names are
// refused without being resolved) and redirects are not followed, so the mock
// cannot be made to send requests to arbitrary hosts.
func WithRemoteWebhooks() Option { return func(c *config) { c.remoteWebhooks = true } }

// WithWebhookClient sends webhook deliveries through client; the default has a
// 10 s timeout.
func WithWebhookClient(client *http.Client) Option {
	return func(c *config) {
		if client == nil {
			c.fail("WithWebhookClient: client is nil")
			return
		}
		c.webhookClient = client
	}
}

// WithLogger logs each request the mock serves; the default is silent.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}
