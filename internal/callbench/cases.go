package callbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// Case is one call measured through the SDK and through the baseline.
type Case struct {
	// Name names the call in benchmark names and the report.
	Name string
	// SDK and Baseline are the two benchmarks, each one call per iteration.
	SDK, Baseline func(b *testing.B)
	// Unbounded, when set, is SDK with an HTTP client that bounds no
	// attempt, as the baseline's bounds none: the SDK's own share, beside
	// net/http's deadline for botsdk.DefaultTimeout.
	Unbounded func(b *testing.B)
}

// Cases are the paired calls: a DailyBot users page of 100, an AssistBot
// standup history of 100 reports, a Bot Open transcripts page of 100
// entries and a DailyBot send-message (a write).
func Cases() []Case {
	return []Case{
		{Name: "DailyBotUsersPage", SDK: DailyBotUsersPage, Baseline: DailyBotUsersPageBaseline},
		{Name: "AssistBotStandupHistory", SDK: AssistBotStandupHistory, Baseline: AssistBotStandupHistoryBaseline},
		{Name: "BotOpenTranscriptsPage", SDK: BotOpenTranscriptsPage, Baseline: BotOpenTranscriptsPageBaseline},
		{Name: "DailyBotSendMessage", SDK: DailyBotSendMessage, Baseline: DailyBotSendMessageBaseline, Unbounded: DailyBotSendMessageUnbounded},
	}
}

// Warm builds every server answer (the specs are loaded once), so that
// the first benchmark run does not pay for it.
func Warm() error {
	for _, build := range []func() ([]byte, error){usersPage, standupHistory, transcriptsPage, sentMessage} {
		if _, err := build(); err != nil {
			return err
		}
	}
	return nil
}

// Items is how many items each list answer holds.
const Items = 100

const apiKey = "bench-api-key-0123456789"

// payload builds a server answer or fails the benchmark.
func payload(b *testing.B, build func() ([]byte, error)) []byte {
	b.Helper()
	body, err := build()
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// usersPage, built once, is GET /users/ with 100 users built from the spec's example.
var usersPage = sync.OnceValues(func() ([]byte, error) {
	v, err := example("dailybot", "listUsers", "documented")
	if err != nil {
		return nil, err
	}
	v["next"] = "https://api.dailybot.com/v1/users/?limit=100&offset=100"
	return repeat(v, "results", Items, map[string]func(int) any{
		"uuid":     func(i int) any { return fmt.Sprintf("5945bf02-66f5-4b29-bbd6-%012d", i) },
		"username": func(i int) any { return fmt.Sprintf("user%d", i) },
	}, "count")
})

// standupHistory, built once, is POST /v1/history/standups with 100 reports.
var standupHistory = sync.OnceValues(func() ([]byte, error) {
	v, err := example("assistbot", "listStandupHistory", "docExample")
	if err != nil {
		return nil, err
	}
	return repeat(v, "data", Items, map[string]func(int) any{
		"id":        func(i int) any { return 1000 + i },
		"member_id": func(i int) any { return 2 + i%40 },
	}, "count")
})

// transcriptsPage, built once, is POST /transcripts with 100 text messages.
var transcriptsPage = sync.OnceValues(func() ([]byte, error) {
	v, err := example("botopen", "listTranscripts", "constructedObservedTextMessage")
	if err != nil {
		return nil, err
	}
	v["paginationDetails"] = map[string]any{"limit": Items, "page": 1, "pages": 3, "total": 3 * Items}
	return repeat(v, "transcripts", Items, map[string]func(int) any{
		"text": func(i int) any { return map[string]any{"message": fmt.Sprintf("Hi, where is my order %d?", i)} },
	})
})

// sentMessage, built once, is POST /send-message/'s answer.
var sentMessage = sync.OnceValues(func() ([]byte, error) {
	v, err := example("dailybot", "sendMessage", "v3")
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
})

// loginAnswer is Bot Open's POST /login answer: a token with no expiry,
// used until the server refuses it.
var loginAnswer = []byte(`{"authToken":"bench-token-0123456789"}`)

// baselineClient is the baseline's HTTP client: net/http's defaults, as a
// hand-written client would have them.
func baselineClient() *http.Client {
	return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
}

// fetch is the baseline's request path: send req, read the whole body,
// fail on a status other than 2xx.
func fetch(hc *http.Client, req *http.Request) ([]byte, error) {
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, body)
	}
	return body, nil
}

