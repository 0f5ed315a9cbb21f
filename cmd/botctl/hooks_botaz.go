package main

import (
	"context"
	"encoding/json"
)

// agentDefault makes the credential's user id the sending agent (the body's
// userId) when --agent-id and --data leave it out: the global --user-id
// authenticates, --agent-id signs the message.
func agentDefault(_ context.Context, c *opCommand, _ *client, r *request) (bool, error) {
	if _, ok := r.body["userId"]; !ok {
		r.body["userId"], _ = json.Marshal(c.app.creds[0]) // the client was built from them
	}
	return false, nil
}
