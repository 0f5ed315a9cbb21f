package botsdk

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

// decodeBodyReference is decodeBody as json.Decoder alone gives it.
func decodeBodyReference(data []byte) any {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	return decodeStd(data)
}

var decodeBodySeeds = append([]string{
	`{"message":"The build is green","target_users":["u-1","u-2"]}`,
	`{"a":{"b":[1,-2.5e3,true,false,null,{}]},"a":"dup","é":"\u00e9\ud83d\ude00","x":"\xff"}`,
	`{"a":1} ]`, `1 2`, `  [ ]  `, `{"n":0.0,"m":1E+2}`,
}, scanSeeds...)

func TestDecodeBodyAgreesWithDecoder(t *testing.T) {
	for _, in := range decodeBodySeeds {
		assert.Equal(t, decodeBodyReference([]byte(in)), decodeBody([]byte(in)), "%q", in)
	}
}

func FuzzDecodeBody(f *testing.F) {
	for _, in := range decodeBodySeeds {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		assert.Equal(t, decodeBodyReference(data), decodeBody(data))
	})
}
