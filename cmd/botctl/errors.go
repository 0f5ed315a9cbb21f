package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // an API or network error
	exitUsage = 2 // a usage error, caught before any request
)

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usage error.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// asUsage marks err as a usage error.
func asUsage(err error) error {
	if err == nil {
		return nil
	}
	var u *usageError
	if errors.As(err, &u) {
		return err
	}
	return &usageError{err}
}

// fieldAnnotation prefixes the cobra.Command annotations that map an API
// field to the flag that sets it ("botctl.field.date_start" → "date-start"),
// so a *botsdk.ValidationError naming a field can name the flag too. Body
// flags get one from requestBody.field; a flag named like its field, with
// dashes for underscores, needs none.
const fieldAnnotation = "botctl.field."

// annotateField records on cmd that flag sets the API's field.
func annotateField(cmd *cobra.Command, field, flag string) {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[fieldAnnotation+field] = flag
}

// flagHint is what a usage error adds to name the flag to fix: the clients'
// validation errors name the API's field (the same whether the value came
// from a flag or from --data), so " (flag --date-start)" follows
// "dailybot: date_start: …" when cmd has that flag. It is empty for other
// errors, for fields no flag sets, and when the message names the flag.
func flagHint(cmd *cobra.Command, err error) string {
	var v *botsdk.ValidationError
	if cmd == nil || !errors.As(err, &v) {
		return ""
	}
	flag := flagForField(cmd, v.Field)
	if flag == "" || strings.Contains(err.Error(), "--"+flag) {
		return ""
	}
	return " (flag --" + flag + ")"
}

// flagForField returns the name of the flag of cmd (or a global one) that
// sets the API field, or "".
func flagForField(cmd *cobra.Command, field string) string {
	for c := cmd; c != nil; c = c.Parent() {
		if flag, ok := c.Annotations[fieldAnnotation+field]; ok {
			return flag
		}
	}
	if byName := strings.ReplaceAll(field, "_", "-"); cmd.Flags().Lookup(byName) != nil {
		return byName
	}
	return ""
}
