package assistbot_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Items as a server might format them, with keys the spec does not declare
// at every depth: Page must hand them over byte for byte.
const (
	rawStandup1 = `{"id":1, "title":"Daily",  "mood":{"deep":[1, 2.50]}}`
	rawStandup2 = `{"id":2,"title":"Weekly","vip":true}`
	rawCompany  = `{"name":"My company" ,"code":"012345","plan":{"tier":"gold"}}`
)

func TestRawPage(t *testing.T) {
	tests := []struct {
		name, path, answer string
		body               any
		form               bool
		wantItems          []string
		wantCount          int
		wantKey            string // an undeclared envelope key, reached with Get
		wantValue          any
		wantBody           string
	}{
		{
			name: "a list", path: "/v1/elements/standups", body: map[string]any{"status": []int{1}},
			answer:    `{"data":[` + rawStandup1 + ` , ` + rawStandup2 + `],"count":2,"status":true,"requestId":"r-1"}`,
			wantItems: []string{rawStandup1, rawStandup2}, wantCount: 2, wantKey: "requestId", wantValue: "r-1",
			wantBody: `{"status":[1]}`,
		},
		{
			name: "an object is one item", path: "/v1/company/info", body: json.RawMessage(`{}`),
			answer:    `{"data":` + rawCompany + `,"status":true,"served":{"by":"eu-1"}}`,
			wantItems: []string{rawCompany}, wantKey: "served", wantValue: map[string]any{"by": "eu-1"}, wantBody: `{}`,
		},
		{
			name: "an empty list", path: "/v1/elements/polls", body: nil,
			answer: `{"data":[],"count":0,"status":true,"x":0}`, wantItems: []string{}, wantKey: "x", wantValue: json.Number("0"),
		},
		{
			name: "form encoding", path: "/v1/elements/tasks", body: map[string]any{"task_id": []int{1, 2}}, form: true,
			answer:    `{"data":[` + rawStandup2 + `],"count":1,"status":true,"x":null}`,
			wantItems: []string{rawStandup2}, wantCount: 1, wantKey: "x", wantValue: nil, wantBody: `task_id[]=1&task_id[]=2`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []assistbot.Option
			if tt.form {
				opts = append(opts, assistbot.WithFormEncoding())
			}
			c, srv := newTestClient(t, answer(http.StatusOK, []byte(tt.answer)), opts...)
			pg, err := c.Page(t.Context(), http.MethodPost, tt.path, nil, tt.body)
			require.NoError(t, err)
			got := []string{}
			for _, item := range pg.Results {
				got = append(got, string(item))
			}
			assert.Equal(t, tt.wantItems, got, "the items byte for byte")
			assert.Equal(t, tt.wantCount, pg.Count)
			require.NotNil(t, pg.Status)
			assert.True(t, *pg.Status)
			v, ok := pg.Get(tt.wantKey)
			require.True(t, ok, tt.wantKey)
			assert.Equal(t, tt.wantValue, v)
			for _, declared := range []string{"data", "count", "status"} {
				_, ok = pg.Get(declared)
				assert.False(t, ok, "%s is a field of the page, not an undeclared key", declared)
			}
			again, err := json.Marshal(pg)
			require.NoError(t, err)
			assert.JSONEq(t, tt.answer, string(again), "the page encodes back as it came")

			reqs, _ := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPost, reqs[0].Method)
			assert.Equal(t, tt.path, reqs[0].URL.Path)
			assert.Equal(t, []string{tt.wantBody}, bodies(srv))
		})
	}
}

