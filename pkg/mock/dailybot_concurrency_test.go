package mock

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawDo sends one DailyBot request without the spec checks of do(), for use
// from many goroutines; it reports failures with t.Errorf.
func rawDo(t *testing.T, client *http.Client, srv *Server, method, path, body string, want int) []byte {
	req, err := http.NewRequest(method, srv.BaseURL("dailybot")+path, strings.NewReader(body))
	if err != nil {
		t.Errorf("%s %s: %v", method, path, err)
		return nil
	}
	req.Header.Set("X-API-KEY", DefaultCredentials().DailyBotKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Errorf("%s %s: %v", method, path, err)
		return nil
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Errorf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, out)
		return nil
	}
	return out
}

// TestDailyBotConcurrentWriters runs 64 writers, each making a fixed number
// of writes (create, update, member add, user update, kudos) while reading
// lists; afterwards every acknowledged write is readable. Run with -race.
func TestDailyBotConcurrentWriters(t *testing.T) {
	const writers, perWriter = 64, 6
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	s := dailybotOf(srv).store
	users := make([]string, len(s.users))
	for i, u := range s.users {
		users[i] = u.UUID
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: writers}}
	t.Cleanup(client.CloseIdleConnections)

	type ack struct{ id, name string }
	acks := make([][]ack, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := users[w%len(users)]
			for j := range perWriter {
				body := rawDo(t, client, srv, "POST", "/checkins/", fmt.Sprintf(`{"name":"w%02d-%d","template":"%s"}`, w, j, ids.template), 201)
				var c struct{ ID string }
				if json.Unmarshal(body, &c) != nil || c.ID == "" {
					t.Errorf("writer %d: no id in %s", w, body)
					return
				}
				final := fmt.Sprintf("w%02d-%d-final", w, j)
				if rawDo(t, client, srv, "PATCH", "/checkins/"+c.ID+"/", `{"name":"`+final+`"}`, 200) != nil {
					acks[w] = append(acks[w], ack{c.ID, final})
				}
				rawDo(t, client, srv, "POST", "/teams/"+ids.emptyTeam+"/member/", `{"members":[{"uuid":"`+user+`","platform":"dailybot"}]}`, 200)
				rawDo(t, client, srv, "PATCH", "/users/"+user+"/", fmt.Sprintf(`{"occupation":"writer %d"}`, w%len(users)), 204)
				rawDo(t, client, srv, "POST", "/kudos/", `{"receivers":["`+user+`"],"content":"thanks"}`, 201)
				rawDo(t, client, srv, "GET", "/checkins/?limit=50&offset=10", "", 200)
			}
		}()
	}
	wg.Wait()
	require.False(t, t.Failed())

	listed := map[string]string{}
	for path := "/checkins/?limit=100"; path != ""; {
		page := decodeJSON[pageOut[checkinOut]](t, get(t, srv, path, 200))
		for _, c := range page.Results {
			listed[c.ID] = c.Name
		}
		path = ""
		if page.Next != nil {
			path = relPath(t, srv, *page.Next)
		}
	}
	assert.Len(t, listed, len(dbCheckinDefs)+writers*perWriter)
	for w := range writers {
		require.Len(t, acks[w], perWriter)
		for _, a := range acks[w] {
			assert.Equal(t, a.name, listed[a.id], "check-in %s", a.id)
			got := decodeJSON[checkinOut](t, get(t, srv, "/checkins/"+a.id+"/", 200))
			assert.Equal(t, a.name, got.Name)
		}
	}
	members := decodeJSON[pageOut[struct{ UUID string }]](t, get(t, srv, "/teams/"+ids.emptyTeam+"/members/", 200))
	assert.Equal(t, len(users), members.Count, "every writer's member add is visible (64 writers cover all 52 users)")
	for i, id := range users {
		u := decodeJSON[struct{ Occupation string }](t, get(t, srv, "/users/"+id+"/", 200))
		assert.Equal(t, fmt.Sprintf("writer %d", i), u.Occupation)
	}
	s.mu.RLock()
	assert.Len(t, s.kudos, writers*perWriter)
	s.mu.RUnlock()
}
