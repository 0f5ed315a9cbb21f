package botaz

import "github.com/oapi-codegen/nullable"

// Field is one visitor field in an update, in one of three states (it is
// github.com/oapi-codegen/nullable's type, which the generated request body
// uses): its zero value leaves the field unchanged (the key is not sent),
// Set("x") sets it to "x", and Clear() removes the value (the key is sent as
// JSON null, which is how Bot.Az removes a value). Read it with Get, IsNull
// and IsSpecified.
//
//	botaz.UpdateVisitorParams{Email: botaz.Clear(), Phone: botaz.Set("+994124801574")}
//	// sends {"email":null,"phone":"+994124801574"}; name and notes are untouched
type Field = nullable.Nullable[string]

// Set returns a Field that sets the value to v (an empty v sets it to "").
func Set(v string) Field { return nullable.NewNullableWithValue(v) }

// Clear returns a Field that removes the value (sent as JSON null).
func Clear() Field { return nullable.NewNullNullable[string]() }
