package lenient_test

import (
	"encoding/json"
	"fmt"

	"github.com/botsdk/botsdk/pkg/lenient"
)

// Example decodes an AssistBot task step and history report as the live API
// sends them, against its own attribute list.
func Example() {
	var report struct {
		StandupName lenient.Text    `json:"standup_name"`
		Deadline    lenient.Text    `json:"deadline"`
		Members     lenient.IntList `json:"member_id"`
	}
	_ = json.Unmarshal([]byte(`{"standup_name": 42, "deadline": false, "member_id": 7}`), &report)
	fmt.Printf("%q %q %v\n", report.StandupName, report.Deadline, report.Members)
	out, _ := json.Marshal(report)
	fmt.Println(string(out))
	// Output:
	// "42" "" [7]
	// {"standup_name":"42","deadline":"","member_id":[7]}
}
