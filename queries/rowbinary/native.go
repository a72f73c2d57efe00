package rowbinary

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unsafe"
)

// BlockWriter turns rows into blocks of ClickHouse's Native format, the
// engine's own columnar format, which it inserts one and a half to two times
// as fast as RowBinary for rows like program events (BENCHMARKS.md). Rows
// come either in the RowBinary careerkpi encodes everywhere (WriteRow),
// each value moved to its column as it arrives, or as Go values encoded
// straight into their columns (WriteFields).
//
// Most types are stored the same way in both formats: a Native column is its
// RowBinary values one after another. The exceptions are Nullable (a column
// of null flags, then the values with a default in each NULL's place) and
// Array (a column of cumulative sizes, then the elements). LowCardinality
// columns are written as their plain type (NativeType), and the engine
// converts them on insert.
type BlockWriter struct {
	w        io.Writer
	head     [][]byte // per column: its name and type, Native-encoded
	cols     []column
	direct   []*[]byte // per column: its data, where RowBinary values go as they are; nil otherwise
	scratch  []byte
	rows     int
	maxRows  int
	maxBytes int
	buf      []byte
	err      error // the first error; the writer is done after one
}

// Default block limits: a block is written once it holds this many rows or
// this many bytes, whichever comes first.
const (
	DefaultBlockRows  = 1 << 16
	DefaultBlockBytes = 8 << 20
)

// NewBlockWriter returns a writer of Native blocks with the columns names of
// types types to w. maxRows and maxBytes bound a block (0 for the defaults).
func NewBlockWriter(w io.Writer, names []string, types []*Type, maxRows, maxBytes int) (*BlockWriter, error) {
	if len(names) != len(types) || len(names) == 0 {
		return nil, fmt.Errorf("rowbinary: a block needs one type per column (%d names, %d types)", len(names), len(types))
	}
	if maxRows <= 0 {
		maxRows = DefaultBlockRows
	}
	if maxBytes <= 0 {
		maxBytes = DefaultBlockBytes
	}
	bw := &BlockWriter{w: w, maxRows: maxRows, maxBytes: maxBytes}
	for i, t := range types {
		c, err := newColumn(t)
		if err != nil {
			return nil, fmt.Errorf("rowbinary: column %s: %w", names[i], err)
		}
		h := appendString(nil, names[i])
		h = appendString(h, NativeType(t))
		bw.head = append(bw.head, h)
		bw.cols = append(bw.cols, c)
		var direct *[]byte
		switch c := c.(type) {
		case *fixedColumn:
			direct = &c.data
		case *stringColumn:
			direct = &c.data
		}
		bw.direct = append(bw.direct, direct)
	}
	return bw, nil
}

// Field is where a row's value of one column lies in a Go value, and the
// encoder of that value for the column's type.
type Field struct {
	Offset  uintptr
	Encoder *Encoder
}

// ColumnError is an error encoding the value of one column.
type ColumnError struct {
	Column int // 0-based
	Err    error
}

func (e *ColumnError) Error() string { return fmt.Sprintf("column %d: %v", e.Column+1, e.Err) }
func (e *ColumnError) Unwrap() error { return e.Err }

// WriteFields adds one row whose value of column i lies at base plus
// fields[i].Offset, and writes the block once it is full. A value its
// encoder refuses is a *ColumnError that ends the writer, as a malformed
// row ends WriteRow.
func (bw *BlockWriter) WriteFields(base unsafe.Pointer, fields []Field) error {
	if bw.err != nil {
		return bw.err
	}
	if len(fields) != len(bw.cols) {
		bw.err = fmt.Errorf("rowbinary: %d fields for a block of %d columns", len(fields), len(bw.cols))
		return bw.err
	}
	for i, d := range bw.direct {
		f := &fields[i]
		p := unsafe.Add(base, f.Offset)
		var err error
		if d != nil {
			*d, err = f.Encoder.AppendAt(*d, p)
		} else if bw.scratch, err = f.Encoder.AppendAt(bw.scratch[:0], p); err == nil {
			_, err = bw.cols[i].add(bw.scratch, 0)
		}
		if err != nil {
			bw.err = &ColumnError{Column: i, Err: err}
			return bw.err
		}
	}
	return bw.rowAdded()
}

// NativeType returns the name of the type a column of t is written as in a
// block: t without LowCardinality, at any depth.
func NativeType(t *Type) string {
	switch t.Kind {
	case LowCardinality:
		return NativeType(t.Elem)
	case Nullable, Array:
		if inner := NativeType(t.Elem); inner != t.Elem.String() {
			return t.Kind.name() + "(" + inner + ")"
		}
	}
	return t.String()
}

func (k Kind) name() string {
	for n, kind := range kindNames {
		if kind == k {
			return n
		}
	}
	return "Invalid"
}

// WriteRow adds one RowBinary row to the current block and writes the block
// once it is full. The writer keeps no reference to row. A malformed row is
// an error that ends the writer: the block it was added to is incomplete.
func (bw *BlockWriter) WriteRow(row []byte) error {
	if bw.err != nil {
		return bw.err
	}
	off := 0
	for i, c := range bw.cols {
		var err error
		if off, err = c.add(row, off); err != nil {
			bw.err = fmt.Errorf("rowbinary: column %d of row %d of a block: %w", i+1, bw.rows+1, err)
			return bw.err
		}
	}
	if off != len(row) {
		bw.err = fmt.Errorf("rowbinary: %d bytes after the last column of row %d of a block", len(row)-off, bw.rows+1)
		return bw.err
	}
	return bw.rowAdded()
}

func (bw *BlockWriter) rowAdded() error {
	bw.rows++
	if bw.rows >= bw.maxRows || bw.rows%1024 == 0 && bw.size() >= bw.maxBytes {
		return bw.Flush()
	}
	return nil
}

