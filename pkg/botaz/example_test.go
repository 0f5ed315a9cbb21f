package botaz_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/botsdk/botsdk/pkg/botaz"
)

// Example sends a message and then removes a visitor's email while setting
// the phone, leaving name and notes unchanged.
func Example() {
	// A stand-in for https://app.bot.az/api that echoes what it receives.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/messages/":
			fmt.Fprint(w, `{"_id":"qZkS5QLZSBLKzYAwm","text":"Good morning! Can I help you?","seen":false}`)
		case "/api/visitors/BtR7qAyvZfTWoaC7a":
			fmt.Printf("PUT body: %s\n", body)
			fmt.Fprint(w, `{"_id":"BtR7qAyvZfTWoaC7a","email":null,"phone":"+994124801574"}`)
		}
	}))
	defer srv.Close()

	c, err := botaz.New("MvSzqx36KksKNxHmK", "my-auth-token", botaz.WithBaseURL(srv.URL+"/api"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	msg, err := c.Messages.Send(ctx, botaz.SendMessageParams{
		UserID:    "MvSzqx36KksKNxHmK",
		VisitorID: "BtR7qAyvZfTWoaC7a",
		Text:      "Good morning! Can I help you?",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("sent", *msg.ID, *msg.Text)

	v, err := c.Visitors.Update(ctx, "BtR7qAyvZfTWoaC7a", botaz.UpdateVisitorParams{
		Email: botaz.Clear(),
		Phone: botaz.Set("+994124801574"),
	})
	if err != nil {
		log.Fatal(err)
	}
	phone, _ := v.Phone.Get()
	fmt.Println("email removed:", v.Email.IsNull(), "phone:", phone)

	_, err = c.Messages.Edit(ctx, "", botaz.EditMessageParams{Text: "hi"})
	fmt.Println(err)
	// Output:
	// sent qZkS5QLZSBLKzYAwm Good morning! Can I help you?
	// PUT body: {"email":null,"phone":"+994124801574"}
	// email removed: true phone: +994124801574
	// botaz: id: must not be empty or blank; give the message's _id
}
