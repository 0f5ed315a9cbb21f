package optable

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// The binary form of an API's table is what botctl embeds
// (cmd/botctl/tables/<api>.gen.bin) and decodes at start-up when its command
// line names the API: a sequence of values in the types' field order, each
// string and list prefixed by its length as a uvarint, each bool a byte,
// each int a zigzag varint, each *float64 a presence byte and its IEEE 754
// bits, each map its length and its pairs sorted by key. Decoding it takes no reflection and one copy of the
// data (every string is a slice of it), a tenth of encoding/json's time on
// DailyBot's table. binaryVersion starts it, so a table written by another
// layout fails to decode rather than decoding wrong.
const binaryVersion = 1

// EncodeBinary returns api's binary form. A function rather than a
// MarshalBinary method: botctl only decodes, and the linker keeps every
// exported method of a type that reaches an interface, so a method would
// cost botctl's binary the encoder.
func EncodeBinary(api *API) []byte {
	w := &writer{b: []byte{binaryVersion}}
	w.str(api.Name)
	w.str(api.Short)
	w.str(api.Long)
	w.str(api.Form)
	w.strMap(api.Groups)
	w.uint(len(api.Ops))
	for i := range api.Ops {
		w.op(&api.Ops[i])
	}
	return w.b
}

// DecodeBinary decodes data, written by EncodeBinary, into api; every
// string decoded is a slice of data, not a copy. Data that is truncated, of
// another version or left over at the end is an error; api is then left
// partly filled.
func (api *API) DecodeBinary(data string) error {
	if len(data) == 0 || data[0] != binaryVersion {
		return errors.New("optable: not a table of binary version 1")
	}
	r := &reader{s: data[1:]}
	api.Name, api.Short, api.Long, api.Form = r.str(), r.str(), r.str(), r.str()
	api.Groups = r.strMap()
	if n := r.len(); n > 0 {
		api.Ops = make([]Op, n)
		for i := range api.Ops {
			r.op(&api.Ops[i])
		}
	}
	if r.err == nil && r.off != len(r.s) {
		r.err = fmt.Errorf("%d bytes left after the table", len(r.s)-r.off)
	}
	if r.err != nil {
		return fmt.Errorf("optable: decode %q's table: %w", api.Name, r.err)
	}
	return nil
}

// writer appends the binary form to b.
type writer struct{ b []byte }

func (w *writer) uint(n int)   { w.b = binary.AppendUvarint(w.b, uint64(n)) }
func (w *writer) int(n int)    { w.b = binary.AppendVarint(w.b, int64(n)) }
func (w *writer) str(s string) { w.uint(len(s)); w.b = append(w.b, s...) }

func (w *writer) bool(v bool) {
	var c byte
	if v {
		c = 1
	}
	w.b = append(w.b, c)
}

func (w *writer) strs(s []string) {
	w.uint(len(s))
	for _, v := range s {
		w.str(v)
	}
}

func (w *writer) strMap(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same table, the same bytes
	w.uint(len(keys))
	for _, k := range keys {
		w.str(k)
		w.str(m[k])
	}
}

func (w *writer) float(f *float64) {
	w.bool(f != nil)
	if f != nil {
		w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(*f))
	}
}

func (w *writer) op(o *Op) {
	w.strs(o.Command)
	w.str(o.ID)
	w.str(o.Method)
	w.str(o.Path)
	w.str(o.Summary)
	w.str(o.Description)
	w.strs(o.Examples)
	w.uint(len(o.Fields))
	for i := range o.Fields {
		w.field(&o.Fields[i])
	}
	w.bool(o.Body)
	w.bool(o.List)
	w.bool(o.Enveloped)
	w.bool(o.OpenBody)
	w.str(o.Start)
	w.str(o.Size)
	w.strMap(o.Sizes)
	w.uint(len(o.Columns))
	for _, c := range o.Columns {
		w.str(c.Header)
		w.str(c.Path)
		w.str(c.Cell)
	}
	w.strs(o.CSV)
	w.strs(o.Hooks)
	w.strs(o.Secrets)
	w.bool(o.Keyless)
	w.bool(o.Confirm)
}

