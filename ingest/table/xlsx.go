package table

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxReader streams the rows of one sheet of a workbook, with raw cell
// values: a date is its serial number and a number its stored value, never
// the display format.
type xlsxReader struct {
	f     *File
	book  *excelize.File
	sheet string
	rows  *excelize.Rows
	row   int // the sheet's row number of the last row read
}

func (f *File) openXLSX(data []byte, sheet string) (err error) {
	defer func() {
		// excelize parses what the file says; a file that trips it is
		// a file we cannot read, not a reason to stop the program.
		if p := recover(); p != nil {
			err = f.errorf(0, "", "cannot read the workbook: %v", p)
		}
	}()
	if err := checkZip(data); err != nil {
		return f.errorf(0, "", "cannot read the workbook: %v", err)
	}
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return f.errorf(0, "", "cannot read the workbook: %v", err)
	}
	r := &xlsxReader{f: f, book: book}
	f.rd = r
	sheets := book.GetSheetList()
	switch {
	case len(sheets) == 0:
		return f.errorf(0, "", "the workbook has no sheets")
	case sheet == "":
		sheet = sheets[0]
	case !slices.Contains(sheets, sheet):
		quoted := make([]string, len(sheets))
		for i, s := range sheets {
			quoted[i] = strconv.Quote(s)
		}
		return f.errorf(0, "", "no sheet %q; the workbook has %s", sheet, strings.Join(quoted, ", "))
	}
	r.sheet = sheet
	if r.rows, err = book.Rows(sheet); err != nil {
		return f.errorf(0, "", "cannot read sheet %q: %v", sheet, err)
	}
	rec, err := r.next()
	if err == io.EOF {
		return f.errorf(0, "", "empty file: sheet %q has no header", sheet)
	}
	if err != nil {
		return err
	}
	f.header = rec.Fields
	return nil
}

// maxRatio bounds how many times larger than its compressed bytes a part
// of a workbook can be: deflate cannot do better than about 1032 to 1.
const maxRatio = 1100

// checkZip rejects a workbook whose parts claim sizes their compressed
// bytes cannot hold. excelize sizes its buffers by the claims, so a damaged
// file of a few kilobytes could otherwise make it allocate gigabytes.
func checkZip(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	for _, part := range z.File {
		if part.CompressedSize64 > uint64(len(data)) || part.UncompressedSize64 > maxRatio*part.CompressedSize64+1<<16 {
			return fmt.Errorf("part %q is damaged: it claims %d bytes from %d", part.Name, part.UncompressedSize64, part.CompressedSize64)
		}
	}
	return nil
}

func (r *xlsxReader) next() (rec Record, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = r.f.errorf(r.row, "", "cannot read the row: %v", p)
		}
	}()
	for r.rows.Next() {
		r.row++
		cells, err := r.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return Record{}, r.f.errorf(r.row, "", "cannot read the row: %v", err)
		}
		for _, c := range cells {
			if c != "" {
				return Record{Line: r.row, Fields: cells}, nil
			}
		}
	}
	if err := r.rows.Error(); err != nil {
		return Record{}, r.f.errorf(r.row, "", "cannot read sheet %q: %v", r.sheet, err)
	}
	return Record{}, io.EOF
}

// offset is 0: excelize does not say how far into the file a row is.
func (r *xlsxReader) offset() int64 { return 0 }

func (r *xlsxReader) close() error {
	var err error
	if r.rows != nil {
		err = r.rows.Close()
	}
	if cerr := r.book.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("table: close %s: %w", r.f.name, err)
	}
	return nil
}
