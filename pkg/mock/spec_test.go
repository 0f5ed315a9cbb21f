package mock

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
	"github.com/botsdk/botsdk/specs"
)

// withPaths returns api's embedded spec with paths (YAML, indented as under
// "paths:") added at the top of its paths.
func withPaths(t *testing.T, api, paths string) []byte {
	t.Helper()
	spec, err := specs.FS.ReadFile(api + ".yaml")
	require.NoError(t, err)
	text := string(spec)
	require.Contains(t, text, "\npaths:\n")
	return []byte(strings.Replace(text, "\npaths:\n", "\npaths:\n"+paths, 1))
}

// TestSpecOperationWithoutHandler: an operation a spec declares but the mock
// has no handler for answers the spec's example of its success response,
// after the same credential and request checks as any operation, and the
// answer validates against that spec. One without a usable example is a 501
// in the API's own dialect.
func TestSpecOperationWithoutHandler(t *testing.T) {
	tests := []struct {
		name, api, paths   string
		method, path, body string
		noAuth             bool
		wantStatus         int
		wantBody           string // JSON, or "" for no body
		wantInError        string // for an error answer: text in its body
	}{
		{name: "DailyBot list, the media type's example", api: "dailybot", paths: `
  /streaks/:
    get:
      operationId: listStreaks
      summary: List streaks.
      parameters:
        - {name: min, in: query, schema: {type: integer, minimum: 1}}
      responses:
        "200":
          description: The streaks.
          content:
            application/json:
              schema:
                type: object
                properties:
                  count: {type: integer}
                  results: {type: array, items: {type: object, properties: {user: {type: string}, days: {type: integer}}}}
              example: {count: 1, results: [{user: "8d2a", days: 12}]}
`, method: http.MethodGet, path: "/streaks/?min=3", wantStatus: 200, wantBody: `{"count":1,"results":[{"user":"8d2a","days":12}]}`},
		{name: "DailyBot: the request is still validated", api: "dailybot", paths: `
  /streaks/:
    get:
      operationId: listStreaks
      parameters:
        - {name: min, in: query, schema: {type: integer, minimum: 1}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}, example: {}}}}
`, method: http.MethodGet, path: "/streaks/?min=0", wantStatus: 400, wantInError: `"min"`},
		{name: "DailyBot: credentials are still checked", api: "dailybot", paths: `
  /streaks/:
    get:
      operationId: listStreaks
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}, example: {}}}}
`, method: http.MethodGet, path: "/streaks/", noAuth: true, wantStatus: 401, wantInError: "credentials"},
		{name: "DailyBot: no content", api: "dailybot", paths: `
  /streaks/reset/:
    post:
      operationId: resetStreaks
      responses:
        "204": {description: Reset.}
        "400": {description: Bad request., content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
`, method: http.MethodPost, path: "/streaks/reset/", wantStatus: 204},
		{name: "DailyBot: no example is a 501", api: "dailybot", paths: `
  /streaks/{id}/:
    get:
      operationId: getStreak
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
`, method: http.MethodGet, path: "/streaks/x/", wantStatus: 501, wantInError: "no example"},
		{name: "DailyBot: an example its schema refuses is a 501", api: "dailybot", paths: `
  /streaks/{id}/:
    get:
      operationId: getStreak
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object, required: [days]}, example: {user: x}}}}
`, method: http.MethodGet, path: "/streaks/x/", wantStatus: 501, wantInError: "does not validate"},
		{name: "AssistBot, a named example", api: "assistbot", paths: `
  /v1/elements/streaks:
    post:
      operationId: listStreaks
      requestBody:
        content: {application/json: {schema: {type: object, properties: {streak_id: {type: integer}}}}}
      responses:
        "200":
          description: The streaks.
          content:
            application/json:
              schema: {type: object, properties: {data: {type: array, items: {type: object}}, count: {type: integer}, status: {type: boolean}}}
              examples:
                b: {value: {data: [], count: 0, status: true}}
                a: {value: {data: [{id: 1}], count: 1, status: true}}
`, method: http.MethodPost, path: "/v1/elements/streaks", body: `{"streak_id":1}`, wantStatus: 200, wantBody: `{"data":[{"id":1}],"count":1,"status":true}`},
		{name: "Bot.Az, the schema's example", api: "botaz", paths: `
  /agents/:
    get:
      operationId: listAgents
      responses:
        "200":
          description: The agents.
          content:
            application/json:
              schema: {type: array, items: {type: string}, example: [MvSzqx36KksKNxHmK]}
`, method: http.MethodGet, path: "/agents/", wantStatus: 200, wantBody: `["MvSzqx36KksKNxHmK"]`},
		{name: "Bot Open, an API error in its dialect", api: "botopen", paths: `
  /bots:
    get:
      operationId: listBots
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
`, method: http.MethodGet, path: "/bots", wantStatus: 501, wantInError: `"statusCode":501`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := withPaths(t, tt.api, tt.paths)
			m, err := New(WithSpec(tt.api, spec))
			require.NoError(t, err)
			v, err := speccheck.NewFromSpec(context.Background(), tt.api, spec, "/"+tt.api)
			require.NoError(t, err)

			r := httptest.NewRequest(tt.method, "http://mock.test"+m.BasePath(tt.api)+tt.path, strings.NewReader(tt.body))
			if tt.body != "" {
				r.Header.Set("Content-Type", "application/json")
			}
			if !tt.noAuth {
				for k, val := range fuzzCredentials(t, m)[tt.api] {
					r.Header.Set(k, val)
				}
			}
			check := r.Clone(context.Background())
			check.Body = io.NopCloser(strings.NewReader(tt.body))
			in, _ := v.ValidateRequest(check)
			rec := httptest.NewRecorder()
			m.ServeHTTP(rec, r)

			require.Equal(t, tt.wantStatus, rec.Code, "body: %s", rec.Body)
			switch {
			case tt.wantInError != "":
				assert.Contains(t, rec.Body.String(), tt.wantInError)
				require.NoError(t, checkErrorShape(tt.api, rec.Code, rec.Header(), rec.Body.Bytes()), "in %s's error shape", tt.api)
			case tt.wantBody != "":
				assert.JSONEq(t, tt.wantBody, rec.Body.String())
			default:
				assert.Empty(t, rec.Body.String())
			}
			if rec.Code < 300 {
				require.NotNil(t, in)
				in.Request.Body = io.NopCloser(strings.NewReader(tt.body))
				assert.NoError(t, v.ValidateResponse(context.Background(), in, rec.Code, rec.Header(), rec.Body.Bytes()))
			}
		})
	}
}

