package rowbinary

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"time"
	"unsafe"

	"github.com/google/uuid"
)

// ErrShort reports RowBinary data that ends inside a value.
var ErrShort = errors.New("rowbinary: data ends inside a value")

// Column is a named, typed column of a result or a table.
type Column struct {
	Name string
	Type *Type
}

// ReadHeader reads the header of RowBinaryWithNamesAndTypes data: the column
// names and types. It returns the columns and the offset of the first row.
func ReadHeader(b []byte) ([]Column, int, error) {
	n, off, err := uvarint(b, 0)
	if err != nil {
		return nil, 0, err
	}
	if n > uint64(len(b)) {
		return nil, 0, fmt.Errorf("rowbinary: header claims %d columns", n)
	}
	cols := make([]Column, n)
	for i := range cols {
		var s string
		if s, off, err = readString(b, off); err != nil {
			return nil, 0, err
		}
		cols[i].Name = s
	}
	for i := range cols {
		var s string
		if s, off, err = readString(b, off); err != nil {
			return nil, 0, err
		}
		if cols[i].Type, err = Parse(s); err != nil {
			return nil, 0, fmt.Errorf("rowbinary: column %s: %w", cols[i].Name, err)
		}
	}
	return cols, off, nil
}

func uvarint(b []byte, off int) (uint64, int, error) {
	if off >= len(b) {
		return 0, off, ErrShort
	}
	v, n := binary.Uvarint(b[off:])
	if n <= 0 {
		if n == 0 {
			return 0, off, ErrShort
		}
		return 0, off, errors.New("rowbinary: length overflows 64 bits")
	}
	return v, off + n, nil
}

// stringBytes returns the bytes of the String at off, without copying.
func stringBytes(b []byte, off int) ([]byte, int, error) {
	n, off, err := uvarint(b, off)
	if err != nil {
		return nil, off, err
	}
	if n > uint64(len(b)-off) {
		return nil, off, ErrShort
	}
	end := off + int(n)
	return b[off:end], end, nil
}

func readString(b []byte, off int) (string, int, error) {
	s, off, err := stringBytes(b, off)
	return string(s), off, err
}

// Skip returns the offset just past the value of type t at off.
func Skip(t *Type, b []byte, off int) (int, error) {
	t = t.base()
	if n := t.fixedSize(); n > 0 {
		if len(b)-off < n {
			return off, ErrShort
		}
		return off + n, nil
	}
	switch t.Kind {
	case String:
		_, off, err := stringBytes(b, off)
		return off, err
	case Nullable:
		if off >= len(b) {
			return off, ErrShort
		}
		if b[off] == 1 {
			return off + 1, nil
		}
		return Skip(t.Elem, b, off+1)
	case Array:
		n, off, err := uvarint(b, off)
		if err != nil {
			return off, err
		}
		if n > uint64(len(b)-off)/uint64(t.Elem.minWireSize()) {
			return off, ErrShort
		}
		for i := uint64(0); i < n; i++ {
			if off, err = Skip(t.Elem, b, off); err != nil {
				return off, err
			}
		}
		return off, nil
	case Nothing:
		return off, nil
	}
	return off, fmt.Errorf("rowbinary: cannot skip %s", t)
}

// Decode decodes the value of type t at off into its natural Go type: the
// unsigned and signed integers, float32 and float64, bool, string (also for
// FixedString and enum names), time.Time, uuid.UUID, nil for NULL, and typed
// slices for arrays (with pointer elements for Array(Nullable(T))).
func Decode(t *Type, b []byte, off int) (any, int, error) {
	t = t.base()
	if t.Kind == Nullable {
		if off >= len(b) {
			return nil, off, ErrShort
		}
		if b[off] == 1 {
			return nil, off + 1, nil
		}
		return Decode(t.Elem, b, off+1)
	}
	if t.Kind == Nothing {
		return nil, off, nil
	}
	gt, err := goType(t)
	if err != nil {
		return nil, off, err
	}
	v := reflect.New(gt)
	dec, err := decoderFor(t, gt)
	if err != nil {
		return nil, off, err
	}
	off, err = dec(b, off, v.UnsafePointer())
	if err != nil {
		return nil, off, err
	}
	return v.Elem().Interface(), off, nil
}

