package botopen

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestChannelIDInstagram checks that 1021's two names (the doc's
// instagramMessaging, a public client's instagram) are one code: either is
// sent as 1021, and both at once are a duplicate.
func TestChannelIDInstagram(t *testing.T) {
	assert.Equal(t, ChannelID(1021), ChannelIDInstagram)
	assert.Equal(t, ChannelIDInstagramMessaging, ChannelIDInstagram)
	assert.True(t, ChannelIDInstagram.Valid())

	c, srv := newTestClient(t, &fake{users: makeUsers(1)})
	p := validUsersParams()
	p.ChannelIDs = []ChannelID{ChannelIDInstagram}
	_, err := c.Users.ListPage(context.Background(), p)
	require.NoError(t, err)
	_, bodies := srv.Requests()
	require.Len(t, bodies, 2)
	assert.JSONEq(t, `{"channelIds":[1021],"startDate":"2021-10-01T00:00:00Z","endDate":"2021-10-02T00:00:00Z"}`, string(bodies[1]))

	p.ChannelIDs = []ChannelID{ChannelIDInstagram, ChannelIDInstagramMessaging}
	_, err = c.Users.ListPage(context.Background(), p)
	var verr *botsdk.ValidationError
	require.True(t, errors.As(err, &verr), "%v", err)
	assert.Contains(t, err.Error(), "channelIds")
}
