package dailybot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/internal/undeclared"
	"github.com/botsdk/botsdk/specs"
)

// pageAnswer is a page of one item of type item, with the undeclared key in
// the envelope and in every object of the item.
func pageAnswer(item reflect.Type) string {
	return fmt.Sprintf(`{"count":1,"next":null,"previous":null,"results":[%s],%q:"$"}`, undeclared.Answer(item), undeclared.Key)
}

// answer is a T with every field filled and the undeclared key in every object.
func answer[T any]() string { return string(undeclared.Answer(reflect.TypeFor[T]())) }

func pageOf[T any]() string { return pageAnswer(reflect.TypeFor[T]()) }

// first returns the first item of seq.
func first[T any](seq func(func(T, error) bool)) (any, error) {
	for item, err := range seq {
		return item, err
	}
	return nil, fmt.Errorf("no item")
}

// TestUndeclaredKeysReachEveryResult: for every type a method of the client
// returns, and every object type inside it, a server answer that fills every
// field and adds a key the spec does not declare at every depth is decoded
// through the client, and every object of the result gives the key back
// (Get). The last subtest fails when an object type a method can return is
// not reached by the table.
func TestUndeclaredKeysReachEveryResult(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		answer string
		call   func(c *dailybot.Client) (any, error)
	}{
		{"Me.Get", answer[dailybot.Me](), func(c *dailybot.Client) (any, error) { return c.Me.Get(ctx, dailybot.GetMeParams{}) }},
		{"Organization.Get", answer[dailybot.Organization](), func(c *dailybot.Client) (any, error) { return c.Organization.Get(ctx) }},
		{"Checkins.Get", answer[dailybot.Checkin](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.Get(ctx, "c-1", dailybot.GetCheckinParams{IncludeSummary: true})
		}},
		{"Checkins.Create", answer[dailybot.Checkin](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "n", Template: "t"})
		}},
		{"Checkins.Update", answer[dailybot.Checkin](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{EndOn: dailybot.Clear()})
		}},
		{"Checkins.ListPage", pageOf[dailybot.Checkin](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.ListPage(ctx, dailybot.ListCheckinsParams{})
		}},
		{"Checkins.List", pageOf[dailybot.Checkin](), func(c *dailybot.Client) (any, error) {
			return first(c.Checkins.List(ctx, dailybot.ListCheckinsParams{}))
		}},
		{"Checkins.ResponsesPage", pageOf[dailybot.CheckinResponse](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.ResponsesPage(ctx, "c-1", dailybot.ListCheckinResponsesParams{})
		}},
		{"Checkins.Responses", pageOf[dailybot.CheckinResponse](), func(c *dailybot.Client) (any, error) {
			return first(c.Checkins.Responses(ctx, "c-1", dailybot.ListCheckinResponsesParams{}))
		}},
		{"Checkins.Complete", answer[dailybot.CheckinFillResult](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.Complete(ctx, "c-1", dailybot.CompleteCheckinParams{Answers: []dailybot.Answer{{QuestionUUID: "q", Response: "x"}}})
		}},
		{"Checkins.Detail", answer[dailybot.CheckinDetail](), func(c *dailybot.Client) (any, error) { return c.Checkins.Detail(ctx, "c-1") }},
		{"Checkins.CreateWithQuestions", answer[dailybot.CheckinDetail](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.CreateWithQuestions(ctx, dailybot.CreateCheckinWithQuestionsParams{Name: "Standup",
				Participants: dailybot.CheckinParticipantsInput{UserUUIDs: &[]string{"u-1"}},
				Questions:    []dailybot.QuestionParams{{QuestionType: "text", Question: "Q?", ShortQuestion: "Q"}}})
		}},
		{"Checkins.UpdateConfig", answer[dailybot.CheckinDetail](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.UpdateConfig(ctx, "c-1", dailybot.UpdateCheckinConfigParams{Name: dailybot.Ptr("Standup")})
		}},
		{"Checkins.AddQuestion", answer[dailybot.Question](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.AddQuestion(ctx, "c-1", dailybot.QuestionParams{QuestionType: "text", Question: "Q?", ShortQuestion: "Q"})
		}},
		{"Checkins.UpdateQuestion", answer[dailybot.Question](), func(c *dailybot.Client) (any, error) {
			return c.Checkins.UpdateQuestion(ctx, "c-1", "q-1", dailybot.UpdateQuestionParams{Question: dailybot.Ptr("Q?")})
		}},
		{"Forms.List", pageOf[dailybot.Form](), func(c *dailybot.Client) (any, error) { return first(c.Forms.List(ctx, dailybot.ListFormsParams{})) }},
		{"Forms.ListPage", pageOf[dailybot.Form](), func(c *dailybot.Client) (any, error) {
			return c.Forms.ListPage(ctx, dailybot.ListFormsParams{ListOptions: dailybot.ListOptions{PageSize: 10}})
		}},
		{"Forms.OwnersPage", pageOf[dailybot.FormOwner](), func(c *dailybot.Client) (any, error) {
			return c.Forms.OwnersPage(ctx, dailybot.ListFormOwnersParams{})
		}},
		{"Forms.Create", answer[dailybot.AuthoredForm](), func(c *dailybot.Client) (any, error) {
			return c.Forms.Create(ctx, dailybot.CreateFormParams{Name: "Incident", Questions: []dailybot.QuestionParams{
				{QuestionType: "text", Question: "Q?", ShortQuestion: "Q"}}})
		}},
		{"Forms.UpdateConfig", answer[dailybot.AuthoredForm](), func(c *dailybot.Client) (any, error) {
			return c.Forms.UpdateConfig(ctx, "f-1", dailybot.UpdateFormConfigParams{Name: dailybot.Ptr("Incident")})
		}},
		{"Forms.AddQuestion", answer[dailybot.Question](), func(c *dailybot.Client) (any, error) {
			return c.Forms.AddQuestion(ctx, "f-1", dailybot.QuestionParams{QuestionType: "text", Question: "Q?", ShortQuestion: "Q"})
		}},
		{"Forms.UpdateQuestion", answer[dailybot.Question](), func(c *dailybot.Client) (any, error) {
			return c.Forms.UpdateQuestion(ctx, "f-1", "q-1", dailybot.UpdateQuestionParams{Question: dailybot.Ptr("Q?")})
		}},
		{"Forms.Get", answer[dailybot.FormDetail](), func(c *dailybot.Client) (any, error) { return c.Forms.Get(ctx, "f-1") }},
		{"FormResponses.ListPage", pageOf[dailybot.FormResponse](), func(c *dailybot.Client) (any, error) {
			return c.FormResponses.ListPage(ctx, "f-1", dailybot.ListFormResponsesParams{})
		}},
		{"FormResponses.List", pageOf[dailybot.FormResponse](), func(c *dailybot.Client) (any, error) {
			return first(c.FormResponses.List(ctx, "f-1", dailybot.ListFormResponsesParams{}))
		}},
		{"FormResponses.Get", answer[dailybot.FormResponse](), func(c *dailybot.Client) (any, error) {
			return c.FormResponses.Get(ctx, "f-1", "r-1")
		}},
		{"FormResponses.Submit", answer[dailybot.FormResponse](), func(c *dailybot.Client) (any, error) {
			return c.FormResponses.Submit(ctx, "f-1", dailybot.SubmitFormResponseParams{Content: map[string]any{"q": 1}})
		}},
		{"FormResponses.Update", answer[dailybot.FormResponse](), func(c *dailybot.Client) (any, error) {
			return c.FormResponses.Update(ctx, "f-1", "r-1", dailybot.UpdateFormResponseParams{Content: map[string]any{"q": 1}})
		}},
		{"FormResponses.Transition", answer[dailybot.FormResponse](), func(c *dailybot.Client) (any, error) {
			return c.FormResponses.Transition(ctx, "f-1", "r-1", dailybot.TransitionFormResponseParams{ToState: "qa"})
		}},
		{"ReportChannels.List", answer[gendailybot.ReportChannelList](), func(c *dailybot.Client) (any, error) {
			return c.ReportChannels.List(ctx, dailybot.ListReportChannelsParams{})
		}},
		{"Templates.ListPage", pageOf[dailybot.Template](), func(c *dailybot.Client) (any, error) {
			return c.Templates.ListPage(ctx, dailybot.ListTemplatesParams{Type: dailybot.TemplateTypeCheckins})
		}},
		{"Templates.Get", answer[dailybot.Template](), func(c *dailybot.Client) (any, error) { return c.Templates.Get(ctx, "t-1") }},
		{"Users.ListPage", pageOf[dailybot.User](), func(c *dailybot.Client) (any, error) {
			return c.Users.ListPage(ctx, dailybot.ListUsersParams{})
		}},
		{"Users.Get", answer[dailybot.User](), func(c *dailybot.Client) (any, error) { return c.Users.Get(ctx, "u-1", dailybot.GetUserParams{}) }},
		{"Teams.ListPage", pageOf[dailybot.Team](), func(c *dailybot.Client) (any, error) {
			return c.Teams.ListPage(ctx, dailybot.ListTeamsParams{})
		}},
		{"Teams.Get", answer[dailybot.Team](), func(c *dailybot.Client) (any, error) { return c.Teams.Get(ctx, "t-1") }},
		{"Teams.MembersPage", pageOf[dailybot.User](), func(c *dailybot.Client) (any, error) {
			return c.Teams.MembersPage(ctx, "t-1", dailybot.ListTeamMembersParams{})
		}},
		{"Kudos.Give", answer[dailybot.Kudos](), func(c *dailybot.Client) (any, error) {
			return c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{"u-1"}, Content: "c"})
		}},
		{"Kudos.ListPage", pageOf[dailybot.Kudos](), func(c *dailybot.Client) (any, error) {
			return c.Kudos.ListPage(ctx, dailybot.ListKudosParams{})
		}},
		{"Kudos.ListOrganization", pageOf[dailybot.Kudos](), func(c *dailybot.Client) (any, error) {
			return first(c.Kudos.ListOrganization(ctx, dailybot.ListOrganizationKudosParams{}))
		}},
		{"Kudos.WallOfFame", answer[dailybot.KudosWallOfFame](), func(c *dailybot.Client) (any, error) {
			return c.Kudos.WallOfFame(ctx, dailybot.GetKudosWallOfFameParams{})
		}},
		{"Mood.Get", answer[dailybot.MoodEntry](), func(c *dailybot.Client) (any, error) { return c.Mood.Get(ctx, dailybot.GetMoodParams{}) }},
		{"Mood.Track", answer[dailybot.MoodTracked](), func(c *dailybot.Client) (any, error) {
			return c.Mood.Track(ctx, dailybot.TrackMoodParams{Score: 3})
		}},
		{"ImportantDates.Get", answer[dailybot.ImportantDate](), func(c *dailybot.Client) (any, error) {
			return c.ImportantDates.Get(ctx, "d-1")
		}},
		{"ImportantDates.List", pageOf[dailybot.ImportantDate](), func(c *dailybot.Client) (any, error) {
			return c.ImportantDates.List(ctx, "u-1")
		}},
		{"Messages.Send", answer[dailybot.SentMessage](), func(c *dailybot.Client) (any, error) {
			return c.Messages.Send(ctx, dailybot.SendMessageParams{Message: "m", TargetUsers: []string{"u-1"}})
		}},
		{"Conversations.Open", answer[dailybot.OpenedConversation](), func(c *dailybot.Client) (any, error) {
			return c.Conversations.Open(ctx, dailybot.OpenConversationParams{UsersUUIDs: []string{"u-1"}})
		}},
		{"Webhooks.Subscribe", answer[gendailybot.WebhookSubscription](), func(c *dailybot.Client) (any, error) {
			return c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{HookURL: "https://hooks.example/db"})
		}},
		{"Workflows.ListPage", pageOf[dailybot.Workflow](), func(c *dailybot.Client) (any, error) {
			return c.Workflows.ListPage(ctx, dailybot.ListWorkflowsParams{})
		}},
		{"Workflows.List", pageOf[dailybot.Workflow](), func(c *dailybot.Client) (any, error) {
			return first(c.Workflows.List(ctx, dailybot.ListWorkflowsParams{}))
		}},
		{"Workflows.Get", answer[dailybot.Workflow](), func(c *dailybot.Client) (any, error) { return c.Workflows.Get(ctx, "w-1") }},
		{"Workflows.Create", answer[dailybot.Workflow](), func(c *dailybot.Client) (any, error) {
			return c.Workflows.Create(ctx, map[string]any{"name": "n"})
		}},
		{"Workflows.Duplicate", answer[dailybot.Workflow](), func(c *dailybot.Client) (any, error) { return c.Workflows.Duplicate(ctx, "w-1") }},
		{"Workflows.Trigger", answer[dailybot.WorkflowTriggerAccepted](), func(c *dailybot.Client) (any, error) {
			return c.Workflows.Trigger(ctx, "w-1", dailybot.TriggerWorkflowParams{})
		}},
		{"Invitations.Invite", answer[dailybot.InviteUsersResult](), func(c *dailybot.Client) (any, error) {
			return c.Invitations.Invite(ctx, dailybot.InviteUsersParams{UsersIdentifiers: []string{"a@example.com"}})
		}},
		{"Invitations.ListPage", pageOf[dailybot.PendingInvitation](), func(c *dailybot.Client) (any, error) {
			return c.Invitations.ListPage(ctx, dailybot.ListInvitationsParams{})
		}},
		{"Agents.CreateReport", answer[dailybot.AgentReport](), func(c *dailybot.Client) (any, error) {
			return c.Agents.CreateReport(ctx, dailybot.CreateAgentReportParams{AgentName: "a", Content: "c"})
		}},
		{"Agents.SetHealth", answer[dailybot.AgentHealth](), func(c *dailybot.Client) (any, error) {
			return c.Agents.SetHealth(ctx, dailybot.SetAgentHealthParams{AgentName: "a", OK: true})
		}},
		{"Agents.Health", answer[dailybot.AgentHealth](), func(c *dailybot.Client) (any, error) { return c.Agents.Health(ctx, "a") }},
		{"Agents.SetWebhook", answer[dailybot.AgentWebhook](), func(c *dailybot.Client) (any, error) {
			return c.Agents.SetWebhook(ctx, dailybot.SetAgentWebhookParams{AgentName: "a", WebhookURL: "https://hooks.example/a"})
		}},
		{"Agents.DeleteWebhook", answer[dailybot.DetailMessage](), func(c *dailybot.Client) (any, error) {
			return c.Agents.DeleteWebhook(ctx, "a")
		}},
		{"Agents.SendMessage", answer[dailybot.AgentMessage](), func(c *dailybot.Client) (any, error) {
			return c.Agents.SendMessage(ctx, dailybot.SendAgentMessageParams{AgentName: "a", Content: "c"})
		}},
		{"Agents.Messages", "[" + answer[dailybot.AgentMessage]() + "]", func(c *dailybot.Client) (any, error) {
			return c.Agents.Messages(ctx, dailybot.ListAgentMessagesParams{AgentName: "a"})
		}},
		{"Agents.MarkMessagesRead", answer[dailybot.AgentMessagesRead](), func(c *dailybot.Client) (any, error) {
			return c.Agents.MarkMessagesRead(ctx, "m-1")
		}},
		{"Agents.SendEmail", answer[dailybot.AgentEmailSent](), func(c *dailybot.Client) (any, error) {
			return c.Agents.SendEmail(ctx, dailybot.SendAgentEmailParams{AgentName: "a", To: []string{"x@example.com"}, Subject: "s", BodyHTML: "b"})
		}},
		{"Agents.RegisterChallenge", answer[dailybot.AgentRegisterChallenge](), func(c *dailybot.Client) (any, error) {
			return c.Agents.RegisterChallenge(ctx)
		}},
		{"Agents.Register", answer[dailybot.AgentRegistration](), func(c *dailybot.Client) (any, error) {
			return c.Agents.Register(ctx, dailybot.RegisterAgentParams{ChallengeID: "c", Answer: "a", Reason: "r", OrgName: "o", AgentName: "a", Timezone: "UTC"})
		}},
		{"Page", pageOf[dailybot.Checkin](), func(c *dailybot.Client) (any, error) { return c.Page(ctx, http.MethodGet, "/checkins/", nil, nil) }},
		{"WebhookEvent", "", func(*dailybot.Client) (any, error) {
			return webhookEvent(t, answer[dailybot.FollowupResponseEventBody]())
		}},
		{"WebhookEvent.CheckinResponse", "", func(*dailybot.Client) (any, error) {
			ev, err := webhookEvent(t, answer[dailybot.FollowupResponseEventBody]())
			require.NoError(t, err)
			return ev.CheckinResponse()
		}},
		{"WebhookEvent.FormResponse", "", func(*dailybot.Client) (any, error) {
			ev, err := webhookEvent(t, answer[dailybot.FormResponseEventBody](), dailybot.EventFormsResponseCreated)
			require.NoError(t, err)
			return ev.FormResponse()
		}},
		{"WebhookEvent.Kudos", "", func(*dailybot.Client) (any, error) {
			ev, err := webhookEvent(t, answer[dailybot.KudosPostedEventBody](), dailybot.EventKudosPosted)
			require.NoError(t, err)
			return ev.Kudos()
		}},
	}
	reached := map[reflect.Type]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { write(w, 200, tt.answer) }))
			t.Cleanup(srv.Close)
			c, err := dailybot.New(testKey, botsdkBase(srv.URL))
			require.NoError(t, err)
			got, err := tt.call(c)
			require.NoError(t, err)
			r := undeclared.Check(t, got)
			require.NotEmpty(t, r)
			for typ := range r {
				reached[typ] = true
			}
		})
	}
	t.Run("every object type a method returns is reached", func(t *testing.T) {
		c, err := dailybot.New(testKey)
		require.NoError(t, err)
		want := map[reflect.Type]bool{}
		for _, root := range undeclared.Results(c, &dailybot.WebhookEvent{}) {
			if root == reflect.TypeFor[*botsdk.Response]() {
				continue // Do's answer: its Body is the server's bytes
			}
			for typ := range undeclared.ObjectTypes(root) {
				want[typ] = true
			}
		}
		assert.Empty(t, undeclared.Missing(want, reached))
	})
}

