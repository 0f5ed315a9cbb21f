package mock

import (
	"net/http"
	"slices"
	"strings"
)

// dbForm is a form; its JSON is the Form schema. Forms carry both id (as the
// doc shows) and uuid (as newer sources say).
type dbForm struct {
	ID                          string  `json:"id"`
	UUID                        string  `json:"uuid"`
	Name                        string  `json:"name"`
	IsActive                    bool    `json:"is_active"`
	CollectResponsesAnonymously bool    `json:"collect_responses_anonymously"`
	Privacy                     string  `json:"privacy"`
	Shortcut                    string  `json:"shortcut"`
	StartOn                     *string `json:"start_on"`
	EndOn                       *string `json:"end_on"`
	IsArchive                   bool    `json:"is_archive"`
}

// listForms answers every form as a bare JSON array, as the old doc shows
// (what-we-know §2), unless the request pages (limit, offset, page or
// page_size, as the official CLI sends): then one page of the envelope the
// CLI reads (dailybot-current §2.3). `search` keeps the forms whose name
// holds the text, any case; include_archived and the dates are accepted and
// change nothing: what they select (and whether a list without
// include_archived leaves archived forms out) is not documented.
func (a *dailybotAPI) listForms(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	q := r.URL.Query()
	search := strings.ToLower(q.Get("search"))
	s := a.store
	s.mu.RLock()
	out := copies(s.forms)
	s.mu.RUnlock()
	out = slices.DeleteFunc(out, func(f dbForm) bool { return !strings.Contains(strings.ToLower(f.Name), search) })
	if q.Has("limit") || q.Has("offset") || q.Has("page") || q.Has("page_size") {
		writePage(w, r, out)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
