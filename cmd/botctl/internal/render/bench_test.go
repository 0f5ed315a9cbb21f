package render

import (
	"io"
	"testing"
)

// BenchmarkJSONLItem measures streaming one check-in response per line, the
// shape of a bulk export.
func BenchmarkJSONLItem(b *testing.B) {
	item := map[string]any{"uuid": "4e322341-1262-42fa3-942a-0341d90883f6", "user": map[string]any{"full_name": "Ana Costa"},
		"responses": []map[string]any{{"question": "What did you do?", "response": "A lot of work"}}, "created_at": "2022-01-25T21:44:07.337796Z"}
	w, err := New(io.Discard, JSONL, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := w.Item(item); err != nil {
			b.Fatal(err)
		}
	}
}
