package mock

import "time"

// StandupAnswers counts, from the stores, the answers the mock holds for the
// days from through to (UTC dates, both included): AssistBot's standup
// reports sent on those days and the DailyBot check-in responses (of
// check-ins not archived) given on them, one per answered question — the
// rows `botctl export standups` writes, counted without the API, so an
// export can be checked against the state it exports.
func (m *Mock) StandupAnswers(from, to time.Time) (assistbot, dailybot int) {
	lo := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	hi := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	ab := m.services["assistbot"].(*assistbotAPI)
	ab.mu.RLock()
	for _, rep := range ab.state.reports {
		if at := time.Unix(rep.LaunchDT, 0); !at.Before(lo) && at.Before(hi) {
			assistbot += len(rep.Responses)
		}
	}
	ab.mu.RUnlock()
	s := m.services["dailybot"].(*dailybotAPI).store
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, c := range s.checkins {
		if c.archived {
			continue
		}
		rs := *c.responses()
		for i := range rs {
			if at := time.UnixMicro(rs[i].at); !at.Before(lo) && at.Before(hi) {
				dailybot += len(s.renderResponse(c, &rs[i]).Responses)
			}
		}
	}
	return assistbot, dailybot
}
