package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// Call kinds.
const (
	callSuccess   = "success"
	callResolve   = "id lookup"
	callWrongCred = "wrong credential"
	callUnknownID = "unknown id"
)

// botctl's exit codes (cmd/botctl): 0 success; an API error exits by its
// class: 3 (401, or DailyBot's 403 authentication_failed), 4 (403), 5 (404),
// 6 (429), 1 (any other status).
const (
	exitOK    = 0
	exitError = 1
)

// apiErrorCodes are the exit codes of an API's error answer.
var apiErrorCodes = []int{exitError, 3, 4, 5, 6}

// found is a violation with where it was seen: the operation whose request
// it was, the kind of call and the request line.
type found struct {
	Op, Call, Request string
	V                 violation
}

// opResult is what the calls of one operation showed.
type opResult struct {
	Op           *operation
	Success      bool
	ErrorAnswers int
	Problems     []string // why it is not covered
	Notes        []string // further examples that did not succeed
	Violations   []found
	// NoCredential is set when the operation carries no credential to get
	// wrong, so no error answer is owed (agent registration).
	NoCredential bool
}

// Covered reports whether the operation answered a success call and at
// least one error answer, or only the success call when it takes no
// credential.
func (r *opResult) Covered() bool { return r.Success && (r.ErrorAnswers > 0 || r.NoCredential) }

// apiRunner calls one API's operations with botctl through its recorder.
type apiRunner struct {
	plan    *apiPlan
	rec     *recorder
	base    string // the recorder's URL: botctl's --base-url
	botctl  string
	env     []string
	sink    string // the loopback URL example.com URLs become
	short   bool
	timeout time.Duration // of one botctl run
	verbose func(format string, args ...any)

	ids     map[string]string // resolved placeholders
	results map[string]*opResult
}

// run calls every operation of the plan in order and returns the results
// in that order.
func (a *apiRunner) run(ctx context.Context) []*opResult {
	a.ids, a.results = map[string]string{}, map[string]*opResult{}
	for _, op := range a.plan.Ops {
		a.results[op.ID] = &opResult{Op: op}
	}
	for _, op := range a.plan.Ops {
		if ctx.Err() != nil {
			break
		}
		a.runOp(ctx, op)
	}
	out := make([]*opResult, len(a.plan.Ops))
	for i, op := range a.plan.Ops {
		out[i] = a.results[op.ID]
	}
	return out
}

// runOp makes op's success calls (the first example's only when short),
// then its error calls: every credential wrong and, unless short, an
// unknown id in the path.
func (a *apiRunner) runOp(ctx context.Context, op *operation) {
	res := a.results[op.ID]
	if op.Problem != "" {
		res.Problems = append(res.Problems, op.Problem)
		return
	}
	calls := op.Calls
	if a.short {
		calls = calls[:1]
	}
	// The first example is the success call; the others (not when short)
	// are more of the command line for Prism to check, whose failure is
	// noted only: an example may hold a date the mock's clock has passed.
	first, err := a.resolve(ctx, op, calls[0])
	if err == nil {
		first, err = a.everyQuestion(ctx, op, first)
	}
	if err != nil {
		res.Problems = append(res.Problems, fmt.Sprintf("first example: %v", err))
		return
	}
	var out string
	res.Success, out = a.expectOut(ctx, op, callSuccess, first, nil, &res.Problems)
	a.noteCreated(op, out)
	for i, example := range calls[1:] {
		args, err := a.resolve(ctx, op, example)
		if err != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("example %d: %v", i+2, err))
			continue
		}
		a.expect(ctx, op, callSuccess, args, nil, &res.Notes)
	}
	t := &tamper{headers: a.plan.Headers, target: op, secrets: credentialKeys(op)}
	// An operation without security and without a credential in its body
	// (agent registration) has no credential to get wrong.
	res.NoCredential = op.Keyless && len(t.secrets) == 0
	if !res.NoCredential && a.expect(ctx, op, callWrongCred, first, t, &res.Problems) {
		res.ErrorAnswers++
	}
	if a.short {
		return
	}
	if i := pathArgIndex(op); i >= 0 && i < len(first) && !strings.HasPrefix(first[i], "-") {
		args := slices.Clone(first)
		args[i] = unknownID(args[i])
		if a.expect(ctx, op, callUnknownID, args, nil, &res.Problems) {
			res.ErrorAnswers++
		}
	}
}

