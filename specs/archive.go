package specs

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
)

// The embedded specs are zip archives, specs/<api>.gen.zip, which make
// generate writes with Archive: the pre-parsed JSON (PreParsed) split into
// parts, each compressed on its own, so that a program decompresses the
// parts it uses and no others (see LoadParts). The entries:
//
//	index.json                     what the document holds (archiveIndex)
//	dictionary                     the first 32 KiB of the pre-parsed JSON
//	top.json                       the document without its paths and components
//	paths/<key>.json               a member of paths (a path item, or an extension)
//	components/<kind>/<name>.json  a component
//	components/<member>.json       a member of components that is no kind of
//	                               component (an extension), whole
//
// Keys, kinds and names are escaped as in a JSON pointer (~ as ~0, / as ~1).
// The index and the dictionary are deflated; the parts are deflated with the
// dictionary preset (dictDeflate): most parts are a few hundred bytes to a
// few kilobytes of JSON whose keys and phrases the dictionary holds, which
// makes them a third smaller than deflated alone.

const (
	// indexEntry is the entry of the archive's index (archiveIndex).
	indexEntry = "index.json"
	// dictionaryEntry is the entry of the dictionary the parts are
	// deflated with.
	dictionaryEntry = "dictionary"
	// topEntry is the entry of the document's top level, without its paths
	// and components.
	topEntry = "top.json"
	// maxEntrySize bounds the size an entry's header may claim: the largest
	// entry, the dictionary, is 32 KiB; a larger claim is a damaged archive.
	maxEntrySize = 16 << 20
	// dictionarySize is the dictionary's length at most: deflate's window.
	dictionarySize = 32 << 10
	// dictDeflate is the zip compression method of a part: deflate with
	// the archive's dictionary preset, a method of this package's own (zip
	// assigns the numbers up to 99).
	dictDeflate uint16 = 0xbd01
)

// archiveIndex is an archive's index.json: what the document holds, so that
// a reader finds each part's entry, and lists the operations, without
// decompressing the parts.
type archiveIndex struct {
	// Paths holds, by key, each member of the document's paths: for a path
	// item, its members, each with the operationId of the operation it
	// holds ("" for a member that is no operation, or an operation without
	// one); nil for an extension (x-…). Nil when the document has no paths.
	Paths map[string]map[string]string `json:"paths"`
	// Components holds each member of the document's components: a kind's
	// component names, sorted, or nil for a member that is no kind
	// (componentKinds), kept whole. Nil when the document has no
	// components.
	Components map[string][]string `json:"components"`
}

// pointerEscaper escapes a key as a JSON pointer's token does (RFC 6901).
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// pathEntry is the entry that holds the member key of paths.
func pathEntry(key string) string { return "paths/" + pointerEscaper.Replace(key) + ".json" }

// componentEntry is the entry that holds the component name of kind, or,
// for a member of components that is no kind (name ""), that member whole.
func componentEntry(kind, name string) string {
	if name == "" {
		return "components/" + pointerEscaper.Replace(kind) + ".json"
	}
	return "components/" + pointerEscaper.Replace(kind) + "/" + pointerEscaper.Replace(name) + ".json"
}

// isExtension reports whether key names an extension (x-…), which a
// document's paths may hold beside their path items.
func isExtension(key string) bool { return strings.HasPrefix(key, "x-") }

