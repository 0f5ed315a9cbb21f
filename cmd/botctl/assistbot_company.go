package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
	"github.com/botsdk/botsdk/pkg/assistbot"
)

var (
	abCompanyColumns = []render.Column{
		{Header: "name", Path: "name"}, {Header: "code", Path: "code"}, {Header: "timezone", Path: "timezone"},
		{Header: "work_start", Path: "work_start_time"}, {Header: "work_end", Path: "work_end_time"},
		{Header: "bot_lang", Path: "bot_lang"}, {Header: "bot_enabled", Path: "bot_enabled"},
	}
	abDepartmentColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "title", Path: "title"}, {Header: "default", Path: "default"},
		{Header: "created_by", Path: "created_by"}, {Header: "users", Path: "users"},
	}
	abMemberColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "name", Path: "name"}, {Header: "email", Path: "email"},
		{Header: "role", Path: "role"}, {Header: "position", Path: "position"},
		{Header: "active", Path: "active"}, {Header: "accepted", Path: "accepted"},
	}
)

func (ab *abCmds) companyCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "company", Short: "The company that owns the API key, its departments and members"}
	info := &cobra.Command{
		Use:     "info",
		Short:   "Show the company that owns the API key",
		Example: "  botctl --mock assistbot company info\n  botctl assistbot company info -o table",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := ab.client(cmd.Context())
			if err != nil {
				return err
			}
			company, err := c.Company.Info(cmd.Context())
			if err != nil {
				return err
			}
			return printObject(ab.app, company, abCompanyColumns)
		},
	}
	cmd.AddCommand(info, ab.departmentsCmd(), ab.membersCmd())
	return cmd
}

// abDepartmentsBody is the body of POST /v1/company/departments.
type abDepartmentsBody struct {
	DepartmentID jsonInts `json:"department_id"`
	CreatorID    jsonInts `json:"creator_id"`
}

func (ab *abCmds) departmentsCmd() *cobra.Command {
	return abList[abDepartmentsBody, assistbot.Department]{
		use:     "departments",
		short:   "List the company's departments",
		example: "  botctl --mock assistbot company departments -o table\n  botctl assistbot company departments --department-id 1,2 --creator-id 7",
		columns: abDepartmentColumns,
		flags: func(b *jsonBody) {
			b.ints("department-id", "department_id", "keep these departments")
			b.ints("creator-id", "creator_id", "keep departments created by these members")
		},
		list: func(ctx context.Context, c *assistbot.Client, b *abDepartmentsBody) ([]assistbot.Department, error) {
			return c.Company.Departments(ctx, &assistbot.ListDepartmentsParams{DepartmentIDs: b.DepartmentID, CreatorIDs: b.CreatorID})
		},
	}.command(ab)
}

// abMembersBody is the body of POST /v1/company/members.
type abMembersBody struct {
	MemberID jsonInts `json:"member_id"`
	Role     jsonInts `json:"role"`
	Active   *bool    `json:"active"`
	Accepted *bool    `json:"accepted"`
}

func (ab *abCmds) membersCmd() *cobra.Command {
	return abList[abMembersBody, assistbot.Member]{
		use:   "members",
		short: "List the company's members",
		example: "  botctl --mock assistbot company members -o table\n" +
			"  botctl assistbot company members --role administrator,manager --active\n" +
			"  botctl assistbot company members --accepted=false -o csv",
		columns: abMemberColumns,
		flags: func(b *jsonBody) {
			b.ints("member-id", "member_id", "keep these members")
			b.codeList("role", "role", "keep members with these roles", abRoles)
			b.boolean("active", "active", "keep active members")
			b.boolean("accepted", "accepted", "keep members who accepted the invitation")
		},
		list: func(ctx context.Context, c *assistbot.Client, b *abMembersBody) ([]assistbot.Member, error) {
			return c.Company.Members(ctx, &assistbot.ListMembersParams{
				MemberIDs: b.MemberID, Roles: toRoles(b.Role), Active: b.Active, Accepted: b.Accepted,
			})
		},
	}.command(ab)
}
