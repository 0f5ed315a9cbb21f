// Command botctl calls the four bot APIs (AssistBot, DailyBot, Bot.Az and the
// Bot Open API) from the shell with one grammar:
//
//	botctl [global flags] <api> <resource> <verb> [args] [flags]
//
// stdout carries data only (json by default, jsonl, table or csv); logs,
// progress and errors go to stderr. --mock runs every command against the
// embedded mock server, so no account is needed:
//
//	botctl --mock dailybot checkins list
//
// Exit codes: 0 success; 1 an API or network error; 2 a usage error (unknown
// flag, missing argument or credential, invalid date, zone or range), caught
// before any request.
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
// with buffers and a fake environment.
type env struct {
	args           []string
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// stdoutTTY and stderrTTY report terminals: json is pretty on a terminal
	// and compact when piped; the progress bar shows only on a terminal.
	stdoutTTY, stderrTTY bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{
		args:      os.Args[1:],
		stdin:     os.Stdin,
		stdout:    os.Stdout,
		stderr:    os.Stderr,
		getenv:    os.Getenv,
		stdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	})
	stop()
	os.Exit(code)
}
