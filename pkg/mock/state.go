package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofrs/flock"
)

// stateVersion is the state file's format version.
const stateVersion = 1

// ErrStateDiverged is returned (wrapped) by StateFile.Restore when a saved
// change no longer replays as it was answered (a changed spec or mock); the
// changes that replay are kept.
var ErrStateDiverged = errors.New("mock: state: saved changes replay differently")

// journal records the changes made through the server, in the order they were
// answered: every request other than GET and HEAD that was answered 2xx, the
// control API's triggers included.
type journal struct {
	// write makes changes one at a time, each at one pinned instant of the
	// state file's clock, so a replay at that instant makes the same state.
	write sync.Mutex
	clock *StateFile

	mu      sync.Mutex
	entries []journalEntry
}

// journalEntry is one recorded change: the request as received and the mock's
// clock when it was answered.
type journalEntry struct {
	At     time.Time         `json:"at"`
	Method string            `json:"method"`
	Target string            `json:"target"`
	Header map[string]string `json:"header,omitempty"`
	Body   []byte            `json:"body,omitempty"`
	Status int               `json:"status"`
}

// journaledHeaders are the request headers a replay needs: the credentials
// and the body's type.
var journaledHeaders = []string{"Content-Type", "Authorization", "X-API-KEY", "X-User-Id", "X-Auth-Token"}

func (j *journal) add(e journalEntry) {
	j.mu.Lock()
	j.entries = append(j.entries, e)
	j.mu.Unlock()
}

func (j *journal) clear() {
	j.mu.Lock()
	j.entries = nil
	j.mu.Unlock()
}

func (j *journal) snapshot() []journalEntry {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]journalEntry(nil), j.entries...)
}

// recorder remembers the status a handler wrote.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (for resets).
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// serveJournaled serves a request that may change state and records it when
// it was answered 2xx.
func (c *controller) serveJournaled(j *journal, w http.ResponseWriter, r *http.Request) {
	var body bytes.Buffer
	if r.Body != nil {
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.TeeReader(io.LimitReader(r.Body, maxBodyBytes+1), &body), r.Body}
	}
	rec := &recorder{ResponseWriter: w}
	j.write.Lock()
	at := j.clock.inner()
	j.clock.pinned.Store(&at)
	defer j.write.Unlock() // a reset waits for the change and its entry
	c.serve(rec, r)
	j.clock.pinned.Store(nil)
	if rec.status < 200 || rec.status > 299 || r.URL.Path == ControlPrefix+"reset" {
		return
	}
	e := journalEntry{At: at, Method: r.Method, Target: r.URL.RequestURI(), Body: body.Bytes(), Status: rec.status,
		Header: map[string]string{}}
	for _, h := range journaledHeaders {
		if v := r.Header.Get(h); v != "" {
			e.Header[h] = v
		}
	}
	j.add(e)
}

// StateFile keeps a mock's state in a file between runs: Options and
// Restore bring back what a previous run saved, Save writes it. The file is
// locked from OpenState to Close, so one process at a time uses it.
//
// What is saved is the mock's seed, seeding time and check-in response count
// and the changes made through the server since (every request but GET and
// HEAD answered 2xx, triggers included); Restore replays them on the freshly
// seeded mock, with the clock each was answered at and webhook deliveries
// off. So every API's state comes back as the same requests made it, without
// a file format per store.
type StateFile struct {
	path  string
	lock  *flock.Flock
	saved *savedState

	// pinned, when set, is what the clock reads: the instant of the change
	// being made or replayed. inner is the clock otherwise.
	pinned atomic.Pointer[time.Time]
	inner  func() time.Time
	origin time.Time
}

// savedState is the file's JSON.
type savedState struct {
	Version   int            `json:"version"`
	Seed      uint64         `json:"seed"`
	SeededAt  time.Time      `json:"seeded_at"`
	Responses int            `json:"responses"`
	Clock     time.Time      `json:"clock"`
	Changes   []journalEntry `json:"changes"`
}

// OpenState locks the state file at path, waiting up to a minute (or until
// ctx ends) for another process to let go of it, and reads it. A missing or
// empty file holds no state yet; it is created with mode 0600 (it holds
// webhook bearers). It fails when the lock cannot be had or the file is not
// a state file.
func OpenState(ctx context.Context, path string) (*StateFile, error) {
	lock := flock.New(path+".lock", flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	ok, err := lock.TryLockContext(ctx, 20*time.Millisecond)
	if err != nil || !ok {
		return nil, fmt.Errorf("mock: state %s: another process holds it: %w", path, errors.Join(err, ctx.Err()))
	}
	f := &StateFile{path: path, lock: lock, origin: time.Now()}
	raw, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return f, nil
	case err != nil:
		_ = lock.Unlock()
		return nil, fmt.Errorf("mock: state: %w", err)
	case len(bytes.TrimSpace(raw)) == 0:
		return f, nil
	}
	var s savedState
	if err := json.Unmarshal(raw, &s); err != nil || s.Version != stateVersion {
		_ = lock.Unlock()
		return nil, fmt.Errorf("mock: state %s: not a version %d state file: %w", path, stateVersion, errors.Join(err, errors.New("bad version")))
	}
	f.saved = &s
	return f, nil
}

