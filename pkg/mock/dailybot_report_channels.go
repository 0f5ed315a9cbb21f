package mock

import (
	"net/http"
	"strconv"
	"strings"
)

// dbReportChannelJSON is a ReportChannel as the official CLI's docs show it.
type dbReportChannelJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Platform string `json:"platform"`
	Type     string `json:"type"`
}

// dbReportChannelsJSON is the `{channels, total}` answer of the CLI docs.
type dbReportChannelsJSON struct {
	Channels []dbReportChannelJSON `json:"channels"`
	Total    int                   `json:"total"`
}

// listReportChannels answers the channels the organization's check-ins
// report to, once each, on the organization's chat platform, as `{channels,
// total}` (the CLI docs' shape): `name` keeps the names that start with it,
// `limit` keeps the first ones; total counts what is answered.
func (a *dailybotAPI) listReportChannels(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	q := r.URL.Query()
	prefix := strings.ToLower(q.Get("name"))
	limit, _ := strconv.Atoi(q.Get("limit")) // validated against the spec: >= 1 when present
	s := a.store
	s.mu.RLock()
	out := dbReportChannelsJSON{Channels: []dbReportChannelJSON{}}
	seen := map[string]bool{}
	for _, c := range s.checkins {
		for _, ch := range c.settings.ReportingMetadata {
			if seen[ch.ID] || !strings.HasPrefix(strings.ToLower(ch.Name), prefix) {
				continue
			}
			seen[ch.ID] = true
			out.Channels = append(out.Channels, dbReportChannelJSON{ID: ch.ID, Name: ch.Name, Platform: s.org.Platform, Type: ch.Type})
		}
	}
	s.mu.RUnlock()
	if limit > 0 && len(out.Channels) > limit {
		out.Channels = out.Channels[:limit]
	}
	out.Total = len(out.Channels)
	writeJSON(w, http.StatusOK, out)
}