// webhookEvent delivers an event whose envelope and body carry newKey and
// returns the event the callback got.
func webhookEvent(t *testing.T, body string, event ...dailybot.EventName) (*dailybot.WebhookEvent, error) {
	name := dailybot.EventFollowupsResponseCompleted
	if len(event) > 0 {
		name = event[0]
	}
	rc := &receiver{}
	h, err := dailybot.NewWebhookHandler("", rc.fn)
	require.NoError(t, err)
	delivery := fmt.Sprintf(`{"event":%q,"event_timestamp":1707154471.5,"hook":{"id":"h",%q:"$.hook"},"body":%s,%q:"$"}`, name, undeclared.Key, body, undeclared.Key)
	w := deliver(h, "", []byte(delivery))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Len(t, rc.events, 1)
	v, ok := rc.events[0].Get(undeclared.Key)
	assert.True(t, ok && v == "$", "Get reads the envelope's undeclared key")
	return rc.events[0], nil
}

// TestRawItemsKeepEveryKey: Items hands each item over as the server sent it.
func TestRawItemsKeepEveryKey(t *testing.T) {
	c, _, _ := newClient(t, reply(200, `{"count":1,"next":null,"previous":null,"results":[{"id":"c-1","mood":{"deep":[1]}}],"extra":true}`))
	var items []json.RawMessage
	for it, err := range c.Items(context.Background(), http.MethodGet, "/checkins/", nil, nil) {
		require.NoError(t, err)
		items = append(items, it)
	}
	require.Len(t, items, 1)
	assert.JSONEq(t, `{"id":"c-1","mood":{"deep":[1]}}`, string(items[0]))
	p, err := c.Page(context.Background(), http.MethodGet, "/checkins/", nil, nil)
	require.NoError(t, err)
	v, ok := p.Get("extra")
	assert.True(t, ok)
	assert.Equal(t, true, v)
}

