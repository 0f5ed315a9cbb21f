package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestP1BoundNote: the note on the per-attempt bound puts the rest of a
// miss on net/http's deadline only when the unbounded SDK meets the target.
func TestP1BoundNote(t *testing.T) {
	tests := []struct {
		name           string
		sdk, unbounded float64
		want, never    string
	}{
		{name: "met with the bound", sdk: 1.18, unbounded: 1.12, want: "The target is met with the bound.", never: "rest of the miss"},
		{name: "the bound is the rest", sdk: 1.23, unbounded: 1.15, want: "the rest of the miss is net/http's deadline", never: "Even without"},
		{name: "past the target either way", sdk: 1.30, unbounded: 1.25, want: "Even without the bound the SDK is past the target", never: "net/http's deadline for the bound, which"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			note := p1BoundNote(p1Bound{Name: "Send", SDK: tt.sdk, Unbounded: tt.unbounded, SDKAllocs: 131, UnboundedAllocs: 121})
			assert.Contains(t, note, tt.want)
			assert.NotContains(t, note, tt.never)
			assert.Contains(t, note, "Send with and without the per-attempt bound")
			assert.Contains(t, note, "131 and 121 allocations per call")
		})
	}
}
