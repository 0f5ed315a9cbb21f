package assistbot

import (
	"context"

	genassistbot "github.com/botsdk/botsdk/gen/assistbot"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// Poll is a poll.
type Poll = genassistbot.Poll

// PollOption is one answer option of a poll.
type PollOption = genassistbot.PollOption

// PollsService lists polls (doc section "Getting polls").
type PollsService struct{ c *Client }

// ListPollsParams filters Polls.List. Every filter is optional and they
// combine with AND; nil or empty lists do not filter.
type ListPollsParams struct {
	// PollIDs keeps these polls (poll_id).
	PollIDs []int
	// CreatorIDs keeps polls created by these members (creator_id).
	CreatorIDs []int
}

// List returns the polls that match p (POST /v1/elements/polls);
// the zero p returns them all.
func (s *PollsService) List(ctx context.Context, p ListPollsParams) ([]Poll, error) {
	body := genassistbot.ListPollsRequest{
		PollID:    lenient.IntList(p.PollIDs),
		CreatorID: lenient.IntList(p.CreatorIDs),
	}
	return callList[Poll](ctx, s.c, genassistbot.NewListPollsRequestWithBody, body)
}
