package reliability

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// One cell of the fault matrix, by hand: a server that answers 503 twice
// before it answers, and a client whose retry policy records its waits
// instead of sleeping. The call succeeds on the third attempt, after two
// waits within the policy's growing ceilings.
func Example() {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if attempts.Add(1) <= 2 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"detail":"try again"}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"uuid":"u-1","full_name":"Ada Lovelace"}`)
	}))
	defer srv.Close()

	var waits []time.Duration
	policy := botsdk.RetryPolicy{
		MaxRetries: 3, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second,
		Sleep:  func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil },
		Jitter: func(d time.Duration) time.Duration { return d / 2 },
	}
	c, err := dailybot.New("example-key-0123456789", dailybot.WithBaseURL(srv.URL), dailybot.WithRetry(policy))
	if err != nil {
		fmt.Println(err)
		return
	}
	me, err := c.Me.Get(context.Background(), dailybot.GetMeParams{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*me.FullName, "after", attempts.Load(), "attempts, waits", waits)
	// Output: Ada Lovelace after 3 attempts, waits [50ms 100ms]
}
