package main

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
)

// Table columns of each DailyBot resource: the few fields that identify a
// row and fit a terminal. -o csv shows every field instead (typeColumns).
var (
	dbCheckinColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "name", Path: "name"}, {Header: "active", Path: "active"},
		{Header: "frequency", Path: "frequency_type"}, {Header: "start_on", Path: "start_on"},
	}
	dbResponseColumns = []render.Column{
		{Header: "uuid", Path: "uuid"}, {Header: "created_at", Path: "created_at"}, {Header: "user", Path: "user.full_name"},
		{Header: "completed", Path: "response_completed"}, {Header: "has_issue", Path: "has_issue"},
	}
	dbUserColumns = []render.Column{
		{Header: "uuid", Path: "uuid"}, {Header: "full_name", Path: "full_name"}, {Header: "role", Path: "role"},
		{Header: "occupation", Path: "occupation"}, {Header: "timezone", Path: "timezone"}, {Header: "active", Path: "is_active"},
	}
	dbMeColumns = []render.Column{
		{Header: "uuid", Path: "uuid"}, {Header: "full_name", Path: "full_name"}, {Header: "role", Path: "role"},
		{Header: "organization", Path: "organization_name"}, {Header: "timezone", Path: "timezone"},
	}
	dbOrganizationColumns = []render.Column{
		{Header: "uuid", Path: "uuid"}, {Header: "name", Path: "name"}, {Header: "platform", Path: "platform"},
	}
	dbTeamColumns = []render.Column{
		{Header: "uuid", Path: "uuid"}, {Header: "name", Path: "name"}, {Header: "active", Path: "active"},
		{Header: "default", Path: "is_default"},
	}
	dbFormColumns = []render.Column{
		{Header: "uuid", Path: "uuid"}, {Header: "name", Path: "name"}, {Header: "active", Path: "is_active"},
		{Header: "shortcut", Path: "shortcut"}, {Header: "privacy", Path: "privacy"},
		{Header: "start_on", Path: "start_on"}, {Header: "end_on", Path: "end_on"},
	}
	dbTemplateColumns = []render.Column{
		{Header: "uuid", Path: "uuid"}, {Header: "name", Path: "name"}, {Header: "intro", Path: "intro"},
	}
	dbKudosColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "from", Path: "user.full_name"}, {Header: "content", Path: "content"},
		{Header: "anonymous", Path: "is_anonymous"}, {Header: "created_at", Path: "created_at"},
	}
	dbWebhookColumns      = []render.Column{{Header: "id", Path: "id"}, {Header: "url", Path: "url"}}
	dbConversationColumns = []render.Column{{Header: "channel", Path: "body.channel"}}
)

// dailybotColumns returns the columns for T in the -o format: table's
// readable few, or for csv every field of T flattened with dots. csv's
// columns come from the type, not from the first item, so every row has the
// same columns even when an item omits a field (an anonymous response's
// user is null, a later one's is an object).
func dailybotColumns[T any](a *app, table []render.Column) []render.Column {
	if a.format() == render.CSV {
		return typeColumns(reflect.TypeFor[T]())
	}
	return table
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// typeColumns lists the JSON key paths of struct type t: its own fields in
// declaration order (id or uuid first), then those of nested objects as
// "parent.child". Lists, maps and values that marshal themselves (dates,
// times) are one column each; render writes lists as compact JSON.
func typeColumns(t reflect.Type) []render.Column {
	var top, nested, ids []render.Column
	var walk func(t reflect.Type, prefix string, depth int)
	walk = func(t reflect.Type, prefix string, depth int) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			path := name
			if prefix != "" {
				path = prefix + "." + name
			}
			// The depth bound stops a type that contains itself.
			if ft := f.Type; isJSONObjectType(ft) && depth < maxColumnDepth {
				walk(ft, path, depth+1)
				continue
			}
			col := render.Column{Header: path, Path: path}
			switch {
			case prefix == "" && (name == "id" || name == "uuid"):
				ids = append(ids, col)
			case prefix == "":
				top = append(top, col)
			default:
				nested = append(nested, col)
			}
		}
	}
	walk(t, "", 0)
	return append(append(ids, top...), nested...)
}

// maxColumnDepth is how deep typeColumns flattens nested objects.
const maxColumnDepth = 3

// isJSONObjectType reports whether values of t encode as a JSON object of their own
// fields, to be flattened: a struct (or pointer to one) that does not
// marshal itself.
func isJSONObjectType(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	// Generated types marshal themselves to keep undeclared keys; their
	// declared fields are still their columns.
	if _, open := t.FieldByName("AdditionalProperties"); open {
		return true
	}
	p := reflect.PointerTo(t)
	return !p.Implements(jsonMarshalerType) && !p.Implements(textMarshalerType)
}
