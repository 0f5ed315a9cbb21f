package fuzzcheck_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/botsdk/botsdk/pkg/internal/fuzzcheck"
)

// printer is a testing.TB that prints what is reported to it.
type printer struct{ testing.TB }

func (printer) Helper() {}

func (printer) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }

func ExampleError() {
	errPagingLoop := errors.New("dailybot: paging loops")
	opts := fuzzcheck.Options{Secrets: []string{"dbk-key"}, Sentinels: []error{errPagingLoop}}

	// In a fuzz target the first argument is the target's *testing.T.
	fuzzcheck.Error(printer{}, "Users.List", fmt.Errorf("%w: page 2 (/v1/\x1b[2J)", errPagingLoop), opts)
	fuzzcheck.Error(printer{}, "Users.Get", errors.New("dial tcp: refused"), opts)
	// Output:
	// Users.List: the error text holds characters to escape: dailybot: paging loops: page 2 (/v1/\x1b[2J)
	// Users.Get: *errors.errorString is not an error the client documents: dial tcp: refused
}
