package dailybot

import (
	"encoding/json"
	"net/http"
)

// dailyQuotaSpent is the Transport's Final hook: DailyBot's 429 with code
// free_plan_daily_limit_exceeded means the FREE plan's quota for the day is
// spent, so retrying only burns time (the official CLI never retries it).
// The caller gets the 429 as an *botsdk.APIError that matches
// ErrFreePlanDailyLimitExceeded.
func dailyQuotaSpent(resp *http.Response, body []byte) bool {
	if resp.StatusCode != http.StatusTooManyRequests {
		return false
	}
	var e struct {
		Code string `json:"code"`
	}
	return json.Unmarshal(body, &e) == nil && e.Code == CodeFreePlanDailyLimitExceeded
}
