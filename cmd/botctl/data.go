package main

import (
	"io"
	"os"
	"strings"
)

// readData reads a --data value, the one way every command takes it: JSON
// text as it is, @FILE a file's content, - (or @-) standard input; empty is
// none (nil). A file or stdin that cannot be read is a usage error; what the
// bytes must be (an object, any JSON) is the caller's check.
func readData(a *app, data string) ([]byte, error) {
	var raw []byte
	var err error
	switch {
	case data == "":
		return nil, nil
	case data == "-" || data == "@-":
		raw, err = io.ReadAll(a.env.stdin)
	case strings.HasPrefix(data, "@"):
		raw, err = os.ReadFile(data[1:])
	default:
		raw = []byte(data)
	}
	if err != nil {
		return nil, usagef("--data: %w", err)
	}
	return raw, nil
}
