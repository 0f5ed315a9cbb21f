package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// standupRow is one answer, the same schema for both APIs (see
// docs/export-schema.md). Times are RFC 3339 in UTC; absent values are null.
type standupRow struct {
	SourceAPI   string  `json:"source_api" parquet:"source_api"`
	StandupID   string  `json:"standup_id" parquet:"standup_id"`
	StandupName string  `json:"standup_name" parquet:"standup_name"`
	ResponseID  string  `json:"response_id" parquet:"response_id"`
	PersonID    *string `json:"person_id" parquet:"person_id,optional"`
	PersonName  *string `json:"person_name" parquet:"person_name,optional"`
	PersonEmail *string `json:"person_email" parquet:"person_email,optional"`
	Date        string  `json:"date" parquet:"date"`
	QuestionID  string  `json:"question_id" parquet:"question_id"`
	Question    string  `json:"question" parquet:"question"`
	Answer      *string `json:"answer" parquet:"answer,optional"`
	AnsweredAt  *string `json:"answered_at" parquet:"answered_at,optional"`
	CreatedAt   string  `json:"created_at" parquet:"created_at"`
	UpdatedAt   *string `json:"updated_at" parquet:"updated_at,optional"`
}

// standupColumns are standupRow's columns in order (the CSV header).
var standupColumns = []string{"source_api", "standup_id", "standup_name", "response_id", "person_id", "person_name",
	"person_email", "date", "question_id", "question", "answer", "answered_at", "created_at", "updated_at"}

func (r *standupRow) csv() []string {
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return []string{r.SourceAPI, r.StandupID, r.StandupName, r.ResponseID, s(r.PersonID), s(r.PersonName), s(r.PersonEmail),
		r.Date, r.QuestionID, r.Question, s(r.Answer), s(r.AnsweredAt), r.CreatedAt, s(r.UpdatedAt)}
}

// at is the row's answer time for --since-last: its last change.
func (r *standupRow) at() string {
	switch {
	case r.UpdatedAt != nil:
		return *r.UpdatedAt
	case r.AnsweredAt != nil:
		return *r.AnsweredAt
	}
	return r.CreatedAt
}

// rowWriter writes rows in one output format.
type rowWriter interface {
	write(r *standupRow) error
	close() error
}

type jsonlRows struct{ enc *json.Encoder }

func (w jsonlRows) write(r *standupRow) error { return w.enc.Encode(r) }
func (w jsonlRows) close() error              { return nil }

type csvRows struct{ w *csv.Writer }

func (w csvRows) write(r *standupRow) error { return w.w.Write(r.csv()) }
func (w csvRows) close() error              { w.w.Flush(); return w.w.Error() }

// newParquetRows is the Parquet writer, set by export_parquet.go when botctl
// is built with the parquet tag.
var newParquetRows func(out io.Writer) rowWriter

func newRowWriter(format string, out io.Writer) (rowWriter, error) {
	switch format {
	case "jsonl":
		return jsonlRows{json.NewEncoder(out)}, nil
	case "csv":
		w := csv.NewWriter(out)
		if err := w.Write(standupColumns); err != nil {
			return nil, err
		}
		return csvRows{w}, nil
	case "parquet":
		if newParquetRows == nil {
			return nil, usagef("-o parquet: this botctl was built without Parquet; build it with -tags parquet")
		}
		return newParquetRows(out), nil
	}
	return nil, usagef("-o/--output: export standups writes jsonl, csv or parquet, not %q", format)
}

// sinceLast is --since-last's file: the newest answer time exported.
type sinceLast struct {
	Newest string `json:"newest"`
}

