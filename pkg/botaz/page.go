package botaz

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/url"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Page is a Bot.Az list: a bare JSON array, or the array inside Restivus's
// {"status": "success", "data": [...]} envelope. Bot.Az does not page, so
// a list is one page; the shape is dailybot.Page's (Results, Count). Keys of
// the envelope beyond status and data are kept in AdditionalProperties (Get
// reads one), and MarshalJSON writes the page back as it came.
type Page[T any] struct {
	// Count is the number of items, len(Results).
	Count int
	// Results are the list's items.
	Results []T
	// AdditionalProperties are the envelope's keys other than status and
	// data, decoded as encoding/json decodes into any.
	AdditionalProperties map[string]any

	// enveloped says the list came in an envelope, whose status is status.
	enveloped bool
	status    *string
}

// Get returns the envelope's undeclared key fieldName and whether it was there.
func (p Page[T]) Get(fieldName string) (value any, found bool) {
	value, found = p.AdditionalProperties[fieldName]
	return value, found
}

// UnmarshalJSON reads a bare array or the {status, data} envelope; null,
// as encoding/json has it, changes nothing.
func (p *Page[T]) UnmarshalJSON(data []byte) error {
	if botsdk.IsNull(data) {
		return nil
	}
	if items, isArray, err := botsdk.DecodeArray[T](data); isArray {
		*p = Page[T]{Count: len(items), Results: items}
		return err
	}
	var env struct {
		Status *string          `json:"status"`
		Data   *json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return err
	}
	if env.Data == nil {
		return errors.New("the answer is neither a list nor an envelope with data")
	}
	var items []T
	if err := json.Unmarshal(*env.Data, &items); err != nil {
		return err
	}
	extra, err := botsdk.UndeclaredKeys(data, "status", "data")
	if err != nil {
		return err
	}
	*p = Page[T]{Count: len(items), Results: items, AdditionalProperties: extra, enveloped: true, status: env.Status}
	return nil
}

// MarshalJSON writes a bare array as an array, an envelope with its status,
// data and undeclared keys.
func (p Page[T]) MarshalJSON() ([]byte, error) {
	if !p.enveloped {
		if p.Results == nil {
			return []byte("[]"), nil // an empty answer is an empty list
		}
		return json.Marshal(p.Results)
	}
	b, err := json.Marshal(struct {
		Status *string `json:"status,omitempty"`
		Data   []T     `json:"data"`
	}{p.status, p.Results})
	if err != nil {
		return nil, err
	}
	return botsdk.AppendKeys(b, p.AdditionalProperties)
}

// Page returns the list an operation answers (method, path relative to
// the base URL, query and body as for Do: GET "/visitors"), its items as the
// server sent them: for list operations this package
// has no method for. It fails like Do, and with a *botsdk.DecodeError when
// the answer is not a JSON array (or an envelope holding one).
func (c *Client) Page(ctx context.Context, method, path string, query url.Values, body any) (*Page[json.RawMessage], error) {
	var p Page[json.RawMessage]
	if _, err := c.Do(ctx, method, path, query, body, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// Items iterates over the items of a list (see Page) as the server sent
// them. Bot.Az lists are one page, so it sends one request when the loop
// starts; an error is yielded once, with a nil item, and ends the sequence.
func (c *Client) Items(ctx context.Context, method, path string, query url.Values, body any) iter.Seq2[json.RawMessage, error] {
	return botsdk.Items(func() ([]json.RawMessage, error) {
		p, err := c.Page(ctx, method, path, query, body)
		if err != nil {
			return nil, err
		}
		return p.Results, nil
	})
}
