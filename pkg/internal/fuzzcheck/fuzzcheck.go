// Package fuzzcheck is the one check the clients' fuzz targets make on the
// error a call returns, so that every target holds its client to the same
// rules: the error is one the client documents, it shows no credential, its
// text holds nothing a terminal or a log would act on, and it stays a sane
// size.
//
//	_, err := c.Users.Get(ctx, "u-1", dailybot.GetUserParams{})
//	fuzzcheck.Error(t, "Users.Get", err, fuzzcheck.Options{
//		Secrets:   []string{apiKey},
//		Sentinels: []error{dailybot.ErrPagingLoop, dailybot.ErrNextURL},
//	})
//
// What a single target knows beyond that (the status every answer had, that
// a call with fixed valid parameters is never refused) it checks itself.
// SameJSON is the comparison a target makes of a body it decoded and
// encoded back: numbers by value at any size, as valid JSON allows them.
package fuzzcheck

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// DefaultMaxLen is the longest err.Error() that Error accepts when
// Options.MaxLen is zero, in bytes: room for an APIError's Code and Message
// at botsdk.MaxErrorMessage each with their cut notes, and for the prefixes
// that wrapping adds, with margin.
const DefaultMaxLen = 4 * botsdk.MaxErrorMessage

// Options is what a call may fail with beyond the botsdk error types, and
// what its error must not show.
type Options struct {
	// Secrets are the credentials the client holds. None may appear in
	// err.Error(), in err formatted with %v, %+v or %#v, or in the text
	// fields of an APIError or DecodeError anywhere in err's tree. Empty
	// strings are skipped.
	Secrets []string
	// Sentinels are further errors the call may fail with, matched with
	// errors.Is: a client's own (dailybot.ErrPagingLoop),
	// botsdk.ErrBodyTooLarge, or context.Canceled and
	// context.DeadlineExceeded for a target that cancels.
	Sentinels []error
	// Allow, when not nil, reports further errors the call may fail with
	// that no sentinel names, such as an *url.Error. Such an error must
	// still pass every other rule.
	Allow func(error) bool
	// MaxLen bounds len(err.Error()) in bytes; zero means DefaultMaxLen.
	MaxLen int
}

// Error reports to t with Errorf, naming call, every rule err breaks, and
// lets the test go on. A nil err passes. The rules:
//   - err is, or wraps, a *botsdk.APIError, *botsdk.DecodeError or
//     *botsdk.ValidationError, matches one of opts.Sentinels with errors.Is,
//     or is one opts.Allow accepts;
//   - no secret of opts.Secrets appears in err.Error(), in fmt's %v, %+v or
//     %#v of err, or in the Message, Code, Body, Method or Path of an
//     APIError, or the ContentType, Method or Path of a DecodeError, in
//     err's tree;
//   - err.Error() holds no character botsdk.EscapeControls would escape
//     (controls, bidirectional controls, line separators, bytes that are
//     not UTF-8);
//   - err.Error() is at most opts.MaxLen bytes long.
func Error(t testing.TB, call string, err error, opts Options) {
	t.Helper()
	if err == nil {
		return
	}
	text := err.Error()
	if !allowed(err, opts) {
		t.Errorf("%s: %T is not an error the client documents: %s", call, err, shown(text))
	}
	for _, secret := range opts.Secrets {
		if secret == "" {
			continue
		}
		var showing []string
		for _, form := range []struct{ name, text string }{
			{"Error()", text}, {"%v", fmt.Sprintf("%v", err)}, {"%+v", fmt.Sprintf("%+v", err)}, {"%#v", fmt.Sprintf("%#v", err)},
		} {
			if strings.Contains(form.text, secret) {
				showing = append(showing, form.name)
			}
		}
		if len(showing) > 0 {
			t.Errorf("%s: the error shows the credential %q in %s: %s", call, secret, strings.Join(showing, ", "), shown(text))
		}
		for _, field := range typedFields(err) {
			if bytes.Contains(field.value, []byte(secret)) {
				t.Errorf("%s: %s shows the credential %q: %s", call, field.name, secret, shown(string(field.value)))
			}
		}
	}
	if escaped := botsdk.EscapeControls(text); escaped != text {
		t.Errorf("%s: the error text holds characters to escape: %s", call, shown(text))
	}
	maxLen := opts.MaxLen
	if maxLen == 0 {
		maxLen = DefaultMaxLen
	}
	if len(text) > maxLen {
		t.Errorf("%s: the error text is %d bytes, over %d: %s", call, len(text), maxLen, shown(text))
	}
}

// allowed reports whether err is of a kind the call may fail with.
func allowed(err error, opts Options) bool {
	var apiErr *botsdk.APIError
	var decodeErr *botsdk.DecodeError
	var validationErr *botsdk.ValidationError
	if errors.As(err, &apiErr) || errors.As(err, &decodeErr) || errors.As(err, &validationErr) {
		return true
	}
	for _, sentinel := range opts.Sentinels {
		if errors.Is(err, sentinel) {
			return true
		}
	}
	return opts.Allow != nil && opts.Allow(err)
}

// field is one text field of a typed error, named for reports.
type field struct {
	name  string
	value []byte
}

// typedFields returns the text fields of every APIError and DecodeError in
// err's tree, where a credential would reach whoever logs or prints them even
// when err.Error() leaves them out.
func typedFields(err error) []field {
	var out []field
	walk(err, func(e error) {
		switch e := e.(type) {
		case *botsdk.APIError:
			out = append(out,
				field{"APIError.Message", []byte(e.Message)},
				field{"APIError.Code", []byte(e.Code)},
				field{"APIError.Body", e.Body},
				field{"APIError.Method", []byte(e.Method)},
				field{"APIError.Path", []byte(e.Path)})
		case *botsdk.DecodeError:
			out = append(out,
				field{"DecodeError.ContentType", []byte(e.ContentType)},
				field{"DecodeError.Method", []byte(e.Method)},
				field{"DecodeError.Path", []byte(e.Path)})
		}
	})
	return out
}

// walk calls visit on err and on every error it wraps, depth first, through
// both Unwrap() error and Unwrap() []error.
func walk(err error, visit func(error)) {
	if err == nil {
		return
	}
	visit(err)
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		walk(u.Unwrap(), visit)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walk(e, visit)
		}
	}
}

// shownLimit is how much of a text a report shows.
const shownLimit = 300

// shown returns s escaped and cut for a report, so that the report itself is
// safe to print.
func shown(s string) string {
	s = botsdk.EscapeControls(s)
	if len(s) <= shownLimit {
		return s
	}
	return fmt.Sprintf("%s… [%d bytes in all]", strings.ToValidUTF8(s[:shownLimit], ""), len(s))
}
