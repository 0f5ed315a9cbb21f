package mock

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// faults applies the configured misbehaviour. Decisions come from one seeded
// source under a lock, so a given seed and request order give the same faults.
type faults struct {
	cfg *config // its fault fields are read and changed under mu
	mu  sync.Mutex
	rng *rand.Rand
	n   int
	// active says a fault is configured; without one a request takes no
	// lock. Set under mu whenever the fault fields change.
	active atomic.Bool
}

func newFaults(cfg *config) *faults {
	f := &faults{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.seed, 0xfa017))}
	f.active.Store(cfg.anyFault())
	return f
}

// anyFault reports whether c configures any misbehaviour.
func (c *config) anyFault() bool {
	return c.latency != 0 || c.jitter != 0 || c.throttleEvery != 0 || c.resetRate != 0 || c.failRate != 0 || c.truncateRate != 0
}

// decision is what happens to one request.
type decision struct {
	delay    time.Duration
	throttle bool
	fail     int // 0, or the 5xx status to answer
	reset    bool
	truncate bool
}

func (f *faults) decide() decision {
	if !f.active.Load() {
		// No fault is configured: nothing to draw or count, so no lock for
		// every request to queue on.
		return decision{}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.cfg
	f.n++
	d := decision{delay: c.latency}
	if c.jitter > 0 {
		d.delay += time.Duration(f.rng.Int64N(int64(c.jitter) + 1))
	}
	if c.throttleEvery > 0 && f.n%c.throttleEvery == 0 {
		d.throttle = true
		return d
	}
	if c.resetRate > 0 && f.rng.Float64() < c.resetRate {
		d.reset = true
		return d
	}
	if c.failRate > 0 && f.rng.Float64() < c.failRate {
		d.fail = [...]int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable}[f.rng.IntN(3)]
		return d
	}
	if c.truncateRate > 0 && f.rng.Float64() < c.truncateRate {
		d.truncate = true
	}
	return d
}

func (f *faults) serve(w http.ResponseWriter, r *http.Request, svc service) {
	d := f.decide()
	if d.delay > 0 && !d.throttle && !d.reset && d.fail == 0 && !d.truncate {
		// The latency is the time from the request's arrival to its answer,
		// as a remote server's would be: the operation runs while the delay
		// passes, and the answer leaves when both are done. Sleeping first
		// and building the answer after would add the building time to every
		// answer, which a client paging at the latency bound pays per page.
		f.serveDelayed(w, r, svc, d.delay)
		return
	}
	if d.delay > 0 {
		if err := f.cfg.sleep(r.Context(), d.delay); err != nil {
			return
		}
	}
	switch {
	case d.throttle:
		w.Header().Set("Retry-After", "1")
		svc.writeError(w, http.StatusTooManyRequests, "Request was throttled. Expected available in 1 second.")
	case d.reset:
		if !resetConnection(w) {
			svc.writeError(w, http.StatusBadGateway, "connection reset (injected by the mock)")
		}
	case d.fail != 0:
		svc.writeError(w, d.fail, http.StatusText(d.fail)+" (injected by the mock)")
	case d.truncate:
		rec := httptest.NewRecorder()
		svc.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if rec.Code >= 300 || len(body) < 2 {
			copyRecorded(w, rec, body)
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		copyRecorded(w, rec, body[:len(body)/2])
		// Flush through the wrappers (statusRecorder) so the half body is on
		// the wire before the connection is dropped.
		_ = http.NewResponseController(w).Flush()
		_ = resetConnection(w)
	default:
		svc.ServeHTTP(w, r)
	}
}

// serveDelayed runs the operation at once and holds its answer back until
// delay has passed since the request arrived. The delay starts before the
// operation (startSleep) and ends on its own; a client that hangs up before
// the answer leaves, during the delay or while a slower operation runs,
// gets nothing written (the operation has run, as it would have on a
// remote server).
func (f *faults) serveDelayed(w http.ResponseWriter, r *http.Request, svc service, delay time.Duration) {
	slept := f.cfg.startSleep(r.Context(), delay)
	dw := &delayedWriter{ResponseWriter: w, slept: slept}
	svc.ServeHTTP(dw, r)
	dw.wait() // an operation that wrote nothing is delayed too
}

// delayedWriter holds back the first write of an answer (its header, its
// body or a flush) until slept reports the delay's end; it drops the answer
// when the delay ended with the request's context.
type delayedWriter struct {
	http.ResponseWriter
	slept  func() error
	waited bool
	err    error // the delay's error: the client is gone
}

// wait blocks until the delay has passed, once; it returns the delay's error.
func (d *delayedWriter) wait() error {
	if !d.waited {
		d.waited = true
		if d.err = d.slept(); d.err != nil {
			// Nothing of the answer goes out: a Content-Length set for the
			// body would promise bytes that never come.
			clear(d.ResponseWriter.Header())
		}
	}
	return d.err
}

// Header is the answer's header; once the answer is dropped, a throwaway one.
func (d *delayedWriter) Header() http.Header {
	if d.waited && d.err != nil {
		return http.Header{}
	}
	return d.ResponseWriter.Header()
}

func (d *delayedWriter) WriteHeader(code int) {
	if d.wait() == nil {
		d.ResponseWriter.WriteHeader(code)
	}
}

func (d *delayedWriter) Write(b []byte) (int, error) {
	if err := d.wait(); err != nil {
		return 0, err
	}
	return d.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection; a flush or a
// hijack through it waits for the delay like a write.
func (d *delayedWriter) Unwrap() http.ResponseWriter {
	_ = d.wait()
	return d.ResponseWriter
}

func copyRecorded(w http.ResponseWriter, rec *httptest.ResponseRecorder, body []byte) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = bytes.NewReader(body).WriteTo(w)
}

// resetConnection drops the connection without a (complete) answer; it
// reports false when the connection cannot be taken over (HTTP/2, recorders).
func resetConnection(w http.ResponseWriter) bool {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return false
	}
	_ = conn.Close()
	return true
}
