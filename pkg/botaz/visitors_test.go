package botaz

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVisitorsGet(t *testing.T) {
	c, srv := newTestClient(t, reply(200, docVisitor))
	v, err := c.Visitors.Get(context.Background(), "BtR7qAyvZfTWoaC7a")
	require.NoError(t, err)

	reqs, _ := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, http.MethodGet, reqs[0].Method)
	assert.Equal(t, "/api/visitors/BtR7qAyvZfTWoaC7a", reqs[0].URL.Path)

	assert.Equal(t, "BtR7qAyvZfTWoaC7a", *v.ID)
	assert.Equal(t, []string{"MvSzqx36KksKNxHmK"}, *v.Agents)
	name, err := v.Name.Get()
	require.NoError(t, err)
	assert.Equal(t, "Anar Hasanzade", name)
	assert.True(t, v.Email.IsNull(), "email was removed")
	assert.False(t, v.Phone.IsNull())
	assert.True(t, *v.PreformFilled)
}

func TestVisitorsUpdate(t *testing.T) {
	tests := []struct {
		name     string
		params   UpdateVisitorParams
		wantBody string // byte-exact
	}{
		{
			// The doc's "Remove visitor's phone number and change email address"
			// example, as the spec embeds it (constructedNullEmailSetPhone): the
			// doc's body nulls email and sets phone.
			name:     "doc remove example",
			params:   UpdateVisitorParams{Email: Clear(), Phone: Set("+994124801574")},
			wantBody: compact(t, `{"email": null, "phone": "+994124801574"}`), // = {"email":null,"phone":"+994124801574"}
		},
		{
			name: "doc set example",
			params: UpdateVisitorParams{
				Email: Set("anar@example.com"), Name: Set("Anar Hasanzade"),
				Phone: Set("+994124801574"), Notes: Set("Asked about new functionality"),
			},
			wantBody: `{"email":"anar@example.com","name":"Anar Hasanzade","notes":"Asked about new functionality","phone":"+994124801574"}`,
		},
		{name: "clear all", params: UpdateVisitorParams{Name: Clear(), Email: Clear(), Phone: Clear(), Notes: Clear()},
			wantBody: `{"email":null,"name":null,"notes":null,"phone":null}`},
		{name: "set empty string", params: UpdateVisitorParams{Notes: Set("")}, wantBody: `{"notes":""}`},
		{name: "nothing changes", params: UpdateVisitorParams{}, wantBody: `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t, reply(200, docVisitor))
			v, err := c.Visitors.Update(context.Background(), "BtR7qAyvZfTWoaC7a", tt.params)
			require.NoError(t, err)
			reqs, bodies := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPut, reqs[0].Method)
			assert.Equal(t, "/api/visitors/BtR7qAyvZfTWoaC7a", reqs[0].URL.Path)
			assert.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
			assert.Equal(t, tt.wantBody, string(bodies[0]))
			assert.True(t, v.Email.IsNull())
		})
	}
}

// TestField: the three states of an update field, as the request body
// shows them.
func TestField(t *testing.T) {
	tests := []struct {
		name          string
		f             Field
		wantValue     string
		wantSet       bool
		wantClear     bool
		wantUnchanged bool
		wantJSON      string // the field's key in the body; "" for no key
	}{
		{name: "zero", f: Field{}, wantUnchanged: true},
		{name: "set", f: Set(`a "b"`), wantValue: `a "b"`, wantSet: true, wantJSON: `{"name":"a \"b\""}`},
		{name: "set empty", f: Set(""), wantSet: true, wantJSON: `{"name":""}`},
		{name: "clear", f: Clear(), wantClear: true, wantJSON: `{"name":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.f.Get()
			assert.Equal(t, tt.wantValue, v)
			assert.Equal(t, tt.wantSet, err == nil)
			assert.Equal(t, tt.wantClear, tt.f.IsNull())
			assert.Equal(t, tt.wantUnchanged, !tt.f.IsSpecified())
			b, err := json.Marshal(UpdateVisitorParams{Name: tt.f}.request())
			require.NoError(t, err)
			want := tt.wantJSON
			if want == "" {
				want = "{}"
			}
			assert.Equal(t, want, string(b))
		})
	}
}

func compact(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, json.Compact(&b, []byte(s)))
	return b.String()
}
