// Package reliability tests how the four API clients (assistbot, dailybot,
// botaz, botopen) and the botsdk.Transport under them behave when the
// network or the server misbehaves. It holds tests only.
//
// TestFaultMatrix crosses every fault a loopback fault server can inject
// (5xx, 429 with Retry-After in seconds or as a date, refused and
// unresolvable dials, connection resets before the headers and mid-body,
// truncated JSON, an HTML page, JSON with the wrong content type, a body
// slower than the caller's deadline, bodies over botsdk.MaxResponseBody and
// botsdk.MaxErrorRead, redirect loops, redirects to another host, and Bot
// Open's login failures) with each client's idempotent and non-idempotent
// calls. Each cell checks the outcome and its error type, the exact number of
// attempts the server saw, the waits the retry policy asked for, the caller's
// deadline, the memory the call allocated, and that no goroutine is left. The
// matrix is printed with t.Log, ending with a line of the form
//
//	fault matrix: <faults> faults x <clients> clients, <cells> cells, <n> passed
//
// Run it with:
//
//	go test -race -run TestFaultMatrix -v ./pkg/internal/reliability
package reliability
