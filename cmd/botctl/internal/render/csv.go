package render

import (
	"encoding/csv"
	"io"
)

type csvWriter struct {
	w       *csv.Writer
	cols    []Column
	started bool
}

func newCSV(w io.Writer, cols []Column) *csvWriter {
	return &csvWriter{w: csv.NewWriter(w), cols: cols}
}

func (c *csvWriter) Item(v any) error {
	keys, values, err := flatten(v)
	if err != nil {
		return err
	}
	if !c.started {
		if c.cols == nil {
			c.cols = columnsFor(keys)
		}
		header := make([]string, len(c.cols))
		for i, col := range c.cols {
			header[i] = col.Header
		}
		if err := c.w.Write(header); err != nil {
			return err
		}
		c.started = true
	}
	row := make([]string, len(c.cols))
	for i, col := range c.cols {
		row[i] = values[col.Path]
	}
	if err := c.w.Write(row); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}
