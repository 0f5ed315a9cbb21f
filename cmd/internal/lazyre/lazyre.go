// Package lazyre holds regular expressions compiled on their first use. A
// package-level regexp.MustCompile runs when the program starts, whatever
// the command line asks for; a package-level Regexp is laid out by the
// linker from its constant pattern and costs nothing until it is used:
//
//	var uuidShaped = lazyre.New(`^[0-9a-f]{8}-…$`)
//	uuidShaped.Get().MatchString(s)
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a pattern and the regexp compiled from it on the first Get.
// Its zero value is not usable; New makes one. A Regexp must not be copied
// after its first Get.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// New returns the Regexp of expr, which must compile (Get panics otherwise,
// as regexp.MustCompile does): a program's own constant patterns only.
func New(expr string) *Regexp { return &Regexp{expr: expr} }

// Get returns the compiled regexp, compiling it on the first call; it is
// safe for concurrent use and panics when the pattern does not compile.
func (r *Regexp) Get() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.expr) })
	return r.re
}
