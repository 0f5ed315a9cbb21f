package speccheck

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidateFormBody sends AssistBot form bodies through the validator,
// whose form decoder reads lists as the spec's encoding spells them
// (x-brackets: member_id[]=1&member_id[]=2) and names the field of any other
// spelling.
func TestValidateFormBody(t *testing.T) {
	v, err := New(context.Background(), "assistbot", "")
	require.NoError(t, err)
	tests := []struct {
		name, path, body string
		wantField        string // a *FormError for this field
		wantErr          string // or a schema error containing this
	}{
		{name: "brackets", path: "/v1/company/members", body: "member_id[]=1&member_id[]=2&role[]=2"},
		{name: "escaped brackets", path: "/v1/company/members", body: "member_id%5B%5D=1&member_id%5B%5D=2"},
		{name: "one bracketed value", path: "/v1/company/members", body: "member_id[]=1"},
		{name: "one bare value", path: "/v1/company/members", body: "member_id=1&role=0&active=true&accepted=false"},
		{name: "history", path: "/v1/history/standups", body: "standup_id=1&department_id[]=1&department_id[]=2&from=2020-08-25&to=2020-08-27&timezone=America%2FNew_York"},
		{name: "empty", path: "/v1/elements/polls", body: ""},
		{name: "bare repeats", path: "/v1/company/members", body: "member_id=1&member_id=2", wantField: "member_id"},
		{name: "indexed", path: "/v1/company/members", body: "member_id[0]=1&member_id[1]=2", wantField: "member_id"},
		{name: "both spellings", path: "/v1/company/members", body: "member_id=1&member_id[]=2", wantField: "member_id"},
		{name: "a single value in brackets", path: "/v1/history/standups", body: "standup_id[]=1", wantField: "standup_id"},
		{name: "a single value twice", path: "/v1/history/standups", body: "standup_id=1&standup_id=2", wantField: "standup_id"},
		{name: "a boolean twice", path: "/v1/company/members", body: "active=true&active=false", wantField: "active"},
		{name: "nested brackets", path: "/v1/company/members", body: "member_id[a][b]=1", wantField: "member_id[a][b]"},
		{name: "undeclared key", path: "/v1/company/members", body: "team=1", wantErr: "team"},
		{name: "undeclared bracketed key", path: "/v1/company/members", body: "team[]=1", wantField: "team"},
		{name: "not an integer", path: "/v1/company/members", body: "member_id[]=x", wantErr: "member_id"},
		{name: "not a boolean", path: "/v1/company/members", body: "active=yes", wantErr: "active"},
		{name: "required id missing", path: "/v1/history/polls", body: "department_id[]=1", wantErr: "poll_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1"+tt.path, strings.NewReader(tt.body))
			r.Header.Set("Content-Type", FormContentType)
			r.Header.Set("Authorization", "Bearer k")
			_, err := v.ValidateRequest(r)
			switch {
			case tt.wantField != "":
				var fe *FormError
				require.True(t, errors.As(err, &fe), "want a *FormError, got %v", err)
				assert.Equal(t, tt.wantField, fe.Field)
				assert.True(t, strings.HasPrefix(fe.Error(), tt.wantField+": "), fe.Error())
			case tt.wantErr != "":
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
			default:
				require.NoError(t, err)
			}
		})
	}
}