var (
	timeType = reflect.TypeFor[time.Time]()
	uuidType = reflect.TypeFor[uuid.UUID]()
	anyType  = reflect.TypeFor[any]()
)

// goType is the natural Go type of t, as Decode returns it.
func goType(t *Type) (reflect.Type, error) {
	t = t.base()
	switch t.Kind {
	case UInt8:
		return reflect.TypeFor[uint8](), nil
	case UInt16:
		return reflect.TypeFor[uint16](), nil
	case UInt32:
		return reflect.TypeFor[uint32](), nil
	case UInt64:
		return reflect.TypeFor[uint64](), nil
	case Int8:
		return reflect.TypeFor[int8](), nil
	case Int16:
		return reflect.TypeFor[int16](), nil
	case Int32:
		return reflect.TypeFor[int32](), nil
	case Int64:
		return reflect.TypeFor[int64](), nil
	case Float32:
		return reflect.TypeFor[float32](), nil
	case Float64:
		return reflect.TypeFor[float64](), nil
	case Bool:
		return reflect.TypeFor[bool](), nil
	case String, FixedString, Enum8, Enum16:
		return reflect.TypeFor[string](), nil
	case Date, Date32, DateTime, DateTime64:
		return timeType, nil
	case UUID:
		return uuidType, nil
	case Nullable:
		et, err := goType(t.Elem)
		if err != nil {
			return nil, err
		}
		return reflect.PointerTo(et), nil
	case Array:
		et, err := goType(t.Elem)
		if err != nil {
			return nil, err
		}
		return reflect.SliceOf(et), nil
	case Nothing:
		return anyType, nil
	}
	return nil, fmt.Errorf("rowbinary: no Go type for %s", t)
}

// decodeFunc decodes the value at off into the Go value p points to and
// returns the offset just past it.
type decodeFunc func(b []byte, off int, p unsafe.Pointer) (int, error)

// ConversionError reports a column that cannot be scanned into a destination.
type ConversionError struct {
	Type *Type
	Dest reflect.Type
}

func (e *ConversionError) Error() string {
	return fmt.Sprintf("rowbinary: cannot scan %s into %s", e.Type, e.Dest)
}

