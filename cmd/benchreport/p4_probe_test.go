package main

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestP4MockNote: the note on --mock dailybot me says what meeting the
// target would take from the measured split, never a cut that is a rise or a
// sum it does not have.
func TestP4MockNote(t *testing.T) {
	tests := []struct {
		name      string
		split     p4MockSplit
		want      []string
		wantNever []string
	}{
		{name: "met", split: p4MockSplit{Wall: 35, BeforeMain: 30, Main: 5, Schema: 10},
			want:      []string{"the 40 ms target leaves 10.0 ms after that", "The target is met."},
			wantNever: []string{"Not met"}},
		{name: "both needed", split: p4MockSplit{Wall: 62, BeforeMain: 37.6, Main: 24.4, Schema: 10, Profiled: true, HeadroomKB: 480},
			want: []string{"Not met", "10.0 ms of it jsonschema/v6's", "main's part cut from 24.4 ms to 12.4 ms, which the profile below",
				"480 KB under its 20 MB"}},
		{name: "dropping jsonschema alone would do", split: p4MockSplit{Wall: 45, BeforeMain: 35, Main: 10, Schema: 12},
			want:      []string{"would meet it"},
			wantNever: []string{"cut from"}},
		{name: "start alone past the target", split: p4MockSplit{Wall: 80, BeforeMain: 55, Main: 25, Schema: 10},
			want: []string{"that alone is past the 40 ms target", "would take the whole target"}},
		{name: "no inittrace, no profile", split: p4MockSplit{Wall: 60, BeforeMain: 35, Main: 25},
			want:      []string{"a faster start and a smaller main."},
			wantNever: []string{"jsonschema/v6's,", "profile below", "page handling"}},
		{name: "the kernel's page faults take the rest", split: p4MockSplit{Wall: 42.6, BeforeMain: 30.7, Main: 13.1, Schema: 11,
			MainCPU: 16, Faults: p4FaultShare{Command: 1590, Probe: 1100, Cost: p24Stats{Median: 12, Min: 11, Max: 13}}},
			want: []string{"main's part is ours but for the kernel's page faults (below).", "main takes 490 page faults more than the probe",
				"about 5.9 ms of CPU in the kernel at 12.0 µs each", "37% of main's 16.0 ms of CPU",
				"4.8 ms of main's 13.1 ms is page handling and 8.3 ms the rest, within the 9.3 ms the target leaves",
				"the rest of the miss is time in the kernel's page handling"}},
		{name: "main within its share, the target's runs slower", split: p4MockSplit{Wall: 45.1, BeforeMain: 27.6, Main: 11.5, Schema: 11,
			MainCPU: 21.5, Faults: p4FaultShare{Command: 1529, Probe: 1020, Cost: p24Stats{Median: 15.7}}},
			want:      []string{"main's whole part is within the 12.4 ms the target leaves", "the command came to 39.1 ms"},
			wantNever: []string{"the rest of the miss is time"}},
		{name: "the start alone past the target, faults or not", split: p4MockSplit{Wall: 52, BeforeMain: 42, Main: 10, Schema: 11,
			MainCPU: 12, Faults: p4FaultShare{Command: 1500, Probe: 1100, Cost: p24Stats{Median: 12}}, THP: "madvise"},
			want:      []string{"and what passes before main alone is past the target.", "This machine's setting in this run: `madvise`."},
			wantNever: []string{"more than the 0.0 ms", "the rest of the miss is time"}},
		{name: "page faults are not enough", split: p4MockSplit{Wall: 45, BeforeMain: 30, Main: 15, Schema: 11,
			MainCPU: 20, Faults: p4FaultShare{Command: 1200, Probe: 1100, Cost: p24Stats{Median: 10}}},
			want:      []string{"1.0 ms of CPU in the kernel", "5% of main's 20.0 ms", "4.2 ms more than the 10.0 ms the target leaves"},
			wantNever: []string{"the rest of the miss is time", "setting in this run"}},
		{name: "met, faults or not", split: p4MockSplit{Wall: 35, BeforeMain: 30, Main: 5, Schema: 10,
			MainCPU: 8, Faults: p4FaultShare{Command: 1500, Probe: 1100, Cost: p24Stats{Median: 12}}},
			want: []string{"The target is met."}, wantNever: []string{"page handling"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			note := p4MockNote(tt.split)
			for _, w := range tt.want {
				assert.Contains(t, note, w)
			}
			for _, w := range tt.wantNever {
				assert.NotContains(t, note, w)
			}
		})
	}
}

// TestP4FaultCost: the probe counts about one fault per page it touches and
// times each at more than nothing.
func TestP4FaultCost(t *testing.T) {
	cost, err := p4FaultCost(2)
	if errors.Is(err, errFaultsUncounted) {
		t.Skip(err)
	}
	require.NoError(t, err)
	assert.Positive(t, cost.Min)
	assert.LessOrEqual(t, cost.Min, cost.Median)
}

// TestP4WithoutSchema: the --help note says what a start without
// jsonschema/v6 leaves of the target, or that it is past it.
func TestP4WithoutSchema(t *testing.T) {
	assert.Equal(t, "which leaves botctl's main 2.5 ms of the target", p4WithoutSchema(12.5))
	assert.Equal(t, "which alone is past the target on this machine", p4WithoutSchema(15))
	assert.Equal(t, "which alone is past the target on this machine", p4WithoutSchema(19.7))
}

// TestP4Bracketed reads the chosen word of a sysfs choice file.
func TestP4Bracketed(t *testing.T) {
	for in, want := range map[string]string{
		"always [madvise] never\n": "madvise",
		"[always] madvise never":   "always",
		"always madvise never":     "",
		"always [madvise":          "",
		"":                         "",
	} {
		assert.Equal(t, want, p4Bracketed(in), "%q", in)
	}
}
