package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// DailyBot's hooks: composed flag values, the webhook event catalogue, and
// the uuid a table reads from templates and forms.

// reportingChannel reads --reporting-metadata TYPE:ID[:NAME]: without a
// type and an id no report can be posted; an empty NAME is left out.
func reportingChannel(v string) (any, error) {
	parts := strings.SplitN(v, ":", 3)
	if len(parts) < 2 || strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "" {
		return nil, fmt.Errorf("want TYPE:ID[:NAME] with a type and an id, e.g. channel:C0123ABCD:standups (got %q)", v)
	}
	ch := map[string]string{"type": parts[0], "id": parts[1]}
	if len(parts) > 2 && parts[2] != "" {
		ch["name"] = parts[2]
	}
	return ch, nil
}

// chatTarget reads a --target-channels value: ID is sent as the bare id
// (as the official clients send it), TYPE:ID with one of the spec's
// ChannelType values and ID#THREAD (a reply into a platform thread) as the
// object {id, channel_type?, thread?}, and dm:ID as the older contract's
// {id, is_channel_message: false}. A prefix that is no channel type is part
// of the id (Microsoft Teams ids contain colons). An empty id or thread
// would post nowhere.
func chatTarget(v string) (any, error) {
	bad := func() error {
		return fmt.Errorf("want ID, TYPE:ID, ID#THREAD or dm:ID with a non-empty id (and thread), where TYPE is one of %s, "+
			"e.g. C0123ABCD, group_chat:G0123ABCD or C0123ABCD#1700000000.000100 (got %q)", strings.Join(channelTypes(), ", "), v)
	}
	if id, ok := strings.CutPrefix(v, "dm:"); ok {
		if strings.TrimSpace(id) == "" {
			return nil, bad()
		}
		return map[string]any{"id": id, "is_channel_message": false}, nil
	}
	ch := map[string]any{}
	id := v
	if typ, rest, ok := strings.Cut(v, ":"); ok && gendailybot.ChannelType(typ).Valid() {
		ch["channel_type"], id = typ, rest
	}
	if rest, thread, ok := strings.Cut(id, "#"); ok {
		if strings.TrimSpace(thread) == "" {
			return nil, bad()
		}
		ch["thread"], id = thread, rest
	}
	if strings.TrimSpace(id) == "" {
		return nil, bad()
	}
	if len(ch) == 0 {
		return id, nil
	}
	ch["id"] = id
	return ch, nil
}

// channelTypes lists the spec's ChannelType values.
func channelTypes() []string {
	return []string{string(gendailybot.ChannelTypeChannel), string(gendailybot.ChannelTypePrivateChannel),
		string(gendailybot.ChannelTypeGroupChat), string(gendailybot.ChannelTypeDirectMessage)}
}

// messageButton reads --buttons LABEL=COMMAND into a Command button (the
// older contract) and LABEL=URL (http or https) into a link button; a button
// without a label shows nothing, one without a command or URL does nothing.
func messageButton(v string) (any, error) {
	label, value, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(label) == "" || strings.TrimSpace(value) == "" {
		return nil, fmt.Errorf("want LABEL=COMMAND or LABEL=URL with both parts, e.g. Start=/standup or Docs=https://example.com (got %q)", v)
	}
	if strings.HasPrefix(value, "https://") || strings.HasPrefix(value, "http://") {
		return map[string]string{"label": label, "url": value, "button_type": "link"}, nil
	}
	return map[string]string{"label": label, "value": value, "button_type": "Command"}, nil
}

// teamMember reads a user id given to teams add-member: the API takes
// {uuid, platform: "dailybot"}.
func teamMember(v string) (any, error) {
	return map[string]string{"uuid": v, "platform": "dailybot"}, nil
}

// uuidFromID fills a row's uuid from its id for the table and csv columns.
// Quirk: templates and forms come with `uuid` or with `id`.
func uuidFromID(row map[string]any) {
	if row["uuid"] == nil {
		row["uuid"] = row["id"]
	}
}

// channelFromBody fills a row's channel from body.channel for the table and
// csv columns. Quirk: open-conversation answers {channel} (official clients)
// or {…, body: {channel}} (the old doc).
func channelFromBody(row map[string]any) {
	if body, ok := row["body"].(map[string]any); ok && row["channel"] == nil {
		row["channel"] = body["channel"]
	}
}

// introMessage fills a template row's intro from intro_message for the
// table and csv columns. Quirk: the old docs name it `intro`,
// dailybot-com.pages.dev `intro_message`.
func introMessage(row map[string]any) {
	if row["intro"] == nil {
		row["intro"] = row["intro_message"]
	}
}

// kudosRow fills a kudos row's id from uuid and its user from sender for
// the table and csv columns. Quirk: a created kudos comes as {id, user, …}
// (old docs), {uuid, sender, …} (dailybot-com.pages.dev) or {uuid} (the
// official CLI's docs).
func kudosRow(row map[string]any) {
	if row["id"] == nil {
		row["id"] = row["uuid"]
	}
	if row["user"] == nil {
		row["user"] = row["sender"]
	}
}

// eventsFlag is --allow-unknown-events. Without it checkEvents refuses an
// event name the spec does not document: DailyBot (and the library) accept
// any name, but deliver only the ones they know, so a typo fails silently.
func eventsFlag(c *opCommand) {
	c.cmd.Flags().Bool("allow-unknown-events", false,
		"subscribe to event names the API's docs do not list (DailyBot accepts any name but delivers only the ones it knows)")
}

