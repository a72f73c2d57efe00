package table

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Format is the layout of a file: CSV, XLSX or JSON Lines.
type Format string

// The formats Open reads.
const (
	CSV       Format = "csv"
	XLSX      Format = "xlsx"
	JSONLines Format = "jsonl"
)

// The encodings Encoding reports.
const (
	encUTF8     = "UTF-8"
	encUTF8BOM  = "UTF-8 with BOM"
	encShiftJIS = "Shift_JIS"
)

// Options configure Open.
type Options struct {
	// Format is the file's format. Empty means: from the extension (.csv
	// .tsv .txt → CSV, .xlsx → XLSX, .jsonl .ndjson → JSONLines), else from
	// the content (a zip → XLSX, a first non-space byte '{' → JSONLines,
	// else CSV).
	Format Format
	// Sheet is the XLSX sheet to read; empty means the first sheet.
	Sheet string
	// Delimiter is the CSV field separator. Zero means: a tab for .tsv,
	// else sniffed from the header line (the most frequent of , \t ; outside
	// quotes; ties go to the comma).
	Delimiter rune
}

// Record is one record of a file.
//
// Fields and its strings may point into a buffer of the File and are valid
// only until the next call to Next, like bufio.Scanner.Bytes; callers copy
// (strings.Clone) what they keep.
type Record struct {
	// Line is where the record is: for CSV the physical line it starts on
	// (the header is line 1), for JSON Lines its line, for XLSX the sheet's
	// row number.
	Line int
	// Fields are the record's cells, decoded to UTF-8 and aligned with
	// Header; there may be fewer or more of them than header cells.
	Fields []string
}

// Error is bad input: a file that cannot be read as a table, or a record in
// it that cannot be read. It says where, so that a person can fix the file.
type Error struct {
	File   string // the path given to Open
	Line   int    // the line (XLSX: row) the problem is on; 0 for the whole file
	Column string // the column, as File.ColumnName names it; empty if not known
	Reason string // what is wrong, lowercase, without the position
}