// credentialKeys returns the body keys of op that carry a credential: its
// x-botctl secrets, and the keys it hides from the command line, which
// botctl fills in itself from the credentials (Bot Open's login).
func credentialKeys(op *operation) []string {
	keys := slices.Clone(op.Op.Secrets)
	for _, f := range op.Op.Fields {
		if f.In == "body" && f.Flag == "" && f.Arg == 0 && !slices.Contains(keys, f.Name) {
			keys = append(keys, f.Name)
		}
	}
	return keys
}

// pathArgIndex returns the index, in a call's arguments (`<api> <command
// words> <positional arguments>…`), of op's first positional argument that
// is a path parameter, or -1.
func pathArgIndex(op *operation) int {
	best := -1
	for _, f := range op.Op.Fields {
		if f.In == "path" && f.Arg > 0 && (best < 0 || f.Arg < best) {
			best = f.Arg
		}
	}
	if best < 0 {
		return -1
	}
	return len(op.Op.Command) + best // args[0] is the API
}

// expect makes a call of kind and reports whether it did what the kind
// asks: a success call exits 0 after the mock answered op's request with
// a success; an error call exits with an API error's code (apiErrorCodes)
// after the mock (not Prism) answered it with an error status. A miss is appended to misses.
func (a *apiRunner) expect(ctx context.Context, op *operation, kind string, args []string, t *tamper, misses *[]string) bool {
	ok, _ := a.expectOut(ctx, op, kind, args, t, misses)
	return ok
}

// noteCreated keeps the id a successful POST of a sub-resource printed
// (`forms questions add` → QUESTION_ID) as that placeholder's value for the
// operations of the same command group, so an operation that needs the id
// gets the object the POST's own call created instead of creating another
// one (a form's question for `forms questions update`, a check-in's for
// `checkins questions update`).
func (a *apiRunner) noteCreated(op *operation, out string) {
	if op.Method != "POST" || op.Op == nil || len(op.Op.Command) < 3 || out == "" {
		return
	}
	noun := strings.TrimSuffix(op.Op.Command[len(op.Op.Command)-2], "s")
	ph := strings.ToUpper(noun) + "_ID"
	key := createdKey(op, ph)
	if _, done := a.ids[key]; done || !placeholder.MatchString(ph) {
		return
	}
	if id, err := idAt([]byte(out), 0); err == nil {
		a.ids[key] = id
	}
}

// createdKey is where noteCreated keeps the id for placeholder ph of op's
// command group.
func createdKey(op *operation, ph string) string {
	if op.Op == nil || len(op.Op.Command) == 0 {
		return ph
	}
	return op.Op.Command[0] + " " + ph
}

// expectOut is expect that also returns the call's standard output.
func (a *apiRunner) expectOut(ctx context.Context, op *operation, kind string, args []string, t *tamper, misses *[]string) (bool, string) {
	code, stdout, stderr, exchanges := a.call(ctx, op, kind, args, t)
	wantCodes, ok := []int{exitOK}, func(e exchange) bool { return e.Status < 400 }
	if kind != callSuccess {
		wantCodes, ok = apiErrorCodes, func(e exchange) bool { return e.Status >= 400 }
	}
	answered := slices.ContainsFunc(exchanges, func(e exchange) bool {
		return e.Prism == "" && op.matches(e.Method, e.Path) && ok(e)
	})
	codeOK := slices.Contains(wantCodes, code)
	if codeOK && answered {
		return true, stdout
	}
	var statuses []string
	for _, e := range exchanges {
		s := fmt.Sprintf("%s %s → %d", e.Method, e.Path, e.Status)
		if e.Prism != "" {
			s += " from Prism (" + e.Prism + ")"
		}
		statuses = append(statuses, s)
	}
	what := fmt.Sprintf("exited %d (want %s)", code, strings.Trim(fmt.Sprint(wantCodes), "[]"))
	if codeOK {
		want := "a success"
		if kind != callSuccess {
			want = "an error"
		}
		what = fmt.Sprintf("got no answer of the mock to %s %s with %s", op.Method, op.Path, want)
	}
	*misses = append(*misses, fmt.Sprintf("%s call `botctl %s` %s; requests [%s]: %s",
		kind, strings.Join(args, " "), what, strings.Join(statuses, ", "), firstLine(stderr)))
	return false, stdout
}

