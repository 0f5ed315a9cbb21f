package botaz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/undeclared"
)

// TestUndeclaredKeysReachEveryResult: each method is served an answer that
// fills every field and adds a key the spec does not declare to every
// object, bare and in Restivus's envelope, and every object of the result
// gives the key back (Get). The last subtest fails when an object type a
// method can return is not reached.
func TestUndeclaredKeysReachEveryResult(t *testing.T) {
	ctx := context.Background()
	message := string(undeclared.Answer(reflect.TypeFor[Message]()))
	visitor := string(undeclared.Answer(reflect.TypeFor[Visitor]()))
	wrapped := func(data string) string {
		return fmt.Sprintf(`{"status":"success","data":%s,%q:"$"}`, data, undeclared.Key)
	}
	tests := []struct {
		name, answer string
		call         func(c *Client) (any, error)
	}{
		{"Messages.Send", message, func(c *Client) (any, error) {
			return c.Messages.Send(ctx, SendMessageParams{UserID: "u", VisitorID: "v", Text: "hi"})
		}},
		{"Messages.Get", message, func(c *Client) (any, error) { return c.Messages.Get(ctx, "m1") }},
		{"Messages.Get in the envelope", wrapped(message), func(c *Client) (any, error) { return c.Messages.Get(ctx, "m1") }},
		{"Messages.Edit", message, func(c *Client) (any, error) { return c.Messages.Edit(ctx, "m1", EditMessageParams{Text: "hi"}) }},
		{"Messages.Delete", message, func(c *Client) (any, error) { return c.Messages.Delete(ctx, "m1") }},
		{"Visitors.Get", visitor, func(c *Client) (any, error) { return c.Visitors.Get(ctx, "v1") }},
		{"Visitors.Update", visitor, func(c *Client) (any, error) {
			return c.Visitors.Update(ctx, "v1", UpdateVisitorParams{Email: Clear()})
		}},
		{"Page", wrapped("[" + visitor + "]"), func(c *Client) (any, error) { return c.Page(ctx, http.MethodGet, "/visitors", nil, nil) }},
	}
	reached := map[reflect.Type]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(testUserID, testToken, WithBaseURL(newPlainServer(t, reply(200, tt.answer))))
			require.NoError(t, err)
			got, err := tt.call(c)
			require.NoError(t, err)
			for typ := range undeclared.Check(t, got) {
				reached[typ] = true
			}
		})
	}
	t.Run("every object type a method returns is reached", func(t *testing.T) {
		c, err := New(testUserID, testToken)
		require.NoError(t, err)
		want := map[reflect.Type]bool{}
		for _, root := range undeclared.Results(c) {
			if root == reflect.TypeFor[*botsdk.Response]() {
				continue // Do's answer: its Body is the server's bytes
			}
			for typ := range undeclared.ObjectTypes(root) {
				want[typ] = true
			}
		}
		assert.Empty(t, undeclared.Missing(want, reached))
	})
}

// TestPage: a bare array and Restivus's envelope are one page; the items are
// the server's bytes, the envelope's other keys stay reachable, and the page
// encodes back to what it decoded.
func TestPage(t *testing.T) {
	tests := []struct {
		name, answer string
		wantItems    []string
		wantExtra    map[string]any
	}{
		{name: "bare array", answer: `[{"_id":"a","mood":"x"},{"_id":"b"}]`, wantItems: []string{`{"_id":"a","mood":"x"}`, `{"_id":"b"}`}},
		{name: "envelope", answer: `{"status":"success","data":[{"_id":"a"}],"total":1}`, wantItems: []string{`{"_id":"a"}`},
			wantExtra: map[string]any{"total": json.Number("1")}},
		{name: "empty", answer: `[]`},
		{name: "envelope without status", answer: `{"data":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(testUserID, testToken, WithBaseURL(newPlainServer(t, reply(200, tt.answer))))
			require.NoError(t, err)
			p, err := c.Page(context.Background(), http.MethodGet, "/visitors", nil, nil)
			require.NoError(t, err)
			assert.Equal(t, len(tt.wantItems), p.Count)
			require.Len(t, p.Results, len(tt.wantItems))
			var items []string
			for it, err := range c.Items(context.Background(), http.MethodGet, "/visitors", nil, nil) {
				require.NoError(t, err)
				items = append(items, string(it))
			}
			for i, want := range tt.wantItems {
				assert.JSONEq(t, want, string(p.Results[i]))
				assert.JSONEq(t, want, items[i])
			}
			assert.Equal(t, tt.wantExtra, p.AdditionalProperties)
			out, err := json.Marshal(p)
			require.NoError(t, err)
			assert.JSONEq(t, tt.answer, string(out))
		})
	}

	t.Run("failures", func(t *testing.T) {
		for _, tc := range []struct {
			name, answer string
			want         any
		}{
			{"an object is not a list", `{"_id":"a"}`, new(*botsdk.DecodeError)},
			{"status error in a 200", `{"status":"error","message":"You must be logged in to do this."}`, new(*botsdk.APIError)},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c, err := New(testUserID, testToken, WithBaseURL(newPlainServer(t, reply(200, tc.answer))))
				require.NoError(t, err)
				_, err = c.Page(context.Background(), http.MethodGet, "/visitors", nil, nil)
				assert.True(t, errors.As(err, tc.want), "%T", err)
				for it, err := range c.Items(context.Background(), http.MethodGet, "/visitors", nil, nil) {
					assert.Nil(t, it)
					assert.True(t, errors.As(err, tc.want))
				}
			})
		}
	})
}
