package main

import "encoding/json"

// agentDefault makes the credential's user id the sending agent (the body's
// userId) when --agent-id and --data leave it out: the global --user-id
// authenticates, --agent-id signs the message.
func agentDefault(c *opCommand, r *request) error {
	if _, ok := r.body["userId"]; ok {
		return nil
	}
	creds, err := c.app.credentials("botaz")
	if err != nil {
		return err
	}
	r.body["userId"], _ = json.Marshal(creds[0])
	return nil
}
