// Package lenient holds small JSON types that accept every shape the four bot
// APIs are documented to send for one field, so that a whole response is never
// thrown away because one value breaks the docs' own attribute list.
//
// The generated clients in gen/ use these types through the specs' x-go-type
// extension; the specs say, field by field, which documented example needs them.
//
//	var s struct{ Name lenient.Text `json:"standup_name"` }
//	_ = json.Unmarshal([]byte(`{"standup_name": 42}`), &s) // s.Name == "42"
package lenient
