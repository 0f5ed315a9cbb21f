package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
)

// listTranscripts pages through one user's messages in [startDate, endDate),
// oldest first. startDate defaults to 3 months before now and may not be
// older (doc); endDate defaults to now.
func (a *botopenAPI) listTranscripts(r *http.Request, body []byte) (any, int, string) {
	var req genbotopen.TranscriptsRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, http.StatusBadRequest, "invalid body: " + err.Error()
	}
	now := a.cfg.now()
	oldest := now.AddDate(0, -3, 0)
	from, to := oldest, now
	if req.StartDate != nil {
		if req.StartDate.Before(oldest.Add(-time.Minute)) { // a minute's grace for clients computing "3 months ago"
			return nil, http.StatusBadRequest, "startDate must not be older than 3 months from the current date"
		}
		from = *req.StartDate
	}
	if req.EndDate != nil {
		to = *req.EndDate
	}
	if from.After(to) {
		return nil, http.StatusBadRequest, "startDate must not be after endDate"
	}
	page, limit := boPage(r)
	a.mu.RLock()
	defer a.mu.RUnlock()
	u := a.state.byKey[boKey(int(req.ChannelID), req.BotUserID)]
	if u == nil {
		// Our call: the spec declares no 404, and an unknown user on a
		// channel is most often the wrong channel id, so say so.
		return nil, http.StatusBadRequest, fmt.Sprintf("no bot user %q on channel %d", req.BotUserID, req.ChannelID)
	}
	var matched []genbotopen.Transcript
	for _, t := range u.transcripts {
		if !t.CreatedAt.Before(from) && t.CreatedAt.Before(to) {
			matched = append(matched, t)
		}
	}
	entries, pages := boSlice(matched, page, limit)
	total := len(matched)
	fields := make(map[string]any, len(u.customFields))
	for k, v := range u.customFields {
		fields[k] = v
	}
	tags := slices.Clone(u.tags)
	return genbotopen.TranscriptsPage{
		BotUser:           &genbotopen.BotUser{CustomFields: &fields, Tags: &tags},
		Transcripts:       &entries,
		PaginationDetails: &genbotopen.PaginationDetails{Page: &page, Pages: &pages, Total: &total, Limit: &limit},
	}, http.StatusOK, ""
}
