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

// Parts is an embedded spec as its path items and components, each read
// from the spec's archive (see Archive) and decoded only when asked for: a
// program that serves or checks a few operations (the mock behind one
// botctl command, say) then pays for those operations, not for the whole
// document, which kin-openapi takes tens of milliseconds to decode. Its
// methods are safe for concurrent use.
type Parts struct {
	name string
	// arc is the spec's archive, each part decompressed on first use.
	arc *archive
	// top holds the top-level members a path's document keeps (see
	// PathDoc).
	top map[string]json.RawMessage
	// items holds, by path template, each path item's members, each with
	// its operation's operationId (see archiveIndex); extensions (x-…) are
	// left out.
	items      map[string]map[string]string
	operations []Operation
	// docs decodes each path's document once, on first use; requestDocs
	// each path's document without responses (RequestDoc).
	docs, requestDocs map[string]func() (*openapi3.T, error)
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

// LoadParts opens the embedded spec called name (see Names) as parts: it
// reads the archive's index and its top level, and decompresses and decodes
// nothing else until a path's document is asked for. It fails for an unknown
// name or an archive that is not the one make generate writes.
func LoadParts(name string) (*Parts, error) {
	if !slices.Contains(Names(), name) {
		return nil, fmt.Errorf("specs: unknown spec %q (want one of %v)", name, Names())
	}
	arc, err := openArchive(name)
	if err != nil {
		return nil, err
	}
	return newParts(name, arc)
}

// newParts opens arc, the archive of the spec called name, as parts.
func newParts(name string, arc *archive) (*Parts, error) {
	raw, err := arc.read(topEntry)
	if err != nil {
		return nil, err
	}
	top, err := members(raw)
	if err != nil {
		return nil, fmt.Errorf("specs: read %s: %s: %w", arc.name, topEntry, err)
	}
	p := &Parts{
		name:        name,
		arc:         arc,
		top:         map[string]json.RawMessage{},
		items:       map[string]map[string]string{},
		docs:        map[string]func() (*openapi3.T, error){},
		requestDocs: map[string]func() (*openapi3.T, error){},
	}
	for _, k := range topKept {
		if raw, ok := top[k]; ok {
			p.top[k] = raw
		}
	}
	for _, path := range slices.Sorted(maps.Keys(arc.index.Paths)) {
		if isExtension(path) {
			continue
		}
		item := arc.index.Paths[path]
		p.items[path] = item
		for _, m := range pathItemMethods {
			if id, ok := item[m]; ok {
				p.operations = append(p.operations, Operation{Method: strings.ToUpper(m), Path: path, OperationID: id})
			}
		}
		p.docs[path] = sync.OnceValues(func() (*openapi3.T, error) { return p.decodePath(path, true) })
		p.requestDocs[path] = sync.OnceValues(func() (*openapi3.T, error) { return p.decodePath(path, false) })
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
func (p *Parts) Paths() []string { return slices.Sorted(maps.Keys(p.items)) }

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
func (p *Parts) PathDoc(path string) (*openapi3.T, error) { return p.decoded(p.docs, path) }

// RequestDoc returns the document of one path as PathDoc does, but with
// the responses of the path item's operations left out (a callback keeps
// its own), and so the components only they reach: all that routing a
// request and checking it (openapi3filter.ValidateRequest) read, at a
// fraction of the decoding (DailyBot's /me/: 2 KB of JSON against 15 KB,
// and 1 ms against 8 in a cold process). Its operations' Responses are nil,
// which openapi3filter.ValidateResponse would take as accepting any
// response: a response, or an operation's examples, needs PathDoc. It is
// decoded on the first call for path and shared afterwards: read it, never
// change it. It fails as PathDoc does.
func (p *Parts) RequestDoc(path string) (*openapi3.T, error) { return p.decoded(p.requestDocs, path) }

// decoded returns path's document from docs (PathDoc's or RequestDoc's),
// decoding it on the first call; it fails for a path the spec does not
// have.
func (p *Parts) decoded(docs map[string]func() (*openapi3.T, error), path string) (*openapi3.T, error) {
	doc, ok := docs[path]
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

// decodePath builds and decodes the document PathDoc returns for path, or,
// without responses, the one RequestDoc returns.
func (p *Parts) decodePath(path string, responses bool) (*openapi3.T, error) {
	item, err := p.arc.read(pathEntry(path))
	if err != nil {
		return nil, err
	}
	if !responses {
		if item, err = withoutResponses(item); err != nil {
			return nil, fmt.Errorf("specs: read %s: %s: %w", p.arc.name, pathEntry(path), err)
		}
	}
	// The components path reaches, by kind then name, and each one's JSON.
	reached := map[string]map[string][]byte{}
	queue := [][]byte{item}
	for len(queue) > 0 {
		raw := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for rest := raw; ; {
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
			if _, ok := reached[kind][name]; ok || !p.hasComponent(kind, name) {
				continue // ResolveRefsIn reports a missing component
			}
			c, err := p.arc.read(componentEntry(kind, name))
			if err != nil {
				return nil, err
			}
			if reached[kind] == nil {
				reached[kind] = map[string][]byte{}
			}
			reached[kind][name] = c
			queue = append(queue, c)
		}
	}
	// Every scheme: the top level's security and each operation's name them
	// without $ref, and there are few.
	for _, name := range p.arc.index.Components["securitySchemes"] {
		if _, ok := reached["securitySchemes"][name]; ok {
			continue
		}
		c, err := p.arc.read(componentEntry("securitySchemes", name))
		if err != nil {
			return nil, err
		}
		if reached["securitySchemes"] == nil {
			reached["securitySchemes"] = map[string][]byte{}
		}
		reached["securitySchemes"][name] = c
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
	writeMember(&b, path, item)
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
			writeMember(&b, name, reached[kind][name])
		}
		b.WriteByte('}')
	}
	b.WriteString("}}")
	doc, err := parseJSON(context.Background(), b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("specs: parse %s.gen.zip, path %s: %w", p.name, path, err)
	}
	return doc, nil
}

// withoutResponses returns the path item item with each operation's
// responses left out, its members in sorted order.
func withoutResponses(item []byte) ([]byte, error) {
	byKey, err := members(item)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, key := range slices.Sorted(maps.Keys(byKey)) {
		if i > 0 {
			b.WriteByte(',')
		}
		if !slices.Contains(pathItemMethods[:], key) {
			writeMember(&b, key, byKey[key])
			continue
		}
		op, err := members(byKey[key])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		delete(op, "responses")
		writeKey(&b, key)
		b.WriteByte('{')
		for j, name := range slices.Sorted(maps.Keys(op)) {
			if j > 0 {
				b.WriteByte(',')
			}
			writeMember(&b, name, op[name])
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// hasComponent reports whether the spec has the component name of kind.
func (p *Parts) hasComponent(kind, name string) bool {
	_, ok := slices.BinarySearch(p.arc.index.Components[kind], name)
	return ok
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
