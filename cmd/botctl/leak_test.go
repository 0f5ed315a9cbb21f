package main

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests when any of them leaves a goroutine
// running, and removes the botctl binary the end-to-end tests built.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(cleanRun{m})
}

// cleanRun runs the tests, then removes what they built.
type cleanRun struct{ m *testing.M }

func (r cleanRun) Run() int {
	defer removeBuiltBotctl()
	return r.m.Run()
}
