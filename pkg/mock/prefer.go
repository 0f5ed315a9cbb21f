package mock

import (
	"cmp"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxPreferLatency bounds Prefer: latency=…, so one request cannot hold a
// connection for long.
const maxPreferLatency = time.Minute

// preference is what a Prefer header asks of one request.
type preference struct {
	code    int
	latency time.Duration
	applied []string
}

// parsePrefer reads the preferences of Prefer header values (RFC 7240:
// comma-separated, each token[=value]); it knows code=NNN (400..599) and
// latency=DURATION (a Go duration up to a minute) and ignores the others,
// as RFC 7240 asks. A known preference with a bad value is an error.
func parsePrefer(values []string) (preference, error) {
	var p preference
	for _, v := range values {
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' }) {
			name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
			value = strings.Trim(strings.TrimSpace(value), `"`)
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "code":
				n, err := strconv.Atoi(value)
				if err != nil || n < 400 || n > 599 {
					return p, fmt.Errorf("the Prefer header's code=%s: want an error status 400..599", value)
				}
				p.code = n
				p.applied = append(p.applied, "code="+value)
			case "latency":
				d, err := time.ParseDuration(value)
				if err != nil || d < 0 || d > maxPreferLatency {
					return p, fmt.Errorf("the Prefer header's latency=%s: want a duration such as 200ms, at most %s", value, maxPreferLatency)
				}
				p.latency = d
				p.applied = append(p.applied, "latency="+value)
			}
		}
	}
	return p, nil
}

// servePrefer applies the request's Prefer header, in the style of Prism's:
// latency=200ms delays this response (on top of any configured latency),
// code=404 answers that status at once with the API's own error body (the
// operation does not run, so nothing changes; 429 carries Retry-After: 1).
// It writes Preference-Applied and reports whether the request should still
// be served. A bad value is answered 400 in the API's dialect. Paths outside
// the four APIs are left to the mock's own 404.
func (m *Mock) servePrefer(w http.ResponseWriter, r *http.Request, values []string) bool {
	name, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	svc, ok := m.services[name]
	if !ok {
		return true
	}
	p, err := parsePrefer(values)
	if err != nil {
		svc.writeError(w, http.StatusBadRequest, err.Error())
		return false
	}
	if len(p.applied) == 0 {
		return true
	}
	w.Header().Set("Preference-Applied", strings.Join(p.applied, ", "))
	if p.latency > 0 {
		if err := m.cfg.sleep(r.Context(), p.latency); err != nil {
			return false
		}
	}
	if p.code == 0 {
		return true
	}
	if p.code == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	svc.writeError(w, p.code, cmp.Or(http.StatusText(p.code), "Error")+" (forced by the Prefer header)")
	return false
}
