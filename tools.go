//go:build tools

// Package tools pins the code generator and the linter so that `make generate`
// and `make lint` run the same versions on every machine; it is never compiled
// into the SDK.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
	_ "honnef.co/go/tools/cmd/staticcheck"
)
