package specs

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// archivedJSON returns the whole document the embedded archive of the spec
// called name holds.
func archivedJSON(t testing.TB, name string) []byte {
	t.Helper()
	arc, err := openArchive(name)
	require.NoError(t, err)
	js, err := arc.document()
	require.NoError(t, err)
	return js
}

// writeEmptyObjects writes an entry holding {} for each of names, deflated
// as zip does by default.
func writeEmptyObjects(t *testing.T, zw *zip.Writer, names ...string) {
	t.Helper()
	for _, name := range names {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte("{}"))
		require.NoError(t, err)
	}
}

// roundTrip archives js and joins the archive's parts again.
func roundTrip(t *testing.T, js []byte) (*archive, []byte) {
	t.Helper()
	data, err := Archive(js)
	require.NoError(t, err)
	again, err := Archive(js)
	require.NoError(t, err)
	assert.Equal(t, data, again, "an archive depends on its JSON alone")
	arc, err := readArchive("test.gen.zip", bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	joined, err := arc.document()
	require.NoError(t, err)
	return arc, joined
}

// TestArchiveRoundTrip checks that joining an archive's parts gives the
// document it was written from: every spec's pre-parsed JSON, and documents
// with what the specs lack (extensions beside path items and kinds, keys a
// JSON pointer escapes, no paths, no components, an empty kind).
func TestArchiveRoundTrip(t *testing.T) {
	docs := map[string]string{
		"extensions": `{"openapi":"3.0.3","x-top":1,"paths":{"/a/{id}~x":{"get":{"operationId":"getA"},"parameters":[]},"x-p":{"n":1}},` +
			`"components":{"schemas":{"A/B":{"type":"string"},"C~D":{"type":"integer"}},"x-c":{"k":"v"},"links":{}}}`,
		"no paths or components": `{"openapi":"3.0.3","info":{"title":"t"}}`,
		"odd keys":               `{"paths":{"":{"get":{}}},"components":{"foo":1,"schemas":{"":{}}}}`,
		"only paths":             `{"paths":{}}`,
		"empty":                  `{}`,
	}
	for _, name := range Names() {
		js, err := PreParsed(context.Background(), name)
		require.NoError(t, err)
		docs[name] = string(js)
	}
	for name, js := range docs {
		t.Run(name, func(t *testing.T) {
			_, joined := roundTrip(t, []byte(js))
			assert.JSONEq(t, js, string(joined))
		})
	}
}

// TestArchiveIndex checks the index of a document with operations, path
// extensions and component extensions, and the entries it names.
func TestArchiveIndex(t *testing.T) {
	js := `{"paths":{"/a/":{"get":{"operationId":"getA"},"post":{},"servers":[]},"x-p":1},` +
		`"components":{"schemas":{"B":{},"A":{}},"x-c":2}}`
	arc, _ := roundTrip(t, []byte(js))
	assert.Equal(t, archiveIndex{
		Paths:      map[string]map[string]string{"/a/": {"get": "getA", "post": "", "servers": ""}, "x-p": nil},
		Components: map[string][]string{"schemas": {"A", "B"}, "x-c": nil},
	}, arc.index)
	for entry, want := range map[string]string{
		"paths/~1a~1.json":          `{"get":{"operationId":"getA"},"post":{},"servers":[]}`,
		"paths/x-p.json":            `1`,
		"components/schemas/A.json": `{}`,
		"components/x-c.json":       `2`,
		"top.json":                  `{}`,
	} {
		got, err := arc.read(entry)
		require.NoError(t, err, entry)
		assert.JSONEq(t, want, string(got), entry)
	}
	_, err := arc.read("paths/~1b~1.json")
	assert.ErrorContains(t, err, "no entry paths/~1b~1.json")
}

// TestArchiveRefusesNonObjects checks that Archive names the part that is
// not a JSON object.
func TestArchiveRefusesNonObjects(t *testing.T) {
	for js, want := range map[string]string{
		`[1]`:                          "the document: specs: not a JSON object",
		`{"paths":[]}`:                 "paths: specs: not a JSON object",
		`{"paths":{"/a/":1}}`:          "paths: /a/: specs: not a JSON object",
		`{"paths":{"/a/":{"get":[]}}}`: "paths: /a/: get: specs: not a JSON object",
		`{"paths":{"/a/":{"get":{"operationId":1}}}}`: "paths: /a/: get: operationId",
		`{"components":{"schemas":"x"}}`:              "components: schemas: specs: not a JSON object",
		`{"components":true}`:                         "components: specs: not a JSON object",
	} {
		_, err := Archive([]byte(js))
		assert.ErrorContains(t, err, want, js)
	}
}

// TestArchiveDamage checks that a damaged part is an error when it is read,
// not wrong JSON, and that an archive without an index is refused.
func TestArchiveDamage(t *testing.T) {
	data, err := Archive([]byte(`{"paths":{"/a/":{"get":{"operationId":"getA","description":"a long enough text to deflate"}}}}`))
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var item *zip.File
	for _, f := range zr.File {
		if f.Name == "paths/~1a~1.json" {
			item = f
		}
	}
	require.NotNil(t, item)
	start, err := item.DataOffset()
	require.NoError(t, err)
	damaged := bytes.Clone(data)
	damaged[start+int64(item.CompressedSize64)/2] ^= 0xff
	arc, err := readArchive("damaged.gen.zip", bytes.NewReader(damaged), int64(len(damaged)))
	require.NoError(t, err, "the index is intact")
	_, err = arc.read("paths/~1a~1.json")
	assert.ErrorContains(t, err, "specs: read damaged.gen.zip: paths/~1a~1.json: damaged:")

	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	writeEmptyObjects(t, zw, "dictionary", "top.json")
	require.NoError(t, zw.Close())
	_, err = readArchive("noindex.gen.zip", bytes.NewReader(b.Bytes()), int64(b.Len()))
	assert.ErrorContains(t, err, "no entry index.json")
}

// TestArchiveRefusesOversizedEntries checks that an entry whose header
// claims more than any part holds is an error, not an allocation of that
// size.
func TestArchiveRefusesOversizedEntries(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	writeEmptyObjects(t, zw, "dictionary", "index.json")
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "top.json", Method: zip.Store, CompressedSize64: 2, UncompressedSize64: 1 << 40})
	require.NoError(t, err)
	_, err = w.Write([]byte("{}"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	arc, err := readArchive("huge.gen.zip", bytes.NewReader(b.Bytes()), int64(b.Len()))
	require.NoError(t, err)
	_, err = arc.read("top.json")
	assert.ErrorContains(t, err, "its header claims 1099511627776 bytes")
}

// TestPooledReaderClosesOnce checks that a part's reader goes back to its
// pool once however often it is closed, and that the next reader decodes
// with the dictionary from a reused one.
func TestPooledReaderClosesOnce(t *testing.T) {
	dict := []byte(`{"operationId":"getA"}`)
	var compressed bytes.Buffer
	fw, err := flate.NewWriterDict(&compressed, flate.BestCompression, dict)
	require.NoError(t, err)
	_, err = fw.Write([]byte(`{"operationId":"getA","x":1}`))
	require.NoError(t, err)
	require.NoError(t, fw.Close())
	open := dictDecompressor(dict)
	for range 3 {
		r := open(bytes.NewReader(compressed.Bytes()))
		got, err := io.ReadAll(r)
		require.NoError(t, err)
		assert.Equal(t, `{"operationId":"getA","x":1}`, string(got))
		first := r.Close()
		assert.Equal(t, first, r.Close(), "a second Close returns the first one's error")
		assert.Nil(t, r.(*pooledReader).ReadCloser, "the flate reader is the pool's once closed")
	}
}
