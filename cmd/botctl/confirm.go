package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
)

// errNotConfirmed is the answer "no" (or none) to the question before a
// destructive command: exit code 1, nothing sent.
var errNotConfirmed = errors.New("not confirmed: nothing was sent (--yes skips the question)")

// yesFlag is --yes/-y on a command whose operation destroys something
// (optable.Op.Confirm).
func (c *opCommand) yesFlag() {
	c.cmd.Flags().BoolVarP(&c.yes, "yes", "y", false,
		"do not ask before sending (default: ask when stdin is a terminal; never asked otherwise)")
}

// confirm asks on stderr whether to send r, a destructive operation's
// request, when stdin is a terminal and --yes was not given, and reads the
// answer from stdin: y or yes sends it; anything else, end of input or an
// interrupt returns errNotConfirmed (or the context's error).
func (c *opCommand) confirm(ctx context.Context, r *request) error {
	if !c.op.Confirm || c.yes || !c.app.env.stdinTTY {
		return nil
	}
	path := r.path
	if q := r.query.Encode(); q != "" {
		path += "?" + q
	}
	fmt.Fprintf(c.app.env.stderr, "%s %s: send %s %s? [y/N] ", c.api.Name, strings.Join(c.op.Command, " "), c.op.Method, path)
	answer := make(chan string, 1)
	go func() { // a read of a terminal cannot be cancelled: the process ends it
		line, _ := bufio.NewReader(c.app.env.stdin).ReadString('\n')
		answer <- line
	}()
	select {
	case <-ctx.Done():
		fmt.Fprintln(c.app.env.stderr)
		return ctx.Err()
	case line := <-answer:
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			return nil
		}
		if !strings.HasSuffix(line, "\n") {
			fmt.Fprintln(c.app.env.stderr) // end of input: the prompt's line is still open
		}
		return errNotConfirmed
	}
}