// call runs botctl with args against the recorder, t spoiling its
// requests, and notes the violations Prism reported on each request under
// the operation the request is for (op when none matches).
func (a *apiRunner) call(ctx context.Context, op *operation, kind string, args []string, t *tamper) (int, string, string, []exchange) {
	ctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()
	argv := append([]string{"--base-url", a.base, "--retries", "0", "--no-progress", "-o", "json"}, args...)
	cmd := exec.CommandContext(ctx, a.botctl, argv...)
	cmd.Env = a.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	a.rec.begin(t)
	err := cmd.Run()
	exchanges := a.rec.end()
	code := cmd.ProcessState.ExitCode()
	if err != nil && !errors.As(err, new(*exec.ExitError)) {
		code = -1
		stderr.WriteString(err.Error())
	}
	a.verbose("%s %s [%s] exit %d: botctl %s", a.plan.Name, op.ID, kind, code, strings.Join(args, " "))
	for _, e := range exchanges {
		a.verbose("  %s %s → %d %s", e.Method, e.Path, e.Status, e.Prism)
		target := op
		if i := slices.IndexFunc(a.plan.Ops, func(o *operation) bool { return o.matches(e.Method, e.Path) }); i >= 0 {
			target = a.plan.Ops[i]
		}
		req := e.Method + " " + e.Path
		if e.Query != "" {
			req += "?" + e.Query
		}
		for _, v := range e.Violations {
			r := a.results[target.ID]
			r.Violations = append(r.Violations, found{Op: target.ID, Call: kind + " call of " + op.ID, Request: req, V: v})
		}
	}
	return code, stdout.String(), stderr.String(), exchanges
}

// everyQuestion gives a questions reorder (`forms questions reorder FORM_ID
// --question-uuids ...`, `checkins questions reorder CHECKIN_ID ...`) every
// question of its owner, in reverse order: a reorder must name each
// question once, and an owner has its own questions besides the one the add
// put there. The questions are read from the first read of the owner that
// lists them: the group's GETs on the owner's path or below it with no
// other path parameter (`forms get`; `checkins detail`, as `checkins get`
// answers no questions), shortest path first. Other operations' args come
// back as given.
func (a *apiRunner) everyQuestion(ctx context.Context, op *operation, args []string) ([]string, error) {
	c := op.Op
	if c == nil || len(c.Command) != 3 || c.Command[1] != "questions" || c.Command[2] != "reorder" {
		return args, nil
	}
	flag := slices.Index(args, "--question-uuids")
	owner := slices.Index(args, "reorder") + 1
	if flag < 0 || flag+1 >= len(args) || owner <= 0 || owner >= len(args) {
		return args, nil
	}
	ownerPath, _, _ := strings.Cut(op.Path, "questions/reorder/")
	var reads []*operation
	for _, o := range a.plan.Ops {
		if o.Op != nil && !o.Op.List && o.Method == "GET" && o.Op.Command[0] == c.Command[0] &&
			strings.HasPrefix(o.Path, ownerPath) && strings.Count(o.Path, "{") == strings.Count(ownerPath, "{") {
			reads = append(reads, o)
		}
	}
	slices.SortStableFunc(reads, func(x, y *operation) int { return len(x.Path) - len(y.Path) })
	for _, read := range reads {
		readArgs := append(slices.Clone(args[:owner-len(c.Command)]), read.Op.Command...)
		readArgs = append(readArgs, args[owner])
		code, stdout, stderr, _ := a.call(ctx, read, callResolve, readArgs, nil)
		if code != exitOK {
			return nil, fmt.Errorf("`botctl %s` exited %d: %s", strings.Join(readArgs, " "), code, firstLine(stderr))
		}
		var detail struct {
			Questions []struct {
				UUID string `json:"uuid"`
			} `json:"questions"`
		}
		if json.Unmarshal([]byte(stdout), &detail) != nil || len(detail.Questions) == 0 {
			continue
		}
		var ids []string
		for _, q := range slices.Backward(detail.Questions) {
			ids = append(ids, q.UUID)
		}
		out := slices.Clone(args)
		out[flag+1] = strings.Join(ids, ",")
		return out, nil
	}
	return args, nil
}

