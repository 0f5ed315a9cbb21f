package specs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// Parts is an embedded spec split into its path items and components, each
// kept as its pre-parsed JSON and decoded only when asked for: a program
// that serves or checks a few operations (the mock behind one botctl
// command, say) then pays for those operations, not for the whole document,
// which kin-openapi takes tens of milliseconds to decode. Its methods are
// safe for concurrent use.
type Parts struct {
	name string
	// top holds the top-level members a path's document keeps (see
	// PathDoc).
	top map[string]json.RawMessage
	// paths holds each path item by its template; extensions (x-…) are left
	// out.
	paths map[string]json.RawMessage
	// items holds each path item's members.
	items map[string]map[string]json.RawMessage
	// components holds each component by kind (schemas, parameters…), then
	// by name.
	components map[string]map[string]json.RawMessage
	operations []Operation
	// docs decodes each path's document once, on first use.
	docs map[string]func() (*openapi3.T, error)
}

// Operation is one operation of a spec, as Parts lists it without decoding
// it.
type Operation struct {
	// Method is the HTTP method in upper case (GET, POST…).
	Method string
	// Path is the path template, as the spec's paths key it ("/users/{id}/").
	Path string
	// OperationID is the operation's operationId ("" when it has none).
	OperationID string
}

// pathItemMethods are the keys of a path item that hold an operation.
var pathItemMethods = [...]string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// topKept are the top-level members PathDoc keeps: what kin-openapi's
// routing and validation read from a document (its version, servers and
// default security). The info (botctl's x-botctl block), tags and
// extensions are left to Load.
var topKept = [...]string{"openapi", "servers", "security"}

// LoadParts splits the embedded spec called name (see Names) into its parts,
// from the same pre-parsed JSON Load reads: it finds the parts' bounds
// and decodes nothing but operationIds. It fails for an unknown name or a
// document that is not the JSON make generate writes.
func LoadParts(name string) (*Parts, error) {
	if !slices.Contains(Names(), name) {
		return nil, fmt.Errorf("specs: unknown spec %q (want one of %v)", name, Names())
	}
	js, err := readPreParsed(name)
	if err != nil {
		return nil, err
	}
	p, err := splitParts(js)
	if err != nil {
		return nil, fmt.Errorf("specs: split %s.gen.json: %w", name, err)
	}
	p.name = name
	return p, nil
}

// splitParts splits a pre-parsed document into its top level, each path
// item and each component, as parts of js without copies (see members).
func splitParts(js []byte) (*Parts, error) {
	top, err := members(js)
	if err != nil {
		return nil, err
	}
	p := &Parts{
		top:        map[string]json.RawMessage{},
		paths:      map[string]json.RawMessage{},
		items:      map[string]map[string]json.RawMessage{},
		components: map[string]map[string]json.RawMessage{},
		docs:       map[string]func() (*openapi3.T, error){},
	}
	for _, k := range topKept {
		if raw, ok := top[k]; ok {
			p.top[k] = raw
		}
	}
	paths, err := members(top["paths"])
	if err != nil {
		return nil, fmt.Errorf("paths: %w", err)
	}
	for _, path := range slices.Sorted(maps.Keys(paths)) {
		raw := paths[path]
		if strings.HasPrefix(path, "x-") {
			continue
		}
		item, err := members(raw)
		if err != nil {
			return nil, fmt.Errorf("paths: %s: %w", path, err)
		}
		p.paths[path] = raw
		p.items[path] = item
		for _, m := range pathItemMethods {
			opRaw, ok := item[m]
			if !ok {
				continue
			}
			op, err := members(opRaw)
			if err != nil {
				return nil, fmt.Errorf("paths: %s: %s: %w", path, m, err)
			}
			var id string
			if raw, ok := op["operationId"]; ok {
				if err := json.Unmarshal(raw, &id); err != nil {
					return nil, fmt.Errorf("paths: %s: %s: operationId: %w", path, m, err)
				}
			}
			p.operations = append(p.operations, Operation{Method: strings.ToUpper(m), Path: path, OperationID: id})
		}
		p.docs[path] = sync.OnceValues(func() (*openapi3.T, error) { return p.decodePath(path) })
	}
	comps, err := members(top["components"])
	if err != nil {
		return nil, fmt.Errorf("components: %w", err)
	}
	for kind, raw := range comps {
		if strings.HasPrefix(kind, "x-") {
			continue
		}
		byName, err := members(raw)
		if err != nil {
			return nil, fmt.Errorf("components: %s: %w", kind, err)
		}
		p.components[kind] = byName
	}
	return p, nil
}

// Name is the spec's name (see Names).
func (p *Parts) Name() string { return p.name }

// Operations lists the spec's operations, sorted by path, then in the order
// get, put, post, delete, options, head, patch, trace.
// The slice is shared: read it, never change it.
func (p *Parts) Operations() []Operation { return p.operations }

