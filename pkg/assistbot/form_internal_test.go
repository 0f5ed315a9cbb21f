package assistbot

import (
	"net/url"
	"testing"
	"time"

	"github.com/oapi-codegen/runtime"
	openapi_types "github.com/oapi-codegen/runtime/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	genassistbot "github.com/botsdk/botsdk/gen/assistbot"
	"github.com/botsdk/botsdk/pkg/lenient"
)

func TestEncodeForm(t *testing.T) {
	tz := "America/New_York"
	day := func(s string) *openapi_types.Date {
		d, err := time.Parse(DateLayout, s)
		require.NoError(t, err)
		return &openapi_types.Date{Time: d}
	}
	tests := []struct {
		name    string
		body    any
		want    string
		wantErr string
	}{
		{name: "company info map", body: genassistbot.GetCompanyInfoRequest{}, want: ``},
		{name: "a list goes PHP style", body: genassistbot.ListStandupsRequest{DepartmentID: lenient.Ints(1, 2)}, want: `department_id[]=1&department_id[]=2`},
		{name: "a list of one keeps its brackets", body: genassistbot.ListPollsRequest{PollID: lenient.Ints(7)}, want: `poll_id[]=7`},
		{name: "a single number stays bare", body: map[string]any{"poll_id": 7}, want: `poll_id=7`},
		{name: "keys and values escaped, brackets not", body: map[string]any{"a b": []string{"x&y", "1+1"}}, want: `a+b[]=x%26y&a+b[]=1%2B1`},
		{name: "null items left out", body: map[string]any{"n": []any{nil, 1}}, want: `n[]=1`},
		{name: "empty lists left out", body: genassistbot.ListTasksRequest{TaskID: lenient.IntList{}, Status: nil}, want: ``},
		{name: "booleans", body: genassistbot.ListMembersRequest{Active: new(true), Accepted: new(false)}, want: `accepted=false&active=true`},
		{name: "history", body: genassistbot.ListStandupHistoryRequest{
			StandupID: 1, MemberID: lenient.Ints(2), DepartmentID: lenient.Ints(1, 2), From: day("2020-08-25"), To: day("2020-08-27"), Timezone: &tz,
		}, want: `department_id[]=1&department_id[]=2&from=2020-08-25&member_id[]=2&standup_id=1&timezone=America%2FNew_York&to=2020-08-27`},
		{name: "large ids keep their digits", body: genassistbot.ListPollHistoryRequest{PollID: 9007199254740993}, want: `poll_id=9007199254740993`},
		{name: "nested object refused", body: map[string]any{"a": map[string]any{"b": 1}}, wantErr: "a: a map[string]interface {} cannot be form-encoded"},
		{name: "nested list refused", body: map[string]any{"a": []any{[]int{1}}}, wantErr: "cannot be form-encoded"},
		{name: "not an object", body: []int{1}, wantErr: "want a JSON object"},
		{name: "not encodable", body: map[string]any{"f": func() {}}, wantErr: "encode form body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := encodeForm(tt.body)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			_, err = url.ParseQuery(got)
			assert.NoError(t, err)
		})
	}
}

// TestGeneratedFormEncoderIsWrong pins down why encodeForm exists: the
// generated *WithFormdataBody builders use runtime.MarshalForm, which writes
// PHP-indexed keys, drops from/to and refuses the company info body. If
// this test fails, oapi-codegen changed: re-check whether encodeForm is
// still needed.
func TestGeneratedFormEncoderIsWrong(t *testing.T) {
	tz := "America/New_York"
	from, to := &openapi_types.Date{Time: time.Date(2020, 8, 25, 0, 0, 0, 0, time.UTC)}, &openapi_types.Date{Time: time.Date(2020, 8, 27, 0, 0, 0, 0, time.UTC)}
	body := genassistbot.ListPollHistoryRequest{PollID: 1, DepartmentID: lenient.Ints(1, 2), From: from, To: to, Timezone: &tz}

	generated, err := runtime.MarshalForm(body, nil)
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"department_id[0]": {"1"}, "department_id[1]": {"2"}, // indexed keys
		"poll_id": {"1"}, "timezone": {tz}, // and no from, no to
	}, generated)

	ours, err := encodeForm(body)
	require.NoError(t, err)
	assert.Equal(t, "department_id[]=1&department_id[]=2&from=2020-08-25&poll_id=1&timezone=America%2FNew_York&to=2020-08-27", ours)

	_, err = runtime.MarshalForm(genassistbot.GetCompanyInfoRequest{}, nil)
	assert.Error(t, err, "MarshalForm refuses a map body")
}
