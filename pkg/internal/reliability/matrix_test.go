package reliability

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botaz"
	"github.com/botsdk/botsdk/pkg/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// The success bodies are the specs' own examples (specs/*.yaml), trimmed;
// TestFaultMatrixAnswersFollowTheSpecs checks them and the error bodies
// against the specs.
const (
	matrixCompanyInfo = `{"data":{"name":"My company","logo":"https://static.assist-bot.com/images/image.png",` +
		`"code":"012345","work_start_time":"09:00","work_end_time":"18:00","work_days":[0,1,2,3,4],` +
		`"timezone":"America/New_York","bot_lang":"en","app":"tg","hook_url":null,"bot_enabled":true,` +
		`"motiv_enabled":true,"auto_accept":false,"create_dt":1603789922},"status":true}`
	matrixMe = `{"uuid":"b1b292b3-29b2-4235-8103-321ed749db8d","is_active":true,"bot_enabled":true,` +
		`"full_name":"John Wick","role":"ADMIN","timezone":"America/Bogota","username":"Wick10",` +
		`"occupation":"Teammate","work_start_time":"09:00:00","work_days":[1,2,3,4,5],` +
		`"timeoff_start":null,"timeoff_end":null,"organization":{"uuid":"4e322341-1262-42fa3-942a-0341d90883f6","name":"Alexa OC"},` +
		`"organization_uuid":"4e322341-1262-42fa3-942a-0341d90883f6","organization_name":"Alexa OC"}`
	matrixKudos = `{"id":"7d1f0c52-8b1e-4c1a-9d5e-2f3a4b5c6d7e","parent":null,` +
		`"user":{"uuid":"b1b292b3-29b2-4235-8103-321ed749db8d","full_name":"John Wick","username":"Wick10","occupation":"Teammate"},` +
		`"receivers":[{"uuid":"5945bf0g2-66f5-4b29-bbd6-07421dfga87","full_name":"Helen Wick","username":"Helen","occupation":"Teammate"}],` +
		`"company_value":null,"content":"Great work!","is_anonymous":false,"metadata":{},"created_at":"2024-02-05T17:42:58.851941Z"}`
	matrixMessage = `{"_id":"qZkS5QLZSBLKzYAwm","userId":"MvSzqx36KksKNxHmK","visitorId":"BtR7qAyvZfTWoaC7a",` +
		`"text":"Good morning! Can I help you?","seen":false,"sentAt":"2019-01-03T07:14:07.438Z"}`
	matrixUsersPage = `{"users":[{"userId":"0a1b2c3d4e5f60718293a4b5","botUserId":"+919876543210",` +
		`"createdDate":"2021-10-01T04:27:29.653Z","first interacted date":"2021-10-01T04:27:29.652Z",` +
		`"last interacted date":"2021-10-01T13:00:27.629Z","channelName":"webchat","name":"Jane Doe"}],` +
		`"page":1,"pages":1,"total":1,"limit":100,"hasNextPage":0}`
	matrixLogin = `{"authToken":"fault-matrix-token"}`
)

// matrixCall is one operation of a client built for one cell.
type matrixCall struct {
	// login logs in (Bot Open only; nil for the others).
	login func(ctx context.Context) error
	// do calls the operation and returns one field of the decoded answer,
	// which proves the success body was decoded.
	do func(ctx context.Context) (string, error)
}

// matrixOp is an operation the matrix calls.
type matrixOp struct {
	label string // "GET Me.Get"
	// idempotent says whether the client may send it again after it may
	// have reached the server.
	idempotent bool
	path, body string // the path under the API's base path, and its success body
	mark       string // what matrixCall.do returns on success
	start      func(base string, opts []botsdk.Setting) (matrixCall, error)
}

// matrixClient is one column pair of the matrix: a client and its
// idempotent and non-idempotent operations (nil: the client has none).
type matrixClient struct {
	api faultAPI
	ops [2]*matrixOp
}