func TestDecodeForm(t *testing.T) {
	v, err := New(context.Background(), "assistbot", "")
	require.NoError(t, err)
	route := func(path string) *http.Request {
		return httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1"+path, nil)
	}
	t.Run("values are typed as JSON would be", func(t *testing.T) {
		rt, _, err := v.Route(route("/v1/history/standups"))
		require.NoError(t, err)
		got, err := v.DecodeForm(rt, []byte("standup_id=9007199254740993&member_id=2&department_id[]=1&department_id[]=2&from=2020-08-25&timezone=Etc%2FGMT%2B5"))
		require.NoError(t, err)
		assert.Equal(t, map[string]any{
			"standup_id": json.Number("9007199254740993"), "member_id": json.Number("2"),
			"department_id": []any{json.Number("1"), json.Number("2")}, "from": "2020-08-25", "timezone": "Etc/GMT+5",
		}, got)
	})
	t.Run("booleans", func(t *testing.T) {
		rt, _, err := v.Route(route("/v1/company/members"))
		require.NoError(t, err)
		got, err := v.DecodeForm(rt, []byte("active=1&accepted=false"))
		require.NoError(t, err)
		assert.Equal(t, map[string]any{"active": true, "accepted": false}, got)
	})

	ids := openapi3.NewObjectSchema().WithProperty("ids", openapi3.NewArraySchema().WithItems(openapi3.NewIntegerSchema()))
	t.Run("without brackets a list is repeated keys", func(t *testing.T) {
		got, err := DecodeForm([]byte("ids=1&ids=2"), ids.NewRef(), nil)
		require.NoError(t, err)
		assert.Equal(t, map[string]any{"ids": []any{json.Number("1"), json.Number("2")}}, got)
		got, err = DecodeForm([]byte("ids=1"), ids.NewRef(), nil)
		require.NoError(t, err)
		assert.Equal(t, map[string]any{"ids": []any{json.Number("1")}}, got, "an array-only property is a list of one")
		_, err = DecodeForm([]byte("ids[]=1"), ids.NewRef(), nil)
		var fe *FormError
		require.True(t, errors.As(err, &fe), "%v", err)
		assert.Contains(t, fe.Error(), "a list goes as ids=1&ids=2")
	})
	t.Run("other styles are refused", func(t *testing.T) {
		explode := false
		enc := func(string) *openapi3.Encoding { return &openapi3.Encoding{Style: "form", Explode: &explode} }
		_, err := DecodeForm([]byte("ids=1,2"), ids.NewRef(), enc)
		require.ErrorContains(t, err, "not supported")
	})
	t.Run("not an object schema", func(t *testing.T) {
		_, err := DecodeForm(nil, openapi3.NewArraySchema().NewRef(), nil)
		require.Error(t, err)
	})
	t.Run("malformed form", func(t *testing.T) {
		_, err := DecodeForm([]byte("a=%zz"), ids.NewRef(), nil)
		require.Error(t, err)
	})
	t.Run("an operation without a form body", func(t *testing.T) {
		d, err := New(context.Background(), "dailybot", "")
		require.NoError(t, err)
		rt, _, err := d.Route(httptest.NewRequest(http.MethodGet, "http://127.0.0.1:1/v1/me/", nil))
		require.NoError(t, err)
		_, err = d.DecodeForm(rt, nil)
		require.Error(t, err)
	})
}

// FuzzDecodeForm decodes arbitrary bodies as the form of AssistBot's
// standup history (lists, a required integer, dates, a zone) and members
// (booleans). It must not panic; a body it accepts must come back the same
// when encoded the spec's way (name[]=item for a list, name=value otherwise)
// and decoded again, and only list properties may decode to lists.
func FuzzDecodeForm(f *testing.F) {
	for _, seed := range []string{
		"standup_id=1&member_id[]=2&department_id[]=1&department_id[]=2&from=2020-08-25&to=2020-08-27&timezone=America%2FNew_York",
		"member_id=1&member_id=2", "member_id[0]=1", "member_id[]=1&member_id=2", "active=true&accepted=0",
		"member_id%5B%5D=x&role[]=&team=a+b", "a[b][c]=1&=&&", "standup_id[]=1",
	} {
		f.Add(seed)
	}
	v, err := New(context.Background(), "assistbot", "")
	if err != nil {
		f.Fatal(err)
	}
	var routes []*http.Request
	for _, p := range []string{"/v1/history/standups", "/v1/company/members"} {
		routes = append(routes, httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1"+p, nil))
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, r := range routes {
			rt, _, err := v.Route(r)
			if err != nil {
				t.Fatal(err)
			}
			got, err := v.DecodeForm(rt, []byte(body))
			if err != nil {
				continue
			}
			props := rt.Operation.RequestBody.Value.Content.Get(FormContentType).Schema.Value.Properties
			var again bytes.Buffer
			for _, name := range slices.Sorted(maps.Keys(got)) {
				items, isList := got[name].([]any)
				if isList && (props[name] == nil || len(props[name].Value.OneOf) == 0) {
					t.Fatalf("%q: %s decoded to a list but takes none", body, name)
				}
				key := url.QueryEscape(name)
				if isList {
					key += "[]"
				} else {
					items = []any{got[name]}
				}
				for _, it := range items {
					var s string
					switch it := it.(type) {
					case json.Number:
						s = it.String()
					case string:
						s = it
					case bool:
						s = map[bool]string{true: "true", false: "false"}[it]
					default:
						t.Fatalf("%q: %s decoded to a %T", body, name, it)
					}
					if again.Len() > 0 {
						again.WriteByte('&')
					}
					again.WriteString(key + "=" + url.QueryEscape(s))
				}
			}
			back, err := v.DecodeForm(rt, again.Bytes())
			if err != nil {
				t.Fatalf("%q decoded to %v, whose form %q does not decode: %v", body, got, again.String(), err)
			}
			if !assert.ObjectsAreEqual(got, back) {
				t.Fatalf("%q decoded to %v, its form %q to %v", body, got, again.String(), back)
			}
		}
	})
}
