package undeclared_test

import (
	"encoding/json"
	"fmt"

	"github.com/botsdk/botsdk/pkg/internal/undeclared"
)

// ExampleMark shows the answer a lossless test serves: the key is added to
// every object, with the object's path as its value.
func ExampleMark() {
	var answer any
	_ = json.Unmarshal([]byte(`{"data":[{"id":1}],"status":true}`), &answer)
	marked, _ := json.Marshal(undeclared.Mark(answer))
	fmt.Println(string(marked))
	// Output:
	// {"data":[{"id":1,"x-undeclared":"$.data[0]"}],"status":true,"x-undeclared":"$"}
}