func matrixDeref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func matrixClients() []matrixClient {
	return []matrixClient{
		{
			// The code is AssistBot's own (500: server error), not the HTTP status.
			api: faultAPI{name: "assistbot", errBody: func(int) string {
				return `{"error":{"code":500,"message":"injected fault"},"status":false}`
			}},
			// Every AssistBot operation is a read-only POST that the client
			// treats as idempotent: there is no non-idempotent call.
			ops: [2]*matrixOp{{
				label: "POST Company.Info", idempotent: true, path: "/v1/company/info", body: matrixCompanyInfo, mark: "My company",
				start: func(base string, opts []botsdk.Setting) (matrixCall, error) {
					c, err := assistbot.New("fault-matrix-key", assistbot.WithSettings(append(opts, botsdk.BaseURL(base))...))
					if err != nil {
						return matrixCall{}, err
					}
					return matrixCall{do: func(ctx context.Context) (string, error) {
						info, err := c.Company.Info(ctx)
						if err != nil {
							return "", err
						}
						return matrixDeref(info.Name), nil
					}}, nil
				},
			}},
		},
		{
			api: faultAPI{name: "dailybot", basePath: "/v1", errBody: func(int) string { return `{"detail":"injected fault"}` }},
			ops: [2]*matrixOp{
				{
					label: "GET Me.Get", idempotent: true, path: "/me/", body: matrixMe, mark: "John Wick",
					start: func(base string, opts []botsdk.Setting) (matrixCall, error) {
						c, err := dailybot.New("fault-matrix-key", dailybot.WithSettings(append(opts, botsdk.BaseURL(base))...))
						if err != nil {
							return matrixCall{}, err
						}
						return matrixCall{do: func(ctx context.Context) (string, error) {
							me, err := c.Me.Get(ctx, dailybot.GetMeParams{})
							if err != nil {
								return "", err
							}
							return matrixDeref(me.FullName), nil
						}}, nil
					},
				},
				{
					label: "POST Kudos.Give", path: "/kudos/", body: matrixKudos, mark: "Great work!",
					start: func(base string, opts []botsdk.Setting) (matrixCall, error) {
						c, err := dailybot.New("fault-matrix-key", dailybot.WithSettings(append(opts, botsdk.BaseURL(base))...))
						if err != nil {
							return matrixCall{}, err
						}
						return matrixCall{do: func(ctx context.Context) (string, error) {
							k, err := c.Kudos.Give(ctx, dailybot.GiveKudosParams{
								Receivers: []string{"5945bf0g2-66f5-4b29-bbd6-07421dfga87"}, Content: "Great work!"})
							if err != nil {
								return "", err
							}
							return matrixDeref(k.Content), nil
						}}, nil
					},
				},
			},
		},
		{
			api: faultAPI{name: "botaz", basePath: "/api", errBody: func(int) string {
				return `{"status":"error","message":"injected fault"}`
			}},
			ops: [2]*matrixOp{
				{
					label: "GET Messages.Get", idempotent: true, path: "/messages/qZkS5QLZSBLKzYAwm", body: matrixMessage,
					mark: "Good morning! Can I help you?",
					start: func(base string, opts []botsdk.Setting) (matrixCall, error) {
						c, err := botaz.New("MvSzqx36KksKNxHmK", "fault-matrix-token", botaz.WithSettings(append(opts, botsdk.BaseURL(base))...))
						if err != nil {
							return matrixCall{}, err
						}
						return matrixCall{do: func(ctx context.Context) (string, error) {
							m, err := c.Messages.Get(ctx, "qZkS5QLZSBLKzYAwm")
							if err != nil {
								return "", err
							}
							return matrixDeref(m.Text), nil
						}}, nil
					},
				},
				{
					label: "POST Messages.Send", path: "/messages/", body: matrixMessage, mark: "Good morning! Can I help you?",
					start: func(base string, opts []botsdk.Setting) (matrixCall, error) {
						c, err := botaz.New("MvSzqx36KksKNxHmK", "fault-matrix-token", botaz.WithSettings(append(opts, botsdk.BaseURL(base))...))
						if err != nil {
							return matrixCall{}, err
						}
						return matrixCall{do: func(ctx context.Context) (string, error) {
							m, err := c.Messages.Send(ctx, botaz.SendMessageParams{
								UserID: "MvSzqx36KksKNxHmK", VisitorID: "BtR7qAyvZfTWoaC7a", Text: "Good morning! Can I help you?"})
							if err != nil {
								return "", err
							}
							return matrixDeref(m.Text), nil
						}}, nil
					},
				},
			},
		},
		{
			api: faultAPI{name: "botopen", loginPath: "/login", loginBody: matrixLogin, errBody: func(status int) string {
				return fmt.Sprintf(`{"statusCode":%d,"message":"injected fault","error":%q}`, status, http.StatusText(status))
			}},
			// Every Bot Open operation reads (queries are POSTs): all are
			// idempotent, and so is the login.
			ops: [2]*matrixOp{{
				label: "POST Users.ListPage", idempotent: true, path: "/users", body: matrixUsersPage, mark: "+919876543210",
				start: func(base string, opts []botsdk.Setting) (matrixCall, error) {
					c, err := botopen.New("fault-matrix-app", "fault-matrix-app-key", botopen.WithSettings(append(opts, botsdk.BaseURL(base))...))
					if err != nil {
						return matrixCall{}, err
					}
					login := func(ctx context.Context) error {
						_, err := c.Auth.Login(ctx)
						return err
					}
					return matrixCall{login: login, do: func(ctx context.Context) (string, error) {
						pg, err := c.Users.ListPage(ctx, botopen.ListUsersParams{
							ChannelIDs: []botopen.ChannelID{botopen.ChannelIDWebchat},
							StartDate:  time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC),
							EndDate:    time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC),
						})
						if err != nil {
							return "", err
						}
						if len(pg.Results) != 1 {
							return "", fmt.Errorf("want 1 user, got %d", len(pg.Results))
						}
						return matrixDeref(pg.Results[0].BotUserID), nil
					}}, nil
				},
			}},
		},
	}
}

