package queries

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"unsafe"

	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// QuoteIdentifier quotes a database, table or column name for SQL text. It
// accepts only names of ASCII letters, digits and underscores that do not
// start with a digit, so that no name can change what a statement does.
func QuoteIdentifier(name string) (string, error) {
	if !identifier.MatchString(name) {
		return "", fmt.Errorf("queries: %q is not a valid identifier (letters, digits and _ only)", name)
	}
	return "`" + name + "`", nil
}

// field is a struct field mapped to a column by its `ch:"name"` tag.
type field struct {
	column string
	index  int
	offset uintptr
	typ    reflect.Type
}

var fieldCache sync.Map // reflect.Type → []field

// structFields returns the tagged fields of struct type t.
func structFields(t reflect.Type) ([]field, error) {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field), nil
	}
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("queries: %s is not a struct", t)
	}
	var fields []field
	seen := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("ch"), ",")
		if name == "" || name == "-" {
			continue
		}
		if !sf.IsExported() {
			return nil, fmt.Errorf("queries: field %s.%s is tagged but not exported", t, sf.Name)
		}
		if !identifier.MatchString(name) {
			return nil, fmt.Errorf("queries: field %s.%s: %q is not a valid column name", t, sf.Name, name)
		}
		if seen[name] {
			return nil, fmt.Errorf("queries: %s maps column %q twice", t, name)
		}
		seen[name] = true
		fields = append(fields, field{column: name, index: i, offset: sf.Offset, typ: sf.Type})
	}
	if len(fields) == 0 {
		return nil, fmt.Errorf("queries: %s has no fields tagged `ch:\"column\"`", t)
	}
	fieldCache.Store(t, fields)
	return fields, nil
}

// Structs returns a Source of the structs seq yields, one row each; the
// columns are the fields tagged `ch:"name"`. The iteration stops at the first
// error seq yields.
func Structs[T any](seq iter.Seq2[T, error]) Source {
	return &structSource[T]{seq: seq}
}

// Slice returns a Source of the structs in rows.
func Slice[T any](rows []T) Source {
	return Structs(func(yield func(T, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	})
}

type structSource[T any] struct {
	seq iter.Seq2[T, error]
}

func (s *structSource[T]) Columns() ([]string, error) {
	fields, err := structFields(reflect.TypeFor[T]())
	if err != nil {
		return nil, err
	}
	cols := make([]string, len(fields))
	for i, f := range fields {
		cols[i] = f.column
	}
	return cols, nil
}

// encoders returns the fields of T and their encoders for types.
func (s *structSource[T]) encoders(types []*rowbinary.Type) ([]field, []rowbinary.Field, error) {
	fields, err := structFields(reflect.TypeFor[T]())
	if err != nil {
		return nil, nil, err
	}
	if len(types) != len(fields) {
		return nil, nil, fmt.Errorf("queries: %d column types for %d fields", len(types), len(fields))
	}
	encs := make([]rowbinary.Field, len(fields))
	for i, f := range fields {
		enc, err := rowbinary.NewEncoder(types[i], f.typ)
		if err != nil {
			return nil, nil, fmt.Errorf("queries: column %s: %w", f.column, err)
		}
		encs[i] = rowbinary.Field{Offset: f.offset, Encoder: enc}
	}
	return fields, encs, nil
}

func (s *structSource[T]) WriteRows(types []*rowbinary.Type, emit func(row []byte) error) error {
	fields, encs, err := s.encoders(types)
	if err != nil {
		return err
	}
	buf := make([]byte, 0, 256)
	row := 0
	var cur T // one variable for every row, so the encoders' pointer into it allocates once
	base := unsafe.Pointer(&cur)
	for v, err := range s.seq {
		if err != nil {
			return err
		}
		row++
		buf = buf[:0]
		cur = v
		for i, f := range encs {
			if buf, err = f.Encoder.AppendAt(buf, unsafe.Add(base, f.Offset)); err != nil {
				return fmt.Errorf("queries: row %d, column %s: %w", row, fields[i].column, err)
			}
		}
		if err := emit(buf); err != nil {
			return err
		}
	}
	return nil
}

func (s *structSource[T]) WriteBlocks(types []*rowbinary.Type, bw *rowbinary.BlockWriter, each func(rows int64) error) (int64, error) {
	fields, encs, err := s.encoders(types)
	if err != nil {
		return 0, err
	}
	var rows int64
	var cur T
	base := unsafe.Pointer(&cur)
	for v, err := range s.seq {
		if err != nil {
			return rows, err
		}
		cur = v
		if err := bw.WriteFields(base, encs); err != nil {
			var ce *rowbinary.ColumnError
			if errors.As(err, &ce) {
				return rows, fmt.Errorf("queries: row %d, column %s: %w", rows+1, fields[ce.Column].column, ce.Err)
			}
			return rows, err
		}
		if rows++; rows%(1<<16) == 0 {
			if err := each(rows); err != nil {
				return rows, err
			}
		}
	}
	return rows, nil
}

// Select runs a query and scans every row into a T, by the `ch:"name"` tags
// of T's fields. Every result column must have a field.
func Select[T any](ctx context.Context, s Store, sql string, params Params) ([]T, error) {
	var out []T
	for v, err := range Each[T](ctx, s, sql, params) {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Each runs a query and yields its rows scanned into T, as Select does,
// without holding them all in memory.
func Each[T any](ctx context.Context, s Store, sql string, params Params) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := s.Query(ctx, sql, params)
		if err != nil {
			yield(zero, err)
			return
		}
		defer rows.Close()
		var v T
		dest, err := structDest(&v, rows.Columns())
		if err != nil {
			yield(zero, err)
			return
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				yield(zero, err)
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(zero, err)
		}
	}
}

// structDest returns pointers to the fields of *v, in the order of cols.
// A T that is not a row struct (a struct without `ch` tags, like time.Time,
// or no struct at all) takes the single column of the result whole.
func structDest[T any](v *T, cols []rowbinary.Column) ([]any, error) {
	t := reflect.TypeFor[T]()
	rv := reflect.ValueOf(v).Elem()
	if len(cols) == 0 {
		return nil, nil // an empty result: there is nothing to scan
	}
	if !isRowStruct(t) {
		// A single column scans into a plain value.
		if len(cols) != 1 {
			return nil, fmt.Errorf("queries: %d columns cannot scan into %s", len(cols), t)
		}
		return []any{v}, nil
	}
	fields, err := structFields(t)
	if err != nil {
		return nil, err
	}
	dest := make([]any, len(cols))
	for i, c := range cols {
		for _, f := range fields {
			if f.column == c.Name {
				dest[i] = rv.Field(f.index).Addr().Interface()
				break
			}
		}
		if dest[i] == nil {
			return nil, fmt.Errorf("queries: column %s has no field in %s", c.Name, t)
		}
	}
	return dest, nil
}

// isRowStruct reports whether t is a struct with fields tagged `ch:"column"`.
func isRowStruct(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("ch"), ","); name != "" && name != "-" {
			return true
		}
	}
	return false
}

// Get runs a query that returns one row and scans it into a T: a row struct,
// or a plain value (time.Time included) for a single column. It returns ErrNoRows when there is no row.
func Get[T any](ctx context.Context, s Store, sql string, params Params) (T, error) {
	for v, err := range Each[T](ctx, s, sql, params) {
		return v, err
	}
	var zero T
	return zero, ErrNoRows
}