// decoderFor compiles the decoder of values of t into Go values of type dst.
func decoderFor(t *Type, dst reflect.Type) (decodeFunc, error) {
	t = t.base()
	if dst == anyType {
		return func(b []byte, off int, p unsafe.Pointer) (int, error) {
			v, off, err := Decode(t, b, off)
			if err != nil {
				return off, err
			}
			*(*any)(p) = v
			return off, nil
		}, nil
	}
	if dst.Kind() == reflect.Pointer && t.Kind != Nullable && t.Kind != Nothing {
		// A pointer destination of a column that cannot be NULL is never nil.
		elem := dst.Elem()
		inner, err := decoderFor(t, elem)
		if err != nil {
			return nil, &ConversionError{Type: t, Dest: dst}
		}
		return func(b []byte, off int, p unsafe.Pointer) (int, error) {
			v := reflect.New(elem)
			off, err := inner(b, off, v.UnsafePointer())
			*(*unsafe.Pointer)(p) = v.UnsafePointer()
			return off, err
		}, nil
	}
	switch t.Kind {
	case Nullable:
		return nullableDecoder(t, dst)
	case Array:
		return arrayDecoder(t, dst)
	case UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64:
		return integerDecoder(t, dst)
	case Float32, Float64:
		switch dst.Kind() {
		case reflect.Float64, reflect.Float32:
			read := floatReader(t.Kind)
			if dst.Kind() == reflect.Float64 {
				return func(b []byte, off int, p unsafe.Pointer) (int, error) {
					v, off, err := read(b, off)
					*(*float64)(p) = v
					return off, err
				}, nil
			}
			return func(b []byte, off int, p unsafe.Pointer) (int, error) {
				v, off, err := read(b, off)
				*(*float32)(p) = float32(v)
				return off, err
			}, nil
		}
	case Bool:
		if dst.Kind() == reflect.Bool {
			return func(b []byte, off int, p unsafe.Pointer) (int, error) {
				if off >= len(b) {
					return off, ErrShort
				}
				*(*bool)(p) = b[off] != 0
				return off + 1, nil
			}, nil
		}
	case String, FixedString:
		fixed := t.Size
		switch {
		case dst.Kind() == reflect.String:
			return func(b []byte, off int, p unsafe.Pointer) (int, error) {
				s, end, err := fixedOrString(b, off, fixed)
				if err != nil {
					return off, err
				}
				*(*string)(p) = string(s)
				return end, nil
			}, nil
		case dst.Kind() == reflect.Slice && dst.Elem().Kind() == reflect.Uint8:
			return func(b []byte, off int, p unsafe.Pointer) (int, error) {
				s, end, err := fixedOrString(b, off, fixed)
				if err != nil {
					return off, err
				}
				*(*[]byte)(p) = append([]byte(nil), s...)
				return end, nil
			}, nil
		}
	case Enum8, Enum16:
		if dst.Kind() == reflect.String {
			names, wide := t.EnumNames, t.Kind == Enum16
			return func(b []byte, off int, p unsafe.Pointer) (int, error) {
				var v int16
				if wide {
					if len(b)-off < 2 {
						return off, ErrShort
					}
					v = int16(binary.LittleEndian.Uint16(b[off:]))
					off += 2
				} else {
					if off >= len(b) {
						return off, ErrShort
					}
					v = int16(int8(b[off]))
					off++
				}
				name, ok := names[v]
				if !ok {
					return off, fmt.Errorf("rowbinary: value %d is not in %s", v, t)
				}
				*(*string)(p) = name
				return off, nil
			}, nil
		}
	case Date, Date32, DateTime, DateTime64:
		if dst == timeType {
			read := timeReader(t)
			return func(b []byte, off int, p unsafe.Pointer) (int, error) {
				v, off, err := read(b, off)
				*(*time.Time)(p) = v
				return off, err
			}, nil
		}
	case UUID:
		switch {
		case dst.Kind() == reflect.Array && dst.Len() == 16 && dst.Elem().Kind() == reflect.Uint8:
			return func(b []byte, off int, p unsafe.Pointer) (int, error) {
				if len(b)-off < 16 {
					return off, ErrShort
				}
				*(*[16]byte)(p) = uuidFromWire(b[off:])
				return off + 16, nil
			}, nil
		case dst.Kind() == reflect.String:
			return func(b []byte, off int, p unsafe.Pointer) (int, error) {
				if len(b)-off < 16 {
					return off, ErrShort
				}
				*(*string)(p) = uuid.UUID(uuidFromWire(b[off:])).String()
				return off + 16, nil
			}, nil
		}
	case Nothing:
		// The type of a bare NULL: it holds no value, so any destination
		// takes it as its zero value.
		zero := reflect.Zero(dst)
		return func(b []byte, off int, p unsafe.Pointer) (int, error) {
			reflect.NewAt(dst, p).Elem().Set(zero)
			return off, nil
		}, nil
	}
	return nil, &ConversionError{Type: t, Dest: dst}
}

func fixedOrString(b []byte, off, fixed int) ([]byte, int, error) {
	if fixed == 0 {
		return stringBytes(b, off)
	}
	if len(b)-off < fixed {
		return nil, off, ErrShort
	}
	return b[off : off+fixed], off + fixed, nil
}

func nullableDecoder(t *Type, dst reflect.Type) (decodeFunc, error) {
	if dst.Kind() != reflect.Pointer {
		// A non-pointer destination takes the value; NULL is an error.
		inner, err := decoderFor(t.Elem, dst)
		if err != nil {
			return nil, err
		}
		return func(b []byte, off int, p unsafe.Pointer) (int, error) {
			if off >= len(b) {
				return off, ErrShort
			}
			if b[off] == 1 {
				return off + 1, ErrNull
			}
			return inner(b, off+1, p)
		}, nil
	}
	elem := dst.Elem()
	inner, err := decoderFor(t.Elem, elem)
	if err != nil {
		return nil, &ConversionError{Type: t, Dest: dst}
	}
	return func(b []byte, off int, p unsafe.Pointer) (int, error) {
		if off >= len(b) {
			return off, ErrShort
		}
		if b[off] == 1 {
			*(*unsafe.Pointer)(p) = nil
			return off + 1, nil
		}
		v := reflect.New(elem)
		off, err := inner(b, off+1, v.UnsafePointer())
		*(*unsafe.Pointer)(p) = v.UnsafePointer()
		return off, err
	}, nil
}

