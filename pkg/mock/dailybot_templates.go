package mock

import (
	"net/http"
	"strconv"
)

// listTemplates pages the templates of the required type ("checkins" or
// "forms"); system_default=true keeps only the system's defaults, false only
// the organization's own.
func (a *dailybotAPI) listTemplates(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	q := r.URL.Query()
	kind := q.Get("type")
	sysDefault, sysErr := strconv.ParseBool(q.Get("system_default"))
	s := a.store
	s.mu.RLock()
	var out []dbTemplate
	for _, t := range s.templates {
		if t.kind == kind && (q.Get("system_default") == "" || sysErr != nil || t.systemDefault == sysDefault) {
			out = append(out, *t)
		}
	}
	s.mu.RUnlock()
	writePage(w, r, out)
}

func (a *dailybotAPI) getTemplate(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	writeStored(a, w, a.store.tmplByID, p["template_uuid"])
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
