// Command botctl calls the AssistBot, DailyBot, Bot.Az and Bot Open APIs from
// the shell, `botctl [global flags] <api> <resource> <verb> [args] [flags]`,
// with commands built from the specs' x-botctl. stdout carries data only
// (json, jsonl, table or csv); logs, progress and errors go to stderr. Exit
// codes: 0 success; 1 an API or network error; 2 a usage error, caught
// before any request. --mock runs against the embedded mock:
//
//	botctl --mock dailybot checkins list
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// env is everything botctl takes from its process, so tests run it in-process
// with buffers and a fake environment; json is pretty on a terminal, and the
// progress line shows only on one.
type env struct {
	args                 []string
	stdin                io.Reader
	stdout, stderr       io.Writer
	getenv               func(string) string
	stdoutTTY, stderrTTY bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{args: os.Args[1:], stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		stdoutTTY: term.IsTerminal(int(os.Stdout.Fd())), stderrTTY: term.IsTerminal(int(os.Stderr.Fd()))})
	stop()
	os.Exit(code)
}
