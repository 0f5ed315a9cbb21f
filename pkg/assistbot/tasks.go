package assistbot

import (
	"context"

	genassistbot "github.com/botsdk/botsdk/gen/assistbot"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// Task is a task, a checklist of steps with reminders. Quirk: Status may be 2
// (the docs' own example), although only 0 and 1 are documented.
type Task = genassistbot.Task

// TaskStep is one item of a task. Quirk: the docs' example sends deadline
// false for a step without a deadline; Deadline then reads as "".
type TaskStep = genassistbot.TaskStep

// TasksService lists tasks (doc section "Getting tasks").
type TasksService struct{ c *Client }

// ListTasksParams filters Tasks.List. Every filter is optional and they
// combine with AND; nil or empty lists do not filter.
type ListTasksParams struct {
	// TaskIDs keeps these tasks (task_id).
	TaskIDs []int
	// CreatorIDs keeps tasks created by these members (creator_id).
	CreatorIDs []int
	// Statuses keeps tasks in these statuses (status): StatusDraft,
	// StatusActive, or other integers such as the undocumented 2.
	Statuses []int
}

// List returns the tasks that match p (POST /v1/elements/tasks);
// the zero p returns them all.
func (s *TasksService) List(ctx context.Context, p ListTasksParams) ([]Task, error) {
	body := genassistbot.ListTasksRequest{
		TaskID:    lenient.IntList(p.TaskIDs),
		CreatorID: lenient.IntList(p.CreatorIDs),
		Status:    lenient.IntList(p.Statuses),
	}
	return callList[Task](ctx, s.c, genassistbot.NewListTasksRequestWithBody, body)
}
