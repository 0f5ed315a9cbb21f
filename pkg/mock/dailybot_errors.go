package mock

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// nonFieldErrors is DRF's key for errors not tied to one field.
const nonFieldErrors = "non_field_errors"

// writeValidationError answers 400 for a request the spec rejects, naming
// each offending field the way DRF's serializers do:
// {"detail": "Invalid input: …", "code": "invalid", "errors": {"field": ["message"]}}.
func writeValidationError(w http.ResponseWriter, err error) {
	fields := map[string][]string{}
	collectFieldErrors(err, "", fields)
	if len(fields) == 0 {
		fields[nonFieldErrors] = []string{err.Error()}
	}
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	writeJSON(w, http.StatusBadRequest, dbError{
		Detail: "Invalid input: " + strings.Join(names, ", ") + ".",
		Code:   "invalid",
		Errors: fields,
	})
}

// collectFieldErrors walks kin-openapi's error tree, keying messages by the
// parameter name or the body field's dotted path (members.0.platform). It
// switches on the concrete types: errors.As would stop at the first element
// of a MultiError or skip past a RequestError to its cause.
func collectFieldErrors(err error, field string, out map[string][]string) {
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, inner := range e {
			collectFieldErrors(inner, field, out)
		}
	case *openapi3filter.RequestError:
		switch {
		case e.Parameter != nil:
			field = e.Parameter.Name
		case e.RequestBody != nil && field == "":
			field = nonFieldErrors
		}
		var parse *openapi3filter.ParseError
		var syntax *json.SyntaxError
		switch {
		case e.Err == nil:
			add(out, field, e.Reason)
		case e.Parameter != nil && errors.As(e.Err, &parse):
			// A query or path value that does not parse (offset=1e30) is
			// that parameter's error, not a JSON body's.
			add(out, field, "Invalid value: "+parse.Error()+".")
		case errors.As(e.Err, &parse) || errors.As(e.Err, &syntax):
			add(out, nonFieldErrors, "JSON parse error - "+e.Err.Error())
		default:
			collectFieldErrors(e.Err, field, out)
		}
	case *openapi3.SchemaError:
		if ptr := e.JSONPointer(); len(ptr) > 0 {
			field = strings.Join(ptr, ".")
		}
		add(out, field, schemaMessage(e))
	default:
		msg := err.Error()
		if msg == "value is required but missing" {
			msg = "This field is required."
		}
		add(out, field, msg)
	}
}

// schemaMessage phrases a schema violation as DRF would where DRF has a
// standard message.
func schemaMessage(e *openapi3.SchemaError) string {
	switch {
	case e.SchemaField == "required":
		return "This field is required."
	case e.SchemaField == "format" && e.Schema != nil && e.Schema.Format == "date":
		return "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
	case e.SchemaField == "format" && e.Schema != nil && e.Schema.Format == "date-time":
		return "Datetime has wrong format."
	}
	msg := e.Reason
	if i := strings.Index(msg, " ("); i > 0 {
		msg = msg[:i]
	}
	if msg == "" {
		return "Invalid value."
	}
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}

func add(out map[string][]string, field, msg string) {
	if field == "" {
		field = nonFieldErrors
	}
	out[field] = append(out[field], msg)
}

// decodeBody decodes the (already validated) JSON body into v; a failure is
// answered with 400.
func decodeBody(w http.ResponseWriter, body io.Reader, v any) bool {
	if err := json.NewDecoder(body).Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, dbError{
			Detail: "JSON parse error - " + err.Error(),
			Code:   "parse_error",
			Errors: map[string][]string{nonFieldErrors: {err.Error()}},
		})
		return false
	}
	return true
}