func (bw *BlockWriter) size() int {
	n := 0
	for _, c := range bw.cols {
		n += c.size()
	}
	return n
}

// Flush writes the rows added since the last block, if any, as a block.
func (bw *BlockWriter) Flush() error {
	if bw.err != nil || bw.rows == 0 {
		return bw.err
	}
	b := binary.AppendUvarint(bw.buf[:0], uint64(len(bw.cols)))
	b = binary.AppendUvarint(b, uint64(bw.rows))
	for i, c := range bw.cols {
		b = append(b, bw.head[i]...)
		b = c.appendTo(b)
		c.reset()
	}
	bw.buf, bw.rows = b, 0
	if _, err := bw.w.Write(b); err != nil {
		bw.err = err
	}
	return bw.err
}

// A column collects the values of one column of a block.
type column interface {
	// add moves the RowBinary value at off in row to the column and returns
	// the offset just past it.
	add(row []byte, off int) (int, error)
	// addDefault adds the type's default value (in a NULL's place).
	addDefault()
	appendTo(b []byte) []byte
	size() int
	reset()
}

func newColumn(t *Type) (column, error) {
	t = t.base()
	if n := t.fixedSize(); n > 0 {
		return &fixedColumn{width: n}, nil
	}
	switch t.Kind {
	case String:
		return &stringColumn{}, nil
	case Nullable:
		inner, err := newColumn(t.Elem)
		if err != nil {
			return nil, err
		}
		if _, nested := inner.(*nullableColumn); nested {
			return nil, errors.New("Nullable(Nullable) is not a ClickHouse type")
		}
		return &nullableColumn{values: inner}, nil
	case Array:
		inner, err := newColumn(t.Elem)
		if err != nil {
			return nil, err
		}
		return &arrayColumn{elems: inner}, nil
	}
	return nil, fmt.Errorf("no Native encoding for %s", t)
}

// fixedColumn holds values of a fixed width, stored alike in both formats.
type fixedColumn struct {
	width int
	data  []byte
}

func (c *fixedColumn) add(row []byte, off int) (int, error) {
	end := off + c.width
	if end > len(row) {
		return off, ErrShort
	}
	c.data = append(c.data, row[off:end]...)
	return end, nil
}

func (c *fixedColumn) addDefault() {
	c.data = append(c.data, make([]byte, c.width)...)
}

func (c *fixedColumn) appendTo(b []byte) []byte { return append(b, c.data...) }
func (c *fixedColumn) size() int                { return len(c.data) }
func (c *fixedColumn) reset()                   { c.data = c.data[:0] }

// stringColumn holds strings, each a length and its bytes in both formats.
type stringColumn struct {
	data []byte
}

func (c *stringColumn) add(row []byte, off int) (int, error) {
	_, end, err := stringBytes(row, off)
	if err != nil {
		return off, err
	}
	c.data = append(c.data, row[off:end]...)
	return end, nil
}

func (c *stringColumn) addDefault()              { c.data = append(c.data, 0) }
func (c *stringColumn) appendTo(b []byte) []byte { return append(b, c.data...) }
func (c *stringColumn) size() int                { return len(c.data) }
func (c *stringColumn) reset()                   { c.data = c.data[:0] }

// nullableColumn is a column of null flags followed by the values, with the
// default value where a flag is set.
type nullableColumn struct {
	nulls  []byte
	values column
}

func (c *nullableColumn) add(row []byte, off int) (int, error) {
	if off >= len(row) {
		return off, ErrShort
	}
	switch row[off] {
	case 1:
		c.nulls = append(c.nulls, 1)
		c.values.addDefault()
		return off + 1, nil
	case 0:
		end, err := c.values.add(row, off+1)
		if err != nil {
			return off, err
		}
		c.nulls = append(c.nulls, 0)
		return end, nil
	}
	return off, fmt.Errorf("null flag %d", row[off])
}

func (c *nullableColumn) addDefault() {
	c.nulls = append(c.nulls, 1)
	c.values.addDefault()
}

func (c *nullableColumn) appendTo(b []byte) []byte {
	return c.values.appendTo(append(b, c.nulls...))
}

func (c *nullableColumn) size() int { return len(c.nulls) + c.values.size() }
func (c *nullableColumn) reset()    { c.nulls = c.nulls[:0]; c.values.reset() }

// arrayColumn is a column of cumulative sizes (UInt64) followed by every
// element of every array.
type arrayColumn struct {
	offsets []uint64
	elems   column
}

func (c *arrayColumn) total() uint64 {
	if len(c.offsets) == 0 {
		return 0
	}
	return c.offsets[len(c.offsets)-1]
}

func (c *arrayColumn) add(row []byte, off int) (int, error) {
	n, next, err := uvarint(row, off)
	if err != nil {
		return off, err
	}
	if n > uint64(len(row)-next) {
		return off, ErrShort
	}
	for i := uint64(0); i < n; i++ {
		if next, err = c.elems.add(row, next); err != nil {
			return off, err
		}
	}
	c.offsets = append(c.offsets, c.total()+n)
	return next, nil
}

func (c *arrayColumn) addDefault() { c.offsets = append(c.offsets, c.total()) }

func (c *arrayColumn) appendTo(b []byte) []byte {
	for _, o := range c.offsets {
		b = binary.LittleEndian.AppendUint64(b, o)
	}
	return c.elems.appendTo(b)
}

func (c *arrayColumn) size() int { return 8*len(c.offsets) + c.elems.size() }
func (c *arrayColumn) reset()    { c.offsets = c.offsets[:0]; c.elems.reset() }

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}
