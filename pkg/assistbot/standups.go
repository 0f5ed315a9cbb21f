package assistbot

import (
	"context"

	genassistbot "github.com/botsdk/botsdk/gen/assistbot"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// Standup is a standup. Channel is lenient.Text because the docs type it as
// a string, an integer or null.
type Standup = genassistbot.Standup

// StandupsService lists standups (doc section "Getting standups").
type StandupsService struct{ c *Client }

// ListStandupsParams filters Standups.List. Every filter is optional and
// they combine with AND; nil or empty lists do not filter.
type ListStandupsParams struct {
	// StandupIDs keeps these standups (standup_id).
	StandupIDs []int
	// CreatorIDs keeps standups created by these members (creator_id).
	CreatorIDs []int
	// DepartmentIDs keeps standups linked to these departments (department_id).
	DepartmentIDs []int
	// Statuses keeps standups in these statuses (status): StatusDraft,
	// StatusActive; other integers are sent as given.
	Statuses []int
}

// List returns the standups that match p (POST /v1/elements/standups);
// the zero p returns them all.
func (s *StandupsService) List(ctx context.Context, p ListStandupsParams) ([]Standup, error) {
	body := genassistbot.ListStandupsRequest{
		StandupID:    lenient.IntList(p.StandupIDs),
		CreatorID:    lenient.IntList(p.CreatorIDs),
		DepartmentID: lenient.IntList(p.DepartmentIDs),
		Status:       lenient.IntList(p.Statuses),
	}
	return callList[Standup](ctx, s.c, genassistbot.NewListStandupsRequestWithBody, body)
}
