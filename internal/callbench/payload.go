// Package callbench holds the paired per-call benchmarks of the SDK: each
// case runs one API call through pkg/ and through a hand-written net/http +
// encoding/json baseline that does the same job (the same fields decoded
// into plain structs, unknown keys kept as the item's raw bytes), against a
// loopback server that answers with the same fixed bytes. The packages'
// bench_test.go files and cmd/benchreport run the same cases.
package callbench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/botsdk/botsdk/specs"
)

// example returns the value of the named 200 response example of
// operationID in the spec api.
func example(api, operationID, name string) (map[string]any, error) {
	doc, err := specs.Load(context.Background(), api)
	if err != nil {
		return nil, err
	}
	for _, ex := range specs.Examples(doc) {
		if ex.OperationID == operationID && ex.In == "response" && ex.Status == "200" && ex.Name == name {
			// A copy, so that changing it leaves the loaded spec alone.
			b, err := json.Marshal(ex.Value)
			if err != nil {
				return nil, err
			}
			var v map[string]any
			return v, json.Unmarshal(b, &v)
		}
	}
	return nil, fmt.Errorf("callbench: %s has no 200 example %q of %s", api, name, operationID)
}

// repeat makes the example's list under key n items long, each a copy of
// the first item with its id fields made distinct (so the page looks like
// a real one rather than one item n times), and sets each count key to n.
func repeat(v map[string]any, key string, n int, ids map[string]func(i int) any, counts ...string) ([]byte, error) {
	items, ok := v[key].([]any)
	if !ok || len(items) == 0 {
		return nil, fmt.Errorf("callbench: the example has no items under %q", key)
	}
	first, err := json.Marshal(items[0])
	if err != nil {
		return nil, err
	}
	out := make([]any, n)
	for i := range out {
		var item map[string]any
		if err := json.Unmarshal(first, &item); err != nil {
			return nil, err
		}
		for k, id := range ids {
			item[k] = id(i)
		}
		out[i] = item
	}
	v[key] = out
	for _, c := range counts {
		v[c] = n
	}
	return json.Marshal(v)
}

// serve starts a loopback server that answers every request with status
// 200 and body, with a fixed Content-Length as real servers send, and
// login (when not nil) on POST /login. The server is closed when b ends.
func serve(b testing.TB, body []byte, login []byte) *httptest.Server {
	length := strconv.Itoa(len(body))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, size := body, length
		if login != nil && r.URL.Path == "/login" {
			data, size = login, strconv.Itoa(len(login))
		}
		// The request body is read whole, as a real server reads it.
		_, _ = io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{size}
		_, _ = w.Write(data)
	}))
	b.Cleanup(srv.Close)
	return srv
}
