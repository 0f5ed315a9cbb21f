package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/internal/lazyre"
	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/specs"
)

// rawRequest is `botctl <api> request`: its flags.
type rawRequest struct {
	app        *app
	api        *optable.API
	query      []string
	data       string
	noValidate bool
}

// newRequestCmd is `botctl <api> request METHOD PATH`: any request, with
// the API's credentials, retries, logging and paging, through the client's
// raw Do.
func newRequestCmd(a *app, api *optable.API) *cobra.Command {
	rr := &rawRequest{app: a, api: api}
	cmd := &cobra.Command{
		Use:   "request METHOD PATH",
		Short: "Send any request to the API with its credentials, retries and paging",
		Long: `Send any request to the API: METHOD and PATH below its base URL (a query string may
follow PATH), with the API's credentials (Bot Open: a login first, and again after a 401),
retries, logging and output formats. --all follows the API's own paging and prints the
items; without it the answer is printed as the server sent it.

When METHOD and PATH are an operation of the API's spec, the request is validated
against it first (parameters, body), and a request it refuses is not sent;
--no-validate sends it as it is. A request that is no operation of the spec is sent
as it is, with a note on stderr.`,
		Example: requestExample(api) + fmt.Sprintf("\n  botctl %s request POST /path/ --data @body.json --dry-run", api.Name),
		Args:    cobra.ExactArgs(2),
		RunE:    rr.run,
	}
	f := cmd.Flags()
	f.StringArrayVarP(&rr.query, "query", "q", nil, "a query parameter key=value (repeat for more)")
	f.StringVar(&rr.data, "data", "", "the JSON request body: @file.json, - for stdin, or inline JSON (default: none)")
	f.BoolVar(&rr.noValidate, "no-validate", false, "send the request as it is, without checking it against the spec")
	return cmd
}

// requestExample is help's first example: the shortest-path read of api
// without a path parameter or a required body (a GET first), run against
// the mock; for an API with no such read, a GET with its path parameters as
// placeholders.
func requestExample(api *optable.API) string {
	var fallback *optable.Op
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		var best *optable.Op
		for i, op := range api.Ops {
			if op.Method != method {
				continue
			}
			if strings.Contains(op.Path, "{") || slices.ContainsFunc(op.Fields, func(f optable.Field) bool { return f.In == "body" && f.Required }) {
				if fallback == nil && method == http.MethodGet {
					fallback = &api.Ops[i]
				}
				continue
			}
			if best == nil || len(op.Path) < len(best.Path) {
				best = &api.Ops[i]
			}
		}
		if best != nil {
			return fmt.Sprintf("  botctl --mock %s request %s %s", api.Name, best.Method, best.Path)
		}
	}
	if fallback == nil {
		return fmt.Sprintf("  botctl %s request GET /path/", api.Name)
	}
	path := fallback.Path
	for _, f := range fallback.Fields {
		if f.In == "path" {
			path = strings.ReplaceAll(path, "{"+f.Name+"}", argName(f))
		}
	}
	return fmt.Sprintf("  botctl %s request GET %s", api.Name, path)
}

// methodPattern is an HTTP method token as botctl takes it.
var methodPattern = lazyre.New(`^[A-Z]+$`)

func (rr *rawRequest) run(cmd *cobra.Command, args []string) error {
	ctx := cmd.Context()
	method := strings.ToUpper(args[0])
	if !methodPattern.Get().MatchString(method) {
		return usagef("METHOD: %q is not an HTTP method such as GET or POST", args[0])
	}
	u, err := url.Parse(args[1])
	if err != nil || u.Scheme != "" || u.Host != "" {
		return usagef("PATH: %q is not a path below the API's base URL, which starts with /", args[1])
	}
	path, query := u.Path, u.Query()
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	for _, kv := range rr.query {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return usagef("--query: want key=value (got %q)", kv)
		}
		query.Add(k, v)
	}
	var body json.RawMessage
	if rr.data != "" {
		if body, err = rr.readBody(); err != nil {
			return err
		}
	}
	match, err := rr.operation(method, path)
	if err != nil {
		return err
	}
	op := &optable.Op{Command: []string{"request"}, Method: method, Path: path}
	switch {
	case match == nil:
		fmt.Fprintf(rr.app.env.stderr, "note: %s %s is no operation of the %s spec: sent as it is\n", method, botsdk.EscapeControls(path), rr.api.Name)
	case rr.noValidate:
		ctx = botsdk.WithoutChecks(ctx)
	default:
		if err := validate(ctx, rr.api.Name, match, method, path, query, body); err != nil {
			return err
		}
	}
	// --limit follows the pages as far as it needs, like --all.
	follow := rr.app.g.all || rr.app.g.limit > 0
	if match != nil && follow {
		if i := slices.IndexFunc(rr.api.Ops, func(o optable.Op) bool { return o.ID == match.Operation.OperationID }); i >= 0 {
			op = &rr.api.Ops[i] // its items' columns for -o table
		}
	}
	keyless := match != nil && match.Operation.Security != nil && len(*match.Operation.Security) == 0
	cl, err := rr.app.client(ctx, rr.api.Name, keyless)
	if err != nil {
		return err
	}
	c := &opCommand{app: rr.app, api: rr.api, op: op, cmd: cmd}
	var payload any
	if body != nil {
		payload = body
	}
	send := func() error {
		if follow {
			return c.print(ctx, cl.Redact, true, cl.Items(ctx, method, path, query, payload))
		}
		var raw json.RawMessage
		if _, err := cl.Do(ctx, method, path, query, payload, &raw); err != nil {
			return err
		}
		if len(bytes.TrimSpace(raw)) > 0 && !json.Valid(raw) {
			_, err := rr.app.env.stdout.Write(cl.Redact(ctx, raw)) // not JSON: as it came
			return err
		}
		return c.print(ctx, cl.Redact, false, listed([]json.RawMessage{raw}, nil))
	}
	if rr.app.dry != nil {
		rr.app.dry.loginIsCall = rr.api.Name == "botopen" && keyless
		return rr.app.dryRunOf(ctx, cl, send())
	}
	return send()
}

