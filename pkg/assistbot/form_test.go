package assistbot_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
	"github.com/botsdk/botsdk/specs"
)

// formListCalls call each operation that has list filters with every one of
// them set to 1, 2 (roles: manager, administrator), and the history ids the
// operation requires; extra is what those required ids add to the form.
var formListCalls = map[string]struct {
	call  func(ctx context.Context, c *assistbot.Client) error
	extra string
}{
	"listDepartments": {call: func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.Company.Departments(ctx, assistbot.ListDepartmentsParams{DepartmentIDs: []int{1, 2}, CreatorIDs: []int{1, 2}})
		return err
	}},
	"listMembers": {call: func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.Company.Members(ctx, assistbot.ListMembersParams{MemberIDs: []int{1, 2}, Roles: []assistbot.MemberRole{assistbot.RoleManager, assistbot.RoleAdministrator}})
		return err
	}},
	"listTemplates": {call: func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.Templates.List(ctx, assistbot.ListTemplatesParams{TemplateIDs: []int{1, 2}, CreatorIDs: []int{1, 2}})
		return err
	}},
	"listStandups": {call: func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.Standups.List(ctx, assistbot.ListStandupsParams{StandupIDs: []int{1, 2}, CreatorIDs: []int{1, 2}, DepartmentIDs: []int{1, 2}, Statuses: []int{1, 2}})
		return err
	}},
	"listTasks": {call: func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.Tasks.List(ctx, assistbot.ListTasksParams{TaskIDs: []int{1, 2}, CreatorIDs: []int{1, 2}, Statuses: []int{1, 2}})
		return err
	}},
	"listPolls": {call: func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.Polls.List(ctx, assistbot.ListPollsParams{PollIDs: []int{1, 2}, CreatorIDs: []int{1, 2}})
		return err
	}},
	"listStandupHistory": {extra: "standup_id=3", call: func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.History.Standups(ctx, assistbot.ListStandupHistoryParams{StandupID: 3, MemberIDs: []int{1, 2}, DepartmentIDs: []int{1, 2}})
		return err
	}},
	"listPollHistory": {extra: "poll_id=4", call: func(ctx context.Context, c *assistbot.Client) error {
		_, err := c.History.Polls(ctx, assistbot.ListPollHistoryParams{PollID: 4, DepartmentIDs: []int{1, 2}})
		return err
	}},
}

// TestFormListsFollowTheSpec takes every list property of every form body in
// specs/assistbot.yaml, checks that its form encoding asks for brackets, and
// that WithFormEncoding sends exactly name[]=1&name[]=2 for it: the list
// comes from the spec, so a list filter added there and not here fails.
func TestFormListsFollowTheSpec(t *testing.T) {
	doc, err := specs.Load(t.Context(), "assistbot")
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			mt := op.RequestBody.Value.Content.Get(speccheck.FormContentType)
			require.NotNil(t, mt, "%s declares a form body", op.OperationID)
			var lists []string
			for name, prop := range mt.Schema.Value.Properties {
				if takesList(prop.Value) {
					lists = append(lists, name)
					enc := mt.Encoding[name]
					require.NotNil(t, enc, "%s: %s has no form encoding", op.OperationID, name)
					assert.Equal(t, true, enc.Extensions[speccheck.BracketsExtension], "%s: %s: form encoding without %s", op.OperationID, name, speccheck.BracketsExtension)
				}
			}
			if len(lists) == 0 {
				continue
			}
			seen[op.OperationID] = true
			tc, ok := formListCalls[op.OperationID]
			require.True(t, ok, "formListCalls has no call for %s, whose form has the lists %v", op.OperationID, lists)
			pairs := []string{}
			if tc.extra != "" {
				pairs = append(pairs, tc.extra)
			}
			for _, name := range lists {
				pairs = append(pairs, name+"[]=1", name+"[]=2")
			}
			slices.Sort(pairs) // name[]=… sorts as the encoder writes: by name, items in order
			want := strings.Join(pairs, "&")
			t.Run(op.OperationID, func(t *testing.T) {
				c, srv := newTestClient(t, answer(http.StatusOK, []byte(`{"data":[],"count":0,"status":true}`)), assistbot.WithFormEncoding())
				require.NoError(t, tc.call(t.Context(), c))
				assert.Equal(t, []string{want}, bodies(srv))
			})
		}
	}
	for op := range formListCalls {
		assert.True(t, seen[op], "formListCalls calls %s, which has no list filters in the spec", op)
	}
}

// takesList reports whether a schema (array, or with an array among its
// oneOf/anyOf branches) takes a list.
func takesList(s *openapi3.Schema) bool {
	if s.Type.Is("array") {
		return true
	}
	for _, b := range slices.Concat(s.OneOf, s.AnyOf) {
		if b.Value.Type.Is("array") {
			return true
		}
	}
	return false
}
