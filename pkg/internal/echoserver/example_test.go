package echoserver_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/botsdk/botsdk/pkg/internal/echoserver"
)

// A 400 from Handler echoes the request's headers back in the error body,
// as a careless gateway would: a client that copies the body into its error
// must redact the credential first.
func ExampleHandler() {
	srv := httptest.NewServer(echoserver.Handler{Status: http.StatusBadRequest, LoginStatus: http.StatusOK})
	defer srv.Close()

	req, err := http.NewRequest(http.MethodGet, srv.URL+"/dailybot/v1/me/", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	req.Header.Set("X-API-KEY", "SECRET-example-key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, strings.Contains(string(body), "SECRET-example-key"))
	// Output: 400 true
}
