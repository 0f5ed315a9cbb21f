package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Bot Open's hooks: its date forms, login (whose token is the result asked
// for), and the transcript answer's botUser.

// month reads --month: YYYY-MM, or any day of the month, sent as the
// month's first day.
func month(s string) (any, error) {
	for _, layout := range []string{"2006-01", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01") + "-01", nil
		}
	}
	return nil, fmt.Errorf("%q is not a month (YYYY-MM)", s)
}

// instant reads --from and --to: a day (midnight UTC) or an RFC 3339
// instant, sent as RFC 3339.
func instant(s string) (any, error) {
	if t, ok := parseWhen(s); ok {
		return t.UTC().Format(time.RFC3339Nano), nil
	}
	return nil, fmt.Errorf("%q is not a date (YYYY-MM-DD) or an RFC 3339 time (2021-10-01T09:00:00Z)", s)
}

// login logs in through the client (the app id and secret never leave it)
// and prints the token and its expiry: the token is the result asked for,
// so it is printed here and nowhere else.
func login(ctx context.Context, c *opCommand, _ *request) (bool, error) {
	cl, err := c.app.botopen(ctx)
	if err != nil {
		return true, err
	}
	tok, err := cl.Auth.Login(ctx)
	if err != nil {
		return true, err
	}
	out := map[string]any{"authToken": tok.Value.Reveal(), "expiresAt": nil}
	if !tok.ExpiresAt.IsZero() {
		out["expiresAt"] = tok.ExpiresAt.UTC().Format(time.RFC3339Nano)
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return true, err
	}
	return true, c.printOne(ctx, noRedaction{}, raw)
}

// noRedaction passes bytes on as they are: for a credential that is the
// result the user asked for.
type noRedaction struct{ rawClient }

func (noRedaction) Redact(_ context.Context, b []byte) []byte { return b }

// botUserHook is --bot-user: print the first page's botUser (the user's
// custom fields and tags) instead of the transcript entries.
func botUserHook() hook {
	return hook{
		flags: func(c *opCommand) {
			c.hookFlags = map[string]any{"bot-user": c.cmd.Flags().Bool("bot-user", false,
				"print the user's custom fields and tags instead of the transcript")}
		},
		run: func(ctx context.Context, c *opCommand, r *request) (bool, error) {
			if !*c.hookFlags["bot-user"].(*bool) {
				return false, nil
			}
			if err := c.validate(ctx, r); err != nil {
				return true, err
			}
			cl, err := c.app.rawClient(ctx, c.api.Name)
			if err != nil {
				return true, err
			}
			raw, err := c.send(ctx, cl, r, r.query)
			if err != nil {
				return true, err
			}
			return true, c.printOne(ctx, cl, keyOf(raw, "botUser"))
		},
	}
}
