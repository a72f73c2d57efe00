package demo

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// csvFile writes a CSV file as Excel in Japan does: CRLF line ends, fields
// quoted only when they must be, in UTF-8 (optionally with a byte-order
// mark) or Shift_JIS.
type csvFile struct {
	path string
	f    *os.File
	enc  io.WriteCloser // the Shift_JIS encoder, if any
	w    *bufio.Writer
	line []byte
	n    int // fields on the current line
	rows int
}

type encoding int

const (
	utf8Plain encoding = iota
	utf8BOM
	shiftJIS
)

func createCSV(path string, enc encoding) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	c := &csvFile{path: path, f: f, line: make([]byte, 0, 512)}
	var out io.Writer = f
	if enc == shiftJIS {
		c.enc = transform.NewWriter(f, japanese.ShiftJIS.NewEncoder())
		out = c.enc
	}
	c.w = bufio.NewWriterSize(out, 1<<20)
	if enc == utf8BOM {
		c.w.WriteString("\uFEFF")
	}
	return c, nil
}

// text appends a field to the current line.
func (c *csvFile) text(s string) {
	c.sep()
	if strings.ContainsAny(s, ",\"\r\n") {
		c.line = append(c.line, '"')
		c.line = append(c.line, strings.ReplaceAll(s, `"`, `""`)...)
		c.line = append(c.line, '"')
		return
	}
	c.line = append(c.line, s...)
}

// raw appends a field that needs no quoting (numbers, dates, ids), built by
// f on the line's bytes.
func (c *csvFile) raw(f func([]byte) []byte) {
	c.sep()
	c.line = f(c.line)
}

func (c *csvFile) empty() { c.sep() }

func (c *csvFile) sep() {
	if c.n > 0 {
		c.line = append(c.line, ',')
	}
	c.n++
}

// header writes a line of the given fields.
func (c *csvFile) header(fields ...string) error {
	for _, f := range fields {
		c.text(f)
	}
	return c.end()
}

// end finishes the line.
func (c *csvFile) end() error {
	c.line = append(c.line, '\r', '\n')
	c.rows++
	_, err := c.w.Write(c.line)
	c.line, c.n = c.line[:0], 0
	if err != nil {
		return fmt.Errorf("demo: write %s: %w", c.path, err)
	}
	return nil
}

// close flushes and closes the file.
func (c *csvFile) close() error {
	err := c.w.Flush()
	if c.enc != nil {
		if cerr := c.enc.Close(); err == nil {
			err = cerr
		}
	}
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("demo: write %s: %w", c.path, err)
	}
	return nil
}

// abort closes the file after an error, keeping the first error.
func (c *csvFile) abort(err error) error {
	c.f.Close()
	return err
}
