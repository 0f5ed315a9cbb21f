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
		{Header: "id", Path: "id"}, {Header: "title", Path: "title"}, {Header: "status", Path: "status", Cell: abStatuses.cell},
		{Header: "template_id", Path: "template_id"}, {Header: "departments", Path: "departments_id"},
		{Header: "frequency", Path: "frequency"}, {Header: "days", Path: "days"}, {Header: "time", Path: "time"},
		{Header: "created_by", Path: "created_by"},
	}
	abTaskColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "title", Path: "title"}, {Header: "status", Path: "status", Cell: abStatuses.cell},
		{Header: "frequency", Path: "frequency"}, {Header: "days", Path: "days"}, {Header: "time", Path: "time"},
		{Header: "created_by", Path: "created_by"}, {Header: "launch_dt", Path: "launch_dt", Cell: unixCell},
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

func (ab *abCmds) templatesCmd() *cobra.Command {
	return listGroup("templates", "Standup templates: the questions a standup asks", abList[assistbot.ListTemplatesParams, assistbot.Template]{
		use:     "list",
		short:   "List standup templates",
		example: "  botctl --mock assistbot templates list -o table\n  botctl assistbot templates list --template-id 1,2",
		columns: abTemplateColumns,
		flags: func(b *requestBody, p *assistbot.ListTemplatesParams) {
			bodyInts(b, "template-id", "template_id", "keep these templates", func(v jsonInts) { p.TemplateIDs = v })
			bodyInts(b, "creator-id", "creator_id", "keep templates created by these members", func(v jsonInts) { p.CreatorIDs = v })
		},
		list: func(ctx context.Context, c *assistbot.Client, p *assistbot.ListTemplatesParams) ([]assistbot.Template, error) {
			return c.Templates.List(ctx, p)
		},
	}.command(ab))
}

func (ab *abCmds) standupsCmd() *cobra.Command {
	return listGroup("standups", "Standups", abList[assistbot.ListStandupsParams, assistbot.Standup]{
		use:     "list",
		short:   "List standups",
		example: "  botctl --mock assistbot standups list -o table\n  botctl assistbot standups list --status active --department-id 2,3",
		columns: abStandupColumns,
		flags: func(b *requestBody, p *assistbot.ListStandupsParams) {
			bodyInts(b, "standup-id", "standup_id", "keep these standups", func(v jsonInts) { p.StandupIDs = v })
			bodyInts(b, "creator-id", "creator_id", "keep standups created by these members", func(v jsonInts) { p.CreatorIDs = v })
			bodyInts(b, "department-id", "department_id", "keep standups linked to these departments", func(v jsonInts) { p.DepartmentIDs = v })
			bodyCodes(b, "status", "status", "keep standups in these statuses", abStatuses, func(v jsonInts) { p.Statuses = v })
		},
		list: func(ctx context.Context, c *assistbot.Client, p *assistbot.ListStandupsParams) ([]assistbot.Standup, error) {
			return c.Standups.List(ctx, p)
		},
	}.command(ab))
}

func (ab *abCmds) tasksCmd() *cobra.Command {
	return listGroup("tasks", "Tasks: checklists with reminders", abList[assistbot.ListTasksParams, assistbot.Task]{
		use:     "list",
		short:   "List tasks",
		example: "  botctl --mock assistbot tasks list -o table\n  botctl assistbot tasks list --status active,2 --creator-id 3",
		columns: abTaskColumns,
		flags: func(b *requestBody, p *assistbot.ListTasksParams) {
			bodyInts(b, "task-id", "task_id", "keep these tasks", func(v jsonInts) { p.TaskIDs = v })
			bodyInts(b, "creator-id", "creator_id", "keep tasks created by these members", func(v jsonInts) { p.CreatorIDs = v })
			bodyCodes(b, "status", "status", "keep tasks in these statuses (2, undocumented, also occurs)", abStatuses, func(v jsonInts) { p.Statuses = v })
		},
		list: func(ctx context.Context, c *assistbot.Client, p *assistbot.ListTasksParams) ([]assistbot.Task, error) {
			return c.Tasks.List(ctx, p)
		},
	}.command(ab))
}

func (ab *abCmds) pollsCmd() *cobra.Command {
	return listGroup("polls", "Polls", abList[assistbot.ListPollsParams, assistbot.Poll]{
		use:     "list",
		short:   "List polls",
		example: "  botctl --mock assistbot polls list -o table\n  botctl assistbot polls list --creator-id 1,2",
		columns: abPollColumns,
		flags: func(b *requestBody, p *assistbot.ListPollsParams) {
			bodyInts(b, "poll-id", "poll_id", "keep these polls", func(v jsonInts) { p.PollIDs = v })
			bodyInts(b, "creator-id", "creator_id", "keep polls created by these members", func(v jsonInts) { p.CreatorIDs = v })
		},
		list: func(ctx context.Context, c *assistbot.Client, p *assistbot.ListPollsParams) ([]assistbot.Poll, error) {
			return c.Polls.List(ctx, p)
		},
	}.command(ab))
}
