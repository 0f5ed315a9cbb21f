package mock

import (
	"testing"
	"time"
)

// BenchmarkNew measures building the whole mock: loading the four specs and
// seeding every API, DailyBot's 10,000+ check-in responses included. This is
// most of `botctl mock`'s start-up time.
func BenchmarkNew(b *testing.B) {
	clock := WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) })
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(clock); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSeedDailyBot measures DailyBot's seeding alone.
func BenchmarkSeedDailyBot(b *testing.B) {
	now := time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := seedDailyBot(1, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDailyBotResponsesPage measures one full page (250) of check-in
// responses, the heaviest DailyBot read.
func BenchmarkDailyBotResponsesPage(b *testing.B) {
	m, err := New(WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) }))
	if err != nil {
		b.Fatal(err)
	}
	path := "/checkins/" + dailybotOfMock(m).store.checkins[1].settings.ID + "/responses/?date_start=2024-01-01&date_end=2024-05-08"
	b.ReportAllocs()
	for b.Loop() {
		serveDirectB(b, m, path)
	}
}