// matrixBackoff is what the policy waits before retries 1, 2 and 3 with the
// identity jitter (the ceiling itself) and the default 500 ms base delay.
var matrixBackoff = []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}

// matrixMaxDelay is the default RetryPolicy.MaxDelay, which clamps Retry-After.
const matrixMaxDelay = 20 * time.Second

// matrixDeadline is the caller's real deadline in the cells that test one.
const matrixDeadline = 200 * time.Millisecond

// matrixSlack is how much later than its deadline a call may return: the
// time to notice the deadline, close the connection and unwind. It takes 1
// to 5 ms on an idle machine, and up to 400 ms was measured under -race with
// two busy loops sharing the 2 cores, as when CI runs other packages' tests
// beside this one. A call that did not honour the deadline would instead
// wait for the body until the cell ends (the 10 s watchdog), so a second of
// slack still tells the two apart by an order of magnitude.
const matrixSlack = time.Second

// Allocation bounds (runtime.MemStats.TotalAlloc during the call, client
// and in-process server together; the servers stream their big bodies from
// faultFiller and allocate nothing for them).
const (
	// matrixAllocCall bounds an ordinary cell: building a client and sending
	// at most ten requests with bodies under 1 KiB cost 10 to 220 KiB
	// (measured under -race, idle and loaded); 1 MiB is well above that and
	// well below any body this matrix streams.
	matrixAllocCall = 1 << 20
	// matrixAllocErrorBody bounds reading the 50 MB error body announced by
	// Content-Length: the Transport reads MaxErrorRead (1 MiB) into one
	// buffer sized from Content-Length and drops the rest (measured: 1.0
	// MiB for the call). Reading the body whole would cost 50 MB or more.
	matrixAllocErrorBody = botsdk.MaxErrorRead + matrixAllocCall
	// matrixAllocErrorBodyChunked bounds the same body sent chunked: with no
	// Content-Length the Transport's buffer grows by doubling from 4 KiB and
	// stops at MaxErrorRead+1, so the buffers it drops on the way add up to
	// less than the last one: under 2.5 × MaxErrorRead. (A bytes.Buffer
	// doubled once more past the cap and cost 4 × MaxErrorRead.)
	matrixAllocErrorBodyChunked = 5*botsdk.MaxErrorRead/2 + matrixAllocCall
)

// matrixRaceFactor is 2 under the race detector, 1 otherwise: the race
// runtime allocates twice what a growing bytes.Buffer asks for (measured:
// 2.00 MiB instead of 1.00 MiB for a MaxErrorRead read, 8 MiB instead of 4
// chunked), so the body bounds double with it.
var matrixRaceFactor = sync.OnceValue(func() uint64 {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" && s.Value == "true" {
				return 2
			}
		}
	}
	return 1
})

