package mock

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// service is one API's part of the mock. It serves requests whose path starts
// with its prefix (the prefix is not stripped) and writes errors in its API's
// own dialect.
type service interface {
	http.Handler
	// writeError answers with the API's own error body for status and message
	// (used for faults and for paths outside the API).
	writeError(w http.ResponseWriter, status int, message string)
	// servesExample reports whether the spec's operation operationID has no
	// handler and answers its documented example.
	servesExample(operationID string) bool
}

// maxBodyBytes bounds every request body: the four APIs' bodies are small,
// and the spec check reads a body whole, so without a cap a client could make
// the mock hold any amount of memory. A larger body is refused in the API's
// own dialect as a bad request.
const maxBodyBytes = 1 << 20

// apiPrefixes lists each API's mount point, in the order New builds them.
var apiPrefixes = [...]string{"assistbot", "dailybot", "botaz", "botopen"}

// Prepare starts reading the embedded spec of api ("assistbot", "dailybot",
// "botaz" or "botopen") in the background and returns at once, so that a
// New or Start serving api soon after finds it read (the parts of a spec
// are read once per process): a program that will start a mock, such as
// botctl --mock, calls it before its own start-up work to overlap the two.
// Each of paths is a path template of api's spec (such as "/me/") that the
// program is about to request: the part of the spec that checks requests
// to it, which a mock decodes on the first such request otherwise, is
// decoded in the background too. Calling Prepare again, with other paths,
// reads nothing twice. It does nothing for another name; an error (an
// unknown path, say) is left to New or to the request to report.
func Prepare(api string, paths ...string) {
	if !slices.Contains(apiPrefixes[:], api) {
		return
	}
	go func() {
		if _, err := speccheck.New(context.Background(), api, "/"+api); err != nil {
			return
		}
		for _, path := range paths {
			_ = speccheck.PreparePath(api, path)
		}
	}()
}

// Mock is the stateful mock of all four APIs; it is an http.Handler and is
// safe for concurrent use.
type Mock struct {
	cfg      config
	faults   *faults
	services map[string]service
	bases    map[string]string
}

// New builds a mock with its data seeded per the options: every API, or
// those WithAPIs names. It fails when an option got a bad value or a spec
// does not load.
func New(opts ...Option) (*Mock, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	if len(cfg.errs) > 0 {
		return nil, cfg.errs[0]
	}
	switch {
	case cfg.start.IsZero():
		cfg.start = cfg.now()
	case !cfg.clockSet:
		start, origin := cfg.start, time.Now()
		cfg.now = func() time.Time { return start.Add(time.Since(origin)) }
	}
	m := &Mock{cfg: cfg, faults: newFaults(&cfg), services: map[string]service{}, bases: map[string]string{}}
	ctx := context.Background()
	for _, name := range apiPrefixes {
		if cfg.apis != nil && !cfg.apis[name] {
			continue // WithAPIs left it out
		}
		var v *speccheck.Validator
		var err error
		if spec, ok := cfg.specs[name]; ok {
			v, err = speccheck.NewFromSpec(ctx, name, spec, "/"+name)
		} else {
			v, err = speccheck.New(ctx, name, "/"+name)
		}
		if err != nil {
			return nil, fmt.Errorf("mock: %w", err)
		}
		m.bases[name] = v.BasePath()
		var svc service
		switch name {
		case "assistbot":
			svc, err = newAssistBot(&m.cfg, v)
		case "dailybot":
			svc, err = newDailyBot(&m.cfg, v)
		case "botaz":
			svc, err = newBotAz(&m.cfg, v)
		case "botopen":
			svc, err = newBotOpen(&m.cfg, v)
		}
		if err != nil {
			return nil, fmt.Errorf("mock: %s: %w", name, err)
		}
		m.services[name] = svc
	}
	return m, nil
}

// closer is implemented by services that run background work (DailyBot's
// webhook deliveries) and must stop it when the server stops.
type closer interface{ close() }

// close stops the services' background work; the handler still answers
// requests afterwards, but queues no more webhook deliveries.
func (m *Mock) close() {
	for _, svc := range m.services {
		if c, ok := svc.(closer); ok {
			c.close()
		}
	}
}

// SeededAt returns the instant the data is seeded as of: WithNow's time, or
// the clock's when New ran. A mock built with the same seed and
// WithNow(m.SeededAt()) holds the same data.
func (m *Mock) SeededAt() time.Time { return m.cfg.start }

// Now returns the time on the mock's clock: the real time by default,
// WithNow's time plus the time since New, WithClock's, or a state file's
// clock going on from its saved run (StateFile.Options).
func (m *Mock) Now() time.Time { return m.cfg.now() }

// BasePath returns the path a client's base URL must end with for api
// ("assistbot", "dailybot", "botaz" or "botopen"), e.g. "/dailybot/v1"; it is
// empty for an unknown api and for one WithAPIs left out.
func (m *Mock) BasePath(api string) string { return m.bases[api] }

// ServeHTTP routes the request to its API after applying any configured fault.
func (m *Mock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	svc, ok := m.services[name]
	if !ok {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = fmt.Fprintf(w, `{"message":"no API at %s; try /assistbot/v1, /dailybot/v1, /botaz/api or /botopen"}`+"\n", jsonEscape(r.URL.Path))
		return
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	}
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	m.faults.serve(rec, r, svc)
	m.cfg.logger.LogAttrs(r.Context(), levelFor(rec.status), "mock request",
		attr("api", name), attr("method", r.Method), attr("path", r.URL.Path),
		intAttr("status", rec.status), durAttr("duration", time.Since(start)))
}
