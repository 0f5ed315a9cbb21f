package botsdk

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"sync"
)

// maxServerURLs bounds how many server URLs ServerURL keeps parsed.
const maxServerURLs = 64

// serverURLs are the server URLs ServerURL has parsed, by their text.
var serverURLs struct {
	sync.RWMutex
	m map[string]*url.URL
}

// ServerURL returns server parsed by url.Parse, kept from an earlier call
// with the same text (up to 64 servers; further ones are parsed each time).
// The generated request builders call it for the server of every request.
// The returned URL is shared: it must not be changed. It fails with
// url.Parse's error.
func ServerURL(server string) (*url.URL, error) {
	serverURLs.RLock()
	u, ok := serverURLs.m[server]
	serverURLs.RUnlock()
	if ok {
		return u, nil
	}
	u, err := url.Parse(server)
	if err != nil {
		return nil, err
	}
	serverURLs.Lock()
	if serverURLs.m == nil {
		serverURLs.m = map[string]*url.URL{}
	}
	if len(serverURLs.m) < maxServerURLs {
		serverURLs.m[server] = u
	}
	serverURLs.Unlock()
	return u, nil
}

// ResolvePath returns the URL of an operation's path ("/users/a%20b/", its
// parameters already escaped) below server: what server.Parse("." + path)
// gives, in a new URL. A server whose path ends in "/" and a path of
// unreserved characters and slashes only are joined without a parse; any
// other takes url.URL.Parse. It fails with url.Parse's error.
func ResolvePath(server *url.URL, path string) (*url.URL, error) {
	if plainPath(path) && server.Opaque == "" && server.RawPath == "" &&
		strings.HasPrefix(server.Path, "/") && strings.HasSuffix(server.Path, "/") && plainPath(server.Path) {
		return &url.URL{Scheme: server.Scheme, User: server.User, Host: server.Host, Path: server.Path + path[1:]}, nil
	}
	if path != "" && path[0] == '/' {
		path = "." + path
	}
	return server.Parse(path)
}

// plainPath reports whether p starts with "/" and holds only unreserved
// characters and single slashes, with no "." or ".." segment: a path that
// url.Parse keeps as it is and that dot-segment removal leaves alone.
func plainPath(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '~':
		case c == '/':
			if i > 0 && p[i-1] == '/' {
				return false
			}
		case c == '.':
			// A segment made of dots only is a dot segment.
			start := strings.LastIndexByte(p[:i], '/') + 1
			end := strings.IndexByte(p[i:], '/')
			if end < 0 {
				end = len(p)
			} else {
				end += i
			}
			if strings.Trim(p[start:end], ".") == "" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// MarshalJSON returns json.Marshal(v). When v is a json.Marshaler whose
// output is already what json.Marshal would make of it (valid, compact,
// with nothing HTML-escaping would change), that output is returned as it
// is, without encoding/json's second pass over it; the generated request
// builders encode their bodies with it.
func MarshalJSON(v any) ([]byte, error) {
	if m, ok := v.(json.Marshaler); ok && v != nil && !isNilPointer(v) {
		b, err := m.MarshalJSON()
		if err == nil && validJSON(b) && compactAndSafe(b) {
			return b, nil
		}
	}
	return json.Marshal(v)
}

// isNilPointer reports whether v holds a nil pointer, which json.Marshal
// encodes as null without calling its MarshalJSON.
func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// compactAndSafe reports whether valid JSON b has no whitespace between
// tokens and no byte that json.Marshal's HTML escaping would change ('<',
// '>', '&', and U+2028 and U+2029, whose UTF-8 encodings start with 0xE2).
func compactAndSafe(b []byte) bool {
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case escaped:
			escaped = false
		case c == '<' || c == '>' || c == '&' || c == 0xE2:
			return false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			return false
		}
	}
	return true
}