func (w *writer) field(f *Field) {
	w.str(f.Name)
	w.str(f.In)
	w.bool(f.AlsoQuery)
	w.str(f.Flag)
	w.int(f.Arg)
	w.bool(f.Variadic)
	w.strs(f.Kinds)
	w.strs(f.Enum)
	w.uint(len(f.Codes))
	for _, c := range f.Codes {
		w.str(c.Name)
		w.int(c.Value)
	}
	w.bool(f.Open)
	w.float(f.Min)
	w.float(f.Max)
	w.bool(f.Nullable)
	w.bool(f.Required)
	w.str(f.Kind)
	w.str(f.Parse)
	w.str(f.Help)
	w.str(f.Format)
	w.strs(f.Refs)
}

// reader decodes the binary form from s (a string, so that every string
// decoded is a slice of it); the first error stops it, and every later read
// returns a zero value.
type reader struct {
	s   string
	off int
	err error
}

var errTruncated = errors.New("truncated")

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.off = len(r.s)
}

func (r *reader) varint(signed bool) int64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.off >= len(r.s) {
			r.fail(errTruncated)
			return 0
		}
		c := r.s[r.off]
		r.off++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			if signed {
				return int64(x>>1) ^ -int64(x&1)
			}
			return int64(x)
		}
	}
	r.fail(errors.New("varint overflows 64 bits"))
	return 0
}

// len reads a length, which cannot exceed the bytes left (each element
// takes one at least).
func (r *reader) len() int {
	n := r.varint(false)
	if n < 0 || n > int64(len(r.s)-r.off) {
		r.fail(errTruncated)
		return 0
	}
	return int(n)
}

func (r *reader) int() int { return int(r.varint(true)) }

func (r *reader) str() string {
	n := r.len()
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) bool() bool {
	if r.off >= len(r.s) {
		r.fail(errTruncated)
		return false
	}
	c := r.s[r.off]
	r.off++
	if c > 1 {
		r.fail(fmt.Errorf("bool byte %d", c))
	}
	return c == 1
}

// strs reads a list of strings; an empty one is nil, as JSON's omitempty
// leaves it.
func (r *reader) strs() []string {
	n := r.len()
	if n == 0 {
		return nil
	}
	s := make([]string, n)
	for i := range s {
		s[i] = r.str()
	}
	return s
}

func (r *reader) strMap() map[string]string {
	n := r.len()
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n)
	for range n {
		k := r.str()
		m[k] = r.str()
	}
	return m
}

func (r *reader) float() *float64 {
	if !r.bool() {
		return nil
	}
	if len(r.s)-r.off < 8 {
		r.fail(errTruncated)
		return nil
	}
	var bits uint64
	for i := range 8 {
		bits |= uint64(r.s[r.off+i]) << (8 * i)
	}
	r.off += 8
	f := math.Float64frombits(bits)
	return &f
}

func (r *reader) op(o *Op) {
	o.Command = r.strs()
	o.ID, o.Method, o.Path, o.Summary, o.Description = r.str(), r.str(), r.str(), r.str(), r.str()
	o.Examples = r.strs()
	if n := r.len(); n > 0 {
		o.Fields = make([]Field, n)
		for i := range o.Fields {
			r.field(&o.Fields[i])
		}
	}
	o.Body, o.List, o.Enveloped, o.OpenBody = r.bool(), r.bool(), r.bool(), r.bool()
	o.Start, o.Size = r.str(), r.str()
	o.Sizes = r.strMap()
	if n := r.len(); n > 0 {
		o.Columns = make([]Column, n)
		for i := range o.Columns {
			o.Columns[i] = Column{Header: r.str(), Path: r.str(), Cell: r.str()}
		}
	}
	o.CSV, o.Hooks, o.Secrets = r.strs(), r.strs(), r.strs()
	o.Keyless, o.Confirm = r.bool(), r.bool()
}

func (r *reader) field(f *Field) {
	f.Name, f.In = r.str(), r.str()
	f.AlsoQuery = r.bool()
	f.Flag = r.str()
	f.Arg = r.int()
	f.Variadic = r.bool()
	f.Kinds, f.Enum = r.strs(), r.strs()
	if n := r.len(); n > 0 {
		f.Codes = make([]Code, n)
		for i := range f.Codes {
			f.Codes[i] = Code{Name: r.str(), Value: r.int()}
		}
	}
	f.Open = r.bool()
	f.Min, f.Max = r.float(), r.float()
	f.Nullable, f.Required = r.bool(), r.bool()
	f.Kind, f.Parse, f.Help, f.Format = r.str(), r.str(), r.str(), r.str()
	f.Refs = r.strs()
}
