package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
	"github.com/botsdk/botsdk/pkg/assistbot"
)

// The AssistBot elements: templates, standups, tasks and polls, one list
// each (the docs' "Getting templates/standups/tasks/polls").

var (
	abTemplateColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "title", Path: "title"}, {Header: "description", Path: "description"},
		{Header: "created_by", Path: "created_by"}, {Header: "used_times", Path: "used_times"},
		{Header: "files_allowed", Path: "files_allowed"},
	}
	abStandupColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "title", Path: "title"}, {Header: "status", Path: "status"},
		{Header: "template_id", Path: "template_id"}, {Header: "departments", Path: "departments_id"},
		{Header: "frequency", Path: "frequency"}, {Header: "days", Path: "days"}, {Header: "time", Path: "time"},
		{Header: "created_by", Path: "created_by"},
	}
	abTaskColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "title", Path: "title"}, {Header: "status", Path: "status"},
		{Header: "frequency", Path: "frequency"}, {Header: "days", Path: "days"}, {Header: "time", Path: "time"},
		{Header: "created_by", Path: "created_by"}, {Header: "launch_dt", Path: "launch_dt"},
	}
	abPollColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "title", Path: "title"}, {Header: "description", Path: "description"},
		{Header: "departments", Path: "departments_id"}, {Header: "launch_times", Path: "launch_times"},
		{Header: "created_by", Path: "created_by"},
	}
)

// listGroup wraps a resource's list command in its resource command.
func listGroup(use, short string, list *cobra.Command) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short}
	cmd.AddCommand(list)
	return cmd
}

// abTemplatesBody is the body of POST /v1/elements/templates.
type abTemplatesBody struct {
	TemplateID jsonInts `json:"template_id"`
	CreatorID  jsonInts `json:"creator_id"`
}

func (ab *abCmds) templatesCmd() *cobra.Command {
	return listGroup("templates", "Standup templates: the questions a standup asks", abList[abTemplatesBody, assistbot.Template]{
		use:     "list",
		short:   "List standup templates",
		example: "  botctl --mock assistbot templates list -o table\n  botctl assistbot templates list --template-id 1,2",
		columns: abTemplateColumns,
		flags: func(b *jsonBody) {
			b.ints("template-id", "template_id", "keep these templates")
			b.ints("creator-id", "creator_id", "keep templates created by these members")
		},
		list: func(ctx context.Context, c *assistbot.Client, b *abTemplatesBody) ([]assistbot.Template, error) {
			return c.Templates.List(ctx, &assistbot.ListTemplatesParams{TemplateIDs: b.TemplateID, CreatorIDs: b.CreatorID})
		},
	}.command(ab))
}

// abStandupsBody is the body of POST /v1/elements/standups.
type abStandupsBody struct {
	StandupID    jsonInts `json:"standup_id"`
	CreatorID    jsonInts `json:"creator_id"`
	DepartmentID jsonInts `json:"department_id"`
	Status       jsonInts `json:"status"`
}

func (ab *abCmds) standupsCmd() *cobra.Command {
	return listGroup("standups", "Standups", abList[abStandupsBody, assistbot.Standup]{
		use:     "list",
		short:   "List standups",
		example: "  botctl --mock assistbot standups list -o table\n  botctl assistbot standups list --status active --department-id 2,3",
		columns: abStandupColumns,
		flags: func(b *jsonBody) {
			b.ints("standup-id", "standup_id", "keep these standups")
			b.ints("creator-id", "creator_id", "keep standups created by these members")
			b.ints("department-id", "department_id", "keep standups linked to these departments")
			b.codeList("status", "status", "keep standups in these statuses", abStatuses)
		},
		list: func(ctx context.Context, c *assistbot.Client, b *abStandupsBody) ([]assistbot.Standup, error) {
			return c.Standups.List(ctx, &assistbot.ListStandupsParams{
				StandupIDs: b.StandupID, CreatorIDs: b.CreatorID, DepartmentIDs: b.DepartmentID, Statuses: b.Status,
			})
		},
	}.command(ab))
}

// abTasksBody is the body of POST /v1/elements/tasks.
type abTasksBody struct {
	TaskID    jsonInts `json:"task_id"`
	CreatorID jsonInts `json:"creator_id"`
	Status    jsonInts `json:"status"`
}

func (ab *abCmds) tasksCmd() *cobra.Command {
	return listGroup("tasks", "Tasks: checklists with reminders", abList[abTasksBody, assistbot.Task]{
		use:     "list",
		short:   "List tasks",
		example: "  botctl --mock assistbot tasks list -o table\n  botctl assistbot tasks list --status active,2 --creator-id 3",
		columns: abTaskColumns,
		flags: func(b *jsonBody) {
			b.ints("task-id", "task_id", "keep these tasks")
			b.ints("creator-id", "creator_id", "keep tasks created by these members")
			b.codeList("status", "status", "keep tasks in these statuses (2, undocumented, also occurs)", abStatuses)
		},
		list: func(ctx context.Context, c *assistbot.Client, b *abTasksBody) ([]assistbot.Task, error) {
			return c.Tasks.List(ctx, &assistbot.ListTasksParams{TaskIDs: b.TaskID, CreatorIDs: b.CreatorID, Statuses: b.Status})
		},
	}.command(ab))
}

// abPollsBody is the body of POST /v1/elements/polls.
type abPollsBody struct {
	PollID    jsonInts `json:"poll_id"`
	CreatorID jsonInts `json:"creator_id"`
}

func (ab *abCmds) pollsCmd() *cobra.Command {
	return listGroup("polls", "Polls", abList[abPollsBody, assistbot.Poll]{
		use:     "list",
		short:   "List polls",
		example: "  botctl --mock assistbot polls list -o table\n  botctl assistbot polls list --creator-id 1,2",
		columns: abPollColumns,
		flags: func(b *jsonBody) {
			b.ints("poll-id", "poll_id", "keep these polls")
			b.ints("creator-id", "creator_id", "keep polls created by these members")
		},
		list: func(ctx context.Context, c *assistbot.Client, b *abPollsBody) ([]assistbot.Poll, error) {
			return c.Polls.List(ctx, &assistbot.ListPollsParams{PollIDs: b.PollID, CreatorIDs: b.CreatorID})
		},
	}.command(ab))
}
