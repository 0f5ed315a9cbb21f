package botopen

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTranscriptsListPage(t *testing.T) {
	f := &fake{transcripts: makeTranscripts(60)}
	c, srv := newTestClient(t, f)
	p := ListTranscriptsParams{
		BotUserID: "+919876543210", ChannelID: ChannelIDWhatsapp,
		StartDate: time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2021, 10, 3, 0, 0, 0, 0, time.UTC),
	}
	pg, err := c.Transcripts.ListPage(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /login", "POST /transcripts?page=1"}, paths(srv))
	_, bodies := srv.Requests()
	assert.JSONEq(t, `{"botUserId":"+919876543210","channelId":1014,"startDate":"2021-10-02T00:00:00Z","endDate":"2021-10-03T00:00:00Z"}`, string(bodies[1]))

	require.Len(t, pg.Results, 50, "the server's default limit")
	assert.Equal(t, 1, pg.Page)
	assert.Equal(t, 2, pg.Pages)
	assert.Equal(t, 60, pg.Count)
	assert.Equal(t, 50, pg.Limit)
	assert.Equal(t, 2, pg.NextPage)
	require.NotNil(t, pg.BotUser)
	assert.Equal(t, map[string]any{"plan": "gold"}, *pg.BotUser.CustomFields)
	assert.Equal(t, []string{"vip"}, *pg.BotUser.Tags)
	tr := pg.Results[0]
	assert.Equal(t, "User", *tr.From)
	assert.Equal(t, "text", *tr.Type)
	assert.Equal(t, "message 1", *tr.Text.Message)
	assert.Equal(t, time.Date(2021, 10, 2, 10, 0, 0, 0, time.UTC), *tr.CreatedAt)

	t.Run("dates are optional", func(t *testing.T) {
		c, srv := newTestClient(t, &fake{transcripts: makeTranscripts(1)})
		_, err := c.Transcripts.ListPage(context.Background(), ListTranscriptsParams{BotUserID: "abc", ChannelID: ChannelIDWebchat, Page: 1, Limit: 1000})
		require.NoError(t, err)
		assert.Equal(t, []string{"POST /login", "POST /transcripts?limit=1000&page=1"}, paths(srv))
		_, bodies := srv.Requests()
		assert.JSONEq(t, `{"botUserId":"abc","channelId":1010}`, string(bodies[1]))
	})
}

func TestTranscriptsList(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		limit     int
		stopAfter int
		wantN     int
		wantPaths []string
	}{
		{name: "all pages", n: 60, limit: 25, wantN: 60,
			wantPaths: []string{"POST /login", "POST /transcripts?limit=25&page=1", "POST /transcripts?limit=25&page=2", "POST /transcripts?limit=25&page=3"}},
		{name: "early break", n: 60, limit: 25, stopAfter: 3, wantN: 3, wantPaths: []string{"POST /login", "POST /transcripts?limit=25&page=1"}},
		{name: "one page", n: 10, wantN: 10, wantPaths: []string{"POST /login", "POST /transcripts?page=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t, &fake{transcripts: makeTranscripts(tt.n)})
			var got []string
			for tr, err := range c.Transcripts.List(context.Background(), ListTranscriptsParams{BotUserID: "+919876543210", ChannelID: ChannelIDWhatsapp, Limit: tt.limit}) {
				require.NoError(t, err)
				got = append(got, *tr.Text.Message)
				if len(got) == tt.stopAfter {
					break
				}
			}
			assert.Len(t, got, tt.wantN)
			if tt.wantN > 0 {
				assert.Equal(t, "message 1", got[0])
			}
			assert.Equal(t, tt.wantPaths, paths(srv))
		})
	}
}

func TestTranscriptsValidation(t *testing.T) {
	day := time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC)
	valid := ListTranscriptsParams{BotUserID: "+919876543210", ChannelID: ChannelIDWhatsapp}
	tests := []struct {
		name      string
		edit      func(p *ListTranscriptsParams)
		wantField string
		wantIn    string
	}{
		{name: "no botUserId", edit: func(p *ListTranscriptsParams) { p.BotUserID = " " }, wantField: "botUserId", wantIn: "must not be empty"},
		{name: "no channel", edit: func(p *ListTranscriptsParams) { p.ChannelID = 0 }, wantField: "channelId", wantIn: "must be set"},
		{name: "unknown channel", edit: func(p *ListTranscriptsParams) { p.ChannelID = 1022 }, wantField: "channelId", wantIn: "1022 is not a channel id"},
		{name: "end before start", edit: func(p *ListTranscriptsParams) { p.StartDate, p.EndDate = day, day.Add(-time.Second) }, wantField: "endDate", wantIn: "after startDate"},
		{name: "limit below 25", edit: func(p *ListTranscriptsParams) { p.Limit = 10 }, wantField: "limit", wantIn: "at least 25 (got 10)"},
		{name: "limit above 1000", edit: func(p *ListTranscriptsParams) { p.Limit = 1001 }, wantField: "limit", wantIn: "at most 1000 (got 1001)"},
		{name: "page below 1", edit: func(p *ListTranscriptsParams) { p.Page = -2 }, wantField: "page", wantIn: "at least 1 (got -2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t, &fake{})
			p := valid
			tt.edit(&p)
			_, err := c.Transcripts.ListPage(context.Background(), p)
			assertValidation(t, err, tt.wantField, tt.wantIn)
			var n int
			for _, err := range c.Transcripts.List(context.Background(), p) {
				n++
				assertValidation(t, err, tt.wantField, tt.wantIn)
			}
			assert.Equal(t, 1, n)
			assert.Empty(t, paths(srv), "no request, not even a login")
		})
	}
	t.Run("only a start or an end", func(t *testing.T) {
		for _, p := range []ListTranscriptsParams{{BotUserID: "x", ChannelID: 1010, StartDate: day}, {BotUserID: "x", ChannelID: 1010, EndDate: day}} {
			assert.NoError(t, p.validate())
		}
	})
}
