package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"al.essio.dev/pkg/shellescape"
)

// errDryRun ends a command under --dry-run once its request is caught.
var errDryRun = errors.New("dry run: request not sent")

// dryRunToken is the Bot Open token --dry-run's login stands in with, shown
// as $BOTOPEN_TOKEN.
const dryRunToken = "botctl-dry-run-token"

// dryRun is the transport under --dry-run: it sends nothing. It catches the
// command's first request and fails it with errDryRun; Bot Open's login
// before it gets a stand-in token, so that the client goes on to the call
// (loginIsCall: the command is the login itself, caught like any call).
type dryRun struct {
	api         string
	loginIsCall bool
	loginURL    string
	req         *http.Request
	body        []byte
}

// RoundTrip catches req; see dryRun.
func (d *dryRun) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	if d.api == "botopen" && !d.loginIsCall && req.Method == http.MethodPost && strings.HasSuffix(req.URL.Path, "/login") {
		d.loginURL = req.URL.String()
		return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Request: req, ContentLength: -1,
			Header: http.Header{"Content-Type": {"application/json"}},
			Body:   io.NopCloser(strings.NewReader(`{"authToken":"` + dryRunToken + `"}`))}, nil
	}
	if d.req == nil {
		d.req, d.body = req, body
	}
	return nil, errDryRun
}

// refuseDryRun is the usage error of a command that does not make one
// request --dry-run could print instead (a listener, an export of many
// pages): it would otherwise send what a dry run promises not to.
func (a *app) refuseDryRun(command, why string) error {
	if !a.g.dryRun {
		return nil
	}
	return usagef("--dry-run does not apply to %s: %s", command, why)
}

// dryRunOf is a command's end under --dry-run, err what sending returned:
// the caught request printed, or the error that came before it (a usage or
// validation error, which the request would have met too).
func (a *app) dryRunOf(ctx context.Context, cl *client, err error) error {
	if err != nil && !errors.Is(err, errDryRun) {
		return err
	}
	return a.printDryRun(ctx, cl.Redact)
}

// printDryRun writes the caught request to stdout as a curl command: each
// credential replaced by a reference to its environment variable (creds
// are the values, in apiCredentials' order), body credentials redacted, and
// for Bot Open a note that a login comes first.
func (a *app) printDryRun(ctx context.Context, redact func(context.Context, []byte) []byte) error {
	d := a.dry
	if d == nil || d.req == nil {
		return errors.New("--dry-run: the command made no request to show")
	}
	refs := map[string]string{}
	for i, c := range apiCredentials[d.api] {
		if i < len(a.creds) {
			refs[a.creds[i]] = c.env
		}
	}
	refs[dryRunToken] = "BOTOPEN_TOKEN"
	word := func(s string) string { return string(redact(ctx, []byte(quoteWithRefs(s, refs)))) }
	var b strings.Builder
	if d.loginURL != "" {
		fmt.Fprintf(&b, "# botctl logs in first: POST %s with $BOTOPEN_APP_ID and $BOTOPEN_APP_SECRET;\n", d.loginURL)
		fmt.Fprintf(&b, "# set BOTOPEN_TOKEN to the authToken it answers (botctl botopen login prints it).\n")
	}
	b.WriteString("curl")
	if d.req.Method != http.MethodGet || len(d.body) > 0 {
		b.WriteString(" -X " + d.req.Method)
	}
	b.WriteString(" " + word(d.req.URL.String()))
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range d.req.Header {
			if !yield(k) {
				return
			}
		}
	}) {
		for _, v := range d.req.Header[name] {
			b.WriteString(" \\\n  -H " + word(name+": "+v))
		}
	}
	if len(d.body) > 0 {
		b.WriteString(" \\\n  --data-raw " + word(string(bytes.TrimSpace(d.body))))
	}
	b.WriteString("\n")
	_, err := io.WriteString(a.env.stdout, b.String())
	return err
}

// quoteWithRefs quotes s as one shell word in which every occurrence of a
// key of refs becomes a reference to the environment variable it maps to:
// "X-API-KEY: $DAILYBOT_API_KEY" when no literal part holds a character
// double quotes treat specially, else the literal parts single-quoted
// (shellescape) and the references double-quoted, joined with nothing
// between them.
func quoteWithRefs(s string, refs map[string]string) string {
	type hit struct {
		at, n int
		env   string
	}
	var hits []hit
	for secret, env := range refs {
		if secret == "" {
			continue
		}
		for i := 0; ; {
			j := strings.Index(s[i:], secret)
			if j < 0 {
				break
			}
			hits = append(hits, hit{i + j, len(secret), env})
			i += j + len(secret)
		}
	}
	if len(hits) == 0 {
		return shellescape.Quote(s)
	}
	slices.SortFunc(hits, func(x, y hit) int { return x.at - y.at })
	type part struct{ text, env string }
	var parts []part
	at := 0
	for _, h := range hits {
		if h.at < at {
			continue // overlaps the one before
		}
		if h.at > at {
			parts = append(parts, part{text: s[at:h.at]})
		}
		parts = append(parts, part{env: h.env})
		at = h.at + h.n
	}
	if at < len(s) {
		parts = append(parts, part{text: s[at:]})
	}
	plain := !slices.ContainsFunc(parts, func(p part) bool { return strings.ContainsAny(p.text, "\"\\$`!") })
	var b strings.Builder
	if plain {
		b.WriteByte('"')
	}
	for i, p := range parts {
		switch {
		case p.env != "" && plain && (i == len(parts)-1 || !startsIdent(parts[i+1].text)):
			b.WriteString("$" + p.env)
		case p.env != "" && plain:
			b.WriteString("${" + p.env + "}")
		case p.env != "":
			b.WriteString(`"$` + p.env + `"`)
		case plain:
			b.WriteString(p.text)
		default:
			b.WriteString(shellescape.Quote(p.text))
		}
	}
	if plain {
		b.WriteByte('"')
	}
	return b.String()
}

// startsIdent reports whether s starts with a character that would extend
// a shell variable's name.
func startsIdent(s string) bool {
	return s != "" && (s[0] == '_' || s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z' || s[0] >= '0' && s[0] <= '9')
}
