package dailybot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// A stand-in for api.dailybot.com: /v1/users/ in two pages linked by an
// absolute `next` URL, and a check-in create the API refuses.
func fakeDailyBot() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/users/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("offset") == "" {
			fmt.Fprintf(w, `{"count":3,"next":"http://%s/v1/users/?limit=2&offset=2","previous":null,
				"results":[{"uuid":"u-1","full_name":"John Wick"},{"uuid":"u-2","full_name":"Helen Wick"}]}`, r.Host)
			return
		}
		fmt.Fprint(w, `{"count":3,"next":null,"previous":null,"results":[{"uuid":"u-3","full_name":"Winston"}]}`)
	})
	mux.HandleFunc("POST /v1/checkins/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"detail":"Invalid template.","code":"invalid_template","errors":{"template":["Unknown id."]}}`)
	})
	return httptest.NewServer(mux)
}

func Example() {
	srv := fakeDailyBot()
	defer srv.Close()

	c, err := dailybot.New("my-api-key", dailybot.WithBaseURL(srv.URL+"/v1"), dailybot.WithPageSize(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	// Every user, page after page.
	for u, err := range c.Users.List(ctx, dailybot.ListUsersParams{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(*u.UUID, *u.FullName)
	}

	// Rules the docs state are checked before any request.
	_, err = c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "Stand-up", Template: "t-1", RemindersMaxCount: dailybot.Ptr(5)})
	fmt.Println(err)

	// API errors carry DailyBot's code and field errors.
	_, err = c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "Stand-up", Template: "t-0"})
	var apiErr *botsdk.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, dailybot.FieldErrors(err)["template"])
	}
	// Output:
	// u-1 John Wick
	// u-2 Helen Wick
	// u-3 Winston
	// dailybot: reminders_max_count: must be between 0 and 3 (got 5)
	// 400 invalid_template [Unknown id.]
}

func ExampleNewWebhookHandler() {
	h, err := dailybot.NewWebhookHandler("shared-bearer", func(_ context.Context, ev *dailybot.WebhookEvent) error {
		switch ev.Event {
		case dailybot.EventKudosPosted:
			k, err := ev.Kudos()
			if err != nil {
				return err
			}
			fmt.Println("kudos:", *k.Content, "at", ev.Timestamp.UTC().Format("2006-01-02"))
		default:
			fmt.Println("unhandled event", ev.Event)
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// In a server: http.Handle("/hooks/dailybot", h).

	send := func(bearer, body string) {
		r := httptest.NewRequest(http.MethodPost, "/hooks/dailybot", strings.NewReader(body))
		r.Header.Set("X-BEARER", bearer)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Code)
	}
	send("shared-bearer", `{"event":"kudos.posted","event_timestamp":1707157378.85,"body":{"content":"Great work!"}}`)
	send("shared-bearer", `{"event":"checkin.response.created","event_timestamp":"2024-02-05T17:18:42Z","body":{}}`)
	send("wrong", `{"event":"kudos.posted"}`)
	// Output:
	// kudos: Great work! at 2024-02-05
	// 200
	// unhandled event checkin.response.created
	// 200
	// 401
}

// Clearing a field sends null; leaving it zero sends nothing. Do and the
// typed method refuse the same mistake before any request.
func ExampleClear() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Println(r.Method, r.URL.Path, string(body))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"c-1","end_on":null,"mood":"sunny"}`)
	}))
	defer srv.Close()
	c, err := dailybot.New("my-api-key", dailybot.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	ci, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{EndOn: dailybot.Clear()})
	if err != nil {
		fmt.Println(err)
		return
	}
	mood, _ := ci.Get("mood") // a key the spec does not declare
	fmt.Println(mood)

	_, err = c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{StartOn: "2024-02-01", EndOn: dailybot.Set("2024-01-31")})
	fmt.Println(err)
	_, err = c.Do(ctx, http.MethodPatch, "/checkins/c-1/", nil, json.RawMessage(`{"start_on":"2024-02-01","end_on":"2024-01-31"}`), nil)
	fmt.Println(err)
	// Output:
	// PATCH /v1/checkins/c-1/ {"end_on":null}
	// sunny
	// dailybot: start_on: must not be after end_on (2024-02-01 > 2024-01-31)
	// dailybot: start_on: must not be after end_on (2024-02-01 > 2024-01-31)
}
