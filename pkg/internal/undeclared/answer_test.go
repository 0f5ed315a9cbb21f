package undeclared

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// leaf is an object type inside tree.
type leaf struct {
	Name                 string         `json:"name"`
	AdditionalProperties map[string]any `json:"-"`
}

func (l leaf) Get(key string) (any, bool) { v, ok := l.AdditionalProperties[key]; return v, ok }

func (l *leaf) UnmarshalJSON(b []byte) error {
	type plain leaf
	if err := json.Unmarshal(b, (*plain)(l)); err != nil {
		return err
	}
	return json.Unmarshal(b, &l.AdditionalProperties)
}

// tree holds objects in every way a result can: a pointer, a list, a map
// (whose entries are data) and itself.
type tree struct {
	Leaf                 *leaf           `json:"leaf"`
	Leaves               []leaf          `json:"leaves"`
	ByLang               map[string]leaf `json:"by_lang"`
	Free                 map[string]any  `json:"free"`
	Self                 *tree           `json:"self,omitempty"`
	AdditionalProperties map[string]any  `json:"-"`
}

func (w tree) Get(key string) (any, bool) { v, ok := w.AdditionalProperties[key]; return v, ok }

func (w *tree) UnmarshalJSON(b []byte) error {
	type plain tree
	if err := json.Unmarshal(b, (*plain)(w)); err != nil {
		return err
	}
	return json.Unmarshal(b, &w.AdditionalProperties)
}

func TestAnswer(t *testing.T) {
	var doc map[string]any
	require.NoError(t, json.Unmarshal(Answer(reflect.TypeFor[tree]()), &doc))
	assert.Equal(t, "$", doc[Key])
	assert.Equal(t, "$.leaf", doc["leaf"].(map[string]any)[Key])
	assert.Equal(t, "text", doc["leaf"].(map[string]any)["name"], "fields are filled")
	assert.Equal(t, "$.leaves[0]", doc["leaves"].([]any)[0].(map[string]any)[Key])
	assert.NotContains(t, doc, "self", "a recursive type ends")
	byLang := doc["by_lang"].(map[string]any)
	assert.NotContains(t, byLang, Key, "a map's entries are not marked")
	assert.Equal(t, "$.by_lang.key", byLang["key"].(map[string]any)[Key])

	var got tree
	require.NoError(t, json.Unmarshal(Answer(reflect.TypeFor[tree]()), &got))
	reached := Check(t, &got)
	assert.Empty(t, Missing(ObjectTypes(reflect.TypeFor[tree]()), reached))
}

type service struct{}

func (service) Get() (*tree, error) { return nil, nil }

func (service) List() func(func(closed, error) bool) { return nil }

type client struct {
	Things  *service
	private *service
}

func TestResults(t *testing.T) {
	c := &client{Things: &service{}, private: &service{}}
	assert.ElementsMatch(t, []reflect.Type{reflect.TypeFor[*tree](), reflect.TypeFor[closed]()}, Results(c))
}