// TestWithSpecKeepsHandlers: with a spec copy, the operations the mock
// knows are still its handlers' (state, not examples); a copy that does not
// parse or names no API fails New.
func TestWithSpecKeepsHandlers(t *testing.T) {
	spec := withPaths(t, "dailybot", "")
	m, err := New(WithSpec("dailybot", spec))
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodGet, "http://mock.test/dailybot/v1/me/", nil)
	r.Header.Set("X-API-KEY", m.cfg.creds.DailyBotKey)
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, r)
	require.Equal(t, http.StatusOK, rec.Code)
	var me struct{ UUID string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &me))
	assert.Equal(t, dailybotOfMock(m).store.owner.UUID, me.UUID, "the seeded key owner, not the spec's example")

	_, err = New(WithSpec("dailybot", []byte("openapi: [")))
	assert.ErrorContains(t, err, "mock: speccheck: dailybot")
	_, err = New(WithSpec("nope", spec))
	assert.ErrorContains(t, err, "WithSpec")
}

// TestExampleReadsTheWholeOperation checks that an operation answered from
// its example, through a validator built from the spec's parts (whose
// routes hold each path's document without responses), finds its success
// response and example, and that the answer passes the spec's response
// check.
func TestExampleReadsTheWholeOperation(t *testing.T) {
	v := validatorFor(t, "dailybot")
	r := httptest.NewRequest(http.MethodGet, "/dailybot/v1/me/", nil)
	route, params, err := v.Route(r)
	require.NoError(t, err)
	require.Nil(t, route.Operation.Responses, "the route holds the request's document")

	s := newSpecAPI(v, map[string]struct{}{})
	ex := s.example(operation{route: route, params: params})
	require.NoError(t, ex.err)
	assert.Equal(t, http.StatusOK, ex.status)
	require.NotEmpty(t, ex.body)
	in, err := v.ValidateRoute(r, route, params)
	require.Error(t, err, "no credentials")
	assert.NoError(t, v.ValidateResponse(context.Background(), in, ex.status, http.Header{"Content-Type": {"application/json"}}, ex.body))
}
