//go:build parquet

package main

import (
	"errors"
	"io"

	"github.com/parquet-go/parquet-go"
)

func init() {
	newParquetRows = func(out io.Writer) rowWriter {
		return &parquetRows{w: parquet.NewGenericWriter[standupRow](out, parquet.MaxRowsPerRowGroup(parquetRowsPerGroup),
			parquet.Compression(&parquet.Zstd))}
	}
}

// parquetRowsPerGroup bounds the rows a Parquet row group holds in memory.
const parquetRowsPerGroup = 10_000

type parquetRows struct {
	w   *parquet.GenericWriter[standupRow]
	buf []standupRow
}

func (w *parquetRows) write(r *standupRow) error {
	w.buf = append(w.buf, *r)
	if len(w.buf) < 1024 {
		return nil
	}
	return w.flush()
}

func (w *parquetRows) flush() error {
	_, err := w.w.Write(w.buf)
	clear(w.buf)
	w.buf = w.buf[:0]
	return err
}

func (w *parquetRows) close() error {
	return errors.Join(w.flush(), w.w.Close())
}
