package main

import (
	"context"
	"encoding/json"
)

// agentDefault makes the credential's user id the sending agent (the body's
// userId) when --agent-id and --data leave it out: the global --user-id
// authenticates, --agent-id signs the message.
func agentDefault(_ context.Context, c *opCommand, r *request) error {
	if _, ok := r.body["userId"]; ok {
		return nil
	}
	a := c.app
	id := a.mockCreds().BotAzUserID
	if !a.g.mock {
		var err error
		if id, err = a.credential(a.g.userID, botAzUserIDCred); err != nil {
			return err
		}
	}
	r.body["userId"], _ = json.Marshal(id)
	return nil
}
