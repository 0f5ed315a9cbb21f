package main

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/specs"
)

func TestSplitWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
		err  bool
	}{
		{in: "botctl dailybot me", want: []string{"botctl", "dailybot", "me"}},
		{in: `botctl x --text 'Good morning! Can I help?'`, want: []string{"botctl", "x", "--text", "Good morning! Can I help?"}},
		{in: `a --name "Daily \"Standup\"" --notes ''`, want: []string{"a", "--name", `Daily "Standup"`, "--notes", ""}},
		{in: `a b\ c  d`, want: []string{"a", "b c", "d"}},
		{in: `a 'open`, err: true},
		{in: `a "open`, err: true},
		{in: "   ", want: nil},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := splitWords(tt.in)
			if tt.err {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestExampleCall(t *testing.T) {
	cmd := []string{"checkins", "responses"}
	for _, tt := range []struct {
		name, example string
		want          []string
		err           string
	}{
		{"global flags dropped", "botctl --mock dailybot checkins responses CHECKIN_ID --date-start 2024-01-01 --all --concurrency 4 -o jsonl",
			[]string{"dailybot", "checkins", "responses", "CHECKIN_ID", "--date-start", "2024-01-01"}, ""},
		{"flag=value forms dropped", "botctl -o=table --page-size=5 dailybot checkins responses X",
			[]string{"dailybot", "checkins", "responses", "X"}, ""},
		{"pipe refused", "botctl dailybot checkins responses X | jq .", nil, "needs a shell"},
		{"file refused", "botctl dailybot checkins responses --data @x.json", nil, "needs a shell"},
		{"variable refused", `botctl dailybot checkins responses --bearer "$S"`, nil, "needs a shell"},
		{"other command refused", "botctl dailybot checkins list", nil, "does not run `dailybot checkins responses`"},
		{"not botctl", "curl https://example.com", nil, "not a botctl command"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := exampleCall("dailybot", cmd, tt.example)
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestRouteOf(t *testing.T) {
	o := &operation{Method: http.MethodDelete, route: routeOf("/teams/{team_uuid}/member/{user_uuid}/")}
	assert.True(t, o.matches("DELETE", "/teams/t1/member/u1/"))
	assert.False(t, o.matches("GET", "/teams/t1/member/u1/"), "another method")
	assert.False(t, o.matches("DELETE", "/teams/t1/member/u1"), "no trailing slash")
	assert.False(t, o.matches("DELETE", "/teams/t1/x/member/u1/"), "a parameter is one segment")
	assert.True(t, (&operation{Method: "POST", route: routeOf("/v1/company/info")}).matches("post", "/v1/company/info"))
}

func TestUnknownID(t *testing.T) {
	for _, id := range []string{"1956f945-815d-4b65-960b-ee04e2cd592e", "qZkS5QLZSBLKzYAwm", "abba", "ab-ba-x"} {
		got := unknownID(id)
		assert.NotEqual(t, id, got, id)
		assert.Len(t, got, len(id))
		for i := range id {
			if id[i] == '-' {
				assert.Equal(t, byte('-'), got[i], "separators stay")
			}
		}
	}
	assert.Equal(t, "549f6591-...", unknownID("1956f945-..."))
}

func TestPlaceholder(t *testing.T) {
	assert.Equal(t, []string{"USER_ID", "OTHER_USER_ID"}, placeholder.FindAllString("USER_ID,OTHER_USER_ID", -1))
	assert.Empty(t, placeholder.FindAllString("C0123ABCD qZkS5QLZSBLKzYAwm ID", -1))
	m := placeholder.FindStringSubmatch("OTHER_USER_ID")
	assert.Equal(t, []string{"OTHER_USER_ID", "OTHER_", "USER"}, m)
}

// TestPlansCoverEverySpecOperation: every operation under the specs'
// paths is in a plan, with a command and a success call, and the webhook
// deliveries are left out by name.
func TestPlansCoverEverySpecOperation(t *testing.T) {
	ops := 0
	for _, name := range specs.Names() {
		p, err := loadPlan(name)
		require.NoError(t, err)
		for _, o := range p.Ops {
			assert.Empty(t, o.Problem, "%s %s", name, o.ID)
			assert.NotNil(t, o.Op, "%s %s", name, o.ID)
			assert.NotEmpty(t, o.Calls, "%s %s", name, o.ID)
			assert.False(t, slices.Contains(p.Webhooks, o.ID), "%s %s is a webhook", name, o.ID)
		}
		assert.NotEmpty(t, p.Headers, "%s: the credential headers", name)
		for i := 1; i < len(p.Ops); i++ {
			assert.LessOrEqual(t, methodRank[p.Ops[i-1].Method], methodRank[p.Ops[i].Method], "deletes run last")
		}
		ops += len(p.Ops)
	}
	assert.Equal(t, specOperations(t), ops, "every operation under the specs' paths")

	db, err := loadPlan("dailybot")
	require.NoError(t, err)
	assert.Contains(t, db.Webhooks, "receiveKudosPostedEvent")
	assert.Equal(t, []string{"X-API-KEY"}, db.Headers)
	az, err := loadPlan("botaz")
	require.NoError(t, err)
	assert.Equal(t, []string{"X-Auth-Token", "X-User-Id"}, az.Headers)
}

func TestCredentialKeysAndPathArgs(t *testing.T) {
	bo, err := loadPlan("botopen")
	require.NoError(t, err)
	login := bo.Ops[slices.IndexFunc(bo.Ops, func(o *operation) bool { return o.ID == "login" })]
	assert.ElementsMatch(t, []string{"appId", "appSecret"}, credentialKeys(login), "login's hidden body keys")
	assert.Equal(t, -1, pathArgIndex(login))

	db, err := loadPlan("dailybot")
	require.NoError(t, err)
	for id, want := range map[string]int{"getTeam": 3, "removeTeamMember": 3, "addTeamMembers": 3, "getMe": -1} {
		o := db.Ops[slices.IndexFunc(db.Ops, func(o *operation) bool { return o.ID == id })]
		assert.Equal(t, want, pathArgIndex(o), id)
	}
}

func TestPlanRefusesAnOperationWithoutCommand(t *testing.T) {
	spec := []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      x-botctl: {command: a get, examples: ["botctl t a get"]}
      responses: {'200': {description: ok}}
  /b:
    get:
      operationId: getB
      responses: {'200': {description: ok}}
  /c:
    get:
      operationId: getC
      x-botctl: {command: c get, examples: ["botctl t c get | jq ."]}
      responses: {'200': {description: ok}}
x-webhooks:
  ev: {post: {operationId: receiveEv}}
`)
	p, err := planFromSpec("t", spec)
	require.NoError(t, err)
	byID := map[string]*operation{}
	for _, o := range p.Ops {
		byID[o.ID] = o
	}
	assert.Empty(t, byID["getA"].Problem)
	assert.Equal(t, [][]string{{"t", "a", "get"}}, byID["getA"].Calls)
	assert.Contains(t, byID["getB"].Problem, "no botctl command")
	assert.Contains(t, byID["getC"].Problem, "no x-botctl example can be run")
	assert.Equal(t, []string{"receiveEv"}, p.Webhooks)
}

// specOperations counts the operations under the four specs' paths, as
// the specs themselves give them (specs/operations_test.go pins each).
func specOperations(t *testing.T) int {
	t.Helper()
	n := 0
	for _, name := range specs.Names() {
		doc, err := specs.Load(context.Background(), name)
		require.NoError(t, err)
		for _, item := range doc.Paths.Map() {
			n += len(item.Operations())
		}
	}
	require.Positive(t, n)
	return n
}
