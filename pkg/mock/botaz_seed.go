package mock

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Ids from the Bot.Az doc's examples, seeded so that the doc's requests work
// against the mock as written: the agent MvSzqx36KksKNxHmK, the visitor
// BtR7qAyvZfTWoaC7a (Anar Hasanzade) and the agent message qZkS5QLZSBLKzYAwm
// in that visitor's chat.
const (
	// BotAzExampleAgentID is the agent of the doc's examples.
	BotAzExampleAgentID = "MvSzqx36KksKNxHmK"
	// BotAzExampleVisitorID is the visitor of the doc's examples.
	BotAzExampleVisitorID = "BtR7qAyvZfTWoaC7a"
	// BotAzExampleMessageID is the agent message of the doc's examples.
	BotAzExampleMessageID = "qZkS5QLZSBLKzYAwm"
)

type bzState struct {
	agents   map[string]bool
	visitors map[string]*bzVisitor
	messages map[string]*bzMessage
	// chats lists each visitor's message ids, oldest first (for tests and
	// for anything that lists later).
	chats map[string][]string
}

var bzBrowsers = []struct{ ua, platform string }{
	{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.110 Safari/537.36", "Linux x86_64"},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/71.0.3578.98 Safari/537.36", "Win32"},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.0.2 Safari/605.1.15", "MacIntel"},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 12_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.0 Mobile/15E148 Safari/604.1", "iPhone"},
}

var (
	bzVisitorLines = []string{"Hello!", "How much is the premium plan?", "Do you deliver to Ganja?", "Is anybody there?",
		"I can't log in to my account", "Thanks a lot!", "Can I pay by card?", "What are your opening hours?"}
	bzAgentLines = []string{"Good morning! Can I help you?", "Sure, one moment please.", "Here is the link to our tariff plans.",
		"Yes, we deliver all over Azerbaijan.", "Could you share your email address?", "You're welcome!", "Let me check that for you."}
	bzNotes = []string{"Asked about tariff plans", "Wants a callback", "VIP customer", "Reported a login problem"}
)

// seedBotAz builds agents (the credentials' agent and the doc's among them),
// ~25 visitors over the last 60 days before now, some with cleared fields,
// and chats of alternating visitor and agent messages. A chat that would run
// past now is moved back whole, visitor with it, to end at now.
func seedBotAz(r *rand.Rand, now time.Time, selfID string) *bzState {
	s := &bzState{agents: map[string]bool{}, visitors: map[string]*bzVisitor{}, messages: map[string]*bzMessage{}, chats: map[string][]string{}}
	agents := []string{selfID, BotAzExampleAgentID}
	for range 3 {
		agents = append(agents, meteorID(r))
	}
	for _, a := range agents {
		s.agents[a] = true
	}
	for i := range 25 {
		id := meteorID(r)
		if i == 0 {
			id = BotAzExampleVisitorID
		}
		b := bzBrowsers[r.IntN(len(bzBrowsers))]
		added := now.Add(-time.Duration(r.IntN(60*24*60)) * time.Minute).Add(-time.Duration(r.IntN(1000)) * time.Millisecond)
		v := &bzVisitor{
			ID: id, UserAgent: b.ua, AppName: "Netscape", AppVersion: strings.TrimPrefix(b.ua, "Mozilla/"),
			Platform: b.platform, CookieEnabled: r.IntN(10) > 0, Banned: r.IntN(15) == 0,
			PreformFilled: r.IntN(2) == 0, ShowBotMessages: r.IntN(3) == 0,
		}
		name := personName(r)
		if i == 0 {
			name = "Anar Hasanzade"
		}
		// Most visitors left a name; fewer an email, a phone or notes.
		if i == 0 || r.IntN(4) > 0 {
			v.Name = &name
		}
		if i == 0 || r.IntN(2) == 0 {
			e := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com"
			v.Email = &e
		}
		if i == 0 || r.IntN(2) == 0 {
			ph := fmt.Sprintf("+99450%07d", r.IntN(10000000))
			v.Phone = &ph
		}
		if i == 0 || r.IntN(3) == 0 {
			n := bzNotes[r.IntN(len(bzNotes))]
			v.Notes = &n
		}
		s.visitors[id] = v
		// The chat: the visitor writes first, agents answer.
		at := added.Add(time.Duration(5+r.IntN(60)) * time.Second)
		var chat []*bzMessage
		var sent []time.Time
		agent := agents[1+r.IntN(len(agents)-1)]
		if i == 0 {
			agent = BotAzExampleAgentID
		}
		v.Agents = []string{agent}
		for j := range 3 + r.IntN(10) {
			fromAgent := j%2 == 1
			m := &bzMessage{ID: meteorID(r), VisitorID: id, Seen: r.IntN(5) > 0, fromAgent: fromAgent}
			if i == 0 && j == 1 {
				m.ID = BotAzExampleMessageID
			}
			if fromAgent {
				if r.IntN(6) == 0 && !slices.Contains(v.Agents, agents[0]) {
					agent = agents[0] // the credentials' agent joins some chats
					v.Agents = append(v.Agents, agent)
				}
				m.UserID = agent
				m.Text = bzAgentLines[r.IntN(len(bzAgentLines))]
			} else {
				m.UserID = id
				m.Text = bzVisitorLines[r.IntN(len(bzVisitorLines))]
			}
			chat, sent = append(chat, m), append(sent, at)
			at = at.Add(time.Duration(10+r.IntN(600))*time.Second + time.Duration(r.IntN(1000))*time.Millisecond)
		}
		late := max(at.Sub(now), 0) // how far the chat would run past now
		v.AddedAt, v.LastOnline = bzTime(added.Add(-late)), bzTime(at.Add(-late))
		for j, m := range chat {
			m.SentAt = bzTime(sent[j].Add(-late))
			s.messages[m.ID] = m
			s.chats[id] = append(s.chats[id], m.ID)
		}
	}
	return s
}
