package dailybot

import (
	"context"
	"iter"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// Form is a DailyBot form. Quirk: the docs show its id as `id`, newer sources
// as `uuid`; read UUID, then ID.
type Form = gendailybot.Form

// FormsService lists forms.
type FormsService struct{ c *Client }

// List iterates over every form visible to the API key owner (GET /forms/).
// The API answers with a bare JSON array, not the paging envelope; should it
// ever send the envelope, List follows its `next` URLs like the other lists.
// An API failure is yielded as a *botsdk.APIError.
func (s *FormsService) List(ctx context.Context) iter.Seq2[Form, error] {
	return walk(ctx, s.c, func(ctx context.Context) (*Page[Form], error) {
		return call[Page[Form]](ctx, s.c, func(server string) (*http.Request, error) {
			return gendailybot.NewListFormsRequest(server)
		})
	})
}
