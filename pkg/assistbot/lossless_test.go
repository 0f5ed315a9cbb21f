package assistbot_test

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/undeclared"
)

// TestLosslessResults serves each operation's docs example with an
// undeclared key added to every object, envelope included, and checks that
// every object of the typed result gives it back (Get), and that the
// examples reach every object type the result can hold.
func TestLosslessResults(t *testing.T) {
	type lossless struct {
		name, operationID string
		call              func(ctx context.Context, c *assistbot.Client) (any, error)
	}
	cases := []lossless{
		{name: "Page", operationID: "listStandups", call: func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Page(ctx, http.MethodPost, "/v1/elements/standups", nil, nil)
		}},
	}
	for _, tc := range operationCases {
		cases = append(cases, lossless{name: tc.name, operationID: tc.operationID, call: tc.call})
	}
	all := map[reflect.Type]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ans := undeclared.MarkJSON(t, docExample(t, tc.operationID, "200", "docExample"))
			c, _ := newTestClient(t, answer(http.StatusOK, ans))
			got, err := tc.call(t.Context(), c)
			require.NoError(t, err)
			reached := undeclared.Check(t, got)
			maps.Copy(all, reached)
			assert.Empty(t, undeclared.Missing(undeclared.ObjectTypes(reflect.TypeOf(got)), reached),
				"object types the docs example does not reach")
			assert.NotEmpty(t, reached)
		})
	}
	t.Run("Page[T]", func(t *testing.T) {
		var p assistbot.Page[assistbot.Task]
		require.NoError(t, json.Unmarshal(undeclared.MarkJSON(t, docExample(t, "listTasks", "200", "docExample")), &p))
		reached := undeclared.Check(t, &p)
		assert.Empty(t, undeclared.Missing(undeclared.ObjectTypes(reflect.TypeOf(p)), reached))
		v, ok := p.Get(undeclared.Key)
		require.True(t, ok)
		assert.Equal(t, "$", v)
	})
	t.Run("every result type of the client", func(t *testing.T) {
		c, err := assistbot.New(testKey)
		require.NoError(t, err)
		want := map[reflect.Type]bool{}
		for _, root := range undeclared.Results(c) {
			if root != reflect.TypeFor[*botsdk.Response]() { // Do's: the answer's bytes
				maps.Copy(want, undeclared.ObjectTypes(root))
			}
		}
		assert.Len(t, want, 16, "15 generated types and Page")
		assert.Empty(t, undeclared.Missing(want, all), "result types no case reached")
	})
}