// matrixWant is a cell's expected outcome.
type matrixWant struct {
	// kind is the outcome's class (see matrixOutcome): "ok", "APIError",
	// "DecodeError", "ErrBodyTooLarge", "DeadlineExceeded", "DNSError",
	// "ECONNRESET", "UnexpectedEOF", "RedirectLoop".
	kind string
	// status is the *botsdk.APIError's HTTP status.
	status int
	// attempts is how many attempts the server (and, for dial faults, the
	// dialer) saw: requests to the operation plus failed dials; for a
	// login fault, the logins.
	attempts int
	// calls is, for a login fault, how many requests the operation got.
	calls int
	// waits are the retry policy's sleeps, exactly.
	waits []time.Duration
	// check makes the fault's own assertions.
	check func(t *testing.T, c matrixRun)
}

// matrixRun is what one cell observed.
type matrixRun struct {
	s       *faultServer
	err     error
	mark    string
	elapsed time.Duration
	alloc   uint64
}

// matrixFault is one row of the matrix.
type matrixFault struct {
	name string
	// setup arms the fault on the cell's server.
	setup func(s *faultServer)
	// deadline is the caller's real deadline; 0 means none.
	deadline time.Duration
	// login marks a Bot Open login fault: only the Bot Open column has it.
	login bool
	// maxAlloc bounds the call's allocations when it reads a big body
	// (times matrixRaceFactor); 0 means matrixAllocCall.
	maxAlloc uint64
	want     func(idempotent bool) matrixWant
}

// matrixInject returns a setup that faults the first times requests (every one
// when times is 0) with f.
func matrixInject(f faultInjector, times int32) func(*faultServer) {
	return func(s *faultServer) { s.inject, s.times = f, times }
}

// matrixInjectLogin is inject for Bot Open's login.
func matrixInjectLogin(f faultInjector, times int32) func(*faultServer) {
	return func(s *faultServer) { s.inject, s.times, s.onLogin = f, times, true }
}

// matrixRetried is the outcome of a fault the Transport retries for idempotent
// calls only: success after times faulted attempts (times > 0) or fail after
// MaxRetries+1 attempts (times 0, every attempt faulted); a non-idempotent
// call gets fail after its one attempt.
func matrixRetried(fail matrixWant, times int) func(bool) matrixWant {
	return func(idempotent bool) matrixWant {
		w := fail
		switch {
		case !idempotent:
			w.attempts = 1
			return w
		case times == 0:
			w.attempts, w.waits = 4, matrixBackoff
			return w
		}
		return matrixWant{kind: "ok", attempts: times + 1, waits: matrixBackoff[:times]}
	}
}

// matrixFinal is an outcome the same for every call.
func matrixFinal(w matrixWant) func(bool) matrixWant {
	return func(bool) matrixWant { return w }
}

// matrixAPIError is a *botsdk.APIError with status.
func matrixAPIError(status int) matrixWant { return matrixWant{kind: "APIError", status: status} }

// matrixRetryAfterIs checks the APIError's RetryAfter against [lo, hi].
func matrixRetryAfterIs(lo, hi time.Duration) func(t *testing.T, c matrixRun) {
	return func(t *testing.T, c matrixRun) {
		var apiErr *botsdk.APIError
		if assert.ErrorAs(t, c.err, &apiErr) {
			assert.GreaterOrEqual(t, apiErr.RetryAfter, lo, "APIError.RetryAfter")
			assert.LessOrEqual(t, apiErr.RetryAfter, hi, "APIError.RetryAfter")
		}
	}
}

