package mock

import (
	"cmp"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
)

// listKudos pages the kudos the key owner received (filter kudos_received,
// v3's default) or gave (kudos_given), newest first. search, start_date and
// end_date are accepted and change nothing: their effect is undocumented.
func (a *dailybotAPI) listKudos(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	given := r.URL.Query().Get("filter") == "kudos_given"
	s := a.store
	s.mu.RLock()
	owner := s.owner.UUID
	var items []dbKudosJSON
	for _, k := range slices.Backward(s.kudos) {
		if given && k.giver == owner || !given && slices.Contains(k.receivers, owner) {
			items = append(items, k.json)
		}
	}
	s.mu.RUnlock()
	writePage(w, r, items)
}

// listOrganizationKudos pages every kudos of the organization, newest
// first; the mock's key owner is an org admin, so it is never refused.
func (a *dailybotAPI) listOrganizationKudos(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	s := a.store
	s.mu.RLock()
	items := make([]dbKudosJSON, 0, len(s.kudos))
	for _, k := range slices.Backward(s.kudos) {
		items = append(items, k.json)
	}
	s.mu.RUnlock()
	writePage(w, r, items)
}

// The wall of fame's objects, with the keys the official CLI's example
// shows. The total_plus_* counts are left out: what they count is unknown.
type (
	dbFamePerson struct {
		UUID     string `json:"uuid"`
		FullName string `json:"full_name"`
		Image    string `json:"image"`
	}
	dbFameTopReceiver struct {
		User          dbFamePerson `json:"user"`
		KudosReceived int          `json:"kudos_received"`
		KudosGiven    int          `json:"kudos_given"`
	}
	dbFameTopGiver struct {
		User       dbFamePerson `json:"user"`
		KudosGiven int          `json:"kudos_given"`
	}
	dbFameShare struct {
		CompanyValue map[string]any `json:"company_value"`
		Count        int            `json:"count"`
		Percentage   float64        `json:"percentage"`
	}
	dbFameEntry struct {
		Position int          `json:"position"`
		User     dbFamePerson `json:"user"`
		Score    int          `json:"score"`
	}
	dbFameBoard struct {
		Count    int           `json:"count"`
		Next     bool          `json:"next"`
		Previous bool          `json:"previous"`
		Results  []dbFameEntry `json:"results"`
	}
	dbWallOfFame struct {
		TopReceiver        *dbFameTopReceiver `json:"top_receiver,omitempty"`
		TopGiver           *dbFameTopGiver    `json:"top_giver,omitempty"`
		DNADistribution    []dbFameShare      `json:"dna_distribution"`
		Leaderboard        dbFameBoard        `json:"leaderboard"`
		LeaderboardSummary map[string]int     `json:"leaderboard_summary"`
	}
)

// getKudosWallOfFame computes the statistics from the posted kudos: the
// leaderboard ranks receivers by kudos received (score), capped by limit,
// with next/previous false as in the official CLI's example; the
// distribution counts kudos per company value (by the name given, as the
// mock keeps no value ids); leaderboard_summary is the key owner's rank
// (position only when they are ranked). Anonymous kudos count for their
// receivers only.
func (a *dailybotAPI) getKudosWallOfFame(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	s := a.store
	s.mu.RLock()
	received, given, values := map[string]int{}, map[string]int{}, map[string]int{}
	for _, k := range s.kudos {
		for _, id := range k.receivers {
			received[id]++
		}
		if k.giver != "" && !k.json.IsAnonymous {
			given[k.giver]++
		}
		if name, ok := k.json.CompanyValue["name"].(string); ok {
			values[name]++
		}
	}
	person := func(id string) dbFamePerson {
		u := s.userByID[id]
		return dbFamePerson{UUID: u.UUID, FullName: u.FullName, Image: u.Image}
	}
	// Rank by count, ties in the users' order, so the answer is stable.
	ranked := func(counts map[string]int) []string {
		var ids []string
		for _, u := range s.users {
			if counts[u.UUID] > 0 {
				ids = append(ids, u.UUID)
			}
		}
		slices.SortStableFunc(ids, func(x, y string) int { return cmp.Compare(counts[y], counts[x]) })
		return ids
	}
	out := dbWallOfFame{DNADistribution: []dbFameShare{}, LeaderboardSummary: map[string]int{}}
	receivers := ranked(received)
	if len(receivers) > 0 {
		id := receivers[0]
		out.TopReceiver = &dbFameTopReceiver{User: person(id), KudosReceived: received[id], KudosGiven: given[id]}
	}
	if givers := ranked(given); len(givers) > 0 {
		out.TopGiver = &dbFameTopGiver{User: person(givers[0]), KudosGiven: given[givers[0]]}
	}
	out.Leaderboard = dbFameBoard{Count: len(receivers), Results: []dbFameEntry{}}
	for i, id := range receivers {
		if limit > 0 && i == limit {
			break
		}
		out.Leaderboard.Results = append(out.Leaderboard.Results, dbFameEntry{Position: i + 1, User: person(id), Score: received[id]})
	}
	out.LeaderboardSummary["total"] = len(receivers)
	if i := slices.Index(receivers, s.owner.UUID); i >= 0 {
		out.LeaderboardSummary["position"] = i + 1
	}
	s.mu.RUnlock()
	total := 0
	for _, n := range values {
		total += n
	}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		pct := math.Round(float64(values[name])*1000/float64(total)) / 10
		out.DNADistribution = append(out.DNADistribution, dbFameShare{CompanyValue: map[string]any{"value": name}, Count: values[name], Percentage: pct})
	}
	writeJSON(w, http.StatusOK, out)
}

// boostKudos counts one boost of the kudos and answers 200 with an empty
// object: the answer's shape is undocumented. An unknown kudos is 404.
func (a *dailybotAPI) boostKudos(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.Lock()
	i := slices.IndexFunc(s.kudos, func(k *dbKudos) bool { return k.json.ID == p["kudo_id"] })
	if i >= 0 {
		s.kudos[i].boosts++
	}
	s.mu.Unlock()
	if i < 0 {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}