// TestPageRoundTrip: a page decoded and encoded again is the page the
// server sent, undeclared keys, null links and bare arrays included.
func TestPageRoundTrip(t *testing.T) {
	tests := []struct{ name, in string }{
		{"envelope", `{"count":2,"next":"https://api.dailybot.com/v1/users/?offset=1","previous":null,"results":[{"uuid":"u-1","x":1}],"total_pages":2}`},
		{"without count and links", `{"results":[]}`},
		{"bare array", `[{"id":"f-1","y":[true]}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p dailybot.Page[json.RawMessage]
			require.NoError(t, json.Unmarshal([]byte(tt.in), &p))
			out, err := json.Marshal(p)
			require.NoError(t, err)
			assert.JSONEq(t, tt.in, string(out))
		})
	}
}

// TestSpecListExamplesRoundTrip: every list answer of specs/dailybot.yaml
// (the old doc's envelopes, the v3 docs' envelope and bare array) decodes
// into a Page and encodes back to the same JSON.
func TestSpecListExamplesRoundTrip(t *testing.T) {
	doc, err := specs.Load(context.Background(), "dailybot")
	require.NoError(t, err)
	n := 0
	for _, ex := range specs.Examples(doc) {
		// Report channels are no paged list: {channels, total} has its own
		// decoder (ReportChannels), tested in TestMethods.
		if ex.In != "response" || ex.Status != "200" || !strings.HasPrefix(ex.OperationID, "list") || ex.OperationID == "listReportChannels" {
			continue
		}
		n++
		t.Run(ex.OperationID+" "+ex.Name, func(t *testing.T) {
			in, err := json.Marshal(ex.Value)
			require.NoError(t, err)
			var p dailybot.Page[json.RawMessage]
			require.NoError(t, json.Unmarshal(in, &p))
			assert.NotEmpty(t, p.Results)
			out, err := json.Marshal(p)
			require.NoError(t, err)
			assert.JSONEq(t, string(in), string(out))
		})
	}
	assert.GreaterOrEqual(t, n, 9)
}