// Archive splits js, a spec's pre-parsed JSON (PreParsed), into the zip
// archive make generate writes to specs/<api>.gen.zip (see the entries
// above): best compression, entries in a fixed order, no times, so the
// archive depends on js alone. It fails, naming the part, when js, its
// paths, a path item, an operation, its components or a kind of them is not
// a JSON object, or an operationId is not a string.
func Archive(js []byte) ([]byte, error) {
	top, err := members(js)
	if err != nil {
		return nil, fmt.Errorf("the document: %w", err)
	}
	var idx archiveIndex
	type entry struct {
		name string
		data []byte
	}
	var entries []entry
	if raw, ok := top["paths"]; ok {
		paths, err := members(raw)
		if err != nil {
			return nil, fmt.Errorf("paths: %w", err)
		}
		idx.Paths = map[string]map[string]string{}
		for _, key := range slices.Sorted(maps.Keys(paths)) {
			entries = append(entries, entry{pathEntry(key), paths[key]})
			if isExtension(key) {
				idx.Paths[key] = nil
				continue
			}
			if idx.Paths[key], err = pathItemKeys(paths[key]); err != nil {
				return nil, fmt.Errorf("paths: %s: %w", key, err)
			}
		}
	}
	if raw, ok := top["components"]; ok {
		kinds, err := members(raw)
		if err != nil {
			return nil, fmt.Errorf("components: %w", err)
		}
		idx.Components = map[string][]string{}
		for _, kind := range slices.Sorted(maps.Keys(kinds)) {
			if !slices.Contains(componentKinds[:], kind) {
				idx.Components[kind] = nil
				entries = append(entries, entry{componentEntry(kind, ""), kinds[kind]})
				continue
			}
			byName, err := members(kinds[kind])
			if err != nil {
				return nil, fmt.Errorf("components: %s: %w", kind, err)
			}
			names := slices.Sorted(maps.Keys(byName))
			if names == nil {
				names = []string{}
			}
			idx.Components[kind] = names
			for _, name := range names {
				entries = append(entries, entry{componentEntry(kind, name), byName[name]})
			}
		}
	}
	delete(top, "paths")
	delete(top, "components")
	rest, err := json.Marshal(top)
	if err != nil {
		return nil, fmt.Errorf("the top level: %w", err)
	}
	index, err := json.Marshal(idx)
	if err != nil {
		return nil, fmt.Errorf("the index: %w", err)
	}
	dict := js[:min(len(js), dictionarySize)]
	entries = append([]entry{{topEntry, rest}}, entries...)

	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	zw.RegisterCompressor(dictDeflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriterDict(w, flate.BestCompression, dict)
	})
	write := func(name string, method uint16, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	if err := write(indexEntry, zip.Deflate, index); err != nil {
		return nil, err
	}
	if err := write(dictionaryEntry, zip.Deflate, dict); err != nil {
		return nil, err
	}
	for _, e := range entries {
		if err := write(e.name, dictDeflate, e.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// pathItemKeys returns a path item's members, each with the operationId of
// the operation it holds.
func pathItemKeys(item json.RawMessage) (map[string]string, error) {
	byKey, err := members(item)
	if err != nil {
		return nil, err
	}
	keys := make(map[string]string, len(byKey))
	for key, raw := range byKey {
		keys[key] = ""
		if !slices.Contains(pathItemMethods[:], key) {
			continue
		}
		op, err := members(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if id, ok := op["operationId"]; ok {
			var s string
			if err := json.Unmarshal(id, &s); err != nil {
				return nil, fmt.Errorf("%s: operationId: %w", key, err)
			}
			keys[key] = s
		}
	}
	return keys, nil
}

// archive is an opened spec archive: its index, and each entry's
// decompression, done once on first use.
type archive struct {
	name    string
	index   archiveIndex
	entries map[string]func() ([]byte, error)
}

// openArchive opens the embedded archive of the spec called name and reads
// its index.
func openArchive(name string) (*archive, error) {
	file := name + ".gen.zip"
	f, err := archives.Open(file)
	if err != nil {
		return nil, fmt.Errorf("specs: read %s: %w", file, err)
	}
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("specs: read %s: %w", file, err)
	}
	ra, ok := f.(io.ReaderAt)
	if !ok { // an embedded file always is one
		return nil, fmt.Errorf("specs: read %s: not an io.ReaderAt", file)
	}
	return readArchive(file, ra, st.Size())
}

// readArchive opens the archive of size bytes in r, called file in errors,
// and reads its index.
func readArchive(file string, r io.ReaderAt, size int64) (*archive, error) {
	zr, err := zip.NewReader(r, size)
	// Entry names are JSON pointers, never file paths: one that would be an
	// unsafe path to extract to (zip.ErrInsecurePath) is read all the same.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("specs: read %s: %w", file, err)
	}
	a := &archive{name: file, entries: make(map[string]func() ([]byte, error), len(zr.File))}
	for _, zf := range zr.File {
		a.entries[zf.Name] = sync.OnceValues(func() ([]byte, error) { return readEntry(zf) })
	}
	dict, err := a.read(dictionaryEntry)
	if err != nil {
		return nil, err
	}
	zr.RegisterDecompressor(dictDeflate, dictDecompressor(dict))
	index, err := a.read(indexEntry)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(index, &a.index); err != nil {
		return nil, fmt.Errorf("specs: read %s: %s: %w", file, indexEntry, err)
	}
	return a, nil
}

// dictDecompressor returns the zip decompressor of dictDeflate with dict
// preset. Its readers are reused, as archive/zip reuses its own: each holds
// deflate's tables and window, 40 KB that every part would allocate anew.
func dictDecompressor(dict []byte) zip.Decompressor {
	var pool sync.Pool
	return func(r io.Reader) io.ReadCloser {
		fr, _ := pool.Get().(io.ReadCloser)
		if rs, ok := fr.(flate.Resetter); ok && rs.Reset(r, dict) == nil {
			return &pooledReader{ReadCloser: fr, pool: &pool}
		}
		return &pooledReader{ReadCloser: flate.NewReaderDict(r, dict), pool: &pool}
	}
}

// pooledReader is a dictDecompressor reader, which goes back to its pool
// when it is closed.
type pooledReader struct {
	// ReadCloser is the flate reader until the first Close.
	io.ReadCloser
	// pool is where the flate reader goes when closed.
	pool *sync.Pool
	// once closes the flate reader and pools it once; err is what its
	// Close returned, which every Close returns.
	once sync.Once
	err  error
}

// Close closes the flate reader and puts it back in its pool; a second
// Close does nothing but return the first one's error.
func (r *pooledReader) Close() error {
	r.once.Do(func() {
		fr := r.ReadCloser
		r.ReadCloser = nil
		r.err = fr.Close()
		r.pool.Put(fr)
	})
	return r.err
}

// read returns the entry called name, decompressed; the bytes are shared:
// read them, never change them.
func (a *archive) read(name string) ([]byte, error) {
	entry, ok := a.entries[name]
	if !ok {
		return nil, fmt.Errorf("specs: read %s: no entry %s", a.name, name)
	}
	data, err := entry()
	if err != nil {
		return nil, fmt.Errorf("specs: read %s: %s: %w", a.name, name, err)
	}
	return data, nil
}

// readEntry decompresses zf whole and checks its checksum; a damaged entry
// gives an error that wraps zip.ErrChecksum or flate's.
func readEntry(zf *zip.File) ([]byte, error) {
	if zf.UncompressedSize64 > maxEntrySize {
		return nil, fmt.Errorf("its header claims %d bytes, more than any part holds", zf.UncompressedSize64)
	}
	r, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data := make([]byte, zf.UncompressedSize64)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, fmt.Errorf("damaged: %w", err)
	}
	// The checksum is checked as the entry's end is read.
	switch n, err := r.Read(make([]byte, 1)); {
	case n != 0:
		return nil, fmt.Errorf("longer than the %d bytes its header claims", zf.UncompressedSize64)
	case !errors.Is(err, io.EOF):
		return nil, fmt.Errorf("damaged: %w", err)
	}
	return data, nil
}

// document joins the archive's parts into the whole document's JSON, as
// Archive split it (paths and components last).
func (a *archive) document() ([]byte, error) {
	top, err := a.read(topEntry)
	if err != nil {
		return nil, err
	}
	top = bytes.TrimSpace(top)
	if len(top) < 2 || top[0] != '{' || top[len(top)-1] != '}' {
		return nil, fmt.Errorf("specs: read %s: %s is not a JSON object", a.name, topEntry)
	}
	var b bytes.Buffer
	b.Write(top[:len(top)-1]) // its closing brace comes back at the end
	more := len(bytes.TrimSpace(top[1:len(top)-1])) > 0
	member := func(key string) {
		if more {
			b.WriteByte(',')
		}
		more = true
		writeKey(&b, key)
	}
	if a.index.Paths != nil {
		member("paths")
		if err := a.writeObject(&b, slices.Sorted(maps.Keys(a.index.Paths)), pathEntry); err != nil {
			return nil, err
		}
	}
	if a.index.Components != nil {
		member("components")
		b.WriteByte('{')
		for i, kind := range slices.Sorted(maps.Keys(a.index.Components)) {
			if i > 0 {
				b.WriteByte(',')
			}
			names := a.index.Components[kind]
			if names == nil {
				raw, err := a.read(componentEntry(kind, ""))
				if err != nil {
					return nil, err
				}
				writeMember(&b, kind, raw)
				continue
			}
			writeKey(&b, kind)
			if err := a.writeObject(&b, names, func(name string) string { return componentEntry(kind, name) }); err != nil {
				return nil, err
			}
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// writeObject writes the JSON object whose members are keys, in their
// order, each valued by the entry that entryOf names.
func (a *archive) writeObject(b *bytes.Buffer, keys []string, entryOf func(key string) string) error {
	b.WriteByte('{')
	for i, key := range keys {
		raw, err := a.read(entryOf(key))
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		writeMember(b, key, raw)
	}
	b.WriteByte('}')
	return nil
}
