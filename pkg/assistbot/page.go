package assistbot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Page is one AssistBot answer read as a page of items: the {data, count,
// status} envelope every operation answers with. AssistBot does not page,
// so one answer holds every match and there is never a next page. Keys of
// the envelope beyond those three are kept in AdditionalProperties (Get
// reads one), and MarshalJSON writes the answer back as it came.
type Page[T any] struct {
	// Results are the items of the envelope's data: each element when data
	// is an array, data itself when it is an object (company info), none
	// when data is null or absent.
	Results []T
	// Count is the envelope's count, the number of items the server says
	// data holds; 0 when count is absent, null or not an integer
	// (MarshalJSON writes such a count back as it came).
	Count int
	// Status is the envelope's status: true on every page a client call
	// returns (an answer with status false is an *botsdk.APIError), nil
	// when the answer has no status or a null one.
	Status *bool
	// AdditionalProperties are the envelope's keys other than data, count
	// and status, decoded as encoding/json decodes into any, but with
	// numbers as json.Number, every digit kept.
	AdditionalProperties map[string]any

	// dataKey says the envelope had data (perhaps null); dataObject that
	// data was an object, the page's one item.
	dataKey, dataObject bool
	// countKey says the envelope had count; count holds it as sent when it
	// is not an integer (null included).
	countKey bool
	count    json.RawMessage
	// statusKey says the envelope had status (perhaps null).
	statusKey bool
}

// pageKeys are the envelope's declared keys.
var pageKeys = []string{"data", "count", "status"}

// Get returns the envelope's undeclared key fieldName (one the server sent
// that the spec does not declare) and whether it was there. The envelope's
// own keys are Results, Count and Status.
func (p Page[T]) Get(fieldName string) (value any, found bool) {
	value, found = p.AdditionalProperties[fieldName]
	return value, found
}

// UnmarshalJSON reads the envelope: data into Results, count into Count,
// status into Status, every other key into AdditionalProperties. It does
// not judge status (a client call turns a status:false answer into an
// *botsdk.APIError before it gets here), but a status that is not a boolean
// does not decode. JSON null leaves p as it is, as encoding/json does with
// a struct.
func (p *Page[T]) UnmarshalJSON(b []byte) error {
	if botsdk.IsNull(b) {
		return nil
	}
	keys, err := botsdk.ObjectMembers(b)
	if err != nil {
		return err
	}
	return p.fill(keys)
}

// fill reads the envelope keys, split from the body once, into p.
func (p *Page[T]) fill(keys map[string]json.RawMessage) error {
	extra, err := botsdk.UndeclaredOf(keys, pageKeys...)
	if err != nil {
		return err
	}
	*p = Page[T]{AdditionalProperties: extra}
	if data, ok := keys["data"]; ok {
		items, err := decodeItems[T](data)
		if err != nil {
			return fmt.Errorf("decode data: %w", err)
		}
		p.Results, p.dataKey, p.dataObject = items, true, bytes.HasPrefix(bytes.TrimSpace(data), []byte("{"))
	}
	if raw, ok := keys["count"]; ok {
		// A count that is not an integer does not cost the items: the
		// count is informative, the items are the answer.
		p.countKey = true
		if botsdk.IsNull(raw) || json.Unmarshal(raw, &p.Count) != nil {
			p.count = raw
		}
	}
	if raw, ok := keys["status"]; ok {
		p.statusKey = true
		if !botsdk.IsNull(raw) {
			p.Status = new(bool)
			if err := json.Unmarshal(raw, p.Status); err != nil {
				return fmt.Errorf("decode status: %w", err)
			}
		}
	}
	return nil
}

// MarshalJSON writes the envelope with the keys it came with: data as an
// array, or as the one object it was; count and status as decoded (a count
// that was not an integer as it came); and the undeclared keys.
func (p Page[T]) MarshalJSON() ([]byte, error) {
	env := map[string]any{}
	switch {
	case p.dataObject && len(p.Results) == 1:
		env["data"] = p.Results[0]
	case p.dataKey || p.Results != nil:
		env["data"] = p.Results
	}
	switch {
	case p.count != nil:
		env["count"] = p.count
	case p.countKey || p.Count != 0:
		env["count"] = p.Count
	}
	if p.statusKey || p.Status != nil {
		env["status"] = p.Status
	}
	b, err := json.Marshal(env)
	if err != nil {
		return nil, err
	}
	return botsdk.AppendKeys(b, p.AdditionalProperties)
}

// decodeItems reads data: an array's elements, an object as one item,
// nothing for null. json.RawMessage items keep the server's bytes.
func decodeItems[T any](data json.RawMessage) ([]T, error) {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0 || bytes.Equal(data, []byte("null")):
		return nil, nil
	case data[0] == '[':
		return botsdk.DecodeElements[T](data)
	case data[0] == '{':
		var item T
		if err := botsdk.DecodeChecked(data, &item); err != nil {
			return nil, err
		}
		return []T{item}, nil
	}
	return nil, errors.New("data is neither an array nor an object")
}

