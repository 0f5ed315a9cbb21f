package main

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/specs"
)

// operation is one HTTP operation of a spec and what botctl needs to call it.
type operation struct {
	API, ID, Method, Path string
	// Op is the operation's botctl command (nil: the spec gives it none).
	Op *optable.Op
	// Calls are the success calls, each the arguments after `botctl <api>`,
	// taken from the operation's x-botctl examples; they may hold
	// placeholders (TEAM_ID) that are resolved against the mock.
	Calls [][]string
	// Problem says why the operation cannot be called ("" when it can).
	Problem string
	// Keyless is set when the spec declares the operation without
	// security (`security: []`): a wrong credential header cannot fail it.
	Keyless bool
	route   *regexp.Regexp
}

// matches reports whether a request for method and path (relative to the
// API's base URL) is one for o.
func (o *operation) matches(method, path string) bool {
	return strings.EqualFold(method, o.Method) && o.route.MatchString(path)
}

// apiPlan is one spec's operations in the order they run, its command
// table, the names its credentials travel in, and the webhook deliveries
// it describes, which are left out.
type apiPlan struct {
	Name     string
	Ops      []*operation
	Table    *optable.API
	Headers  []string // the security schemes' header names
	Webhooks []string // operationIds under x-webhooks
}

// methodRank orders the calls so that reads run before writes and deletes
// run last: an operation then finds what an earlier one created, and
// nothing it needs is gone.
var methodRank = map[string]int{http.MethodGet: 0, http.MethodPost: 1, http.MethodPut: 2, http.MethodPatch: 3, http.MethodDelete: 4}

// deleteDepth orders deletes deepest path first, so that what a resource
// holds (a check-in's responses) is deleted before the resource itself and
// finds it still there; it is 0 for every other method.
func deleteDepth(o *operation) int {
	if o.Method != http.MethodDelete {
		return 0
	}
	return strings.Count(strings.Trim(o.Path, "/"), "/")
}

// loadPlan builds the plan of the spec called name from the embedded specs:
// every operation under paths, with its command from the spec's x-botctl.
func loadPlan(name string) (*apiPlan, error) {
	raw, err := specs.FS.ReadFile(name + ".yaml")
	if err != nil {
		return nil, err
	}
	return planFromSpec(name, raw)
}

// planFromSpec builds api's plan from its spec's YAML.
func planFromSpec(api string, raw []byte) (*apiPlan, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true // optable reads the body keys' order from it
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", api, err)
	}
	table, err := optable.FromSpec(doc, api)
	if err != nil {
		return nil, err
	}
	p := &apiPlan{Name: api, Table: table, Webhooks: webhookIDs(doc.Extensions["x-webhooks"])}
	if doc.Components != nil {
		for _, key := range slices.Sorted(maps.Keys(doc.Components.SecuritySchemes)) {
			s := doc.Components.SecuritySchemes[key].Value
			switch {
			case s.Type == "apiKey" && s.In == "header":
				p.Headers = append(p.Headers, s.Name)
			case s.Type == "http":
				p.Headers = append(p.Headers, "Authorization")
			}
		}
	}
	for _, path := range slices.Sorted(maps.Keys(doc.Paths.Map())) {
		item := doc.Paths.Value(path)
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			spec := item.GetOperation(method)
			o := &operation{API: api, ID: spec.OperationID, Method: method, Path: path, route: routeOf(path),
				Keyless: spec.Security != nil && len(*spec.Security) == 0}
			if i := slices.IndexFunc(table.Ops, func(op optable.Op) bool { return op.ID == o.ID }); i >= 0 {
				o.Op = &table.Ops[i]
			}
			o.Calls, o.Problem = callsOf(api, o.Op)
			p.Ops = append(p.Ops, o)
		}
	}
	slices.SortStableFunc(p.Ops, func(a, b *operation) int {
		return cmp.Or(methodRank[a.Method]-methodRank[b.Method], deleteDepth(b)-deleteDepth(a), strings.Compare(a.ID, b.ID))
	})
	return p, nil
}

// webhookIDs returns the operationIds of x-webhooks (name → method →
// operation), sorted: deliveries the API sends to the client, which are no
// operation of its server.
func webhookIDs(ext any) []string {
	var ids []string
	hooks, _ := ext.(map[string]any)
	for _, item := range hooks {
		methods, _ := item.(map[string]any)
		for _, op := range methods {
			if m, ok := op.(map[string]any); ok {
				if id, ok := m["operationId"].(string); ok {
					ids = append(ids, id)
				}
			}
		}
	}
	slices.Sort(ids)
	return ids
}

