package mock

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startWithState starts a mock keeping its state in path, as botctl
// --state does.
func startWithState(t *testing.T, path string, opts ...Option) (*Server, *StateFile) {
	t.Helper()
	state, err := OpenState(context.Background(), path)
	require.NoError(t, err)
	srv := NewTestServer(t, append(opts, state.Options()...)...)
	require.NoError(t, state.Restore(srv))
	return srv, state
}

// stores are every API's state in srv's live mock, with the random sources
// that draw new ids and tokens: what a restored mock must hold equal.
func stores(srv *Server) map[string]any {
	m := srv.Live()
	db := m.services["dailybot"].(*dailybotAPI)
	ab := m.services["assistbot"].(*assistbotAPI)
	bz := m.services["botaz"].(*botazAPI)
	bo := m.services["botopen"].(*botopenAPI)
	// Draw every check-in's responses and drop the drawers (functions,
	// never deeply equal), so that the responses themselves are compared.
	db.store.mu.Lock()
	for _, c := range db.store.checkins {
		c.responses()
		c.lazy = nil
	}
	db.store.mu.Unlock()
	return map[string]any{
		"dailybot": db.store, "dailybot agents": db.agents, "assistbot": ab.state,
		"botaz": bz.state, "botaz rng": bz.rng, "botopen": bo.state, "botopen rng": bo.rng,
	}
}

// TestStateRoundTrip changes every API's state, saves it, restores it into a
// new mock and requires each store to be deeply equal, every field of it,
// reached through pointers: a store field the state file did not bring back
// would differ.
func TestStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clock := WithClock(fixedClock("2024-05-08T15:00:00Z"))
	srv, state := startWithState(t, path, clock, WithSeed(3))
	ids := seededIDs(srv)

	hook, _ := receiver(t)
	for _, c := range []specCall{
		dbCall("POST", "/webhook-subscription/", `{"hook_url":"`+hook.URL+`","bearer":"s3cret"}`),
		dbCall("POST", "/kudos/", `{"receivers":["`+ids.user+`"],"content":"Saved kudos"}`),
		dbCall("POST", "/checkins/", `{"name":"Saved","template":"`+ids.template+`"}`),
		dbCall("PATCH", "/users/"+ids.user+"/", `{"occupation":"Saved occupation"}`),
		dbCall("POST", "/teams/"+ids.emptyTeam+"/member/", `{"members":[{"uuid":"`+ids.user+`","platform":"dailybot"}]}`),
		{API: "assistbot", Method: "POST", Path: "/v1/company/info", Body: `{}`},
		{API: "botaz", Method: "POST", Path: "/messages/", Body: fmt.Sprintf(`{"userId":%q,"visitorId":%q,"text":"Saved"}`,
			DefaultCredentials().BotAzUserID, BotAzExampleVisitorID)},
		{API: "botaz", Method: "PUT", Path: "/visitors/" + BotAzExampleVisitorID, Body: `{"name":"Saved Visitor"}`},
		{API: "botopen", Method: "POST", Path: "/users", Body: `{"channelIds":[1014],"startDate":"2025-01-01T00:00:00Z","endDate":"2025-07-01T00:00:00Z"}`},
	} {
		status, _, body := do(t, srv, c)
		require.Less(t, status, 300, "%s %s: %s", c.Method, c.Path, body)
	}
	status, body := control(t, srv, http.MethodPost, "trigger/followups.response.completed", "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	status, _ = control(t, srv, http.MethodPost, "trigger/forms.response.created", "")
	require.Equal(t, http.StatusOK, status)

	require.NoError(t, state.Save(srv))
	require.NoError(t, state.Close())
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the file holds webhook bearers")

	restored, state2 := startWithState(t, path, clock)
	defer state2.Close()
	want, got := stores(srv), stores(restored)
	for name := range want {
		equalFields(t, name, want[name], got[name])
	}

	t.Run("the restored mock goes on recording", func(t *testing.T) {
		status, _, body := do(t, restored, dbCall("POST", "/kudos/", `{"receivers":["`+ids.user+`"],"content":"Second run"}`))
		require.Equal(t, http.StatusCreated, status, "%s", body)
		require.NoError(t, state2.Save(restored))
		require.NoError(t, state2.Close())
		third, state3 := startWithState(t, path, clock)
		defer state3.Close()
		equalFields(t, "dailybot", stores(restored)["dailybot"], stores(third)["dailybot"])
	})
}

// equalFields requires the structs x and y point to to be deeply equal field
// by field, unexported fields included, naming the first field that
// differs. A map keyed by pointers (a team's members) is compared by the
// keys' ids, as pointers of two mocks never match.
func equalFields(t *testing.T, name string, x, y any) {
	t.Helper()
	vx, vy := reflect.ValueOf(x).Elem(), reflect.ValueOf(y).Elem()
	if vx.Kind() != reflect.Struct {
		assert.True(t, reflect.DeepEqual(x, y), "%s differs after a save and restore", name)
		return
	}
	for i := range vx.NumField() {
		fx, fy := readable(vx.Field(i)).Interface(), readable(vy.Field(i)).Interface()
		if teams, ok := fx.([]*dbTeam); ok {
			fx, fy = teamMembers(teams), teamMembers(fy.([]*dbTeam))
		}
		if byID, ok := fx.(map[string]*dbTeam); ok {
			fx, fy = teamMembers(slices.Collect(maps.Values(byID))), teamMembers(slices.Collect(maps.Values(fy.(map[string]*dbTeam))))
		}
		assert.True(t, reflect.DeepEqual(fx, fy), "%s: field %s differs after a save and restore", name, vx.Type().Field(i).Name)
	}
}

// readable makes an unexported field's value readable by the test.
func readable(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// teamMembers is each team (by id) with its fields and its members' ids.
func teamMembers(teams []*dbTeam) map[string]any {
	out := map[string]any{}
	for _, team := range teams {
		var members []string
		for u := range team.members {
			members = append(members, u.UUID)
		}
		slices.Sort(members)
		out[team.UUID] = []any{team.Name, team.Active, team.IsDefault, team.MembersCount, members}
	}
	return out
}

// TestStateFileLocked: a second process waits for the lock and gives up when
// its context ends.
func TestStateFileLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	first, err := OpenState(context.Background(), path)
	require.NoError(t, err)
	defer first.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = OpenState(ctx, path)
	assert.ErrorContains(t, err, "another process holds it")
}

// TestStateFileRefusesOtherFiles: a file that is not a state file is not
// overwritten.
func TestStateFileRefusesOtherFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"precious":true}`), 0o600))
	_, err := OpenState(context.Background(), path)
	assert.ErrorContains(t, err, "not a version 1 state file")
}

// TestStateResetDropsChanges: a reset through the control API empties the
// saved changes.
func TestStateResetDropsChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	srv, state := startWithState(t, path)
	status, _ := control(t, srv, http.MethodPost, "trigger/kudos.posted", "")
	require.Equal(t, http.StatusOK, status)
	require.Len(t, srv.ctl.journal.Load().snapshot(), 1)
	status, _ = control(t, srv, http.MethodPost, "reset", "")
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, srv.ctl.journal.Load().snapshot())
	require.NoError(t, state.Close())
}
