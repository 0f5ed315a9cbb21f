package botaz

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// envelope is Restivus's optional success wrapper, {"status":"success","data":{...}}.
// The Bot.Az doc shows bare objects, but Restivus endpoints may wrap results,
// so both are accepted.
type envelope struct {
	Status *string         `json:"status"`
	Data   json.RawMessage `json:"data"`
}

// failedDespiteStatus is the requester's Check: a 2xx body saying
// status:"error" is an *botsdk.APIError like any failed status.
func (c *Client) failedDespiteStatus(resp *http.Response, body []byte) error {
	var env envelope
	if json.Unmarshal(body, &env) == nil && env.Status != nil && *env.Status == "error" {
		return c.responder.Error(resp, body)
	}
	return nil
}

// unwrap is the requester's Unwrap: a typed result decodes the object inside
// the {status, data} envelope, or the bare object.
func unwrap(body []byte) []byte {
	var env envelope
	if json.Unmarshal(body, &env) == nil && env.Status != nil && bytes.HasPrefix(bytes.TrimSpace(env.Data), []byte("{")) {
		return env.Data
	}
	return body
}
