package mock

import (
	"math/rand/v2"
	"net/http"
	"sync"
)

// dbStore is the DailyBot mock's state. One RWMutex guards all of it: reads
// take the read lock, every write the write lock, so an acknowledged write is
// visible to every later read. Slices reachable from the state (work days,
// reporting channels, …) are replaced on update, never changed in place, so a
// copy taken under the lock stays valid after it is released.
type dbStore struct {
	mu sync.RWMutex

	org       dbOrg
	owner     *dbUser // the API key owner (GET /me/)
	users     []*dbUser
	userByID  map[string]*dbUser
	teams     []*dbTeam
	teamByID  map[string]*dbTeam
	templates []*dbTemplate
	tmplByID  map[string]*dbTemplate
	forms     []*dbForm
	// formFlows holds each form's questions, workflow and responses, by form id.
	formFlows map[string]*dbFormFlow
	checkins  []*dbCheckin
	ciByID    map[string]*dbCheckin
	kudos     []*dbKudos
	hooks     []*dbHook
	// moods are the key owner's mood entries by date (YYYY-MM-DD).
	moods          map[string]dbMood
	importantDates []*dbImportantDate
	dateByID       map[string]*dbImportantDate
	workflows      []*dbWorkflow
	wfByID         map[string]*dbWorkflow
	// invitations are the pending invitations, member and guest.
	invitations []*dbInvitation
	// conversations maps a sorted, comma-joined set of user ids to the
	// group channel open-conversation gave them.
	conversations map[string]string

	// ids draws the ids of objects created through the API; seeded, so the
	// same seed and the same request order give the same ids.
	ids *rand.Rand
}

// newID returns a fresh object id; the caller holds the write lock.
func (s *dbStore) newID() string { return hexID(s.ids) }

// copies returns the values items point to, so they can be encoded after
// the store's lock is released; the caller holds it.
func copies[T any](items []*T) []T {
	out := make([]T, len(items))
	for i, p := range items {
		out[i] = *p
	}
	return out
}

// writeStored answers 200 with a copy of byID[id], taken under the store's
// read lock so the answer is encoded without holding it, or 404.
func writeStored[T any](a *dailybotAPI, w http.ResponseWriter, byID map[string]*T, id string) {
	s := a.store
	s.mu.RLock()
	v, ok := byID[id]
	var out T
	if ok {
		out = *v
	}
	s.mu.RUnlock()
	if !ok {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// setIf sets *dst to *v when v is not nil.
func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func ptrTo[T any](v T) *T { return &v }

func deref[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}

func deref1(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func setOf(items []string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}