// ErrNull reports a NULL scanned into a destination that cannot hold it.
var ErrNull = errors.New("rowbinary: NULL in a destination that is not a pointer")

func arrayDecoder(t *Type, dst reflect.Type) (decodeFunc, error) {
	if dst.Kind() != reflect.Slice {
		return nil, &ConversionError{Type: t, Dest: dst}
	}
	elem := dst.Elem()
	inner, err := decoderFor(t.Elem, elem)
	if err != nil {
		return nil, &ConversionError{Type: t, Dest: dst}
	}
	minSize := t.Elem.minWireSize()
	size := elem.Size()
	return func(b []byte, off int, p unsafe.Pointer) (int, error) {
		n, off, err := uvarint(b, off)
		if err != nil {
			return off, err
		}
		if n > uint64(len(b)-off)/uint64(minSize) {
			return off, ErrShort
		}
		s := reflect.MakeSlice(dst, int(n), int(n))
		base := s.UnsafePointer()
		for i := 0; i < int(n); i++ {
			if off, err = inner(b, off, unsafe.Add(base, uintptr(i)*size)); err != nil {
				return off, err
			}
		}
		reflect.NewAt(dst, p).Elem().Set(s)
		return off, nil
	}, nil
}

func integerDecoder(t *Type, dst reflect.Type) (decodeFunc, error) {
	size := t.fixedSize()
	signed := t.Kind >= Int8 && t.Kind <= Int64
	read := func(b []byte, off int) (int64, uint64, int, error) {
		if len(b)-off < size {
			return 0, 0, off, ErrShort
		}
		var u uint64
		switch size {
		case 1:
			u = uint64(b[off])
		case 2:
			u = uint64(binary.LittleEndian.Uint16(b[off:]))
		case 4:
			u = uint64(binary.LittleEndian.Uint32(b[off:]))
		default:
			u = binary.LittleEndian.Uint64(b[off:])
		}
		if !signed {
			return 0, u, off + size, nil
		}
		shift := 64 - 8*size
		return int64(u<<shift) >> shift, 0, off + size, nil
	}
	kind := dst.Kind()
	switch kind {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(b []byte, off int, p unsafe.Pointer) (int, error) {
			s, u, end, err := read(b, off)
			if err != nil {
				return off, err
			}
			if signed {
				return end, storeSigned(kind, p, s)
			}
			return end, storeUnsigned(kind, p, u)
		}, nil
	case reflect.Float64, reflect.Float32:
		return func(b []byte, off int, p unsafe.Pointer) (int, error) {
			s, u, end, err := read(b, off)
			if err != nil {
				return off, err
			}
			f := float64(u)
			if signed {
				f = float64(s)
			}
			if kind == reflect.Float64 {
				*(*float64)(p) = f
			} else {
				*(*float32)(p) = float32(f)
			}
			return end, nil
		}, nil
	case reflect.Bool:
		if t.Kind == UInt8 {
			return func(b []byte, off int, p unsafe.Pointer) (int, error) {
				if off >= len(b) {
					return off, ErrShort
				}
				*(*bool)(p) = b[off] != 0
				return off + 1, nil
			}, nil
		}
	}
	return nil, &ConversionError{Type: t, Dest: dst}
}

// RangeError reports an integer that does not fit its destination.
type RangeError struct {
	Value string
	Dest  reflect.Kind
}

func (e *RangeError) Error() string {
	return fmt.Sprintf("rowbinary: value %s out of range for %s", e.Value, e.Dest)
}

