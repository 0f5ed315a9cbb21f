// Package render writes botctl's results to stdout as json, jsonl, table or
// csv. Lists stream: json writes the array item by item, jsonl one line per
// item, csv one row per item, so an export of any size runs in constant
// memory; only table buffers, to align its columns.
package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Format is an output format.
type Format string

// The output formats botctl's -o flag accepts.
const (
	JSON  Format = "json"
	JSONL Format = "jsonl"
	Table Format = "table"
	CSV   Format = "csv"
)

// Formats lists the accepted formats in the order help shows them.
func Formats() []Format { return []Format{JSON, JSONL, Table, CSV} }

// ParseFormat reads a -o value; an unknown one is an error naming the choices.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats() {
		if string(f) == strings.ToLower(strings.TrimSpace(s)) {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown output format %q (want json, jsonl, table or csv)", s)
}

// Column picks one value per row for table and csv output.
type Column struct {
	// Header is the column title.
	Header string
	// Path is the dotted JSON key path of the value ("user.full_name").
	Path string
	// Cell, when set, turns a non-empty value into the table's cell, such
	// as a numeric code into its name; csv, json and jsonl keep the value.
	Cell func(value string) string
}

// Options tune a Writer.
type Options struct {
	// Pretty indents json output (botctl sets it when stdout is a terminal).
	Pretty bool
	// Columns for table and csv; nil derives them from the first item: its
	// scalar keys, nested objects flattened with dots.
	Columns []Column
}

// Writer renders one command's result.
type Writer interface {
	// Item writes one element of a list.
	Item(v any) error
	// Close finishes the output (closes a json array, flushes a table); a list
	// with no items still prints a valid empty document ([] for json).
	Close() error
}

// New returns a Writer for a list in format f.
func New(w io.Writer, f Format, opts Options) (Writer, error) {
	switch f {
	case JSON:
		return &jsonArray{w: w, pretty: opts.Pretty}, nil
	case JSONL:
		return &jsonLines{enc: json.NewEncoder(w)}, nil
	case Table:
		return newTable(w, opts.Columns), nil
	case CSV:
		return newCSV(w, opts.Columns), nil
	}
	return nil, fmt.Errorf("unknown output format %q", f)
}

// Object writes a single result (not a list): the object itself for json
// and jsonl, a one-row table or csv otherwise. A nil v writes nothing.
func Object(w io.Writer, f Format, opts Options, v any) error {
	if v == nil {
		return nil
	}
	switch f {
	case JSON, JSONL:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if opts.Pretty && f == JSON {
			enc.SetIndent("", "  ")
		}
		return enc.Encode(v)
	}
	rw, err := New(w, f, opts)
	if err != nil {
		return err
	}
	if err := rw.Item(v); err != nil {
		return err
	}
	return rw.Close()
}

// jsonArray streams a JSON array.
type jsonArray struct {
	w      io.Writer
	pretty bool
	n      int
}

func (j *jsonArray) Item(v any) error {
	b, err := marshal(v, j.pretty)
	if err != nil {
		return err
	}
	sep := ","
	if j.n == 0 {
		sep = "["
	}
	if j.pretty {
		sep += "\n  "
		b = []byte(strings.ReplaceAll(string(b), "\n", "\n  "))
	}
	j.n++
	_, err = fmt.Fprintf(j.w, "%s%s", sep, b)
	return err
}

func (j *jsonArray) Close() error {
	var err error
	switch {
	case j.n == 0:
		_, err = io.WriteString(j.w, "[]\n")
	case j.pretty:
		_, err = io.WriteString(j.w, "\n]\n")
	default:
		_, err = io.WriteString(j.w, "]\n")
	}
	return err
}

// jsonLines writes one compact JSON value per line.
type jsonLines struct{ enc *json.Encoder }

func (j *jsonLines) Item(v any) error {
	j.enc.SetEscapeHTML(false)
	return j.enc.Encode(v)
}

func (j *jsonLines) Close() error { return nil }

func marshal(v any, pretty bool) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}
