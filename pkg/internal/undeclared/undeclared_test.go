package undeclared

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// open is an object type that keeps undeclared keys, like gen/'s.
type open struct {
	Name                 string         `json:"name"`
	Child                *open          `json:"child,omitempty"`
	Items                []open         `json:"items,omitempty"`
	When                 time.Time      `json:"when"`
	Free                 map[string]any `json:"free,omitempty"`
	AdditionalProperties map[string]any `json:"-"`
}

func (o open) Get(key string) (any, bool) { v, ok := o.AdditionalProperties[key]; return v, ok }

func (o *open) UnmarshalJSON(b []byte) error {
	type plain open
	if err := json.Unmarshal(b, (*plain)(o)); err != nil {
		return err
	}
	var all map[string]any
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	for _, k := range []string{"name", "child", "items", "when", "free"} {
		delete(all, k)
	}
	o.AdditionalProperties = all
	return nil
}

// closed is an object type that drops undeclared keys.
type closed struct {
	Name string `json:"name"`
}

// wrapper claims to keep undeclared keys (it has Get) but decodes like a
// plain struct, so it loses them; it holds closed objects.
type wrapper struct {
	Inner                []closed       `json:"inner"`
	AdditionalProperties map[string]any `json:"-"`
}

func (w wrapper) Get(key string) (any, bool) { v, ok := w.AdditionalProperties[key]; return v, ok }

// scalar is a struct that reads a JSON scalar: not an object type.
type scalar struct{ n int }

func (s *scalar) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &s.n) }

// recorder is a testing.TB that keeps what is reported to it.
type recorder struct {
	testing.TB
	errs []string
}

func (*recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestMark(t *testing.T) {
	got := Mark(map[string]any{"a": []any{map[string]any{"b": 1.0}, "s"}, "c": map[string]any{}})
	assert.Equal(t, map[string]any{
		"a": []any{map[string]any{"b": 1.0, Key: "$.a[0]"}, "s"},
		"c": map[string]any{Key: "$.c"},
		Key: "$",
	}, got)
	assert.Equal(t, `[{"x-undeclared":"$[0]"},2]`, string(MarkJSON(t, []byte(`[{},2]`))))
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name        string
		answer      string
		into        func() any
		wantErrs    []string
		wantReached []reflect.Type
	}{
		{
			name: "every depth kept", answer: `{"name":"a","child":{"name":"b"},"items":[{"name":"c"}],"free":{"k":{}}}`,
			into: func() any { return new(open) }, wantReached: []reflect.Type{reflect.TypeFor[open]()},
		},
		{
			name: "a closed type", answer: `{"inner":[{"name":"a"}]}`, into: func() any { return new(wrapper) },
			wantErrs: []string{
				`undeclared: a undeclared.wrapper lost the key "x-undeclared"`,
				"undeclared: undeclared.closed has no Get(key) method: it cannot give undeclared keys back",
			},
			wantReached: []reflect.Type{reflect.TypeFor[wrapper](), reflect.TypeFor[closed]()},
		},
		{
			name: "a key lost", answer: `{"inner":[]}`, into: func() any { return new(wrapper) },
			wantErrs:    []string{`undeclared: a undeclared.wrapper lost the key "x-undeclared"`},
			wantReached: []reflect.Type{reflect.TypeFor[wrapper]()},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.into()
			require.NoError(t, json.Unmarshal(MarkJSON(t, []byte(tt.answer)), v))
			r := &recorder{TB: t}
			reached := Check(r, v)
			assert.Equal(t, tt.wantErrs, r.errs)
			assert.ElementsMatch(t, tt.wantReached, keys(reached))
		})
	}
}

func TestObjectTypes(t *testing.T) {
	type holder struct {
		Opens   map[string][]*open
		S       scalar
		W       *wrapper
		private closed // unexported: encoding/json does not fill it, so it is not walked
	}
	_ = holder{}.private
	got := ObjectTypes(reflect.TypeFor[[]holder]())
	assert.ElementsMatch(t, []reflect.Type{
		reflect.TypeFor[holder](), reflect.TypeFor[open](), reflect.TypeFor[wrapper](), reflect.TypeFor[closed](),
	}, keys(got))
	assert.Equal(t, []string{"undeclared.closed", "undeclared.wrapper"}, Missing(got, map[reflect.Type]bool{
		reflect.TypeFor[holder](): true, reflect.TypeFor[open](): true,
	}))
}

func keys(m map[reflect.Type]bool) []reflect.Type {
	var out []reflect.Type
	for k := range m {
		out = append(out, k)
	}
	return out
}
