package mock

import (
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// sendMessage checks the body and answers 200 {bot_message_id,
// thread_responses} as the v3 docs and the official clients show: the
// message's id is "$db/<uuid>", and thread_responses holds one such id per
// reply, only when replies were sent. Nothing is delivered.
//
// Refused with 400, naming the field: no target; no message and no messages;
// a thread reply with targets of its own (the API's invalid_thread_responses);
// an unknown user or team; an inactive target user (target_user_inactive).
//
// Judgement call on bot_message_id, which the sources disagree on (edit an
// existing message, or a caller-chosen tracking id): the mock answers with the
// id it was given, which is what either reading expects back.
func (a *dailybotAPI) sendMessage(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.SendMessageRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	users, teams := deref(body.TargetUsers), deref(body.TargetTeams)
	switch {
	case len(users)+len(teams)+len(deref(body.TargetChannels)) == 0:
		badField(w, "target_users", "Give target_users, target_teams or target_channels.")
		return
	case deref1(body.Message) == "" && len(deref(body.Messages)) == 0:
		badField(w, "message", "Give message or messages.")
		return
	}
	for _, reply := range deref(body.ThreadResponses) {
		for _, key := range []string{"target_users", "target_teams", "target_channels"} {
			if _, ok := reply.AdditionalProperties[key]; ok {
				writeJSON(w, http.StatusBadRequest, dbError{
					Detail: "Invalid input: thread_responses: replies inherit the parent's targets and take none of their own.",
					Code:   "invalid_thread_responses",
					Errors: map[string][]string{"thread_responses": {"A reply may not set " + key + "."}},
				})
				return
			}
		}
	}
	s := a.store
	s.mu.Lock() // the ids are drawn from the store's source
	defer s.mu.Unlock()
	if s.refuseUnknownUsers(w, "target_users", users) || s.refuseUnknownTeams(w, "target_teams", teams) ||
		s.refuseInactive(w, users) {
		return
	}
	sent := gendailybot.SentMessage{BotMessageID: body.BotMessageID}
	if sent.BotMessageID == nil {
		sent.BotMessageID = ptrTo("$db/" + s.newID())
	}
	if n := len(deref(body.ThreadResponses)); n > 0 {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = "$db/" + s.newID()
		}
		sent.ThreadResponses = &ids
	}
	writeJSON(w, http.StatusOK, sent)
}