// Paths lists the spec's path templates, sorted.
func (p *Parts) Paths() []string { return slices.Sorted(maps.Keys(p.paths)) }

// PathHas reports whether the path item of path holds key (an HTTP method
// in lower case, "servers", "$ref"…), without decoding it.
func (p *Parts) PathHas(path, key string) bool {
	_, ok := p.items[path][key]
	return ok
}

// Servers decodes the spec's servers. A spec without servers gives nil and
// no error; servers that do not decode give json.Unmarshal's error.
func (p *Parts) Servers() (openapi3.Servers, error) {
	raw, ok := p.top["servers"]
	if !ok {
		return nil, nil
	}
	var servers openapi3.Servers
	if err := json.Unmarshal(raw, &servers); err != nil {
		return nil, fmt.Errorf("specs: %s: servers: %w", p.name, err)
	}
	return servers, nil
}

// PathDoc returns the document of one path: the spec with path as its only
// path item, the components that path item reaches through $ref
// (transitively), every security scheme, and the top level's openapi,
// servers and security; references resolved as Load resolves them. Each
// operation of it is the spec's operation as Load decodes it, so
// kin-openapi's routing and validation (openapi3filter) treat a request
// alike against either. It is decoded on the first call for path and
// shared afterwards: read it, never change it. It fails for a path the
// spec does not have.
func (p *Parts) PathDoc(path string) (*openapi3.T, error) {
	doc, ok := p.docs[path]
	if !ok {
		return nil, fmt.Errorf("specs: %s: no path %q", p.name, path)
	}
	return doc()
}

// componentPrefix is how a reference to a component opens.
const componentPrefix = "#/components/"

// refKey is how kin-openapi encodes a reference: compact JSON, so the key is
// followed by its string value at once. Inside a JSON string a quote is
// escaped, so these bytes open a "$ref" member, of a reference or of an
// example that happens to have one; the latter only adds a component.
var refKey = []byte(`"$ref":"`)

// decodePath builds and decodes the document PathDoc returns for path.
func (p *Parts) decodePath(path string) (*openapi3.T, error) {
	// The components path reaches, by kind then name.
	reached := map[string]map[string]bool{}
	queue := []json.RawMessage{p.paths[path]}
	for len(queue) > 0 {
		raw := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for rest := []byte(raw); ; {
			i := bytes.Index(rest, refKey)
			if i < 0 {
				break
			}
			rest = rest[i+len(refKey):]
			end := bytes.IndexByte(rest, '"')
			if end < 0 {
				break
			}
			ref := string(rest[:end])
			rest = rest[end:]
			kind, name, ok := strings.Cut(strings.TrimPrefix(ref, componentPrefix), "/")
			if !ok || !strings.HasPrefix(ref, componentPrefix) || strings.ContainsAny(name, `/\~`) {
				continue // not a component, or a name the spec never uses: ResolveRefsIn says so
			}
			if reached[kind][name] {
				continue
			}
			c, ok := p.components[kind][name]
			if !ok {
				continue // ResolveRefsIn reports the missing component
			}
			if reached[kind] == nil {
				reached[kind] = map[string]bool{}
			}
			reached[kind][name] = true
			queue = append(queue, c)
		}
	}
	// Every scheme: the top level's security and each operation's name them
	// without $ref, and there are few.
	if schemes := p.components["securitySchemes"]; len(schemes) > 0 {
		reached["securitySchemes"] = map[string]bool{}
		for name := range schemes {
			reached["securitySchemes"][name] = true
		}
	}

	var b bytes.Buffer
	b.WriteByte('{')
	for _, k := range topKept {
		if raw, ok := p.top[k]; ok {
			writeMember(&b, k, raw)
			b.WriteByte(',')
		}
	}
	b.WriteString(`"paths":{`)
	writeMember(&b, path, p.paths[path])
	b.WriteString(`},"components":{`)
	for i, kind := range slices.Sorted(maps.Keys(reached)) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeKey(&b, kind)
		b.WriteByte('{')
		for j, name := range slices.Sorted(maps.Keys(reached[kind])) {
			if j > 0 {
				b.WriteByte(',')
			}
			writeMember(&b, name, p.components[kind][name])
		}
		b.WriteByte('}')
	}
	b.WriteString("}}")
	doc, err := parseJSON(context.Background(), b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("specs: parse %s.gen.json, path %s: %w", p.name, path, err)
	}
	return doc, nil
}

// writeMember writes "key":raw, key encoded as JSON.
func writeMember(b *bytes.Buffer, key string, raw json.RawMessage) {
	writeKey(b, key)
	b.Write(raw)
}

// writeKey writes "key":, key encoded as JSON (a component kind or name is
// the spec's text, escaped like any other key).
func writeKey(b *bytes.Buffer, key string) {
	k, _ := json.Marshal(key) // a string always encodes
	b.Write(k)
	b.WriteByte(':')
}
