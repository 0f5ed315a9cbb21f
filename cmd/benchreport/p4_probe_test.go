package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
			wantNever: []string{"jsonschema/v6's,", "profile below"}},
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
