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
		{Header: "role", Path: "role", Cell: abRoles.cell}, {Header: "position", Path: "position"},
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

func (ab *abCmds) departmentsCmd() *cobra.Command {
	return abList[assistbot.ListDepartmentsParams, assistbot.Department]{
		use:     "departments",
		short:   "List the company's departments",
		example: "  botctl --mock assistbot company departments -o table\n  botctl assistbot company departments --department-id 1,2 --creator-id 7",
		columns: abDepartmentColumns,
		flags: func(b *requestBody, p *assistbot.ListDepartmentsParams) {
			bodyInts(b, "department-id", "department_id", "keep these departments", func(v jsonInts) { p.DepartmentIDs = v })
			bodyInts(b, "creator-id", "creator_id", "keep departments created by these members", func(v jsonInts) { p.CreatorIDs = v })
		},
		list: func(ctx context.Context, c *assistbot.Client, p *assistbot.ListDepartmentsParams) ([]assistbot.Department, error) {
			return c.Company.Departments(ctx, p)
		},
	}.command(ab)
}

func (ab *abCmds) membersCmd() *cobra.Command {
	return abList[assistbot.ListMembersParams, assistbot.Member]{
		use:   "members",
		short: "List the company's members",
		example: "  botctl --mock assistbot company members -o table\n" +
			"  botctl assistbot company members --role administrator,manager --active\n" +
			"  botctl assistbot company members --accepted=false -o csv",
		columns: abMemberColumns,
		flags: func(b *requestBody, p *assistbot.ListMembersParams) {
			bodyInts(b, "member-id", "member_id", "keep these members", func(v jsonInts) { p.MemberIDs = v })
			bodyCodes(b, "role", "role", "keep members with these roles", abRoles, func(v jsonInts) { p.Roles = toRoles(v) })
			abFilter(b, "active", "active", "keep active members", &p.Active)
			abFilter(b, "accepted", "accepted", "keep members who accepted the invitation", &p.Accepted)
		},
		list: func(ctx context.Context, c *assistbot.Client, p *assistbot.ListMembersParams) ([]assistbot.Member, error) {
			return c.Company.Members(ctx, p)
		},
	}.command(ab)
}
