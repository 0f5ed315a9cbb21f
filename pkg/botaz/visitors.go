package botaz

import (
	"context"
	"net/http"
	"unicode/utf8"

	genbotaz "github.com/botsdk/botsdk/gen/botaz"
)

// Visitor is a visitor's information: _id, browser details (userAgent,
// appName, platform, ...), addedAt, lastOnline, agents, and the editable
// name, email, phone and notes. The editable four are
// nullable.Nullable[string] (github.com/oapi-codegen/nullable) because Bot.Az
// answers null for a removed value: read them with Get, IsNull and
// IsSpecified.
type Visitor = genbotaz.Visitor

// VisitorsService reads and edits visitors (the docs' "visitors" resource).
// Get it from Client.Visitors.
type VisitorsService struct {
	client *Client
}

// UpdateVisitorParams is the change Visitors.Update makes. Each field is a
// Field: the zero value leaves it unchanged, Set("x") sets it, Clear()
// removes it (JSON null). Only the fields that are not unchanged are sent; an
// all-unchanged update sends {} and changes nothing.
type UpdateVisitorParams struct {
	// Name is the visitor's name ("name").
	Name Field
	// Email is the visitor's email address ("email"); Bot.Az does not check its format.
	Email Field
	// Phone is the visitor's phone number ("phone"), free text, e.g. "+994124801574".
	Phone Field
	// Notes are the agents' notes about the visitor ("notes").
	Notes Field
}

// Get returns a visitor's information (GET /visitors/:id); id is the :id in
// the chat URL https://app.bot.az/chat/:id. It fails with a
// *botsdk.ValidationError when id is empty and with a *botsdk.APIError when
// Bot.Az refuses it.
func (s *VisitorsService) Get(ctx context.Context, id string) (*Visitor, error) {
	if err := required("id", id, "the visitor's id from the chat URL"); err != nil {
		return nil, err
	}
	return do[Visitor](ctx, s.client, func(server string) (*http.Request, error) {
		return genbotaz.NewGetVisitorRequest(server, id)
	})
}

// Update edits a visitor's name, email, phone and notes as if edited in the
// Bot.Az dashboard (PUT /visitors/:id) and returns the updated visitor. It
// is idempotent and retried like a read. It fails with a
// *botsdk.ValidationError when id is empty or a value set is not UTF-8 (JSON
// would carry U+FFFD instead), and with a *botsdk.APIError when Bot.Az
// refuses it.
func (s *VisitorsService) Update(ctx context.Context, id string, p UpdateVisitorParams) (*Visitor, error) {
	if err := required("id", id, "the visitor's id from the chat URL"); err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	body := p.request()
	return do[Visitor](ctx, s.client, func(server string) (*http.Request, error) {
		return genbotaz.NewUpdateVisitorRequest(server, id, body)
	})
}

// check refuses a value that is not UTF-8: JSON would send U+FFFD in place
// of each bad byte, so the visitor would not get the value the caller gave.
func (p UpdateVisitorParams) check() error {
	for _, f := range []struct {
		name  string
		field Field
	}{{"name", p.Name}, {"email", p.Email}, {"phone", p.Phone}, {"notes", p.Notes}} {
		if v, err := f.field.Get(); err == nil && !utf8.ValidString(v) {
			return validation(f.name, "is not valid UTF-8; JSON cannot carry it unchanged")
		}
	}
	return nil
}

// request builds the generated body, whose omitempty tags drop unchanged fields.
func (p UpdateVisitorParams) request() genbotaz.VisitorUpdate {
	return genbotaz.VisitorUpdate{Name: p.Name, Email: p.Email, Phone: p.Phone, Notes: p.Notes}
}
