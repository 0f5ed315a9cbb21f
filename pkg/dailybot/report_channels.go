package dailybot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// ReportChannel is a chat channel reports can be sent to. Quirk: the
// official CLI's docs show its id as `id`, its tests as `uuid`; read UUID,
// then ID.
type ReportChannel = gendailybot.ReportChannel

// ReportChannels is the answer of GET /report-channels/, whichever of its
// three documented shapes it came in: `{channels, total}`, `{results}` or a
// bare array.
type ReportChannels struct {
	// Channels are the channels, from `channels`, `results` or the array.
	Channels []ReportChannel
	// Total is `total` when the answer has it, else len(Channels).
	Total int
	// AdditionalProperties are the wrapper's keys other than channels,
	// results and total, decoded as encoding/json decodes into any.
	AdditionalProperties map[string]any
	// Raw is the answer as it came, so that no key of the wrapper is lost.
	Raw json.RawMessage
}

// Get returns the wrapper's undeclared key fieldName (one the server sent
// that the spec does not declare) and whether it was there.
func (r ReportChannels) Get(fieldName string) (value any, found bool) {
	value, found = r.AdditionalProperties[fieldName]
	return value, found
}

// ReportChannelsService lists the channels reports can be sent to.
type ReportChannelsService struct{ c *Client }

// ListReportChannelsParams filters GET /report-channels/ (both from the
// official CLI's docs; its code sends neither). The zero value lists every
// channel.
type ListReportChannelsParams struct {
	// Name keeps the channels whose name starts with it (`name`).
	Name string
	// Limit caps how many channels come back (`limit`, >= 1; 0 is not sent).
	Limit int
}

// List returns the channels the caller may use as report destinations (GET
// /report-channels/); their ids go in the report channels of check-in and
// form authoring. The list is not paged (no source documents a `next`). It
// fails with a *botsdk.ValidationError for a negative Limit, a
// *botsdk.APIError when the API refuses, and an error when the answer is
// none of the three documented shapes.
func (s *ReportChannelsService) List(ctx context.Context, params ListReportChannelsParams) (*ReportChannels, error) {
	if params.Limit < 0 {
		return nil, invalid("limit", "must be >= 1, or 0 to send none (got %d)", params.Limit)
	}
	raw, err := call[json.RawMessage](ctx, s.c, func(server string) (*http.Request, error) {
		q := &gendailybot.ListReportChannelsParams{Name: optString(params.Name)}
		if params.Limit > 0 {
			q.Limit = &params.Limit
		}
		return gendailybot.NewListReportChannelsRequest(server, q)
	})
	if err != nil {
		return nil, err
	}
	return decodeReportChannels(*raw)
}

// decodeReportChannels reads `{channels, total}`, `{results}` or a bare
// array of channels.
func decodeReportChannels(data []byte) (*ReportChannels, error) {
	out := &ReportChannels{Raw: append(json.RawMessage(nil), data...)}
	items, isArray, err := botsdk.DecodeArray[ReportChannel](data)
	if isArray {
		if err != nil {
			return nil, fmt.Errorf("%s: report channels: %w", api, err)
		}
		out.Channels, out.Total = items, len(items)
		return out, nil
	}
	var w struct {
		Channels *[]ReportChannel `json:"channels"`
		Results  *[]ReportChannel `json:"results"`
		Total    *int             `json:"total"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("%s: report channels: %w", api, err)
	}
	if out.AdditionalProperties, err = botsdk.UndeclaredKeys(data, "channels", "results", "total"); err != nil {
		return nil, fmt.Errorf("%s: report channels: %w", api, err)
	}
	switch {
	case w.Channels != nil:
		out.Channels = *w.Channels
	case w.Results != nil:
		out.Channels = *w.Results
	default:
		return nil, fmt.Errorf("%s: report channels: the answer has neither channels nor results", api)
	}
	out.Total = len(out.Channels)
	if w.Total != nil {
		out.Total = *w.Total
	}
	return out, nil
}
