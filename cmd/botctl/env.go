package main

import "io"

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