// resolve returns example with its placeholders replaced by ids from the
// mock and its example.com URLs pointed at the sink.
func (a *apiRunner) resolve(ctx context.Context, op *operation, example []string) ([]string, error) {
	out := make([]string, len(example))
	for i, w := range example {
		if rest, ok := strings.CutPrefix(w, exampleHost); ok {
			w = a.sink + rest
		}
		var err error
		w = placeholder.ReplaceAllStringFunc(w, func(ph string) string {
			id, e := a.lookup(ctx, op, ph)
			err = errors.Join(err, e)
			return id
		})
		if err != nil {
			return nil, err
		}
		out[i] = w
	}
	return out, nil
}

// lookup returns the mock's id for placeholder ph (NOUN_ID: the first item
// `<nouns> list` prints, else `<group> <nouns> list`; OTHER_NOUN_ID: the
// second), or, when the API has
// no such list, the id of what the POST of op's command group on the
// shortest path creates (HOOK_ID: `webhooks subscribe`'s).
func (a *apiRunner) lookup(ctx context.Context, op *operation, ph string) (string, error) {
	if id, ok := a.ids[createdKey(op, ph)]; ok {
		return id, nil
	}
	if id, ok := a.ids[ph]; ok {
		return id, nil
	}
	m := placeholder.FindStringSubmatch(ph)
	index, noun := 0, strings.ToLower(m[2])
	if m[1] != "" {
		index = 1
	}
	var source *operation
	// The list botctl completes the noun's ids from (a nested one:
	// RESPONSE_ID from `forms responses list FORM_ID`).
	if list := a.plan.Table.ListOf(noun); list != nil {
		i := slices.IndexFunc(a.plan.Ops, func(o *operation) bool { return o.Op != nil && o.Op.ID == list.ID })
		source = a.plan.Ops[i]
	}
	if source == nil {
		// The group's POST on the shortest path: the collection's create,
		// not an action on a sub-path (webhooks subscribe, not webhooks
		// sample; kudos give, not kudos boost).
		for _, o := range a.plan.Ops {
			if o != op && o.Op != nil && o.Method == "POST" && len(o.Calls) > 0 && o.Op.Command[0] == op.Op.Command[0] &&
				(source == nil || len(o.Path) < len(source.Path)) {
				source, index = o, 0
			}
		}
	}
	if source == nil || len(source.Calls) == 0 {
		return "", fmt.Errorf("%s: no `%ss list` nor a POST in `%s` to find one", ph, noun, op.Op.Command[0])
	}
	if source == op {
		return "", fmt.Errorf("%s: %s would need its own id", ph, op.ID)
	}
	args, err := a.resolve(ctx, source, source.Calls[0])
	if err != nil {
		return "", err
	}
	code, stdout, stderr, _ := a.call(ctx, source, callResolve, args, nil)
	if code != exitOK {
		return "", fmt.Errorf("%s: `botctl %s` exited %d: %s", ph, strings.Join(args, " "), code, firstLine(stderr))
	}
	id, err := idAt([]byte(stdout), index)
	if err != nil {
		return "", fmt.Errorf("%s: `botctl %s`: %w", ph, strings.Join(args, " "), err)
	}
	a.ids[ph] = id
	return id, nil
}

// idAt returns the uuid (else the id) of the index-th item of botctl's -o
// json output: an array of items, or one object (index 0).
func idAt(out []byte, index int) (string, error) {
	var items []map[string]any
	if err := json.Unmarshal(out, &items); err != nil {
		var one map[string]any
		if json.Unmarshal(out, &one) != nil {
			return "", fmt.Errorf("output is neither a JSON array nor an object: %.80s", out)
		}
		items = []map[string]any{one}
	}
	if index >= len(items) {
		return "", fmt.Errorf("%d items, want at least %d", len(items), index+1)
	}
	for _, key := range []string{"uuid", "id"} {
		switch v := items[index][key].(type) {
		case string:
			if v != "" {
				return v, nil
			}
		case float64:
			return fmt.Sprint(v), nil
		}
	}
	return "", fmt.Errorf("item %d has no uuid or id", index)
}

// firstLine returns s's first line, trimmed.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
