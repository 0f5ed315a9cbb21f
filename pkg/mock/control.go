package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ControlPrefix is the path prefix of the mock's control API, served on the
// mock's own port next to the four APIs (no API is mounted there):
//
//	POST /_mock/reset            back to the seeded state (faults are kept)
//	POST /_mock/trigger/{event}  fire a DailyBot webhook event (see Trigger)
//	GET  /_mock/faults           the faults in force, as Faults JSON
//	PUT  /_mock/faults           replace them (absent keys keep their value)
//
// Its answers are JSON; errors are {"error": message}. It takes no
// credentials: the mock's are public, and it listens on loopback.
const ControlPrefix = "/_mock/"

// controller is the handler a Server serves: the control API, the Prefer
// header and the state journal in front of the live mock. cur is swapped by a
// reset, so the handler never locks on the request path.
type controller struct {
	cur     atomic.Pointer[Mock]
	resetMu sync.Mutex
	journal atomic.Pointer[journal] // nil unless a StateFile keeps the state
}

func newController(m *Mock) *controller {
	c := &controller{}
	c.cur.Store(m)
	return c
}

// ServeHTTP serves the control API under ControlPrefix and everything else
// through the live mock, honouring a Prefer header. With no Prefer header and
// no state file it costs a prefix check, a header lookup and a pointer load.
func (c *controller) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if j := c.journal.Load(); j != nil && r.Method != http.MethodGet && r.Method != http.MethodHead {
		c.serveJournaled(j, w, r)
		return
	}
	c.serve(w, r)
}

func (c *controller) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, ControlPrefix) {
		c.serveControl(w, r)
		return
	}
	m := c.cur.Load()
	if prefer := r.Header.Values("Prefer"); len(prefer) > 0 && !m.servePrefer(w, r, prefer) {
		return
	}
	m.ServeHTTP(w, r)
}

// Live returns the mock the server runs now: the one Start built, or the
// fresh one the control API's reset put in its place.
func (s *Server) Live() *Mock { return s.ctl.cur.Load() }

// closeMocks stops the background work of the mock Start built and of the
// live one, when a reset replaced it.
func (s *Server) closeMocks() {
	s.Mock.close()
	if live := s.Live(); live != s.Mock {
		live.close()
	}
}

// Reset puts a freshly seeded mock in place of the live one, with the same
// options and the faults in force; webhook subscriptions and every change
// made since the start are gone, and deliveries in flight are dropped. The
// Mock Start returned keeps its old state: use Live after a reset.
func (s *Server) Reset() error {
	if j := s.ctl.journal.Load(); j != nil {
		// A change in flight is made on the mock being dropped: let it end
		// and be journaled before the journal is cleared. (The control API's
		// reset is itself a journaled request, serialized the same way.)
		j.write.Lock()
		defer j.write.Unlock()
	}
	return s.ctl.reset()
}

func (c *controller) reset() error {
	c.resetMu.Lock()
	defer c.resetMu.Unlock()
	old := c.cur.Load()
	old.faults.mu.Lock()
	cfg := *old.faults.cfg // the options' config with the faults in force
	old.faults.mu.Unlock()
	cfg.clockSet = true // keep the running clock rather than restarting it at start
	cfg.errs = nil
	fresh, err := New(func(dst *config) { *dst = cfg })
	if err != nil {
		return err
	}
	c.cur.Store(fresh)
	old.close()
	if j := c.journal.Load(); j != nil {
		j.clear()
	}
	return nil
}

// controlError is the control API's error body.
type controlError struct {
	Error string `json:"error"`
}

