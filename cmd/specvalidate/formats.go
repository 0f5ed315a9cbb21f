package main

import (
	"encoding/json"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	openapi_types "github.com/oapi-codegen/runtime/types"
)

// decodesAs returns a format validator that accepts a string exactly when the
// Go type T that oapi-codegen generates for the format decodes it, so that an
// example the spec accepts is one the generated client accepts too.
func decodesAs[T any]() openapi3.StringFormatValidator {
	return openapi3.NewCallbackValidator(func(s string) error {
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		var v T
		return json.Unmarshal(b, &v)
	})
}

// formatValidators are the string formats enforced on every example.
func formatValidators() map[string]openapi3.StringFormatValidator {
	return map[string]openapi3.StringFormatValidator{
		"uuid":      decodesAs[openapi_types.UUID](),
		"email":     decodesAs[openapi_types.Email](),
		"date":      decodesAs[openapi_types.Date](),
		"date-time": decodesAs[time.Time](),
	}
}