func TestRawPageFails(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		answer  string
		wantAPI error // a sentinel the *botsdk.APIError matches
		wantDec string
	}{
		{name: "status false with 200", status: 200, answer: string(errorBody(101, "Invalid authorization token")), wantAPI: assistbot.ErrInvalidToken},
		{name: "error status", status: 400, answer: string(errorBody(203, "dates")), wantAPI: assistbot.ErrFromToTogether},
		{name: "not JSON", status: 200, answer: `<html>proxy</html>`, wantDec: "invalid character"},
		{name: "data a string", status: 200, answer: `{"data":"x","status":true}`, wantDec: "neither an array nor an object"},
		{name: "status a string", status: 200, answer: `{"data":[],"status":"true"}`, wantDec: "decode status"},
		{name: "item of the wrong shape", status: 200, answer: `{"data":[1,"x"],"status":true}`, wantDec: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A plain server: these answers rightly break the spec.
			srv := httptest.NewServer(answer(tt.status, []byte(tt.answer)))
			t.Cleanup(srv.Close)
			c, err := assistbot.New(testKey, assistbot.WithBaseURL(srv.URL), assistbot.WithRetry(noRetry))
			require.NoError(t, err)
			pg, err := c.Page(t.Context(), http.MethodPost, "/v1/elements/standups", nil, nil)
			if tt.wantDec == "" && tt.wantAPI == nil {
				// Raw items are not judged by shape: any JSON value is an item.
				require.NoError(t, err)
				assert.Len(t, pg.Results, 2)
				return
			}
			require.Error(t, err)
			assert.Nil(t, pg)
			if tt.wantAPI != nil {
				var apiErr *botsdk.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.ErrorIs(t, err, tt.wantAPI)
				return
			}
			var decErr *botsdk.DecodeError
			require.ErrorAs(t, err, &decErr)
			assert.Contains(t, err.Error(), tt.wantDec)
		})
	}
}

func TestRawItems(t *testing.T) {
	ans := []byte(`{"data":[` + rawStandup1 + `,` + rawStandup2 + `],"count":2,"status":true}`)
	t.Run("every item, byte for byte", func(t *testing.T) {
		c, srv := newTestClient(t, answer(http.StatusOK, ans))
		var got []string
		for item, err := range c.Items(t.Context(), http.MethodPost, "/v1/elements/standups", nil, nil) {
			require.NoError(t, err)
			got = append(got, string(item))
		}
		assert.Equal(t, []string{rawStandup1, rawStandup2}, got)
		reqs, _ := srv.Requests()
		assert.Len(t, reqs, 1, "AssistBot does not page: one request")
	})
	t.Run("nothing is sent before the loop", func(t *testing.T) {
		c, srv := newTestClient(t, answer(http.StatusOK, ans))
		seq := c.Items(t.Context(), http.MethodPost, "/v1/elements/standups", nil, nil)
		reqs, _ := srv.Requests()
		assert.Empty(t, reqs)
		for range seq {
			break
		}
		reqs, _ = srv.Requests()
		assert.Len(t, reqs, 1)
	})
	t.Run("an error is yielded once", func(t *testing.T) {
		c, _ := newTestClient(t, answer(http.StatusOK, errorBody(102, "Not enough rights")))
		var errs []error
		for item, err := range c.Items(t.Context(), http.MethodPost, "/v1/elements/standups", nil, nil) {
			assert.Nil(t, item)
			errs = append(errs, err)
		}
		require.Len(t, errs, 1)
		assert.True(t, errors.Is(errs[0], assistbot.ErrNotEnoughRights), errs[0])
	})
}

