package dailybot

import (
	"encoding/json"
	"fmt"

	"github.com/oapi-codegen/nullable"
)

// Params structs use plain values where the zero value is never worth sending
// (an empty id, date or list, a 0 limit) and pointers where it is (false, 0,
// "" in an update). These turn the plain zero values into "not sent".

// Ptr returns a pointer to v, for the optional pointer fields of params
// structs: dailybot.Ptr(true), dailybot.Ptr(2).
func Ptr[T any](v T) *T { return &v }

// optInt sends v unless it is 0.
func optInt(v int) *int {
	if v == 0 {
		return nil
	}
	p := new(int)
	*p = v
	return p
}

// optBool sends true only; false is the API's default where it is used.
func optBool(v bool) *bool {
	if !v {
		return nil
	}
	p := new(bool)
	*p = v
	return p
}

// optString sends s unless it is empty.
func optString[S ~string](s S) *S {
	if s == "" {
		return nil
	}
	// new in this branch only: &s would move s to the heap on every call,
	// the empty ones included.
	p := new(S)
	*p = s
	return p
}

// optSlice sends s unless it is empty.
func optSlice[T any](s []T) *[]T {
	if len(s) == 0 {
		return nil
	}
	p := new([]T)
	*p = s
	return p
}

// Field is an update field that null clears, in one of three states (it is
// github.com/oapi-codegen/nullable's type, which the generated request bodies
// use): the zero value leaves the field as it is (the key is not sent),
// Set(v) sets it, and Clear() removes its value (the key is sent as JSON
// null).
//
//	dailybot.UpdateCheckinParams{EndOn: dailybot.Clear()} // sends {"end_on":null}
type Field = nullable.Nullable[string]

// Set returns a Field that sets the value to v ("" sets it to "").
func Set(v string) Field { return nullable.NewNullableWithValue(v) }

// Clear returns a Field that removes the value (sends JSON null).
func Clear() Field { return nullable.NewNullNullable[string]() }

// reshape copies a request body into another generated body type with the
// same keys (a config body into its create body) through its JSON, so the
// shared fields are assigned once; the keys the target lacks are kept among
// its additional properties.
func reshape[T any](from any) (T, error) {
	var out T
	b, err := json.Marshal(from)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		return out, fmt.Errorf("%s: build the request body: %w", api, err)
	}
	return out, nil
}
