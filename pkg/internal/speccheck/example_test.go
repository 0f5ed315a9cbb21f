package speccheck_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// A Validator built from the embedded DailyBot spec accepts a request the
// spec declares and refuses one whose query breaks it.
func ExampleValidator_ValidateRequest() {
	v, err := speccheck.New(context.Background(), "dailybot", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, target := range []string{"/v1/checkins/?limit=5", "/v1/checkins/?limit=many"} {
		r := httptest.NewRequest("GET", "http://127.0.0.1"+target, nil)
		r.Header.Set("X-API-KEY", "mock-dailybot-key")
		_, err := v.ValidateRequest(r)
		fmt.Println(target, err == nil)
	}
	// Output:
	// /v1/checkins/?limit=5 true
	// /v1/checkins/?limit=many false
}