func checkEvents(_ context.Context, c *opCommand, _ *client, r *request) (bool, error) {
	var events []string
	_ = json.Unmarshal(r.body["subscriptions"], &events)
	known := c.op.Field("subscriptions").Enum
	for _, ev := range events {
		if allow, _ := c.cmd.Flags().GetBool("allow-unknown-events"); !allow && !slices.Contains(known, ev) {
			return true, usagef("--subscriptions: %q is not a documented event name; the documented ones are %s. "+
				"Pass --allow-unknown-events to subscribe to it anyway", ev, strings.Join(known, ", "))
		}
	}
	return false, nil
}

// answersFlag is --answer TEXT (repeatable): the answers of a check-in in
// question order, so a user need not look up each question's uuid.
func answersFlag(c *opCommand) {
	c.cmd.Flags().StringArray("answer", nil,
		"an answer `TEXT`, in question order (repeat per question); booleans as true/false or yes/no, numerics as numbers. "+
			"Reads the check-in's questions to fill each answer's uuid and index (--data with a responses key is the alternative)")
}

// answersFromDetail builds `responses` from --answer: it reads the
// check-in's questions (GET …/detail/) and gives each answer its question's
// uuid, index and JSON type, as the official CLI does (the API refuses the
// string "false" for a boolean question). A dry run reads nothing: each
// answer goes as its text with its index.
func answersFromDetail(ctx context.Context, c *opCommand, cl *client, r *request) (bool, error) {
	answers, _ := c.cmd.Flags().GetStringArray("answer")
	if len(answers) == 0 {
		return false, nil
	}
	if _, ok := r.body["responses"]; ok {
		return true, usagef("--answer and a `responses` key in --data exclude each other")
	}
	var detail gendailybot.CheckinDetail
	var questions []gendailybot.Question
	if c.app.dry != nil {
		// A dry run looks nothing up: the answers go as given, by index,
		// and the request printed is the command's own.
		questions = make([]gendailybot.Question, len(answers))
	} else if _, err := cl.Do(ctx, "GET", strings.TrimSuffix(r.path, "responses/")+"detail/", nil, nil, &detail); err != nil {
		var apiErr *botsdk.APIError
		if !errors.As(err, &apiErr) || (apiErr.StatusCode != http.StatusUnauthorized && apiErr.StatusCode != http.StatusForbidden &&
			apiErr.StatusCode != http.StatusNotFound) {
			return true, fmt.Errorf("read the check-in's questions: %w", err)
		}
		// A refused credential or an unknown check-in: the fill-out itself
		// is refused the same way (DRF checks both before the body), so it
		// is sent with the answers' indexes only and its own answer is the
		// one reported.
		questions = make([]gendailybot.Question, len(answers))
	} else if detail.Questions != nil {
		questions = *detail.Questions
	}
	if len(answers) > len(questions) {
		return true, usagef("--answer: %d answers for %d questions", len(answers), len(questions))
	}
	items := make([]map[string]any, 0, len(answers))
	for i, text := range answers {
		q := questions[i]
		v, err := typedAnswer(deref(q.QuestionType), text)
		if err != nil {
			return true, usagef("--answer %d (%q): %v", i+1, text, err)
		}
		items = append(items, map[string]any{"uuid": deref(q.UUID), "index": i, "response": v})
	}
	raw, err := json.Marshal(items)
	if err != nil {
		return true, err
	}
	r.body["responses"] = raw
	if _, ok := r.body["last_question_index"]; !ok {
		r.body["last_question_index"] = json.RawMessage(fmt.Sprint(len(answers) - 1))
	}
	return false, nil
}

// typedAnswer converts text to the JSON type of a question_type.
func typedAnswer(kind, text string) (any, error) {
	switch kind {
	case "boolean":
		switch strings.ToLower(strings.TrimSpace(text)) {
		case "true", "yes", "y":
			return true, nil
		case "false", "no", "n":
			return false, nil
		}
		return nil, fmt.Errorf("a boolean question wants true/false or yes/no")
	case "numeric":
		n := json.Number(strings.TrimSpace(text))
		if _, err := n.Float64(); err != nil {
			return nil, fmt.Errorf("a numeric question wants a number")
		}
		return n, nil
	}
	return text, nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// reportChannels sends GET /report-channels/ and prints its channels one per
// item. Quirk: the official CLI's docs answer {channels, total}, its code
// also reads {results} or a bare array, and the list has no paging envelope
// (so the list path, which reads `results`, would print nothing for the
// documented shape). An answer of none of the three shapes is printed whole.
func reportChannels(ctx context.Context, c *opCommand, cl *client, r *request) (bool, error) {
	if err := c.check(r); err != nil {
		return true, err
	}
	var raw json.RawMessage
	if _, err := cl.Do(ctx, c.op.Method, r.path, r.query, r.payload, &raw); err != nil {
		return true, c.print(ctx, cl.Redact, true, listed(nil, err))
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		var w struct{ Channels, Results *[]json.RawMessage }
		switch _ = json.Unmarshal(raw, &w); {
		case w.Channels != nil:
			items = *w.Channels
		case w.Results != nil:
			items = *w.Results
		default:
			if len(bytes.TrimSpace(raw)) > 0 && !json.Valid(raw) {
				// Not JSON: printed as a single answer, which fails so.
				return true, c.print(ctx, cl.Redact, false, listed([]json.RawMessage{raw}, nil))
			}
			items = []json.RawMessage{raw}
		}
	}
	return true, c.print(ctx, cl.Redact, true, listed(items, nil))
}

// idFromUUID fills a row's id from its uuid for the table and csv columns.
// Quirk: report channels come with `id` (the official CLI's docs) or `uuid`
// (its tests).
func idFromUUID(row map[string]any) {
	if row["id"] == nil {
		row["id"] = row["uuid"]
	}
}
