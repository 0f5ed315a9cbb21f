package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPick(t *testing.T) {
	item := `{"id": 1.50, "user": {"name": "Ana", "org": {"name": "Acme", "n": 12345678901234567890}}, "tags": ["a"], "nil": null}`
	tests := []struct {
		name, paths, want string
	}{
		{name: "order given, bytes kept", paths: "tags,id", want: `{"tags":["a"],"id":1.50}`},
		{name: "nested paths grouped under their parent", paths: "user.org.n,id,user.name", want: `{"user":{"org":{"n":12345678901234567890},"name":"Ana"},"id":1.50}`},
		{name: "unknown fields absent", paths: "nope,user.nope,tags.x,id.x", want: `{}`},
		{name: "null is a value", paths: "nil", want: `{"nil":null}`},
		{name: "a whole object takes in its members", paths: "user,user.name", want: `{"user":{"name": "Ana", "org": {"name": "Acme", "n": 12345678901234567890}}}`},
		{name: "a member then its object: the object", paths: "user.name,user", want: `{"user":{"name": "Ana", "org": {"name": "Acme", "n": 12345678901234567890}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := globals{fields: tt.paths}
			assert.NoError(t, g.shapeOutput())
			assert.Equal(t, tt.want, string(pick(json.RawMessage(item), g.paths)))
		})
	}
	assert.Equal(t, `"text"`, string(pick(json.RawMessage(`"text"`), [][]string{{"a"}})), "not an object: as it is")
	assert.Equal(t, `[1]`, string(pick(json.RawMessage(`[1]`), [][]string{{"a"}})))
}

// FuzzPick checks that pick turns any JSON object into JSON.
func FuzzPick(f *testing.F) {
	f.Add(`{"a":{"b":1},"c":[2]}`, "a.b,c")
	f.Add(`{"a":null}`, "a.b")
	f.Add(`{"":{"":""}}`, "x")
	f.Fuzz(func(t *testing.T, item, fields string) {
		g := globals{fields: fields}
		if !json.Valid([]byte(item)) || g.shapeOutput() != nil {
			return
		}
		if out := pick(json.RawMessage(item), g.paths); !json.Valid(out) {
			t.Fatalf("pick(%s, %q) = %s, not JSON", item, fields, out)
		}
	})
}
