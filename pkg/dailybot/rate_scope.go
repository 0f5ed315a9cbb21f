package dailybot

import (
	"net/http"
	"strings"
)

// DailyBot meters each credential per named scope (its rate-limit page):
// reads, general writes, messaging, e-mail, invitations, workflow triggers
// and the agent family each have their own allowance, so a 429 in one scope
// does not hold back the others. The per-scope numbers are not published.
const (
	scopeReads     = "reads"
	scopeWrites    = "writes"
	scopeMessaging = "messaging"
	scopeEmail     = "email"
	scopeInvite    = "invitations"
	scopeTriggers  = "workflow-triggers"
	scopeAgents    = "agents"
)

// rateScope returns the DailyBot rate-limit scope of req, whose path starts
// with basePath (the base URL's path).
func rateScope(basePath string, req *http.Request) string {
	path := "/" + strings.TrimPrefix(strings.TrimPrefix(req.URL.Path, strings.TrimRight(basePath, "/")), "/")
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	switch {
	case first == "agent" || strings.HasPrefix(first, "agent-"):
		return scopeAgents
	case first == "send-message" || first == "open-conversation":
		return scopeMessaging
	case first == "send-email":
		return scopeEmail
	case first == "invite-user" && req.Method == http.MethodPost:
		return scopeInvite
	case first == "workflows" && strings.HasSuffix(path, "/trigger/") && req.Method == http.MethodPost:
		return scopeTriggers
	case req.Method == http.MethodGet || req.Method == http.MethodHead:
		return scopeReads
	default:
		return scopeWrites
	}
}
