package botopen

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsageGet(t *testing.T) {
	tests := []struct {
		name      string
		params    GetUsageParams
		wantQuery string
	}{
		{name: "month and channel", params: GetUsageParams{Month: time.Date(2021, 8, 17, 15, 4, 5, 0, time.UTC), Channel: ChannelIDWhatsapp},
			wantQuery: "channelId=1014&monthDate=2021-08-01"},
		{name: "month in its own zone", params: GetUsageParams{Month: time.Date(2021, 9, 1, 1, 0, 0, 0, time.FixedZone("AZT", 4*3600))},
			wantQuery: "monthDate=2021-09-01"},
		{name: "nothing", params: GetUsageParams{}, wantQuery: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t, &fake{})
			u, err := c.Usage.Get(context.Background(), tt.params)
			require.NoError(t, err)
			assert.Equal(t, 1200, *u.TotalMessages)
			assert.Equal(t, 42, *u.TotalUsers)
			reqs, bodies := srv.Requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, "GET", reqs[1].Method)
			assert.Equal(t, "/botUsage", reqs[1].URL.Path)
			assert.Equal(t, tt.wantQuery, reqs[1].URL.Query().Encode())
			assert.Empty(t, bodies[1])
		})
	}

	t.Run("unknown channel", func(t *testing.T) {
		c, srv := newTestClient(t, &fake{})
		_, err := c.Usage.Get(context.Background(), GetUsageParams{Channel: 42})
		assertValidation(t, err, "channelId", "42 is not a channel id")
		assert.Empty(t, paths(srv))
	})
}
