package rowbinary

import (
	"fmt"
	"reflect"
	"unsafe"
)

// RowScanner scans rows of RowBinary data with known columns into Go values.
// It compiles one decoder per column and destination type and reuses it for
// the following rows.
type RowScanner struct {
	cols  []Column
	cache []scanEntry
}

type scanEntry struct {
	last any            // the destination of the previous row
	ptr  unsafe.Pointer // what last points to
	dst  reflect.Type
	fn   decodeFunc
}

// NewRowScanner returns a scanner of rows with the given columns.
func NewRowScanner(cols []Column) *RowScanner {
	return &RowScanner{cols: cols, cache: make([]scanEntry, len(cols))}
}

// Scan decodes the row at off into dest, one pointer per column, and returns
// the offset of the next row.
func (s *RowScanner) Scan(b []byte, off int, dest []any) (int, error) {
	if len(dest) != len(s.cols) {
		return off, fmt.Errorf("rowbinary: %d destinations for %d columns", len(dest), len(s.cols))
	}
	for i, d := range dest {
		e := &s.cache[i]
		// Callers scan row after row into the same pointers: only a new
		// destination needs reflection.
		if d != e.last || e.ptr == nil {
			rv := reflect.ValueOf(d)
			if rv.Kind() != reflect.Pointer || rv.IsNil() {
				return off, fmt.Errorf("rowbinary: destination %d (column %s) is %T, not a non-nil pointer", i, s.cols[i].Name, d)
			}
			if t := rv.Type().Elem(); e.dst != t {
				fn, err := decoderFor(s.cols[i].Type, t)
				if err != nil {
					return off, fmt.Errorf("column %s: %w", s.cols[i].Name, err)
				}
				e.dst, e.fn = t, fn
			}
			e.last, e.ptr = d, rv.UnsafePointer()
		}
		var err error
		if off, err = e.fn(b, off, e.ptr); err != nil {
			return off, fmt.Errorf("column %s: %w", s.cols[i].Name, err)
		}
	}
	return off, nil
}

// Skip returns the offset of the row after the one at off.
func (s *RowScanner) Skip(b []byte, off int) (int, error) {
	var err error
	for _, c := range s.cols {
		if off, err = Skip(c.Type, b, off); err != nil {
			return off, err
		}
	}
	return off, nil
}

// Convert stores v, a value in the natural Go type of t (as Decode returns it),
// into the destination pointer dest, with the same conversions as Scan. The
// server backend uses it so that both backends scan alike.
func Convert(t *Type, v any, dest any) error {
	rv := reflect.ValueOf(dest)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("rowbinary: destination is %T, not a non-nil pointer", dest)
	}
	b, err := Append(nil, t, v)
	if err != nil {
		return err
	}
	fn, err := decoderFor(t, rv.Type().Elem())
	if err != nil {
		return err
	}
	_, err = fn(b, 0, unsafe.Pointer(rv.Pointer()))
	return err
}
