package botsdk_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// ExampleSecret shows that a credential never prints, whatever the verb.
func ExampleSecret() {
	key := botsdk.NewSecret("sk-123")
	fmt.Println(key, fmt.Sprintf("%#v", key))
	fmt.Println(len(key.Reveal()))
	// Output:
	// [redacted] [redacted]
	// 6
}

// ExamplePaginate walks pages lazily: the loop's break stops fetching.
func ExamplePaginate() {
	pages := [][]string{{"a", "b"}, {"c"}}
	fetch := func(_ context.Context, page int) ([]string, int, bool, error) {
		fmt.Println("fetch page", page)
		return pages[page], page + 1, page+1 < len(pages), nil
	}
	for item, err := range botsdk.Paginate(context.Background(), 0, fetch) {
		if err != nil {
			return
		}
		fmt.Println(item)
		if item == "b" {
			break
		}
	}
	// Output:
	// fetch page 0
	// a
	// b
}

// ExampleAPIError matches an API's refusal with errors.As.
func ExampleAPIError() {
	var err error = fmt.Errorf("list check-ins: %w", &botsdk.APIError{API: "dailybot", StatusCode: 404, Code: "not_found", Message: "Not found."})
	var apiErr *botsdk.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr)
	}
	// Output:
	// 404 dailybot: HTTP 404 [not_found]: Not found.
}
