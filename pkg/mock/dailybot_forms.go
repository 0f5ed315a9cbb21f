package mock

import (
	"net/http"
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

// listForms answers every form as a bare JSON array: the one DailyBot list
// without the paging envelope (doc; what-we-know §2).
func (a *dailybotAPI) listForms(w http.ResponseWriter, _ *http.Request, _ map[string]string) {
	s := a.store
	s.mu.RLock()
	out := copies(s.forms)
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, out)
}