// envelopeReader is a page that reads the envelope keys of an answer.
type envelopeReader interface {
	fill(keys map[string]json.RawMessage) error
}

// readAnswer is the one reader of every AssistBot answer, typed call or
// raw: it splits a 2xx body into its envelope keys once, turns status:false
// (HTTP 200 included; the HTTP status of errors is undocumented) into the
// *botsdk.APIError, and fills into (nil: only judge). An empty body is
// accepted and fills nothing.
func (c *Client) readAnswer(resp *http.Response, body []byte, into envelopeReader) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	// One pass checks the body and splits it into its keys; data is then
	// decoded item by item, without checking its bytes again.
	keys, err := botsdk.ObjectMembers(body)
	if err != nil {
		return c.responder.DecodeError(resp, err)
	}
	if keys == nil {
		// JSON null: an envelope with no keys, as json.Unmarshal reads it.
		keys = map[string]json.RawMessage{}
	}
	failed, err := envelopeFailed(keys)
	if err != nil {
		return c.responder.DecodeError(resp, err)
	}
	if failed {
		apiErr := c.responder.Error(resp, body)
		if apiErr.Code == "" && apiErr.Message == "" {
			apiErr.Message = "the answer has status:false and no error details"
		}
		return apiErr
	}
	if into == nil {
		return nil
	}
	if err := into.fill(keys); err != nil {
		return c.responder.DecodeError(resp, err)
	}
	return nil
}

// envelopeFailed reports an error answer: status false, or (status
// missing) an error object. A status that is not a boolean does not decode.
func envelopeFailed(keys map[string]json.RawMessage) (bool, error) {
	if raw, ok := keys["status"]; ok && !botsdk.IsNull(raw) {
		var status bool
		if err := json.Unmarshal(raw, &status); err != nil {
			return false, fmt.Errorf("decode status: %w", err)
		}
		return !status, nil
	}
	raw, ok := keys["error"]
	return ok && !botsdk.IsNull(raw), nil
}

// send sends req on the request path of every AssistBot call, the
// client's botsdk.Requester, whose check of the answer also reads the
// envelope into into: the body is split into its keys once, whatever reads
// it.
func (c *Client) send(req *http.Request, into envelopeReader) error {
	r := c.requester
	r.Check = func(resp *http.Response, body []byte) error { return c.readAnswer(resp, body, into) }
	_, err := r.Do(req, nil)
	return err
}

// Page sends body to any AssistBot operation (method and path as for Do:
// POST "/v1/elements/standups", for every AssistBot operation; query is
// added to the path's; body nil sends none, []byte or json.RawMessage
// go as they are, any other value as JSON, or as a form under
// WithFormEncoding) and returns the answer's items as the server sent them,
// byte for byte, with its count and envelope keys. It takes the same path
// as every typed method (API key, rate limit, retries, logging, the rules
// checked before sending) and fails like Do: a request that breaks a rule is
// a *botsdk.ValidationError, an answer with status:false an
// *botsdk.APIError, a body that is not the envelope a *botsdk.DecodeError.
func (c *Client) Page(ctx context.Context, method, path string, query url.Values, body any) (*Page[json.RawMessage], error) {
	req, err := c.requester.NewRequest(ctx, method, path, query, body)
	if err != nil {
		return nil, err
	}
	var p Page[json.RawMessage]
	if err := c.send(req, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// Items iterates over the items of one AssistBot answer (see Page), as the
// server sent them. AssistBot has no paging: the sequence sends one request
// when the loop starts and yields every item of its answer. An error is
// yielded once, with a nil item, and ends the sequence.
func (c *Client) Items(ctx context.Context, method, path string, query url.Values, body any) iter.Seq2[json.RawMessage, error] {
	return botsdk.Items(func() ([]json.RawMessage, error) {
		p, err := c.Page(ctx, method, path, query, body)
		if err != nil {
			return nil, err
		}
		return p.Results, nil
	})
}