func matrixFaults() []matrixFault {
	const huge = 50_000_000
	retryAfterDate := func() string { return time.Now().Add(time.Hour).UTC().Format(http.TimeFormat) }
	decodeErr := func(contentType string) matrixWant {
		return matrixWant{kind: "DecodeError", attempts: 1, check: func(t *testing.T, c matrixRun) {
			var de *botsdk.DecodeError
			if assert.ErrorAs(t, c.err, &de) {
				assert.Equal(t, http.StatusOK, de.StatusCode)
				assert.Equal(t, contentType, de.ContentType)
			}
		}}
	}
	rateLimited := func(wait, lo, hi time.Duration) func(bool) matrixWant {
		return func(idempotent bool) matrixWant {
			if idempotent {
				// The server's wait, clamped to MaxDelay, instead of the backoff.
				return matrixWant{kind: "ok", attempts: 2, waits: []time.Duration{wait}}
			}
			return matrixWant{kind: "APIError", status: http.StatusTooManyRequests, attempts: 1, check: matrixRetryAfterIs(lo, hi)}
		}
	}
	hugeErrorBody := matrixWant{kind: "APIError", status: 502, check: func(t *testing.T, c matrixRun) {
		var apiErr *botsdk.APIError
		if assert.ErrorAs(t, c.err, &apiErr) {
			assert.LessOrEqual(t, len(apiErr.Body), botsdk.MaxErrorBody)
			assert.Contains(t, apiErr.Message, "longer than", "the message says the body was cut")
		}
		assert.Less(t, c.s.streamed.Load(), int64(huge/2), "the client stopped reading early")
	}}
	return []matrixFault{
		{name: "500, once", setup: matrixInject(faultStatus(500, nil), 1), want: matrixRetried(matrixAPIError(500), 1)},
		{name: "502, once", setup: matrixInject(faultStatus(502, nil), 1), want: matrixRetried(matrixAPIError(502), 1)},
		{name: "503, every attempt", setup: matrixInject(faultStatus(503, nil), 0), want: matrixRetried(matrixAPIError(503), 0)},
		{name: "504, once", setup: matrixInject(faultStatus(504, nil), 1), want: matrixRetried(matrixAPIError(504), 1)},
		{name: "501 (not retryable)", setup: matrixInject(faultStatus(501, nil), 0),
			want: matrixFinal(matrixWant{kind: "APIError", status: 501, attempts: 1})},
		{
			name:  "429 Retry-After: 7, once",
			setup: matrixInject(faultStatus(429, faultRetryAfter(func() string { return "7" })), 1),
			want:  rateLimited(7*time.Second, 7*time.Second, 7*time.Second),
		},
		{
			// An hour away: the wait is clamped to MaxDelay.
			name:  "429 Retry-After: date +1h, once",
			setup: matrixInject(faultStatus(429, faultRetryAfter(retryAfterDate)), 1),
			want:  rateLimited(matrixMaxDelay, time.Hour-10*time.Second, time.Hour),
		},
		{
			// The wait (30 s, clamped to 20 s) outlasts the 2 s deadline: the
			// 429 is the answer at once, and says when to come back.
			name:     "429 Retry-After: 30, past a 2s deadline",
			setup:    matrixInject(faultStatus(429, faultRetryAfter(func() string { return "30" })), 0),
			deadline: 2 * time.Second,
			want: matrixFinal(matrixWant{kind: "APIError", status: 429, attempts: 1,
				check: matrixRetryAfterIs(30*time.Second, 30*time.Second)}),
		},
		{
			// The request provably never left: retried even when not idempotent.
			name:  "dial refused, once",
			setup: func(s *faultServer) { s.refuseDials = 1 },
			want: matrixFinal(matrixWant{kind: "ok", attempts: 2, waits: matrixBackoff[:1], check: func(t *testing.T, c matrixRun) {
				assert.Equal(t, int32(1), c.s.failedDials.Load(), "refused dials")
			}}),
		},
		{
			// A name that does not resolve will not resolve on retry.
			name:  "unknown host",
			setup: func(s *faultServer) { s.unknownHost = true },
			want: matrixFinal(matrixWant{kind: "DNSError", attempts: 1, check: func(t *testing.T, c matrixRun) {
				assert.Zero(t, c.s.requests.Load(), "no request reached the server")
			}}),
		},
		{
			name:  "reset before headers, once",
			setup: matrixInject(faultResetBeforeHeaders, 1),
			want: matrixRetried(matrixWant{kind: "ECONNRESET", check: func(t *testing.T, c matrixRun) {
				var opErr *net.OpError
				assert.ErrorAs(t, c.err, &opErr)
			}}, 1),
		},
		{name: "reset mid-body, once", setup: matrixInject(faultCutMidBody, 1), want: matrixRetried(matrixWant{kind: "UnexpectedEOF"}, 1)},
		{name: "truncated JSON, 200", setup: matrixInject(faultTruncatedJSON, 0), want: matrixFinal(decodeErr("application/json"))},
		{name: "HTML page, 200", setup: matrixInject(faultHTML, 0), want: matrixFinal(decodeErr("text/html; charset=utf-8"))},
		{name: "JSON as text/plain", setup: matrixInject(faultTextPlain, 0), want: matrixFinal(matrixWant{kind: "ok", attempts: 1})},
		{
			name: "slow body past a 200ms deadline", setup: matrixInject(faultSlowBody, 0), deadline: matrixDeadline,
			want: matrixFinal(matrixWant{kind: "DeadlineExceeded", attempts: 1}),
		},
		{
			// Refused from its Content-Length, before a byte is read: the
			// allocation bound proves it. The same body sent chunked is read
			// up to the cap before it is refused: 64 MiB over loopback took
			// 5 to 15 s per cell under -race on 2 cores and allocated 512 MiB
			// (256 MiB without -race), too slow for CI, so the chunked case is
			// left to pkg/botsdk's TestSuccessBodyOverTheCapIsFinal, which
			// lowers the cap (an unexported setting) to 1 MiB.
			name: "body over the cap, Content-Length", setup: matrixInject(faultHugeBody(200, botsdk.MaxResponseBody+1, false), 0),
			want: matrixFinal(matrixWant{kind: "ErrBodyTooLarge", attempts: 1}),
		},
		{
			name: "50 MB error body (502), once", setup: matrixInject(faultHugeBody(502, huge, false), 1),
			maxAlloc: matrixAllocErrorBody, want: matrixRetried(hugeErrorBody, 1),
		},
		{
			name: "50 MB error body (502) chunked, once", setup: matrixInject(faultHugeBody(502, huge, true), 1),
			maxAlloc: matrixAllocErrorBodyChunked, want: matrixRetried(hugeErrorBody, 1),
		},
		{
			// One attempt: the request and 9 redirects, the 10th refused.
			name:  "redirect loop, same origin",
			setup: matrixInject(faultRedirect(func(_ *faultServer, r *http.Request) string { return r.URL.RequestURI() }), 0),
			want:  matrixFinal(matrixWant{kind: "RedirectLoop", attempts: 10}),
		},
		{
			// Not followed: the 3xx is handed back, and the other host,
			// which would get the credentials, sees nothing.
			name: "redirect to another host",
			setup: func(s *faultServer) {
				s.startElsewhere()
				matrixInject(faultRedirect(func(s *faultServer, r *http.Request) string { return s.elsewhere.URL + r.URL.RequestURI() }), 0)(s)
			},
			want: matrixFinal(matrixWant{kind: "APIError", status: http.StatusFound, attempts: 1, check: func(t *testing.T, c matrixRun) {
				assert.Zero(t, c.s.elsewhereRequests.Load(), "requests to the other host")
			}}),
		},
		{
			name: "login 503, once", login: true, setup: matrixInjectLogin(faultStatus(503, nil), 1),
			want: matrixFinal(matrixWant{kind: "ok", attempts: 2, calls: 1, waits: matrixBackoff[:1]}),
		},
		{
			name: "login refused 400", login: true, setup: matrixInjectLogin(faultStatus(400, nil), 0),
			want: matrixFinal(matrixWant{kind: "APIError", status: 400, attempts: 1}),
		},
		{
			name: "login refused 401", login: true, setup: matrixInjectLogin(faultStatus(401, nil), 0),
			want: matrixFinal(matrixWant{kind: "APIError", status: 401, attempts: 1}),
		},
		{
			name: "login without authToken", login: true,
			setup: matrixInjectLogin(func(s *faultServer, w http.ResponseWriter, _ *http.Request) {
				s.writeJSON(w, http.StatusOK, `{"expiresAt":"2030-01-01T00:00:00Z"}`)
			}, 0),
			want: matrixFinal(matrixWant{kind: "DecodeError", attempts: 1}),
		},
		{
			name: "login hangs past a 200ms deadline", login: true, setup: matrixInjectLogin(faultHang, 0), deadline: matrixDeadline,
			want: matrixFinal(matrixWant{kind: "DeadlineExceeded", attempts: 1}),
		},
	}
}