// routeOf turns a path template into a pattern its requests match.
func routeOf(template string) *regexp.Regexp {
	parts := regexp.MustCompile(`\{[^}]+\}`).Split(template, -1)
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, "[^/]+") + "$")
}

// callsOf returns the success calls of op from its x-botctl examples, or
// why there are none.
func callsOf(api string, op *optable.Op) ([][]string, string) {
	if op == nil {
		return nil, "the spec gives it no botctl command (x-botctl)"
	}
	var calls [][]string
	var errs []error
	for _, ex := range op.Examples {
		args, err := exampleCall(api, op.Command, ex)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !slices.ContainsFunc(calls, func(c []string) bool { return slices.Equal(c, args) }) {
			calls = append(calls, args)
		}
	}
	if len(calls) == 0 {
		return nil, fmt.Sprintf("no x-botctl example can be run: %v", errors.Join(errs...))
	}
	return calls, ""
}

// globalFlags are botctl's global flags an example may carry that the
// harness sets itself (the server, the output) or leaves out (every page,
// which through a validating proxy only costs time); the value says whether
// the flag takes a separate value.
var globalFlags = map[string]bool{"--mock": false, "--all": false, "-o": true, "--output": true,
	"--concurrency": true, "--page-size": true, "--base-url": true}

// exampleCall returns the arguments after `botctl` of one example command
// line of command (the words below api), without the global flags the
// harness sets. Examples that read a file, a variable or feed a pipe are
// refused: they need more than botctl.
func exampleCall(api string, command []string, example string) ([]string, error) {
	if strings.ContainsAny(example, "|$<>`") {
		return nil, fmt.Errorf("%q: needs a shell, a file or a variable", example)
	}
	words, err := splitWords(example)
	if err != nil {
		return nil, err
	}
	// A word starting with @ reads a file (--data @body.json); one inside
	// a word is part of a value (an e-mail address).
	for _, w := range words {
		if _, v, _ := strings.Cut(w, "="); strings.HasPrefix(w, "@") || strings.HasPrefix(v, "@") {
			return nil, fmt.Errorf("%q: needs a shell, a file or a variable", example)
		}
	}
	if len(words) == 0 || words[0] != "botctl" {
		return nil, fmt.Errorf("%q: not a botctl command", example)
	}
	var args []string
	for i := 1; i < len(words); i++ {
		w := words[i]
		name, _, hasValue := strings.Cut(w, "=")
		if takesValue, ok := globalFlags[name]; ok {
			if takesValue && !hasValue {
				i++
			}
			continue
		}
		args = append(args, w)
	}
	want := append([]string{api}, command...)
	if len(args) < len(want) || !slices.Equal(args[:len(want)], want) {
		return nil, fmt.Errorf("%q: does not run `%s`", example, strings.Join(want, " "))
	}
	return args, nil
}

// splitWords splits a command line into words as a POSIX shell would for
// the simple lines the examples hold: blanks separate words, single quotes
// keep everything, double quotes keep all but a backslash before " or \.
func splitWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("%q: unterminated single quote", s)
			}
			cur.WriteString(s[i+1 : i+1+j])
			i, inWord = i+1+j, true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("%q: unterminated double quote", s)
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// placeholder matches an id an example leaves to the reader: TEAM_ID,
// OTHER_USER_ID.
var placeholder = regexp.MustCompile(`\b(OTHER_)?([A-Z]+)_ID\b`)

// exampleHost is the documentation domain (RFC 2606) the examples' URLs
// point at; the harness points them at its own loopback sink, the only
// kind of URL the mock delivers webhooks to.
const exampleHost = "https://example.com"

// unknownID returns an id shaped as id (the same length, separators and
// characters) that names nothing: each run of letters and digits reversed,
// or for a palindrome run its characters rotated.
func unknownID(id string) string {
	b := []rune(id)
	isAlnum := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(b); {
		if !isAlnum(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && isAlnum(b[j]) {
			j++
		}
		run := slices.Clone(b[i:j])
		slices.Reverse(b[i:j])
		if slices.Equal(run, b[i:j]) && len(run) > 1 {
			copy(b[i:j], append(run[1:], run[0]))
		}
		i = j
	}
	return string(b)
}