func newExportCmd(a *app) *cobra.Command {
	export := &cobra.Command{Use: "export", Short: "Export data from several APIs in one schema"}
	cmd := &cobra.Command{
		Use:   "standups",
		Short: "Export every standup answer of AssistBot and DailyBot, one row per answer",
		Long: `Export AssistBot standup history and DailyBot check-in responses between --from and --to
(YYYY-MM-DD, both included) as one row per answer, the same columns for both APIs
(docs/export-schema.md): source_api, standup_id, standup_name, response_id, person_id,
person_name, person_email, date, question_id, question, answer, answered_at, created_at,
updated_at. Rows are streamed: memory stays flat however many there are.

-o jsonl (default), csv or parquet (zstd; for warehouses and DuckDB). --since-last FILE
exports only answers changed after the newest one the previous run with that FILE
exported, then records the newest of this run there. Progress goes to stderr.`,
		Example: `  botctl --mock export standups --from 2024-01-01 --to 2024-03-31 -o parquet > standups.parquet
  botctl export standups --from 2024-01-01 --to 2024-12-31 --api dailybot --since-last .standups-state.json -o csv`,
		Args: cobra.NoArgs,
	}
	fl := cmd.Flags()
	from := fl.String("from", "", "first day, YYYY-MM-DD (required)")
	to := fl.String("to", "", "last day, YYYY-MM-DD (required)")
	apis := fl.StringSlice("api", []string{"assistbot", "dailybot"}, "APIs to export: assistbot, dailybot or both")
	since := fl.String("since-last", "", "file remembering the newest answer exported; export only later ones")
	format := fl.StringP("output", "o", "jsonl", "output format: jsonl, csv or parquet (parquet needs a botctl built with -tags parquet)")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := a.refuseDryRun("export standups", "it reads users, teams and every page of answers"); err != nil {
			return err
		}
		if err := a.refuseShaping("export standups", "its rows have one fixed shape"); err != nil {
			return err
		}
		f, err := time.Parse(time.DateOnly, *from)
		if err != nil {
			return usagef("--from %q: want YYYY-MM-DD", *from)
		}
		t, err := time.Parse(time.DateOnly, *to)
		if err != nil {
			return usagef("--to %q: want YYYY-MM-DD", *to)
		}
		if f.After(t) {
			return usagef("--from %s is after --to %s", *from, *to)
		}
		for _, api := range *apis {
			if api != "assistbot" && api != "dailybot" {
				return usagef("--api %q: want assistbot, dailybot or both", api)
			}
		}
		w, err := newRowWriter(strings.ToLower(strings.TrimSpace(*format)), a.env.stdout)
		if err != nil {
			return err
		}
		var last sinceLast
		if *since != "" {
			if b, err := os.ReadFile(*since); err == nil {
				if err := json.Unmarshal(b, &last); err != nil {
					return usagef("--since-last %s: not a since-last file: %v", *since, err)
				}
			} else if !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("--since-last: %w", err)
			}
		}
		e := &exporter{a: a, w: w, after: last.Newest, newest: last.Newest}
		a.mockAPIs = *apis
		for _, api := range *apis {
			switch api {
			case "assistbot":
				err = e.assistbot(cmd.Context(), f, t)
			case "dailybot":
				err = e.dailybot(cmd.Context(), f, t)
			}
			if err != nil {
				return err
			}
		}
		if err := w.close(); err != nil {
			return err
		}
		e.progress(true)
		if *since != "" && e.newest != "" {
			b, _ := json.Marshal(sinceLast{Newest: e.newest})
			tmp := *since + ".tmp"
			if err := os.WriteFile(tmp, b, 0o600); err != nil {
				return fmt.Errorf("--since-last: %w", err)
			}
			if err := os.Rename(tmp, *since); err != nil {
				return fmt.Errorf("--since-last: %w", err)
			}
		}
		return nil
	}
	export.AddCommand(cmd)
	return export
}

// refuseShaping is the usage error of a command whose output --limit,
// --fields and --jq do not shape, rather than ignoring them silently.
func (a *app) refuseShaping(command, why string) error {
	for flag, set := range map[string]bool{"--limit": a.g.limit > 0, "--fields": a.g.fields != "", "--jq": a.g.jqExpr != ""} {
		if set {
			return usagef("%s does not apply to %s: %s", flag, command, why)
		}
	}
	return nil
}

// exporter turns each API's standup answers into rows.
type exporter struct {
	a             *app
	w             rowWriter
	after, newest string // --since-last: rows at or before after are skipped; newest is the latest written
	rows          int
	lastReport    time.Time
}

func (e *exporter) emit(r *standupRow) error {
	at := r.at()
	if e.after != "" && at <= e.after {
		return nil
	}
	if at > e.newest {
		e.newest = at
	}
	e.rows++
	if e.rows%10_000 == 0 {
		e.progress(false)
	}
	return e.w.write(r)
}

// progress reports the rows written on stderr, at most once a second and
// once at the end, unless --no-progress.
func (e *exporter) progress(final bool) {
	if e.a.g.noProgress || !final && time.Since(e.lastReport) < time.Second {
		return
	}
	e.lastReport = time.Now()
	fmt.Fprintf(e.a.env.stderr, "export standups: %d rows\n", e.rows)
}

