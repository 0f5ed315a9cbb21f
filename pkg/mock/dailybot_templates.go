package mock

import (
	"net/http"
	"strconv"
)

// dbTemplate is a check-in or form template; its JSON is the Template schema.
// Templates carry both uuid and id (the docs show neither; newer sources use
// uuid, check-ins reference templates by "template": id).
type dbTemplate struct {
	UUID      string          `json:"uuid"`
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Questions dbTemplateQuest `json:"questions"`
	Intro     string          `json:"intro"`
	Outro     string          `json:"outro"`

	kind          string // "checkins" or "forms"
	systemDefault bool
	answers       [][]string // per question: the seeded answers to pick from
}

type dbTemplateQuest struct {
	Logic   []dbLogic `json:"logic"`
	Fields  []dbField `json:"fields"`
	Version int       `json:"version"`
}

// dbLogic is one QuestionLogic entry; a missing neighbour is false, as in the
// doc's example.
type dbLogic struct {
	NextKey     any `json:"next_key"`
	PrevKey     any `json:"prev_key"`
	QuestionKey int `json:"question_key"`
}

// dbField is one QuestionField.
type dbField struct {
	UUID          string        `json:"uuid"`
	Question      string        `json:"question"`
	IsBlocker     bool          `json:"is_blocker"`
	IsOptional    bool          `json:"is_optional"`
	ExtraParams   dbExtraParams `json:"extra_params"`
	QuestionType  string        `json:"question_type"`
	QuestionShort string        `json:"question_short"`
}

type dbExtraParams struct {
	SpecialVars []string `json:"special_vars"`
}

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
