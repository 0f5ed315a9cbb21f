package fuzzcheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSameJSON(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"the same object, keys in another order", `{"a":1,"b":[true,null,"x"]}`, ` {"b":[true,null,"x"],"a":1} `, true},
		{"a number beyond float64", `{"n":1E700}`, `{"n":1E700}`, true},
		{"the same value written two ways", `[1E700, -0, 1.0, 12345678901234567890]`, `[10e699, 0, 1, 1.234567890123456789e19]`, true},
		{"integers past float64's precision", `12345678901234567890`, `12345678901234567891`, false},
		{"a difference in the 95th digit", `1.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001`, `1`, false},
		{"the same long number, written two ways", `1.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001`, `100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001e-95`, true},
		{"a number past big.Float's range, as written", `1e9999999999`, `1e9999999999`, true},
		{"two numbers past big.Float's range", `1e9999999999`, `1e9999999998`, false},
		{"another value", `{"a":1}`, `{"a":2}`, false},
		{"another key", `{"a":1}`, `{"b":1}`, false},
		{"a missing key", `{"a":1,"b":2}`, `{"a":1}`, false},
		{"another element order", `[1,2]`, `[2,1]`, false},
		{"a string is not a number", `"1"`, `1`, false},
		{"null is not false", `null`, `false`, false},
		{"not JSON", `{"a":`, `{"a":1}`, false},
		{"two values", `1 2`, `1`, false},
		{"trailing garbage", `1 x`, `1`, false},
		{"a trailing bracket", `{"a":1}]`, `{"a":1}`, false},
		{"a trailing comma", `{"a":1},`, `{"a":1}`, false},
		{"trailing space", "{\"a\":1} \n", `{"a":1}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, SameJSON([]byte(tt.a), []byte(tt.b)))
			assert.Equal(t, tt.want, SameJSON([]byte(tt.b), []byte(tt.a)), "symmetric")
		})
	}
}
