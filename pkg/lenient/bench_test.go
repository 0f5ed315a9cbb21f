package lenient_test

import (
	"encoding/json"
	"testing"

	"github.com/botsdk/botsdk/pkg/lenient"
)

// BenchmarkDecodeQuirks measures decoding a task step with the documented
// quirks (deadline false, channel number, ids as one integer).
func BenchmarkDecodeQuirks(b *testing.B) {
	data := []byte(`{"deadline": false, "channel": 12345, "ids": 7, "name": "Daily standup", "key": false}`)
	var v struct {
		Deadline lenient.Text       `json:"deadline"`
		Channel  lenient.Text       `json:"channel"`
		IDs      lenient.IntList    `json:"ids"`
		Name     lenient.Text       `json:"name"`
		Key      lenient.IntOrFalse `json:"key"`
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}