func (c *controller) serveControl(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, ControlPrefix)
	switch {
	case path == "reset" && r.Method == http.MethodPost:
		if err := c.reset(); err != nil {
			writeJSON(w, http.StatusInternalServerError, controlError{err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "reset"})
	case strings.HasPrefix(path, "trigger/") && r.Method == http.MethodPost:
		c.serveTrigger(w, r, strings.TrimPrefix(path, "trigger/"))
	case path == "faults" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, c.cur.Load().Faults())
	case path == "faults" && r.Method == http.MethodPut:
		m := c.cur.Load()
		f := m.Faults()
		if err := decodeControlBody(r, &f); err != nil {
			writeJSON(w, http.StatusBadRequest, controlError{err.Error()})
			return
		}
		if err := m.SetFaults(f); err != nil {
			writeJSON(w, http.StatusBadRequest, controlError{err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, m.Faults())
	case path == "reset" || path == "faults" || strings.HasPrefix(path, "trigger/"):
		writeJSON(w, http.StatusMethodNotAllowed, controlError{fmt.Sprintf("%s %s is not a control call", r.Method, r.URL.Path)})
	default:
		writeJSON(w, http.StatusNotFound, controlError{fmt.Sprintf("no control call at %s; try POST %sreset, POST %strigger/{event}, GET or PUT %sfaults",
			r.URL.Path, ControlPrefix, ControlPrefix, ControlPrefix)})
	}
}

func (c *controller) serveTrigger(w http.ResponseWriter, r *http.Request, event string) {
	var data json.RawMessage
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	switch {
	case err != nil:
		writeJSON(w, http.StatusBadRequest, controlError{"read body: " + err.Error()})
		return
	case len(body) > maxBodyBytes:
		writeJSON(w, http.StatusRequestEntityTooLarge, controlError{"body over 1 MiB"})
		return
	case len(bytes.TrimSpace(body)) > 0:
		if !json.Valid(body) {
			writeJSON(w, http.StatusBadRequest, controlError{"the body is not JSON"})
			return
		}
		data = body
	}
	res, err := c.cur.Load().Trigger(event, data)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, controlError{err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func decodeControlBody(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("body: %w", err)
	}
	return nil
}

// Faults are the mock's injected faults, as the options set them (see
// WithLatency, WithFailRate, WithThrottleEvery, WithConnectionResets and
// WithTruncatedBodies); durations are Go duration strings in JSON ("20ms").
type Faults struct {
	// Latency is the time from a request's arrival to its answer.
	Latency Duration `json:"latency"`
	// Jitter is a random extra delay up to this much.
	Jitter Duration `json:"jitter"`
	// FailRate is the share (0..1) of requests answered 500, 502 or 503.
	FailRate float64 `json:"fail_rate"`
	// ThrottleEvery answers every N-th request 429 (0: never).
	ThrottleEvery int `json:"throttle_every"`
	// ResetRate is the share (0..1) of connections dropped unanswered.
	ResetRate float64 `json:"reset_rate"`
	// TruncateRate is the share (0..1) of successful bodies cut off halfway.
	TruncateRate float64 `json:"truncate_rate"`
}

// Duration is a time.Duration that reads and writes JSON as a Go duration
// string ("250ms"); a JSON number is read as nanoseconds.
type Duration time.Duration

// MarshalJSON writes d as a duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads a duration string or a number of nanoseconds; it
// fails on anything else.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n int64
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want a duration such as \"250ms\": %s", b)
		}
		*d = Duration(n)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("want a duration such as \"250ms\": %w", err)
	}
	*d = Duration(v)
	return nil
}

// Faults returns the faults in force.
func (m *Mock) Faults() Faults {
	m.faults.mu.Lock()
	defer m.faults.mu.Unlock()
	c := m.faults.cfg
	return Faults{Latency: Duration(c.latency), Jitter: Duration(c.jitter), FailRate: c.failRate,
		ThrottleEvery: c.throttleEvery, ResetRate: c.resetRate, TruncateRate: c.truncateRate}
}

// SetFaults replaces the faults in force from the next request on. It fails,
// changing nothing, when a value is out of range as the options would refuse
// it (negative durations or counts, rates outside 0..1).
func (m *Mock) SetFaults(f Faults) error {
	var probe config
	WithLatency(time.Duration(f.Latency), time.Duration(f.Jitter))(&probe)
	WithFailRate(f.FailRate)(&probe)
	WithThrottleEvery(f.ThrottleEvery)(&probe)
	WithConnectionResets(f.ResetRate)(&probe)
	WithTruncatedBodies(f.TruncateRate)(&probe)
	if len(probe.errs) > 0 {
		return probe.errs[0]
	}
	m.faults.mu.Lock()
	defer m.faults.mu.Unlock()
	c := m.faults.cfg // what faults.decide reads, under this lock
	c.latency, c.jitter, c.failRate = probe.latency, probe.jitter, probe.failRate
	c.throttleEvery, c.resetRate, c.truncateRate = probe.throttleEvery, probe.resetRate, probe.truncateRate
	m.faults.active.Store(c.anyFault())
	return nil
}
