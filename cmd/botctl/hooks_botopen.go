package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/botsdk/botsdk/pkg/botopen"
)

// Bot Open's hooks: its date forms, login (whose token is the result asked
// for), and the transcript answer's botUser.

// month reads --month: YYYY-MM, or any day of the month, sent as the
// month's first day.
func month(s string) (any, error) {
	if t, ok := parseTime(s, "2006-01", time.DateOnly); ok {
		return t.Format("2006-01") + "-01", nil
	}
	return nil, fmt.Errorf("%q is not a month (YYYY-MM)", s)
}

// instant reads --from and --to: a day (midnight UTC) or an RFC 3339
// instant, sent as RFC 3339.
func instant(s string) (any, error) {
	if t, ok := parseTime(s, time.DateOnly, time.RFC3339Nano); ok {
		return t.UTC().Format(time.RFC3339Nano), nil
	}
	return nil, fmt.Errorf("%q is not a date (YYYY-MM-DD) or an RFC 3339 time (2021-10-01T09:00:00Z)", s)
}

// parseTime reads s in the first of layouts that fits.
func parseTime(s string, layouts ...string) (time.Time, bool) {
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// login logs in through the client and prints the token, unredacted (it is
// the result asked for, printed here and nowhere else), and its expiry.
func login(ctx context.Context, c *opCommand, cl *client, _ *request) (bool, error) {
	tok, err := cl.rawClient.(*botopen.Client).Auth.Login(ctx)
	if err != nil {
		return true, err
	}
	out := map[string]any{"authToken": tok.Value.Reveal(), "expiresAt": nil}
	if !tok.ExpiresAt.IsZero() {
		out["expiresAt"] = tok.ExpiresAt.UTC().Format(time.RFC3339Nano)
	}
	raw, err := json.Marshal(out) // strings and null
	return true, c.print(ctx, func(_ context.Context, b []byte) []byte { return b }, false, listed([]json.RawMessage{raw}, err))
}

// botUserFlag is --bot-user: print the first page's botUser (the user's
// custom fields and tags) instead of the transcript entries.
func botUserFlag(c *opCommand) {
	c.cmd.Flags().Bool("bot-user", false, "print the user's custom fields and tags instead of the transcript")
}

func botUser(ctx context.Context, c *opCommand, cl *client, r *request) (bool, error) {
	if on, _ := c.cmd.Flags().GetBool("bot-user"); !on {
		return false, nil
	}
	var answer struct {
		BotUser json.RawMessage `json:"botUser"` // as the server sent it
	}
	if _, err := cl.Do(ctx, c.op.Method, r.path, r.query, r.payload, &answer); err != nil {
		return true, err
	}
	return true, c.print(ctx, cl.Redact, false, listed([]json.RawMessage{answer.BotUser}, nil))
}