// decodeItems decodes each raw item into a plain struct, keeping the raw
// bytes beside it: the hand-written way to lose no key.
func decodeItems[T any](raw []json.RawMessage, keep func(*T, json.RawMessage)) ([]T, error) {
	out := make([]T, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal(r, &out[i]); err != nil {
			return nil, err
		}
		keep(&out[i], r)
	}
	return out, nil
}

// plainUser is the baseline's DailyBot user: the fields the spec declares.
type plainUser struct {
	Anniversary      *string `json:"anniversary"`
	BirthDate        *string `json:"birth_date"`
	BotEnabled       bool    `json:"bot_enabled"`
	ChatPlatformData struct {
		ExternalGridID *string `json:"external_grid_id"`
		UserExternalID string  `json:"user_external_id"`
	} `json:"chat_platform_data"`
	Email        string `json:"email"`
	FullName     string `json:"full_name"`
	HourInitWork string `json:"hour_init_work"`
	Image        string `json:"image"`
	IsActive     bool   `json:"is_active"`
	Occupation   string `json:"occupation"`
	Organization struct {
		Name     string `json:"name"`
		PlanName string `json:"plan_name"`
		UUID     string `json:"uuid"`
	} `json:"organization"`
	Role          string          `json:"role"`
	TimeoffEnd    *string         `json:"timeoff_end"`
	TimeoffStart  *string         `json:"timeoff_start"`
	Timezone      string          `json:"timezone"`
	Username      string          `json:"username"`
	UUID          string          `json:"uuid"`
	WorkDays      []int           `json:"work_days"`
	WorkStartTime string          `json:"work_start_time"`
	Raw           json.RawMessage `json:"-"`
}

// DailyBotUsersPage is Users.ListPage with a limit of 100.
func DailyBotUsersPage(b *testing.B) {
	srv := serve(b, payload(b, usersPage), nil)
	c, err := dailybot.New(apiKey, dailybot.WithBaseURL(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		p, err := c.Users.ListPage(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: Items}})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Results) != Items {
			b.Fatalf("got %d users", len(p.Results))
		}
	}
}

// DailyBotUsersPageBaseline is the same page with net/http and encoding/json.
func DailyBotUsersPageBaseline(b *testing.B) {
	srv := serve(b, payload(b, usersPage), nil)
	hc := baselineClient()
	ctx := context.Background()
	type page struct {
		Count    int               `json:"count"`
		Next     *string           `json:"next"`
		Previous *string           `json:"previous"`
		Results  []json.RawMessage `json:"results"`
	}
	b.ReportAllocs()
	for b.Loop() {
		q := url.Values{"limit": {"100"}}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/users/?"+q.Encode(), nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("X-API-KEY", apiKey)
		body, err := fetch(hc, req)
		if err != nil {
			b.Fatal(err)
		}
		var p page
		if err := json.Unmarshal(body, &p); err != nil {
			b.Fatal(err)
		}
		users, err := decodeItems(p.Results, func(u *plainUser, r json.RawMessage) { u.Raw = r })
		if err != nil {
			b.Fatal(err)
		}
		if len(users) != Items {
			b.Fatalf("got %d users", len(users))
		}
	}
}