// Error returns the position and the reason, as in
// "employees.csv:12:氏名: unterminated quoted field that starts on this line".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Column != "" {
		b.WriteByte(':')
		b.WriteString(e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// File is an open table: its header, its records one at a time, and what
// Open learnt about its bytes.
type File struct {
	name      string
	format    Format
	encoding  string
	delimiter rune
	sum       [16]byte
	size      int64
	header    []string
	rd        rowReader
	err       error // sticky: io.EOF after the last record, or the first error
}

// rowReader reads the records of one format.
type rowReader interface {
	next() (Record, error)
	offset() int64 // bytes of the file consumed so far
	close() error
}

// opener opens the bytes of a file, once to examine them and once to parse.
type opener func() (io.ReadCloser, error)

// Open opens the file at path. It reads the whole file once before the
// first record to detect the encoding (for CSV and JSON Lines) and to hash
// the bytes (SHA-256), then reads its header. Bad input is reported as an
// *Error.
func Open(path string, opts Options) (*File, error) {
	return open(path, func() (io.ReadCloser, error) { return os.Open(path) }, opts)
}

func open(name string, src opener, opts Options) (*File, error) {
	format := opts.Format
	if format == "" {
		format = formatOf(name)
	}
	switch format {
	case "", CSV, XLSX, JSONLines:
	default:
		return nil, fmt.Errorf("table: %s: unknown format %q", name, format)
	}
	delim := opts.Delimiter
	if delim == 0 && format == CSV && strings.EqualFold(filepath.Ext(name), ".tsv") {
		delim = '\t'
	}
	if delim != 0 && (delim >= 0x80 || delim == '"' || delim == '\r' || delim == '\n') {
		return nil, fmt.Errorf("table: %s: delimiter %q is not an ASCII character other than a quote or a line end", name, delim)
	}
	ex, err := examine(name, src, format)
	if err != nil {
		return nil, err
	}
	f := &File{name: name, format: ex.format, encoding: ex.encoding, sum: ex.sum, size: ex.size}
	switch f.format {
	case XLSX:
		err = f.openXLSX(ex.data, opts.Sheet)
	case JSONLines:
		err = f.openJSONLines(src)
	default:
		err = f.openCSV(src, byte(delim))
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// formatOf is the format a file's extension names, or "" if it names none.
func formatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".txt":
		return CSV
	case ".xlsx":
		return XLSX
	case ".jsonl", ".ndjson":
		return JSONLines
	}
	return ""
}

// Header returns the header cells: the first row (XLSX), the first line
// (CSV) or the keys of the first object in order, growing as later objects
// bring new keys (JSON Lines). They are decoded to UTF-8 with the
// byte-order mark stripped and are otherwise as in the file. The slice
// belongs to the File; do not modify it.
func (f *File) Header() []string { return f.header }

// Next returns the next record, or io.EOF after the last. Blank lines (CSV,
// JSON Lines) and empty rows (XLSX) are skipped; in a CSV file a line of
// nothing but delimiters, as Excel writes for an empty row, counts as blank.
// The record is valid only until the next call to Next. Once Next has
// returned an error it returns the same error again.
func (f *File) Next() (Record, error) {
	if f.err != nil {
		return Record{}, f.err
	}
	rec, err := f.rd.next()
	if err != nil {
		f.err = err
	}
	return rec, err
}

// Close releases the file. It may be called more than once.
func (f *File) Close() error {
	if f.rd == nil {
		return nil
	}
	err := f.rd.close()
	f.rd = nil
	if f.err == nil {
		f.err = fmt.Errorf("table: %s: %w", f.name, os.ErrClosed)
	}
	return err
}

// Format returns the file's format.
func (f *File) Format() Format { return f.format }

// Encoding returns "UTF-8", "UTF-8 with BOM" or "Shift_JIS"; an XLSX file
// is "UTF-8".
func (f *File) Encoding() string { return f.encoding }

// Delimiter returns the CSV field separator (',', '\t' or ';'); zero for
// the other formats.
func (f *File) Delimiter() rune { return f.delimiter }

// Digest returns the 128-bit XXH3 hash of the file's bytes: it tells a file
// loaded before from a new one, and reads at memory speed (SHA-256 took 6%
// of loading ten million events).
func (f *File) Digest() [16]byte { return f.sum }

// Size returns the size of the file in bytes.
func (f *File) Size() int64 { return f.size }

// Offset returns how many bytes of the file have been consumed so far, for
// a progress bar. It is exact for UTF-8 text, includes what the decoder
// has read ahead for Shift_JIS, and is 0 for XLSX until the last record.
// After the last record it is Size.
func (f *File) Offset() int64 {
	if errors.Is(f.err, io.EOF) {
		return f.size
	}
	if f.rd == nil {
		return 0
	}
	return min(f.rd.offset(), f.size)
}

// ColumnName returns how to name column i (from 0) in a message: the header
// text, or "column 3" if the header has no text there; for XLSX the column
// letter and the header text, as in "C (入社日)".
func (f *File) ColumnName(i int) string {
	var h string
	if i >= 0 && i < len(f.header) {
		h = f.header[i]
	}
	if f.format == XLSX {
		letter, err := excelize.ColumnNumberToName(i + 1)
		switch {
		case err != nil:
			return "column " + strconv.Itoa(i+1)
		case h == "":
			return letter
		default:
			return letter + " (" + h + ")"
		}
	}
	if h == "" {
		return "column " + strconv.Itoa(i+1)
	}
	return h
}

// errorf returns an *Error about line and column of f.
func (f *File) errorf(line int, column, format string, args ...any) *Error {
	return &Error{File: f.name, Line: line, Column: column, Reason: fmt.Sprintf(format, args...)}
}

// cloneStrings copies s and its strings, for a header read from a buffer
// that will be reused.
func cloneStrings(s []string) []string {
	c := make([]string, len(s))
	for i, v := range s {
		c[i] = strings.Clone(v)
	}
	return c
}