func ptr(s string) *string { return &s }

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// assistbot exports the reports of every standup, a month of history at a
// time so memory stays bounded; members give names and e-mails.
func (e *exporter) assistbot(ctx context.Context, from, to time.Time) error {
	c, err := e.a.client(ctx, "assistbot", false)
	if err != nil {
		return err
	}
	ab, ok := c.rawClient.(*assistbot.Client)
	if !ok {
		return errors.New("botctl: no AssistBot client")
	}
	members, err := ab.Company.Members(ctx, assistbot.ListMembersParams{})
	if err != nil {
		return fmt.Errorf("assistbot: members: %w", err)
	}
	type person struct{ name, email *string }
	people := map[int]person{}
	for _, m := range members {
		if m.ID == nil {
			continue
		}
		p := person{}
		if m.Name != nil {
			p.name = m.Name
		}
		if m.Email != nil {
			p.email = m.Email
		}
		people[*m.ID] = p
	}
	standups, err := ab.Standups.List(ctx, assistbot.ListStandupsParams{})
	if err != nil {
		return fmt.Errorf("assistbot: standups: %w", err)
	}
	for _, s := range standups {
		if s.ID == nil {
			continue
		}
		for start := from; !start.After(to); start = start.AddDate(0, 1, 0) {
			end := start.AddDate(0, 1, -1)
			if end.After(to) {
				end = to
			}
			reports, err := ab.History.Standups(ctx, assistbot.ListStandupHistoryParams{StandupID: *s.ID,
				From: start.Format(time.DateOnly), To: end.Format(time.DateOnly), Timezone: "UTC"})
			if err != nil {
				return fmt.Errorf("assistbot: standup %d history: %w", *s.ID, err)
			}
			for _, rep := range reports {
				if err := e.assistbotReport(&rep, people[deref0(rep.MemberID)].name, people[deref0(rep.MemberID)].email); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func deref0(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func (e *exporter) assistbotReport(rep *assistbot.StandupReport, name, email *string) error {
	questions := map[int]string{}
	if rep.Questions != nil {
		for _, q := range *rep.Questions {
			if q.ID != nil && q.Title != nil {
				questions[*q.ID] = *q.Title
			}
		}
	}
	var launched time.Time
	if rep.LaunchDt != nil {
		launched = time.Unix(*rep.LaunchDt, 0)
	}
	row := standupRow{SourceAPI: "assistbot", StandupID: strconv.Itoa(deref0(rep.StandupID)), ResponseID: strconv.Itoa(deref0(rep.ID)),
		PersonName: name, PersonEmail: email, Date: launched.UTC().Format(time.DateOnly), CreatedAt: rfc3339(launched)}
	if rep.StandupName != nil {
		row.StandupName = rep.StandupName.String()
	}
	if rep.MemberID != nil {
		row.PersonID = ptr(strconv.Itoa(*rep.MemberID))
	}
	if rep.Responses == nil {
		return nil
	}
	for _, ans := range *rep.Responses {
		r := row
		r.QuestionID = strconv.Itoa(deref0(ans.QuestionID))
		r.Question = questions[deref0(ans.QuestionID)]
		r.Answer = ans.Answer
		if ans.AnswerDt != nil {
			r.AnsweredAt = ptr(rfc3339(time.Unix(*ans.AnswerDt, 0)))
		}
		if err := e.emit(&r); err != nil {
			return err
		}
	}
	return nil
}

// dailybot exports the responses of every check-in, page by page; users
// give e-mails.
func (e *exporter) dailybot(ctx context.Context, from, to time.Time) error {
	c, err := e.a.client(ctx, "dailybot", false)
	if err != nil {
		return err
	}
	db, ok := c.rawClient.(*dailybot.Client)
	if !ok {
		return errors.New("botctl: no DailyBot client")
	}
	emails := map[string]*string{}
	for u, err := range db.Users.List(ctx, dailybot.ListUsersParams{IncludeEmail: true}) {
		if err != nil {
			return fmt.Errorf("dailybot: users: %w", err)
		}
		if u.UUID != nil && u.Email != nil {
			emails[*u.UUID] = u.Email
		}
	}
	var checkins []dailybot.Checkin
	for ci, err := range db.Checkins.List(ctx, dailybot.ListCheckinsParams{}) {
		if err != nil {
			return fmt.Errorf("dailybot: check-ins: %w", err)
		}
		checkins = append(checkins, ci)
	}
	for _, ci := range checkins {
		if ci.ID == nil {
			continue
		}
		id := *ci.ID
		params := dailybot.ListCheckinResponsesParams{DateStart: from.Format(time.DateOnly), DateEnd: to.Format(time.DateOnly)}
		for resp, err := range db.Checkins.Responses(ctx, id, params) {
			if err != nil {
				return fmt.Errorf("dailybot: check-in %s responses: %w", id, err)
			}
			if err := e.dailybotResponse(&ci, &resp, emails); err != nil {
				return err
			}
		}
	}
	return nil
}

func (e *exporter) dailybotResponse(ci *dailybot.Checkin, resp *dailybot.CheckinResponse, emails map[string]*string) error {
	row := standupRow{SourceAPI: "dailybot", StandupID: *ci.ID}
	if ci.Name != nil {
		row.StandupName = *ci.Name
	}
	if resp.UUID != nil {
		row.ResponseID = *resp.UUID
	}
	if u := resp.User; u != nil && u.UUID != nil {
		row.PersonID, row.PersonName, row.PersonEmail = u.UUID, u.FullName, emails[*u.UUID]
	}
	if resp.CreatedAt != nil {
		row.CreatedAt = rfc3339(*resp.CreatedAt)
		row.Date = resp.CreatedAt.UTC().Format(time.DateOnly)
	}
	if resp.ResponseDate != nil {
		row.Date = *resp.ResponseDate
	}
	if resp.UpdatedAt != nil {
		row.UpdatedAt = ptr(rfc3339(*resp.UpdatedAt))
	}
	if resp.Responses == nil {
		return nil
	}
	for i, ans := range *resp.Responses {
		r := row
		r.QuestionID = strconv.Itoa(i)
		if ans.UUID != nil {
			r.QuestionID = *ans.UUID
		}
		if ans.Question != nil {
			r.Question = *ans.Question
		}
		r.Answer = ans.Response
		if err := e.emit(&r); err != nil {
			return err
		}
	}
	return nil
}
