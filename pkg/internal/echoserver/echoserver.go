// Package echoserver is a test server that answers like a gateway echoing the
// whole request back: every header and the body, raw and percent-encoded, in
// the error fields of all four APIs' dialects. Tests use it to prove that no
// credential a client sends comes back to the user through an error.
package echoserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// LoginToken is the token a successful Bot Open login through Handler issues.
const LoginToken = "SECRET-botopen-token-0008"

// Handler answers every request with Status and an echo of the request; a
// path ending in /login (Bot Open) is answered with LoginStatus instead, and
// a 200 login issues LoginToken. Status 0 resets the connection instead of
// answering. A 2xx answer carries an empty JSON object.
type Handler struct {
	// Status answers every API call; 0 resets the connection.
	Status int
	// LoginStatus answers Bot Open's /login.
	LoginStatus int
}

// ServeHTTP answers r per the Handler's statuses.
func (h Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var dump strings.Builder
	fmt.Fprintf(&dump, "%s %s?%s\n", r.Method, r.URL.Path, r.URL.RawQuery)
	keys := make([]string, 0, len(r.Header))
	for k := range r.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&dump, "%s: %s\n", k, strings.Join(r.Header[k], ", "))
	}
	dump.Write(body)
	echo := dump.String() + " | " + url.QueryEscape(dump.String())
	status := h.Status
	if strings.HasSuffix(r.URL.Path, "/login") {
		status = h.LoginStatus
		if status == http.StatusOK {
			_ = json.NewEncoder(w).Encode(map[string]string{"authToken": LoginToken, "expiresAt": time.Now().Add(time.Hour).Format(time.RFC3339)})
			return
		}
	}
	if status == 0 {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
		}
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Echo", strings.ReplaceAll(dump.String(), "\n", " "))
	w.WriteHeader(status)
	if status < 300 {
		_, _ = io.WriteString(w, `{}`)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{
		"detail": echo, "message": echo, "code": "echo", "status": false,
		"error":  map[string]any{"code": 200, "message": echo},
		"errors": map[string][]string{"hook_url": {echo}},
	})
}
