package botopen

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// requestChecks are the Bot Open rules a request must keep, as the doc and
// the spec state them: channel ids from the ChannelID enum, /users' channels
// (at least one, each once) and dates (both, endDate after startDate),
// /transcripts' bot user (not blank) and channel, and the page and limit
// ranges. The client's Requester runs them on every request before it is
// sent (no login either), typed or raw (Do, Page, Items), so the same
// mistake fails the same way, with a *botsdk.ValidationError naming the
// API's field, whichever way the request was built.
var requestChecks = []botsdk.RequestCheck{
	{Method: http.MethodGet, Path: "/botUsage", Check: checkUsageRequest},
	{Method: http.MethodPost, Path: "/users", Check: checkUsersRequest},
	{Method: http.MethodPost, Path: "/transcripts", Check: checkTranscriptsRequest},
}

// checkUsageRequest checks GET /botUsage: a known channel, if any.
func checkUsageRequest(req *botsdk.OutgoingRequest) error {
	if v := req.Query.Get("channelId"); v != "" {
		return checkChannel("channelId", json.Number(v))
	}
	return nil
}

// checkUsersRequest checks POST /users. The server fails with HTTP 500
// without channelIds, startDate or endDate.
func checkUsersRequest(req *botsdk.OutgoingRequest) error {
	if err := checkPaging(req, 0); err != nil {
		return err
	}
	v, _ := req.Field("channelIds")
	ids, isList := v.([]any)
	switch {
	case v == nil || isList && len(ids) == 0:
		return invalid("channelIds", "must name at least one channel, e.g. botopen.ChannelIDWhatsapp (the server fails with HTTP 500 without it)")
	case !isList:
		return invalid("channelIds", fmt.Sprintf("must be a list of channel ids (got %v)", v))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if err := checkChannel("channelIds", id); err != nil {
			return err
		}
		if n := fmt.Sprint(id); seen[n] {
			return invalid("channelIds", fmt.Sprintf("%s is listed twice; the API wants each channel once", n))
		} else {
			seen[n] = true
		}
	}
	for _, key := range []string{"startDate", "endDate"} {
		if v, _ := req.Field(key); v == nil {
			return invalid(key, "must be set (the server fails with HTTP 500 without it)")
		}
	}
	return checkRange(req)
}

// checkTranscriptsRequest checks POST /transcripts.
func checkTranscriptsRequest(req *botsdk.OutgoingRequest) error {
	if err := checkPaging(req, MaxTranscriptsLimit); err != nil {
		return err
	}
	if strings.TrimSpace(req.String("botUserId")) == "" {
		return invalid("botUserId", "must not be empty; give the user's botUserId (for WhatsApp the phone number)")
	}
	v, _ := req.Field("channelId")
	if v == nil {
		return invalid("channelId", "must be set to the user's own channel, e.g. botopen.ChannelIDWhatsapp")
	}
	if err := checkChannel("channelId", v); err != nil {
		return err
	}
	return checkRange(req)
}

// checkChannel refuses a value that is not one of the ChannelID constants.
func checkChannel(field string, v any) error {
	n, ok := v.(json.Number)
	id, err := strconv.Atoi(string(n))
	if !ok || err != nil || !ChannelID(id).Valid() {
		return invalid(field, fmt.Sprintf("%v is not a channel id; use a ChannelID constant (1010..1021)", v))
	}
	return nil
}

// checkRange checks startDate and endDate where they are set: ISO
// date-times, endDate after startDate.
func checkRange(req *botsdk.OutgoingRequest) error {
	var at [2]time.Time
	for i, key := range []string{"startDate", "endDate"} {
		v, _ := req.Field(key)
		if v == nil {
			continue
		}
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return invalid(key, fmt.Sprintf("must be an ISO date-time in UTC such as 2021-10-01T00:00:00Z (got %v)", v))
		}
		at[i] = t
	}
	if start, end := at[0], at[1]; !start.IsZero() && !end.IsZero() && !end.After(start) {
		return invalid("endDate", fmt.Sprintf("must be after startDate (%s is not after %s)",
			end.UTC().Format(time.RFC3339), start.UTC().Format(time.RFC3339)))
	}
	return nil
}

// checkPaging checks the query's page (from 1) and limit (MinLimit..max;
// max 0: no maximum), where they are set.
func checkPaging(req *botsdk.OutgoingRequest, max int) error {
	for _, key := range []string{"page", "limit"} {
		v := req.Query.Get(key)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return invalid(key, fmt.Sprintf("must be a whole number (got %q)", v))
		}
		if key == "page" {
			err = checkPage(n)
		} else {
			err = checkLimit(n, max)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
