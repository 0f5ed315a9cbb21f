package mock

import (
	"net/http"
	"strconv"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
)

// botUsage counts the messages of a month (UTC; default: the current one)
// and the users who sent or got them, on one channel or all.
func (a *botopenAPI) botUsage(r *http.Request, _ []byte) (any, int, string) {
	q := r.URL.Query()
	month := a.cfg.now().UTC()
	if s := q.Get("monthDate"); s != "" {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, http.StatusInternalServerError, "monthDate must be a date like 2021-08-01"
		}
		month = d
	}
	from := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, 0)
	channel := 0
	if s := q.Get("channelId"); s != "" {
		channel, _ = strconv.Atoi(s) // the spec check allowed only a channel id
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	messages, users := 0, 0
	for _, u := range a.state.users {
		if channel != 0 && u.channel != channel {
			continue
		}
		n := 0
		for _, t := range u.transcripts {
			if !t.CreatedAt.Before(from) && t.CreatedAt.Before(to) {
				n++
			}
		}
		messages += n
		if n > 0 {
			users++
		}
	}
	return genbotopen.BotUsage{TotalMessages: &messages, TotalUsers: &users}, http.StatusOK, ""
}
