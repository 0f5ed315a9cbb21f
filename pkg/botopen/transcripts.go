package botopen

import (
	"context"
	"iter"
	"net/http"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
)

// Transcript is one entry of a chat transcript: from ("User" or the bot),
// type, createdAt, and one sub-object per message kind (Text, Card, Image,
// Template, ...). The keys a production consumer reads beyond the doc are
// fields of unknown shape: IsConfigMessage, IsFromAgent,
// IsTemplateSentFromFlow (flags by their names, of unknown type), Caption,
// MessageDetails, Tag, WhatsappFlow, OrderPaymentMessage, PaymentStatus,
// AIAction, AIAgentClearContext, CallPermission, LocationRequest,
// Attachment.Voice and Reply.Actions as the raw JSON the server sent (nil
// when absent). Any other key is kept as decoded JSON: tr.Get("key"), and
// json.Marshal(tr) writes everything back.
type Transcript = genbotopen.Transcript

// BotUser is the transcript's user: customFields and tags.
type BotUser = genbotopen.BotUser

// TranscriptsService lists a bot user's chat transcript (the docs'
// "transcripts" operation). Get it from Client.Transcripts.
type TranscriptsService struct {
	client *Client
}

// ListTranscriptsParams selects the transcript Transcripts.List and
// Transcripts.ListPage return.
type ListTranscriptsParams struct {
	// BotUserID is the bot user ("botUserId"): unique per channel, for WhatsApp
	// the user's phone number (e.g. "+919876543210"). Required.
	BotUserID string
	// ChannelID is the user's own channel ("channelId"), a ChannelID constant. Required.
	ChannelID ChannelID
	// StartDate starts the range ("startDate"), sent in UTC; the doc says it must not
	// be older than 3 months (the server checks that). Zero leaves it out: the last 3 months.
	StartDate time.Time
	// EndDate ends the range ("endDate"), sent in UTC; after StartDate when both
	// are set. Zero leaves it out: up to now.
	EndDate time.Time
	// Page is the page to return, or for List the page to start at ("page"),
	// from 1; 0 means 1 (the server's default).
	Page int
	// Limit is the number of entries per page ("limit"), MinLimit..MaxTranscriptsLimit
	// (25..1000); 0 leaves the server's default, 50.
	Limit int
}

// ListPage returns one page of a user's transcript with the user's custom
// fields (POST /transcripts; a read, retried like a GET): Results are the
// entries, BotUser the user's custom fields and tags, Count the server's
// total. It fails with a *botsdk.ValidationError, before any request, when
// a parameter breaks the rules on ListTranscriptsParams, and with a
// *botsdk.APIError when the server refuses the call.
func (s *TranscriptsService) ListPage(ctx context.Context, p ListTranscriptsParams) (*Page[Transcript], error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	return fetchPage[Transcript](ctx, s.client, s.request(p), "transcripts", firstPage(p.Page), p.Limit)
}

// List yields every transcript entry from page p.Page (or 1) on, fetching
// the next page only when the loop has consumed the one before: breaking out
// stops the requests. The user's custom fields come with ListPage. A
// validation error (before any request) or an API error is yielded once,
// with a zero Transcript, and ends the sequence.
func (s *TranscriptsService) List(ctx context.Context, p ListTranscriptsParams) iter.Seq2[Transcript, error] {
	if err := p.validate(); err != nil {
		return func(yield func(Transcript, error) bool) { yield(Transcript{}, err) }
	}
	return pages[Transcript](ctx, s.client, s.request(p), "transcripts", firstPage(p.Page), p.Limit)
}

// request returns the builder of the requests for the pages of a validated p.
func (s *TranscriptsService) request(p ListTranscriptsParams) pageRequest {
	body := genbotopen.TranscriptsRequest{BotUserID: p.BotUserID, ChannelID: p.ChannelID}
	if !p.StartDate.IsZero() {
		t := p.StartDate.UTC()
		body.StartDate = &t
	}
	if !p.EndDate.IsZero() {
		t := p.EndDate.UTC()
		body.EndDate = &t
	}
	return func(ctx context.Context, n int) (*http.Request, error) {
		req, err := genbotopen.NewListTranscriptsRequest(s.client.server, &genbotopen.ListTranscriptsParams{Page: &n, Limit: optional(p.Limit)}, body)
		return generated(ctx, req, err)
	}
}

// validate checks what the request cannot show: ChannelID 0 is unset, not
// a channel, and Page 0 means the first page. The rest of
// ListTranscriptsParams' rules are checked on the request itself, as for Do
// (see requestChecks).
func (p ListTranscriptsParams) validate() error {
	if p.ChannelID == 0 {
		return invalid("channelId", "must be set to the user's own channel, e.g. botopen.ChannelIDWhatsapp")
	}
	return checkPageParam(p.Page)
}