func TestPageRoundTrip(t *testing.T) {
	tests := []struct {
		name, in   string
		wantItems  int
		wantCount  int
		wantStatus *bool
		wantExtra  map[string]any
	}{
		{name: "a list", in: `{"data":[` + rawStandup1 + `,` + rawStandup2 + `],"count":2,"status":true}`,
			wantItems: 2, wantCount: 2, wantStatus: new(true)},
		{name: "an object is one item", in: `{"data":{"id":7,"title":"Solo"},"status":true}`,
			wantItems: 1, wantStatus: new(true)},
		{name: "an object with an undeclared key", in: `{"data":{"id":7},"count":1,"status":true,"trace":{"id":12345678901234567890}}`,
			wantItems: 1, wantCount: 1, wantStatus: new(true),
			wantExtra: map[string]any{"trace": map[string]any{"id": json.Number("12345678901234567890")}}},
		{name: "an empty list", in: `{"data":[],"count":0,"status":true}`, wantStatus: new(true)},
		{name: "nulls stay null", in: `{"data":null,"count":null,"status":null}`},
		{name: "no data, no count", in: `{"status":false,"error":{"code":101,"message":"Invalid authorization token"}}`,
			wantStatus: new(false), wantExtra: map[string]any{"error": map[string]any{"code": json.Number("101"), "message": "Invalid authorization token"}}},
		{name: "a count that is not an integer", in: `{"data":[` + rawStandup2 + `],"count":"one","status":true,"ratio":2.50}`,
			wantItems: 1, wantStatus: new(true), wantExtra: map[string]any{"ratio": json.Number("2.50")}},
		{name: "a fractional count", in: `{"data":[],"count":1.5,"status":true}`, wantStatus: new(true)},
		{name: "empty", in: `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Raw items: the envelope is under test, and the generated
			// item types have their own round trip.
			var p assistbot.Page[json.RawMessage]
			require.NoError(t, json.Unmarshal([]byte(tt.in), &p))
			assert.Len(t, p.Results, tt.wantItems)
			assert.Equal(t, tt.wantCount, p.Count)
			assert.Equal(t, tt.wantStatus, p.Status)
			assert.Equal(t, tt.wantExtra, p.AdditionalProperties)
			for key, want := range tt.wantExtra {
				got, ok := p.Get(key)
				assert.True(t, ok, key)
				assert.Equal(t, want, got, key)
			}
			out, err := json.Marshal(p)
			require.NoError(t, err)
			assert.JSONEq(t, tt.in, string(out), "decode then encode loses nothing")
		})
	}
}

func TestPageUnmarshalFails(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "not an object", in: `[1]`, want: "cannot unmarshal array"},
		{name: "data a string", in: `{"data":"x","status":true}`, want: "neither an array nor an object"},
		{name: "status a string", in: `{"data":[],"status":"true"}`, want: "decode status"},
		{name: "item of the wrong shape", in: `{"data":[1],"status":true}`, want: "decode data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p assistbot.Page[assistbot.Standup]
			assert.ErrorContains(t, json.Unmarshal([]byte(tt.in), &p), tt.want)
		})
	}
}

func TestPageUnmarshal(t *testing.T) {
	var p assistbot.Page[assistbot.Standup]
	require.NoError(t, json.Unmarshal([]byte(`{"data":[`+rawStandup1+`],"count":"one","status":true}`), &p))
	require.Len(t, p.Results, 1)
	assert.Equal(t, 0, p.Count, "a count that is not an integer reads as 0")
	_, ok := p.Get("count")
	assert.False(t, ok, "count is declared: not an undeclared key")
	mood, ok := p.Results[0].Get("mood")
	require.True(t, ok, "the item keeps its undeclared key")
	assert.Equal(t, map[string]any{"deep": []any{json.Number("1"), json.Number("2.50")}}, mood, "numbers keep their digits")
}

// TestPageNullLeavesPage: JSON null decodes as a no-op, as encoding/json
// decodes it into a struct; anything else that is not an object fails.
func TestPageNullLeavesPage(t *testing.T) {
	for _, in := range []string{"null", " null\n"} {
		p := assistbot.Page[json.RawMessage]{Count: 7, Results: []json.RawMessage{json.RawMessage(`1`)}}
		require.NoError(t, p.UnmarshalJSON([]byte(in)), "%q", in)
		assert.Equal(t, 7, p.Count, "%q", in)
		assert.Len(t, p.Results, 1, "%q", in)
	}
	var p assistbot.Page[json.RawMessage]
	assert.Error(t, json.Unmarshal([]byte(`"null"`), &p))
	assert.Error(t, p.UnmarshalJSON(nil))
}
