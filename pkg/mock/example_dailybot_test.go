package mock_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/botsdk/botsdk/pkg/mock"
)

// getJSON GETs a DailyBot path from srv and decodes the answer into v.
func getJSON(srv *mock.Server, path string, v any) {
	req, _ := http.NewRequest(http.MethodGet, srv.BaseURL("dailybot")+path, nil)
	req.Header.Set("X-API-KEY", mock.DefaultCredentials().DailyBotKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		panic(err)
	}
}

// A user answering a check-in in chat, as the DailyBot API cannot: the
// response shows in today's list (and reaches webhook subscribers).
func ExampleMock_SubmitCheckinResponse() {
	today := func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) }
	srv, err := mock.Start(context.Background(), "127.0.0.1:0", mock.WithClock(today))
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	var checkins struct {
		Results []struct{ ID, Name string }
	}
	getJSON(srv, "/checkins/", &checkins)
	var me struct{ UUID string }
	getJSON(srv, "/me/", &me)
	standup := checkins.Results[0]

	var before, after struct{ Count int }
	getJSON(srv, "/checkins/"+standup.ID+"/responses/", &before) // today only, the API's default
	if _, err := srv.Mock.SubmitCheckinResponse(standup.ID, me.UUID, "Reviewed the mock", "Write the docs", "No"); err != nil {
		panic(err)
	}
	getJSON(srv, "/checkins/"+standup.ID+"/responses/", &after)
	fmt.Printf("%s: %d responses today, then %d\n", standup.Name, before.Count, after.Count)
	// Output: Daily Standup: 50 responses today, then 51
}