// matrixOutcome classifies err, most specific first.
func matrixOutcome(err error) (kind string, status int) {
	var apiErr *botsdk.APIError
	var decodeErr *botsdk.DecodeError
	var dnsErr *net.DNSError
	switch {
	case err == nil:
		return "ok", 0
	case errors.As(err, &apiErr):
		return "APIError", apiErr.StatusCode
	case errors.As(err, &decodeErr):
		return "DecodeError", 0
	case errors.Is(err, botsdk.ErrBodyTooLarge):
		return "ErrBodyTooLarge", 0
	case errors.Is(err, context.DeadlineExceeded):
		return "DeadlineExceeded", 0
	case errors.As(err, &dnsErr):
		return "DNSError", 0
	case errors.Is(err, syscall.ECONNRESET):
		return "ECONNRESET", 0
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "UnexpectedEOF", 0
	case errors.Is(err, botsdk.ErrRedirectLoop):
		return "RedirectLoop", 0
	}
	return "error", 0
}

// matrixSleeps records the retry policy's waits without sleeping.
type matrixSleeps struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (r *matrixSleeps) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waits = append(r.waits, d)
	return ctx.Err()
}

func (r *matrixSleeps) take() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	w := r.waits
	r.waits = nil
	return w
}

// matrixCell runs one cell and returns what it printed in the table.
func matrixCell(t *testing.T, client matrixClient, op *matrixOp, f matrixFault) string {
	ignore := goleak.IgnoreCurrent()
	want := f.want(op.idempotent)
	s := newFaultServer(t, client.api, op.path, op.body, f.setup)
	closed := false
	defer func() {
		if !closed {
			s.close()
		}
	}()
	sleeps := &matrixSleeps{}
	policy := botsdk.RetryPolicy{MaxRetries: 3, Sleep: sleeps.sleep, Jitter: func(d time.Duration) time.Duration { return d }}
	call, err := op.start(s.baseURL(), []botsdk.Setting{botsdk.HTTPClient(s.httpClient()), botsdk.Retry(policy)})
	require.NoError(t, err)

	// A watchdog instead of a deadline: a deadline would change how the
	// Transport treats Retry-After.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watchdog := time.AfterFunc(10*time.Second, cancel)
	defer watchdog.Stop()
	if call.login != nil && !f.login {
		// Log in before the fault is armed, so that it (a dial fault too)
		// hits the operation; the login's answer closes its connection.
		require.NoError(t, call.login(ctx), "login before the fault")
		require.Empty(t, sleeps.take())
	}
	s.armed.Store(true)
	if f.deadline > 0 {
		var cancelDeadline context.CancelFunc
		ctx, cancelDeadline = context.WithTimeout(ctx, f.deadline)
		defer cancelDeadline()
	}

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	run := matrixRun{s: s}
	func() {
		defer func() {
			if p := recover(); p != nil {
				run.err = fmt.Errorf("panic: %v", p)
				t.Errorf("the call panicked: %v", p)
			}
		}()
		run.mark, run.err = call.do(ctx)
	}()
	run.elapsed = time.Since(start)
	runtime.ReadMemStats(&after)
	run.alloc = after.TotalAlloc - before.TotalAlloc
	s.close()
	closed = true

	kind, status := matrixOutcome(run.err)
	attempts := int(s.requests.Load() + s.failedDials.Load())
	calls := 0
	if f.login {
		attempts, calls = int(s.logins.Load()), int(s.requests.Load())
	}
	assert.Equal(t, want.kind, kind, "outcome of %v", run.err)
	if want.kind == "APIError" {
		assert.Equal(t, want.status, status, "APIError status")
		var apiErr *botsdk.APIError
		if errors.As(run.err, &apiErr) {
			assert.Equal(t, client.api.name, apiErr.API)
		}
	}
	if want.kind == "ok" {
		assert.Equal(t, op.mark, run.mark, "the success body was decoded")
	}
	assert.Equal(t, want.attempts, attempts, "attempts")
	assert.Equal(t, want.calls, calls, "calls after the login")
	if client.api.loginPath != "" && !f.login {
		assert.Equal(t, int32(1), s.logins.Load(), "logins")
	}
	assert.Zero(t, s.others.Load(), "requests to other paths")
	assert.Equal(t, want.waits, sleeps.take(), "the retry policy's waits")
	if f.deadline > 0 {
		assert.Less(t, run.elapsed, f.deadline+matrixSlack, "the deadline is honoured")
	}
	maxAlloc := uint64(matrixAllocCall)
	if f.maxAlloc != 0 {
		maxAlloc = f.maxAlloc * matrixRaceFactor()
	}
	assert.LessOrEqual(t, run.alloc, maxAlloc, "bytes allocated during the call")
	if want.check != nil {
		want.check(t, run)
	}
	goleak.VerifyNone(t, ignore)
	t.Logf("%s: %v; %d attempts, %v, %d KiB allocated", kind, run.err, attempts, run.elapsed.Round(time.Millisecond), run.alloc>>10)

	cell := kind
	if kind == "APIError" {
		cell += " " + strconv.Itoa(status)
	}
	cell += "/" + strconv.Itoa(attempts)
	if f.login {
		cell += "+" + strconv.Itoa(calls)
	}
	return cell
}