// Options are the options a mock needs for Restore and Save: when the file
// holds state, the saved seed, seeding time and response count, and a clock
// that goes on from the saved run's last reading; otherwise a clock that
// runs as the other options set it (WithNow, WithClock or the real time).
// Pass them after any others: they win.
func (f *StateFile) Options() []Option {
	var opts []Option
	if s := f.saved; s != nil {
		clock, origin := s.Clock, f.origin
		opts = append(opts, WithSeed(s.Seed), WithNow(s.SeededAt), WithCheckinResponses(s.Responses),
			WithClock(func() time.Time { return clock.Add(time.Since(origin)) }))
	}
	return append(opts, func(c *config) {
		switch {
		case c.clockSet:
			f.inner = c.now
		case !c.start.IsZero():
			start, origin := c.start, f.origin
			f.inner = func() time.Time { return start.Add(time.Since(origin)) }
		default:
			f.inner = time.Now
		}
		c.now, c.clockSet = f.now, true
	})
}

func (f *StateFile) now() time.Time {
	if t := f.pinned.Load(); t != nil {
		return *t
	}
	return f.inner()
}

// Restore replays the saved changes into srv, which must have been started
// with Options, and from then on records srv's changes for Save. It fails
// with ErrStateDiverged when a change is answered otherwise than when it
// was saved; the state is then what the rest replayed.
func (f *StateFile) Restore(srv *Server) error {
	if f.inner == nil {
		return errors.New("mock: state: the mock was not started with the state file's Options")
	}
	m := srv.Live()
	var diverged []string
	if f.saved != nil {
		db := m.services["dailybot"].(*dailybotAPI)
		db.hooks.mute(true)
		for _, e := range f.saved.Changes {
			at := e.At
			f.pinned.Store(&at)
			req := httptest.NewRequest(e.Method, e.Target, bytes.NewReader(e.Body))
			for k, v := range e.Header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			if strings.HasPrefix(req.URL.Path, ControlPrefix) {
				srv.ctl.serveControl(rec, req)
			} else {
				name, _, _ := strings.Cut(strings.TrimPrefix(req.URL.Path, "/"), "/")
				if svc, ok := m.services[name]; ok {
					svc.ServeHTTP(rec, req)
				}
			}
			if rec.Code != e.Status {
				diverged = append(diverged, fmt.Sprintf("%s %s: %d, saved %d", e.Method, e.Target, rec.Code, e.Status))
			}
		}
		f.pinned.Store(nil)
		db.hooks.mute(false)
	}
	j := &journal{clock: f}
	if f.saved != nil {
		j.entries = append(j.entries, f.saved.Changes...)
	}
	srv.ctl.journal.Store(j)
	if len(diverged) > 0 {
		return fmt.Errorf("%w: %d of %d, first %s", ErrStateDiverged, len(diverged), len(f.saved.Changes), diverged[0])
	}
	return nil
}

// Save writes srv's state to the file (mode 0600), replacing it through a
// temporary file so a crash leaves the old state whole.
func (f *StateFile) Save(srv *Server) error {
	m := srv.Live()
	s := savedState{Version: stateVersion, Seed: m.cfg.seed, SeededAt: m.cfg.start, Responses: m.cfg.responses,
		Clock: m.cfg.now(), Changes: []journalEntry{}}
	if j := srv.ctl.journal.Load(); j != nil {
		s.Changes = j.snapshot()
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("mock: state: %w", err)
	}
	tmp := f.path + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return fmt.Errorf("mock: state: %w", err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil { // WriteFile keeps an existing file's mode
		return fmt.Errorf("mock: state: %w", err)
	}
	if err := os.Rename(tmp, f.path); err != nil {
		return fmt.Errorf("mock: state: %w", err)
	}
	return nil
}

// Close lets go of the file's lock.
func (f *StateFile) Close() error { return f.lock.Unlock() }

// mute drops deliveries while on: a replay must not send again what the
// saved run already sent.
func (d *webhookDispatcher) mute(on bool) {
	d.mu.Lock()
	d.closed = on
	d.mu.Unlock()
}
