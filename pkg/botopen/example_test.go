package botopen_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/botsdk/botsdk/pkg/botopen"
)

// Example lists a channel's users page by page; the client logs in by itself
// on the first call.
func Example() {
	// A stand-in for the Bot Open API whose 3 users come two to a page.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/login":
			fmt.Println("login")
			_ = json.NewEncoder(w).Encode(map[string]string{"authToken": "eyJhbGciOi...", "expiresAt": "2099-01-01T00:00:00Z"})
		case "/users":
			fmt.Println("users page", r.URL.Query().Get("page"), "with", r.Header.Get("Authorization"))
			if r.URL.Query().Get("page") == "1" {
				fmt.Fprint(w, `{"users":[{"botUserId":"+919876543210","name":"Jane"},{"botUserId":"+919876543211","name":"Ravi"}],"page":1,"pages":2,"hasNextPage":1}`)
				return
			}
			fmt.Fprint(w, `{"users":[{"botUserId":"+919876543212","name":"Mei"}],"page":2,"pages":2,"hasNextPage":0}`)
		}
	}))
	defer srv.Close()

	c, err := botopen.New("my-app-id", "my-app-secret", botopen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	params := botopen.ListUsersParams{
		ChannelIDs: []botopen.ChannelID{botopen.ChannelIDWhatsapp},
		StartDate:  time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC),
		EndDate:    time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC),
	}
	for u, err := range c.Users.List(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*u.BotUserID, *u.Name)
	}

	params.Limit = 10
	_, err = c.Users.ListPage(context.Background(), params)
	fmt.Println(err)
	// Output:
	// login
	// users page 1 with eyJhbGciOi...
	// +919876543210 Jane
	// +919876543211 Ravi
	// users page 2 with eyJhbGciOi...
	// +919876543212 Mei
	// botopen: limit: must be at least 25 (got 10); leave it out (Limit 0) for the server's default
}
