package botsdk

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// resolvePathReference is what the request builders did before
// ResolvePath: a parse of the path, relative to the server.
func resolvePathReference(server *url.URL, path string) (*url.URL, error) {
	if path[0] == '/' {
		path = "." + path
	}
	return server.Parse(path)
}

var resolvePathSeeds = []struct{ server, path string }{
	{"https://api.dailybot.com/v1/", "/send-message/"},
	{"http://127.0.0.1:8080/dailybot/v1/", "/checkins/91b2/responses/"},
	{"http://u:p@h/", "/users/"},
	{"http://h", "/users/"},
	{"http://h/v1", "/users/"},
	{"http://h/v1/?x=1#f", "/users/"},
	{"http://h/a%2Fb/", "/users/"},
	{"http://h/v1/./", "/users/"},
	{"http://h//v1/", "/users/"},
	{"http://h/v1/", "/users/a%20b/"},
	{"http://h/v1/", "/users/../me/"},
	{"http://h/v1/", "/users/./"},
	{"http://h/v1/", "/users//x"},
	{"http://h/v1/", "/a.b/...c/"},
	{"http://h/v1/", "/a:b/"},
	{"mailto:x@y", "/x"},
}

func TestResolvePathAgreesWithParse(t *testing.T) {
	for _, tt := range resolvePathSeeds {
		server, err := url.Parse(tt.server)
		require.NoError(t, err)
		want, wantErr := resolvePathReference(server, tt.path)
		got, err := ResolvePath(server, tt.path)
		assert.Equal(t, wantErr, err, "%s + %s", tt.server, tt.path)
		assert.Equal(t, want, got, "%s + %s", tt.server, tt.path)
	}
}

func FuzzResolvePath(f *testing.F) {
	for _, tt := range resolvePathSeeds {
		f.Add(tt.server, tt.path)
	}
	f.Fuzz(func(t *testing.T, rawServer, path string) {
		server, err := url.Parse(rawServer)
		if err != nil || path == "" || path[0] != '/' {
			return
		}
		before := *server
		want, wantErr := resolvePathReference(server, path)
		got, err := ResolvePath(server, path)
		if (wantErr == nil) != (err == nil) {
			t.Fatalf("%q + %q: error %v, want %v", rawServer, path, err, wantErr)
		}
		if err == nil && *got != *want {
			t.Fatalf("%q + %q: %#v, want %#v", rawServer, path, got, want)
		}
		if *server != before {
			t.Fatalf("%q + %q: the server URL changed", rawServer, path)
		}
	})
}

func TestServerURLParsesOnce(t *testing.T) {
	a, err := ServerURL("http://127.0.0.1:9/v1/")
	require.NoError(t, err)
	b, err := ServerURL("http://127.0.0.1:9/v1/")
	require.NoError(t, err)
	assert.Same(t, a, b, "the second call reuses the first parse")
	assert.Equal(t, "/v1/", a.Path)
	_, err = ServerURL("http://[::1")
	require.Error(t, err)
}

// rawMarshaler encodes as its own bytes.
type rawMarshaler []byte

func (m rawMarshaler) MarshalJSON() ([]byte, error) { return m, nil }

var marshalSeeds = []string{`{"a":1}`, `{"a": 1}`, `{"a":"<b>"}`, `{"a":"x\u2028"}`, "{\"a\":\"\u2028\"}", `[1,2 ]`, `{"a":"\"<"}`, `not json`, `"a b"`, `null`, ``}

func TestMarshalJSONAgreesWithEncodingJSON(t *testing.T) {
	for _, in := range marshalSeeds {
		want, wantErr := json.Marshal(rawMarshaler(in))
		got, err := MarshalJSON(rawMarshaler(in))
		assert.Equal(t, wantErr == nil, err == nil, "%q", in)
		assert.Equal(t, string(want), string(got), "%q", in)
	}
	var nilPtr *struct{ A int }
	got, err := MarshalJSON(nilPtr)
	require.NoError(t, err)
	assert.Equal(t, "null", string(got))
	got, err = MarshalJSON(map[string]any{"a": "<"})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"\u003c"}`, string(got))
}

func FuzzMarshalJSON(f *testing.F) {
	for _, in := range marshalSeeds {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want, wantErr := json.Marshal(rawMarshaler(in))
		got, err := MarshalJSON(rawMarshaler(in))
		if (wantErr == nil) != (err == nil) || string(want) != string(got) {
			t.Fatalf("%q: %q, %v; want %q, %v", in, got, err, want, wantErr)
		}
	})
}
