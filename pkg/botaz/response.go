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

// decode reads resp (or returns err) into out: any 2xx is success, a bare
// object or the {status, data} envelope is decoded, and a 2xx body saying
// status:"error" is an *botsdk.APIError like any failed status.
func (c *Client) decode(resp *http.Response, err error, out any) error {
	body, err := c.responder.Body(resp, err)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	var env envelope
	if json.Unmarshal(body, &env) == nil && env.Status != nil {
		switch {
		case *env.Status == "error":
			return c.responder.Error(resp, body)
		case len(env.Data) > 0 && bytes.HasPrefix(bytes.TrimSpace(env.Data), []byte("{")):
			body = env.Data
		}
	}
	if err := json.Unmarshal(body, out); err != nil {
		return c.responder.DecodeError(resp, err)
	}
	return nil
}
