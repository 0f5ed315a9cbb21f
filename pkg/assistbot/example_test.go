package assistbot_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Example lists polls and reads a poll's history from a stand-in AssistBot
// server on 127.0.0.1, then shows how errors are matched.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/elements/polls":
			fmt.Fprint(w, `{"data":[{"id":1,"title":"Vacation poll","launch_times":2}],"count":1,"status":true}`)
		case "/v1/history/polls":
			fmt.Fprint(w, `{"data":[{"id":7,"poll_id":1,"options":[{"title":"At home","stats":1},{"title":"Abroad","stats":0}]}],"count":1,"status":true}`)
		default:
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":{"code":101,"message":"Invalid authorization token"},"status":false}`)
		}
	}))
	defer srv.Close()

	c, err := assistbot.New("my-api-key", assistbot.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	polls, err := c.Polls.List(ctx, assistbot.ListPollsParams{CreatorIDs: []int{1}})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range polls {
		fmt.Printf("poll %d %q, launched %d times\n", *p.ID, *p.Title, *p.LaunchTimes)
	}

	results, err := c.History.Polls(ctx, assistbot.ListPollHistoryParams{
		PollID: 1, From: "2020-08-25", To: "2020-08-27", Timezone: "America/New_York",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, opt := range *results[0].Options {
		fmt.Printf("  %s: %d\n", *opt.Title, *opt.Stats)
	}

	// Client-side validation and API answers match the same sentinels.
	_, err = c.History.Polls(ctx, assistbot.ListPollHistoryParams{PollID: 1, From: "2020-08-28", To: "2020-08-27"})
	fmt.Println(errors.Is(err, assistbot.ErrFromAfterTo), err)

	_, err = c.Company.Info(ctx)
	var apiErr *botsdk.APIError
	fmt.Println(errors.Is(err, assistbot.ErrInvalidToken), errors.As(err, &apiErr) && apiErr.Code == "101")
	// Output:
	// poll 1 "Vacation poll", launched 2 times
	//   At home: 1
	//   Abroad: 0
	// true assistbot: from: must not be after to (2020-08-28 is after 2020-08-27)
	// true true
}

// ExampleNewWebhookHandler receives a signed poll/vote delivery.
func ExampleNewWebhookHandler() {
	h, err := assistbot.NewWebhookHandler("my-api-key", func(_ context.Context, ev assistbot.WebhookEvent) error {
		var vote struct {
			PollID int `json:"poll_id"`
		}
		if err := ev.Decode(&vote); err != nil {
			return err
		}
		fmt.Printf("%s from %s: poll %d\n", ev.Type, ev.GeneratedBy, vote.PollID)
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// http.Handle("/hooks/assistbot", h)

	body := `{"poll_id":1}`
	req := httptest.NewRequest(http.MethodPost, "/hooks/assistbot", strings.NewReader(body))
	req.Header.Set("X-AssistBot-Path", "poll/vote")
	req.Header.Set("X-Generated-By", "AssistBot")
	req.Header.Set("X-AssistBot-Key", assistbot.Sign("my-api-key", []byte(body)))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	fmt.Println(w.Code)

	req = httptest.NewRequest(http.MethodPost, "/hooks/assistbot", strings.NewReader(body))
	req.Header.Set("X-AssistBot-Key", assistbot.Sign("someone-else", []byte(body)))
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	answer, _ := io.ReadAll(w.Body)
	fmt.Print(w.Code, " ", string(answer))
	// Output:
	// poll/vote from AssistBot: poll 1
	// 200
	// 401 missing or wrong X-AssistBot-Key signature
}
