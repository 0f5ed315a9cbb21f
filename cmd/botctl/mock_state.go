package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/botsdk/botsdk/pkg/mock"
)

// errMockState marks a --state file that cannot be used: locked, unreadable
// or not a state file.
var errMockState = errors.New("--state")

// startMock starts the mock on addr with opts; with statePath it first locks
// and reads that state file, starts the mock as the file says and replays
// its saved changes. A saved change that no longer replays is a warning,
// not an error: the rest of the state is there.
func startMock(ctx context.Context, addr, statePath string, opts []mock.Option, stderr io.Writer) (*mock.Server, *mock.StateFile, error) {
	if statePath == "" {
		srv, err := mock.Start(ctx, addr, opts...)
		return srv, nil, err
	}
	state, err := mock.OpenState(ctx, statePath)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", errMockState, err)
	}
	srv, err := mock.Start(ctx, addr, append(opts, state.Options()...)...)
	if err != nil {
		_ = state.Close()
		return nil, nil, err
	}
	if err := state.Restore(srv); errors.Is(err, mock.ErrStateDiverged) {
		fmt.Fprintf(stderr, "warning: --state: %v\n", err)
	} else if err != nil {
		_ = srv.Close()
		_ = state.Close()
		return nil, nil, fmt.Errorf("%w: %w", errMockState, err)
	}
	return srv, state, nil
}

// saveState saves srv's state in its file and lets go of the file.
func saveState(srv *mock.Server, state *mock.StateFile) error {
	err := state.Save(srv)
	if cerr := state.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%w: %w", errMockState, err)
	}
	return nil
}

// saveMockState saves the embedded mock's state when --state asked for it;
// a failure is reported on stderr, since the command's own result stands.
func (a *app) saveMockState() {
	if a.state == nil || a.mock == nil {
		return
	}
	if err := saveState(a.mock, a.state); err != nil {
		fmt.Fprintf(a.env.stderr, "error: %v\n", err)
	}
	a.state = nil
}