// TestFaultMatrix crosses every fault with every client's idempotent and
// non-idempotent call and prints the outcomes as a table.
func TestFaultMatrix(t *testing.T) {
	clients := matrixClients()
	faults := matrixFaults()
	header := []string{"fault"}
	for _, c := range clients {
		header = append(header, c.api.name+" idempotent", c.api.name+" non-idempotent")
	}
	rows := make([][]string, 0, len(faults))
	cells, passed := 0, 0
	for _, f := range faults {
		row := []string{f.name}
		for _, c := range clients {
			for _, op := range c.ops {
				if op == nil || (f.login && c.api.loginPath == "") {
					row = append(row, "n/a")
					continue
				}
				cells++
				var cell string
				ok := t.Run(f.name+"/"+c.api.name+" "+op.label, func(t *testing.T) {
					cell = matrixCell(t, c, op, f)
				})
				if ok {
					passed++
				} else {
					cell = "FAIL " + cell
				}
				row = append(row, cell)
			}
		}
		rows = append(rows, row)
	}

	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join(header, "\t"))
	for _, row := range rows {
		fmt.Fprintln(w, strings.Join(row, "\t"))
	}
	_ = w.Flush()
	t.Logf("cells: outcome/attempts the server saw (login rows: logins+operation requests)\n%s", b.String())
	t.Logf("fault matrix: %d faults x %d clients, %d cells, %d passed", len(faults), len(clients), cells, passed)
}