func storeSigned(k reflect.Kind, p unsafe.Pointer, v int64) error {
	ok := true
	switch k {
	case reflect.Int, reflect.Int64:
		*(*int64)(p) = v
	case reflect.Int32:
		ok = v >= math.MinInt32 && v <= math.MaxInt32
		*(*int32)(p) = int32(v)
	case reflect.Int16:
		ok = v >= math.MinInt16 && v <= math.MaxInt16
		*(*int16)(p) = int16(v)
	case reflect.Int8:
		ok = v >= math.MinInt8 && v <= math.MaxInt8
		*(*int8)(p) = int8(v)
	default:
		if v < 0 {
			return &RangeError{Value: fmt.Sprint(v), Dest: k}
		}
		return storeUnsigned(k, p, uint64(v))
	}
	if !ok {
		return &RangeError{Value: fmt.Sprint(v), Dest: k}
	}
	return nil
}

func storeUnsigned(k reflect.Kind, p unsafe.Pointer, v uint64) error {
	ok := true
	switch k {
	case reflect.Uint, reflect.Uint64, reflect.Uintptr:
		*(*uint64)(p) = v
	case reflect.Uint32:
		ok = v <= math.MaxUint32
		*(*uint32)(p) = uint32(v)
	case reflect.Uint16:
		ok = v <= math.MaxUint16
		*(*uint16)(p) = uint16(v)
	case reflect.Uint8:
		ok = v <= math.MaxUint8
		*(*uint8)(p) = uint8(v)
	default:
		if v > math.MaxInt64 {
			return &RangeError{Value: fmt.Sprint(v), Dest: k}
		}
		return storeSigned(k, p, int64(v))
	}
	if !ok {
		return &RangeError{Value: fmt.Sprint(v), Dest: k}
	}
	return nil
}

func floatReader(k Kind) func(b []byte, off int) (float64, int, error) {
	if k == Float32 {
		return func(b []byte, off int) (float64, int, error) {
			if len(b)-off < 4 {
				return 0, off, ErrShort
			}
			return float64(math.Float32frombits(binary.LittleEndian.Uint32(b[off:]))), off + 4, nil
		}
	}
	return func(b []byte, off int) (float64, int, error) {
		if len(b)-off < 8 {
			return 0, off, ErrShort
		}
		return math.Float64frombits(binary.LittleEndian.Uint64(b[off:])), off + 8, nil
	}
}

var pow10 = [10]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

func timeReader(t *Type) func(b []byte, off int) (time.Time, int, error) {
	loc := t.Location
	switch t.Kind {
	case Date:
		return func(b []byte, off int) (time.Time, int, error) {
			if len(b)-off < 2 {
				return time.Time{}, off, ErrShort
			}
			days := int64(binary.LittleEndian.Uint16(b[off:]))
			return time.Unix(days*86400, 0).UTC(), off + 2, nil
		}
	case Date32:
		return func(b []byte, off int) (time.Time, int, error) {
			if len(b)-off < 4 {
				return time.Time{}, off, ErrShort
			}
			days := int64(int32(binary.LittleEndian.Uint32(b[off:])))
			return time.Unix(days*86400, 0).UTC(), off + 4, nil
		}
	case DateTime:
		return func(b []byte, off int) (time.Time, int, error) {
			if len(b)-off < 4 {
				return time.Time{}, off, ErrShort
			}
			return time.Unix(int64(binary.LittleEndian.Uint32(b[off:])), 0).In(loc), off + 4, nil
		}
	default:
		scale := pow10[t.Precision]
		return func(b []byte, off int) (time.Time, int, error) {
			if len(b)-off < 8 {
				return time.Time{}, off, ErrShort
			}
			ticks := int64(binary.LittleEndian.Uint64(b[off:]))
			sec, frac := ticks/scale, ticks%scale
			if frac < 0 {
				sec--
				frac += scale
			}
			return time.Unix(sec, frac*(1e9/scale)).In(loc), off + 8, nil
		}
	}
}

// uuidFromWire converts ClickHouse's UUID layout (two little-endian 64-bit
// halves, high half first) to the canonical byte order.
func uuidFromWire(w []byte) [16]byte {
	var u [16]byte
	for i := 0; i < 8; i++ {
		u[i] = w[7-i]
		u[8+i] = w[15-i]
	}
	return u
}
