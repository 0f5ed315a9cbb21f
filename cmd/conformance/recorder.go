package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// wrongCredential replaces every credential on a call meant to get an error
// answer: present, so that Prism's security check passes it on, but one the
// mock does not know.
const wrongCredential = "conformance-wrong-credential"

// prismErrors starts the type of every problem Prism answers itself.
const prismErrors = "https://stoplight.io/prism/errors#"

// exchange is one request botctl sent through the recorder and what came
// back through Prism.
type exchange struct {
	Method, Path, Query string
	Status              int
	// Prism is the type of the problem Prism answered itself
	// ("UNPROCESSABLE_ENTITY", "VIOLATIONS"), "" when the answer is the mock's.
	Prism      string
	Violations []violation
}

// violation is one finding of Prism's validator (or a problem Prism
// answered in the mock's stead).
type violation struct {
	Kind     string // "request", "response" or "prism <TYPE>"
	Location string // dotted, e.g. "response.body.results.0.uuid"
	Message  string
	Severity string
}

// String renders v on one line.
func (v violation) String() string {
	s := v.Kind + ": "
	if v.Location != "" {
		s += v.Location + ": "
	}
	s += v.Message
	if v.Severity != "" && v.Severity != "Error" {
		s += " (" + v.Severity + ")"
	}
	return s
}

// tamper is how the recorder spoils the requests of a call meant to get an
// error answer: the credential headers of every request get a wrong value,
// and the secret body keys of the target operation's request too.
type tamper struct {
	headers []string
	target  *operation
	secrets []string
}

// recorder is a reverse proxy between botctl and one API's Prism: it notes
// every exchange of the call in progress, with the violations Prism
// reported (its sl-violations header, or the problem it answered), and
// spoils the credentials of a call meant to get an error answer.
type recorder struct {
	proxy *httputil.ReverseProxy

	mu        sync.Mutex
	exchanges []exchange
	tamper    *tamper
}

// newRecorder returns a recorder forwarding to prism (Prism's root URL).
func newRecorder(prism *url.URL) *recorder {
	r := &recorder{}
	r.proxy = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out = pr.Out.WithContext(context.WithValue(pr.Out.Context(), inboundKey{}, pr.In.URL))
			pr.SetURL(prism)
			pr.Out.Host = prism.Host
		},
		ModifyResponse: r.note,
		ErrorHandler: func(w http.ResponseWriter, req *http.Request, err error) {
			r.add(exchange{Method: req.Method, Path: req.URL.Path, Query: req.URL.RawQuery, Status: http.StatusBadGateway,
				Prism: "UNREACHABLE", Violations: []violation{{Kind: "prism UNREACHABLE", Message: err.Error()}}})
			http.Error(w, "conformance: Prism is unreachable: "+err.Error(), http.StatusBadGateway)
		},
	}
	return r
}

// begin starts a call: the exchanges noted so far are dropped, and t (nil:
// none) spoils the call's requests.
func (r *recorder) begin(t *tamper) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.exchanges, r.tamper = nil, t
}

// end returns the exchanges of the call begun last.
func (r *recorder) end() []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.exchanges
	r.exchanges, r.tamper = nil, nil
	return out
}

func (r *recorder) add(e exchange) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.exchanges = append(r.exchanges, e)
}

// ServeHTTP spoils the request if the call asks for it, and passes it on.
func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	t := r.tamper
	r.mu.Unlock()
	if t != nil {
		for _, h := range t.headers {
			if req.Header.Get(h) != "" {
				v := wrongCredential
				if strings.HasPrefix(req.Header.Get(h), "Bearer ") {
					v = "Bearer " + wrongCredential
				}
				req.Header.Set(h, v)
			}
		}
		if len(t.secrets) > 0 && t.target.matches(req.Method, req.URL.Path) && req.Body != nil {
			body, err := io.ReadAll(req.Body)
			_ = req.Body.Close()
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			body = spoilSecrets(body, t.secrets)
			req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
			req.Header.Set("Content-Length", strconv.Itoa(len(body)))
		}
	}
	r.proxy.ServeHTTP(w, req)
}

// spoilSecrets replaces the string values of the JSON object body's keys
// named in secrets with wrongCredential; other bodies are returned as they
// are.
func spoilSecrets(body []byte, secrets []string) []byte {
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return body
	}
	changed := false
	for _, k := range secrets {
		var s string
		if v, ok := obj[k]; ok && json.Unmarshal(v, &s) == nil {
			obj[k], _ = json.Marshal(wrongCredential)
			changed = true
		}
	}
	if !changed {
		return body
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return body
	}
	return out
}

// inboundKey keys the URL botctl asked for (before Rewrite joined it to
// Prism's) in the outbound request's context.
type inboundKey struct{}

// note records the exchange resp answers.
func (r *recorder) note(resp *http.Response) error {
	req := resp.Request
	u := req.URL
	if in, ok := req.Context().Value(inboundKey{}).(*url.URL); ok {
		u = in
	}
	e := exchange{Method: req.Method, Path: u.Path, Query: u.RawQuery, Status: resp.StatusCode}
	if h := resp.Header.Get("sl-violations"); h != "" {
		e.Violations = append(e.Violations, parseViolations([]byte(h))...)
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/problem+json" {
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if err != nil {
			return err
		}
		var problem struct {
			Type, Title, Detail string
			Validation          json.RawMessage
		}
		if json.Unmarshal(body, &problem) == nil && strings.HasPrefix(problem.Type, prismErrors) {
			e.Prism = strings.TrimPrefix(problem.Type, prismErrors)
			// The header lists what Prism found in full; a problem without
			// it (a request Prism refused to pass on) lists its own.
			if len(e.Violations) == 0 {
				e.Violations = parseViolations(problem.Validation)
			}
			if len(e.Violations) == 0 {
				e.Violations = []violation{{Message: strings.TrimSpace(problem.Title + ": " + problem.Detail)}}
			}
			for i := range e.Violations {
				if e.Violations[i].Kind == "" {
					e.Violations[i].Kind = "prism " + e.Prism
				}
			}
		}
	}
	r.add(e)
	return nil
}

// parseViolations reads Prism's list of validation results (the
// sl-violations header's JSON, or a problem's validation): each has a
// location (path segments), a message, a severity and a code. A header cut
// short ("Too many violations! …") is one violation with its text.
func parseViolations(raw []byte) []violation {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var list []struct {
		Location []any
		Message  string
		Severity string
		Code     any
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return []violation{{Kind: "unreadable", Message: string(raw)}}
	}
	var out []violation
	for _, v := range list {
		loc := make([]string, len(v.Location))
		for i, l := range v.Location {
			loc[i] = fmt.Sprint(l)
		}
		kind := ""
		if len(loc) > 0 && (loc[0] == "request" || loc[0] == "response") {
			kind = loc[0]
		}
		out = append(out, violation{Kind: kind, Location: strings.Join(loc, "."), Message: v.Message, Severity: v.Severity})
	}
	return out
}