// readBody reads --data (see readData); any JSON value.
func (rr *rawRequest) readBody() (json.RawMessage, error) {
	raw, err := readData(rr.app, rr.data)
	if err != nil {
		return nil, err
	}
	if raw = bytes.TrimSpace(raw); !json.Valid(raw) {
		return nil, usagef("--data: not valid JSON")
	}
	return raw, nil
}

// operation returns the spec's operation that method and path (below the
// base URL) are, or nil: the first path template, in sorted order, that
// has method and matches path. The spec is read only here, when a request
// command runs, and only the matched path's document is decoded, without
// responses (specs.Parts.RequestDoc: its operation as the whole spec gives
// it, responses aside, which checking a request never reads).
func (rr *rawRequest) operation(method, path string) (*routers.Route, error) {
	parts, err := specs.LoadParts(rr.api.Name)
	if err != nil {
		return nil, err
	}
	for _, op := range parts.Operations() {
		if op.Method != method || !botsdk.MatchPath(op.Path, path) {
			continue
		}
		doc, err := parts.RequestDoc(op.Path)
		if err != nil {
			return nil, err
		}
		item := doc.Paths.Value(op.Path)
		return &routers.Route{Spec: doc, Path: op.Path, PathItem: item, Method: method, Operation: item.GetOperation(method)}, nil
	}
	return nil, nil
}

// validate checks the request against route's operation with kin-openapi
// (parameters and body; credentials are the client's to add): a request
// the spec refuses is a usage error that names --no-validate.
func validate(ctx context.Context, api string, route *routers.Route, method, path string, query url.Values, body json.RawMessage) error {
	u := &url.URL{Scheme: "http", Host: "botctl.invalid", Path: path, RawQuery: query.Encode()}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return usagef("%v", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	err = openapi3filter.ValidateRequest(ctx, &openapi3filter.RequestValidationInput{
		Request: req, PathParams: pathParams(route.Path, path), Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	})
	if err == nil {
		return nil
	}
	msg := err.Error()
	var schemaErr *openapi3.SchemaError
	var reqErr *openapi3filter.RequestError
	if errors.As(err, &schemaErr) {
		msg = schemaErr.Reason
		if at := schemaErr.JSONPointer(); len(at) > 0 {
			msg = strings.Join(at, ".") + ": " + msg
		}
	}
	if errors.As(err, &reqErr) && reqErr.Parameter != nil {
		msg = fmt.Sprintf("%s parameter %s: %s", reqErr.Parameter.In, reqErr.Parameter.Name, msg)
	} else if errors.As(err, &reqErr) && reqErr.RequestBody != nil {
		msg = "body: " + msg
	}
	return usagef("%s: %s %s (%s) does not fit the spec: %s; --no-validate sends it as it is",
		api, method, route.Path, route.Operation.OperationID, botsdk.CleanText(strings.Join(strings.Fields(msg), " ")))
}

// pathParams are the values of template's {name} segments in path.
func pathParams(template, path string) map[string]string {
	out := map[string]string{}
	ts, ps := strings.Split(template, "/"), strings.Split(path, "/")
	for i, t := range ts {
		if i < len(ps) && strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			out[t[1:len(t)-1]] = ps[i]
		}
	}
	return out
}