// plainReport is the baseline's AssistBot standup report.
type plainReport struct {
	DepartmentsID []int   `json:"departments_id"`
	FileName      *string `json:"file_name"`
	FileURL       *string `json:"file_url"`
	ID            int     `json:"id"`
	LaunchDt      int64   `json:"launch_dt"`
	MemberID      int     `json:"member_id"`
	Questions     []struct {
		AnswerType string `json:"answer_type"`
		Blocker    bool   `json:"blocker"`
		ID         int    `json:"id"`
		Title      string `json:"title"`
	} `json:"questions"`
	Responses []struct {
		Answer     *string `json:"answer"`
		AnswerDt   *int64  `json:"answer_dt"`
		ID         int     `json:"id"`
		QuestionID int     `json:"question_id"`
		SendDt     int64   `json:"send_dt"`
	} `json:"responses"`
	StandupID   int             `json:"standup_id"`
	StandupName string          `json:"standup_name"`
	Raw         json.RawMessage `json:"-"`
}

// AssistBotStandupHistory is History.Standups answered with 100 reports.
func AssistBotStandupHistory(b *testing.B) {
	srv := serve(b, payload(b, standupHistory), nil)
	c, err := assistbot.New(apiKey, assistbot.WithBaseURL(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		reports, err := c.History.Standups(ctx, assistbot.ListStandupHistoryParams{StandupID: 1})
		if err != nil {
			b.Fatal(err)
		}
		if len(reports) != Items {
			b.Fatalf("got %d reports", len(reports))
		}
	}
}

// AssistBotStandupHistoryBaseline is the same call with net/http and
// encoding/json.
func AssistBotStandupHistoryBaseline(b *testing.B) {
	srv := serve(b, payload(b, standupHistory), nil)
	hc := baselineClient()
	ctx := context.Background()
	type envelope struct {
		Count  int               `json:"count"`
		Data   []json.RawMessage `json:"data"`
		Status bool              `json:"status"`
	}
	b.ReportAllocs()
	for b.Loop() {
		data, err := json.Marshal(map[string]any{"standup_id": 1})
		if err != nil {
			b.Fatal(err)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/v1/history/standups", bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+apiKey)
		body, err := fetch(hc, req)
		if err != nil {
			b.Fatal(err)
		}
		var env envelope
		if err := json.Unmarshal(body, &env); err != nil {
			b.Fatal(err)
		}
		if !env.Status {
			b.Fatal("status false")
		}
		reports, err := decodeItems(env.Data, func(r *plainReport, raw json.RawMessage) { r.Raw = raw })
		if err != nil {
			b.Fatal(err)
		}
		if len(reports) != Items {
			b.Fatalf("got %d reports", len(reports))
		}
	}
}

// plainTranscript is the baseline's Bot Open transcript entry: the keys
// of the observed text message.
type plainTranscript struct {
	CreatedAt     string                   `json:"createdAt"`
	From          string                   `json:"from"`
	IsPreviewUser bool                     `json:"isPreviewUser"`
	Text          struct{ Message string } `json:"text"`
	Type          string                   `json:"type"`
	UpdatedAt     string                   `json:"updatedAt"`
	Raw           json.RawMessage          `json:"-"`
}

// BotOpenTranscriptsPage is Transcripts.ListPage with a limit of 100
// (the login happens once, before the loop).
func BotOpenTranscriptsPage(b *testing.B) {
	srv := serve(b, payload(b, transcriptsPage), loginAnswer)
	c, err := botopen.New("bench-app", "bench-secret-0123456789", botopen.WithBaseURL(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	params := botopen.ListTranscriptsParams{BotUserID: "+919876543210", ChannelID: botopen.ChannelIDWhatsapp, Page: 1, Limit: Items}
	if _, err := c.Transcripts.ListPage(ctx, params); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p, err := c.Transcripts.ListPage(ctx, params)
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Results) != Items {
			b.Fatalf("got %d entries", len(p.Results))
		}
	}
}

// BotOpenTranscriptsPageBaseline is the same page with net/http and
// encoding/json.
func BotOpenTranscriptsPageBaseline(b *testing.B) {
	srv := serve(b, payload(b, transcriptsPage), loginAnswer)
	hc := baselineClient()
	ctx := context.Background()
	type page struct {
		BotUser struct {
			CustomFields map[string]any `json:"customFields"`
			Tags         []string       `json:"tags"`
		} `json:"botUser"`
		PaginationDetails struct {
			Limit, Page, Pages, Total int
		} `json:"paginationDetails"`
		Transcripts []json.RawMessage `json:"transcripts"`
	}
	token := "bench-token-0123456789"
	b.ReportAllocs()
	for b.Loop() {
		data, err := json.Marshal(map[string]any{"botUserId": "+919876543210", "channelId": 1})
		if err != nil {
			b.Fatal(err)
		}
		q := url.Values{"page": {"1"}, "limit": {"100"}}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/transcripts?"+q.Encode(), bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", token)
		body, err := fetch(hc, req)
		if err != nil {
			b.Fatal(err)
		}
		var p page
		if err := json.Unmarshal(body, &p); err != nil {
			b.Fatal(err)
		}
		entries, err := decodeItems(p.Transcripts, func(t *plainTranscript, raw json.RawMessage) { t.Raw = raw })
		if err != nil {
			b.Fatal(err)
		}
		if len(entries) != Items {
			b.Fatalf("got %d entries", len(entries))
		}
	}
}

// DailyBotSendMessage is Messages.Send to two users.
func DailyBotSendMessage(b *testing.B) { dailyBotSendMessage(b) }

// DailyBotSendMessageUnbounded is DailyBotSendMessage through an HTTP
// client without a Timeout on the SDK's default transport: no attempt is
// bounded, as none of the baseline's is.
func DailyBotSendMessageUnbounded(b *testing.B) {
	dailyBotSendMessage(b, dailybot.WithHTTPClient(&http.Client{Transport: botsdk.NewHTTPTransport(0)}))
}

// dailyBotSendMessage sends the message through a client built with opts.
func dailyBotSendMessage(b *testing.B, opts ...dailybot.Option) {
	srv := serve(b, payload(b, sentMessage), nil)
	c, err := dailybot.New(apiKey, append([]dailybot.Option{dailybot.WithBaseURL(srv.URL)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		m, err := c.Messages.Send(ctx, dailybot.SendMessageParams{Message: "The build is green", TargetUsers: []string{"5945bf02-66f5-4b29-bbd6-000000000001", "5945bf02-66f5-4b29-bbd6-000000000002"}})
		if err != nil {
			b.Fatal(err)
		}
		if m.BotMessageID == nil {
			b.Fatal("no bot_message_id")
		}
	}
}

// DailyBotSendMessageBaseline is the same write with net/http and
// encoding/json.
func DailyBotSendMessageBaseline(b *testing.B) {
	srv := serve(b, payload(b, sentMessage), nil)
	hc := baselineClient()
	ctx := context.Background()
	type send struct {
		Message     string   `json:"message"`
		TargetUsers []string `json:"target_users"`
	}
	type sent struct {
		BotMessageID    string          `json:"bot_message_id"`
		ThreadResponses []string        `json:"thread_responses"`
		Raw             json.RawMessage `json:"-"`
	}
	b.ReportAllocs()
	for b.Loop() {
		data, err := json.Marshal(send{Message: "The build is green", TargetUsers: []string{"5945bf02-66f5-4b29-bbd6-000000000001", "5945bf02-66f5-4b29-bbd6-000000000002"}})
		if err != nil {
			b.Fatal(err)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/send-message/", bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-API-KEY", apiKey)
		body, err := fetch(hc, req)
		if err != nil {
			b.Fatal(err)
		}
		var m sent
		if err := json.Unmarshal(body, &m); err != nil {
			b.Fatal(err)
		}
		m.Raw = body
		if m.BotMessageID == "" {
			b.Fatal("no bot_message_id")
		}
	}
}
