package main

import (
	"fmt"
	"slices"
	"time"
)

// p24Stats summarises repeated figures: the median, and the range.
type p24Stats struct {
	Median, Min, Max float64
}

// p24Summarise returns xs's median and range; xs must not be empty.
func p24Summarise(xs []float64) p24Stats {
	s := slices.Clone(xs)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return p24Stats{Median: m, Min: s[0], Max: s[len(s)-1]}
}

// spread writes the range with format f and unit u ("1.02–1.08×").
func (s p24Stats) spread(f, u string) string {
	return fmt.Sprintf(f+"–"+f+"%s", s.Min, s.Max, u)
}

// p24Millis is d in milliseconds.
func p24Millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
