package fuzzcheck

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/botsdk/botsdk/specs"
)

// Response is a documented answer of an API, to seed a fuzz target with.
type Response struct {
	// Example is the spec example the answer comes from.
	Example specs.Example
	// Status is the example's HTTP status; a "default" response, which the
	// docs use for error samples, counts as 500.
	Status int
	// Body is the example's value encoded as JSON.
	Body []byte
}

// Responses returns the response examples of api's embedded spec that keep
// accepts (nil keeps all), except those under the spec's rejected examples.
// It fails tb when the spec does not load or an example does not encode.
func Responses(tb testing.TB, api string, keep func(specs.Example) bool) []Response {
	tb.Helper()
	doc, err := specs.Load(context.Background(), api)
	if err != nil {
		tb.Fatal(err)
	}
	var out []Response
	for _, ex := range specs.Examples(doc) {
		if ex.In != "response" || ex.Rejected || (keep != nil && !keep(ex)) {
			continue
		}
		body, err := json.Marshal(ex.Value)
		if err != nil {
			tb.Fatalf("%s %s example %q: %v", ex.Method, ex.Path, ex.Name, err)
		}
		status := ex.StatusCode()
		if status == 0 {
			status = http.StatusInternalServerError
		}
		out = append(out, Response{Example: ex, Status: status, Body: body})
	}
	return out
}
