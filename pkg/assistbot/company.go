package assistbot

import (
	"context"

	genassistbot "github.com/botsdk/botsdk/gen/assistbot"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// CompanyInfo is the company that owns the API key.
type CompanyInfo = genassistbot.CompanyInfo

// Department is a department of the company.
type Department = genassistbot.Department

// Member is a member (user) of the company.
type Member = genassistbot.Member

// MemberRole is a member's role: RoleWorker, RoleManager or RoleAdministrator.
type MemberRole = genassistbot.MemberRole

// The member roles.
const (
	RoleWorker        = genassistbot.RoleWorker
	RoleManager       = genassistbot.RoleManager
	RoleAdministrator = genassistbot.RoleAdministrator
)

// CompanyService reads the company that owns the API key, its departments
// and its members (doc sections "Getting company info", "… departments",
// "… users").
type CompanyService struct{ c *Client }

// Info returns the company that owns the API key (POST /v1/company/info).
// Errors are *botsdk.APIError values, as for every call.
func (s *CompanyService) Info(ctx context.Context) (*CompanyInfo, error) {
	info, err := call[CompanyInfo](ctx, s.c, genassistbot.NewGetCompanyInfoRequestWithBody, genassistbot.GetCompanyInfoRequest{})
	if err != nil {
		return nil, err
	}
	return &info, nil
}

// ListDepartmentsParams filters Company.Departments. Every filter is
// optional and they combine with AND; nil or empty lists do not filter.
type ListDepartmentsParams struct {
	// DepartmentIDs keeps these departments (department_id).
	DepartmentIDs []int
	// CreatorIDs keeps departments created by these members (creator_id).
	CreatorIDs []int
}

// Departments returns the company's departments that match p (POST
// /v1/company/departments); the zero p returns them all.
func (s *CompanyService) Departments(ctx context.Context, p ListDepartmentsParams) ([]Department, error) {
	body := genassistbot.ListDepartmentsRequest{
		DepartmentID: lenient.IntList(p.DepartmentIDs),
		CreatorID:    lenient.IntList(p.CreatorIDs),
	}
	return callList[Department](ctx, s.c, genassistbot.NewListDepartmentsRequestWithBody, body)
}

// ListMembersParams filters Company.Members. Every filter is optional and
// they combine with AND; nil or empty lists and nil pointers do not filter.
type ListMembersParams struct {
	// MemberIDs keeps these members (member_id).
	MemberIDs []int
	// Roles keeps members with these roles (role): RoleWorker, RoleManager,
	// RoleAdministrator. Another value is refused before sending.
	Roles []MemberRole
	// Active keeps active (true) or inactive (false) members (active), e.g. new(true).
	Active *bool
	// Accepted keeps members added to the company (true) or not yet added
	// (false) (accepted).
	Accepted *bool
}

// Members returns the company's members that match p (POST
// /v1/company/members); the zero p returns them all. A role other than the
// three documented ones fails with a *botsdk.ValidationError for "role"
// before any request.
func (s *CompanyService) Members(ctx context.Context, p ListMembersParams) ([]Member, error) {
	var roles lenient.IntList
	for _, r := range p.Roles {
		if err := checkRole(r); err != nil {
			return nil, err
		}
		roles = append(roles, int(r))
	}
	body := genassistbot.ListMembersRequest{
		MemberID: lenient.IntList(p.MemberIDs),
		Role:     roles,
		Active:   p.Active,
		Accepted: p.Accepted,
	}
	return callList[Member](ctx, s.c, genassistbot.NewListMembersRequestWithBody, body)
}