// TestFaultMatrixAnswersFollowTheSpecs runs each operation of the matrix
// once against the fault server behind pkg/internal/speccheck, which checks
// every request and answer against the API's spec: the success bodies (and
// Bot Open's login answer) are answers the real APIs could give, and so are
// the error bodies the faults send in each API's dialect.
func TestFaultMatrixAnswersFollowTheSpecs(t *testing.T) {
	retryAfter := func() string { return "7" }
	answers := []struct {
		name  string
		setup func(*faultServer)
		login bool // Bot Open only
	}{
		{name: "success"},
		{name: "503", setup: matrixInject(faultStatus(503, nil), 0)},
		{name: "429 Retry-After", setup: matrixInject(faultStatus(429, faultRetryAfter(retryAfter)), 0)},
		{name: "login refused 400", setup: matrixInjectLogin(faultStatus(400, nil), 0), login: true},
	}
	for _, c := range matrixClients() {
		for _, op := range c.ops {
			if op == nil {
				continue
			}
			for _, a := range answers {
				if a.login && c.api.loginPath == "" {
					continue
				}
				t.Run(c.api.name+" "+op.label+"/"+a.name, func(t *testing.T) {
					s := newFaultServer(t, c.api, op.path, op.body, a.setup)
					defer s.close()
					spec := speccheck.NewServer(t, c.api.name, s)
					require.Equal(t, spec.URL+c.api.basePath, spec.BaseURL, "the fault server's paths are the spec's")
					call, err := op.start(spec.BaseURL, []botsdk.Setting{
						botsdk.HTTPClient(s.httpClient()), botsdk.Retry(botsdk.NoRetry())})
					require.NoError(t, err)
					mark, err := call.do(context.Background())
					if a.setup == nil {
						require.NoError(t, err)
						assert.Equal(t, op.mark, mark)
						return
					}
					var apiErr *botsdk.APIError
					require.ErrorAs(t, err, &apiErr)
				})
			}
		}
	}
}
