package rowbinary

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"time"
	"unsafe"

	"github.com/google/uuid"
)

// encodeFunc appends the RowBinary encoding of the Go value p points to.
type encodeFunc func(b []byte, p unsafe.Pointer) ([]byte, error)

// Encoder appends values of one Go type as RowBinary values of one ClickHouse type.
type Encoder struct {
	fn encodeFunc
}

// NewEncoder compiles the encoder of Go values of type src into values of t.
// Go types accepted for each ClickHouse type:
//
//	UInt8…UInt64, Int8…Int64  any Go integer type (range-checked); bool for UInt8
//	Float32, Float64          float32, float64, any Go integer type
//	Bool                      bool
//	String                    string, []byte
//	FixedString(N)            string, []byte of at most N bytes
//	Enum8, Enum16             string (a name of the enum)
//	Date, Date32              time.Time (its calendar date, in its own location)
//	DateTime, DateTime64      time.Time
//	UUID                      [16]byte types such as uuid.UUID, string
//	Nullable(T)               *X (nil for NULL) or X, where X is accepted for T
//	Array(T)                  []X, where X is accepted for T
//	any type                  any holding an accepted value, or nil for NULL
func NewEncoder(t *Type, src reflect.Type) (*Encoder, error) {
	fn, err := encoderFor(t, src)
	if err != nil {
		return nil, err
	}
	return &Encoder{fn: fn}, nil
}

// AppendAt appends the encoding of the value p points to; p must point to a
// value of the Go type the encoder was compiled for.
func (e *Encoder) AppendAt(b []byte, p unsafe.Pointer) ([]byte, error) { return e.fn(b, p) }

// Append appends the RowBinary encoding of v as a value of type t.
func Append(b []byte, t *Type, v any) ([]byte, error) {
	fn, err := encoderFor(t, anyType)
	if err != nil {
		return b, err
	}
	return fn(b, unsafe.Pointer(&v))
}

func encoderFor(t *Type, src reflect.Type) (encodeFunc, error) {
	t = t.base()
	if src == anyType {
		return anyEncoder(t), nil
	}
	switch t.Kind {
	case Nullable:
		if src.Kind() == reflect.Pointer {
			inner, err := encoderFor(t.Elem, src.Elem())
			if err != nil {
				return nil, err
			}
			return func(b []byte, p unsafe.Pointer) ([]byte, error) {
				q := *(*unsafe.Pointer)(p)
				if q == nil {
					return append(b, 1), nil
				}
				return inner(append(b, 0), q)
			}, nil
		}
		inner, err := encoderFor(t.Elem, src)
		if err != nil {
			return nil, err
		}
		return func(b []byte, p unsafe.Pointer) ([]byte, error) { return inner(append(b, 0), p) }, nil
	case Array:
		if src.Kind() != reflect.Slice {
			return nil, &ConversionError{Type: t, Dest: src}
		}
		elem := src.Elem()
		inner, err := encoderFor(t.Elem, elem)
		if err != nil {
			return nil, err
		}
		size := elem.Size()
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			s := reflect.NewAt(src, p).Elem()
			n := s.Len()
			b = binary.AppendUvarint(b, uint64(n))
			if n == 0 {
				return b, nil
			}
			base := s.UnsafePointer()
			var err error
			for i := 0; i < n; i++ {
				if b, err = inner(b, unsafe.Add(base, uintptr(i)*size)); err != nil {
					return b, err
				}
			}
			return b, nil
		}, nil
	case UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64:
		return integerEncoder(t, src)
	case Float32, Float64:
		return floatEncoder(t, src)
	case Bool:
		if src.Kind() == reflect.Bool {
			return func(b []byte, p unsafe.Pointer) ([]byte, error) {
				if *(*bool)(p) {
					return append(b, 1), nil
				}
				return append(b, 0), nil
			}, nil
		}
	case String, FixedString:
		fixed := t.Size
		put := func(b []byte, s string) ([]byte, error) {
			if fixed == 0 {
				b = binary.AppendUvarint(b, uint64(len(s)))
				return append(b, s...), nil
			}
			if len(s) > fixed {
				return b, fmt.Errorf("rowbinary: %d bytes do not fit %s", len(s), t)
			}
			b = append(b, s...)
			for i := len(s); i < fixed; i++ {
				b = append(b, 0)
			}
			return b, nil
		}
		switch {
		case src.Kind() == reflect.String && fixed == 0:
			return func(b []byte, p unsafe.Pointer) ([]byte, error) {
				s := *(*string)(p)
				return append(binary.AppendUvarint(b, uint64(len(s))), s...), nil
			}, nil
		case src.Kind() == reflect.String:
			return func(b []byte, p unsafe.Pointer) ([]byte, error) { return put(b, *(*string)(p)) }, nil
		case src.Kind() == reflect.Slice && src.Elem().Kind() == reflect.Uint8:
			return func(b []byte, p unsafe.Pointer) ([]byte, error) {
				return put(b, unsafe.String(unsafe.SliceData(*(*[]byte)(p)), len(*(*[]byte)(p))))
			}, nil
		}
	case Enum8, Enum16:
		if src.Kind() == reflect.String {
			values, wide := t.EnumValues, t.Kind == Enum16
			return func(b []byte, p unsafe.Pointer) ([]byte, error) {
				v, ok := values[*(*string)(p)]
				if !ok {
					return b, fmt.Errorf("rowbinary: %q is not a value of %s", *(*string)(p), t)
				}
				if wide {
					return binary.LittleEndian.AppendUint16(b, uint16(v)), nil
				}
				return append(b, byte(int8(v))), nil
			}, nil
		}
	case Date, Date32, DateTime, DateTime64:
		if src == timeType {
			put := timeWriter(t)
			return func(b []byte, p unsafe.Pointer) ([]byte, error) { return put(b, *(*time.Time)(p)) }, nil
		}
	case UUID:
		switch {
		case src.Kind() == reflect.Array && src.Len() == 16 && src.Elem().Kind() == reflect.Uint8:
			return func(b []byte, p unsafe.Pointer) ([]byte, error) {
				return appendUUID(b, *(*[16]byte)(p)), nil
			}, nil
		case src.Kind() == reflect.String:
			return func(b []byte, p unsafe.Pointer) ([]byte, error) {
				u, err := uuid.Parse(*(*string)(p))
				if err != nil {
					return b, fmt.Errorf("rowbinary: %q is not a UUID", *(*string)(p))
				}
				return appendUUID(b, u), nil
			}, nil
		}
	}
	return nil, &ConversionError{Type: t, Dest: src}
}

// anyEncoder encodes a value held in an interface, compiling per dynamic type.
func anyEncoder(t *Type) encodeFunc {
	var cacheType reflect.Type
	var cacheFn encodeFunc
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		v := *(*any)(p)
		if v == nil {
			if t.Kind == Nullable {
				return append(b, 1), nil
			}
			return b, fmt.Errorf("rowbinary: NULL for %s", t)
		}
		rt := reflect.TypeOf(v)
		if rt != cacheType {
			fn, err := encoderFor(t, rt)
			if err != nil {
				return b, err
			}
			cacheType, cacheFn = rt, fn
		}
		rv := reflect.New(rt)
		rv.Elem().Set(reflect.ValueOf(v))
		return cacheFn(b, rv.UnsafePointer())
	}
}

func appendUUID(b []byte, u [16]byte) []byte {
	for i := 7; i >= 0; i-- {
		b = append(b, u[i])
	}
	for i := 15; i >= 8; i-- {
		b = append(b, u[i])
	}
	return b
}

// integer ranges of the ClickHouse integer types, as signed and unsigned bounds.
func integerRange(k Kind) (lo int64, hi uint64) {
	switch k {
	case UInt8:
		return 0, math.MaxUint8
	case UInt16:
		return 0, math.MaxUint16
	case UInt32:
		return 0, math.MaxUint32
	case UInt64:
		return 0, math.MaxUint64
	case Int8:
		return math.MinInt8, math.MaxInt8
	case Int16:
		return math.MinInt16, math.MaxInt16
	case Int32:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

func integerEncoder(t *Type, src reflect.Type) (encodeFunc, error) {
	// The common case, a Go integer of the column's own width and sign,
	// needs no range check: one load and one store.
	switch {
	case t.Kind == UInt64 && src.Kind() == reflect.Uint64, t.Kind == Int64 && src.Kind() == reflect.Int64:
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			return binary.LittleEndian.AppendUint64(b, *(*uint64)(p)), nil
		}, nil
	case t.Kind == UInt32 && src.Kind() == reflect.Uint32, t.Kind == Int32 && src.Kind() == reflect.Int32:
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			return binary.LittleEndian.AppendUint32(b, *(*uint32)(p)), nil
		}, nil
	case t.Kind == UInt16 && src.Kind() == reflect.Uint16, t.Kind == Int16 && src.Kind() == reflect.Int16:
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			return binary.LittleEndian.AppendUint16(b, *(*uint16)(p)), nil
		}, nil
	case t.Kind == UInt8 && src.Kind() == reflect.Uint8, t.Kind == Int8 && src.Kind() == reflect.Int8:
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			return append(b, *(*uint8)(p)), nil
		}, nil
	}
	size := t.fixedSize()
	lo, hi := integerRange(t.Kind)
	put := func(b []byte, u uint64) []byte {
		switch size {
		case 1:
			return append(b, byte(u))
		case 2:
			return binary.LittleEndian.AppendUint16(b, uint16(u))
		case 4:
			return binary.LittleEndian.AppendUint32(b, uint32(u))
		}
		return binary.LittleEndian.AppendUint64(b, u)
	}
	switch src.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		load := signedLoader(src.Kind())
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			v := load(p)
			if v < lo || v >= 0 && uint64(v) > hi {
				return b, fmt.Errorf("rowbinary: %d out of range for %s", v, t)
			}
			return put(b, uint64(v)), nil
		}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		load := unsignedLoader(src.Kind())
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			v := load(p)
			if v > hi {
				return b, fmt.Errorf("rowbinary: %d out of range for %s", v, t)
			}
			return put(b, v), nil
		}, nil
	case reflect.Bool:
		if t.Kind == UInt8 {
			return func(b []byte, p unsafe.Pointer) ([]byte, error) {
				if *(*bool)(p) {
					return append(b, 1), nil
				}
				return append(b, 0), nil
			}, nil
		}
	}
	return nil, &ConversionError{Type: t, Dest: src}
}

func signedLoader(k reflect.Kind) func(p unsafe.Pointer) int64 {
	switch k {
	case reflect.Int8:
		return func(p unsafe.Pointer) int64 { return int64(*(*int8)(p)) }
	case reflect.Int16:
		return func(p unsafe.Pointer) int64 { return int64(*(*int16)(p)) }
	case reflect.Int32:
		return func(p unsafe.Pointer) int64 { return int64(*(*int32)(p)) }
	}
	return func(p unsafe.Pointer) int64 { return *(*int64)(p) }
}

func unsignedLoader(k reflect.Kind) func(p unsafe.Pointer) uint64 {
	switch k {
	case reflect.Uint8:
		return func(p unsafe.Pointer) uint64 { return uint64(*(*uint8)(p)) }
	case reflect.Uint16:
		return func(p unsafe.Pointer) uint64 { return uint64(*(*uint16)(p)) }
	case reflect.Uint32:
		return func(p unsafe.Pointer) uint64 { return uint64(*(*uint32)(p)) }
	}
	return func(p unsafe.Pointer) uint64 { return *(*uint64)(p) }
}

func floatEncoder(t *Type, src reflect.Type) (encodeFunc, error) {
	if t.Kind == Float64 && src.Kind() == reflect.Float64 {
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			return binary.LittleEndian.AppendUint64(b, *(*uint64)(p)), nil
		}, nil
	}
	var load func(p unsafe.Pointer) float64
	switch k := src.Kind(); k {
	case reflect.Float64:
		load = func(p unsafe.Pointer) float64 { return *(*float64)(p) }
	case reflect.Float32:
		load = func(p unsafe.Pointer) float64 { return float64(*(*float32)(p)) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		l := signedLoader(k)
		load = func(p unsafe.Pointer) float64 { return float64(l(p)) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		l := unsignedLoader(k)
		load = func(p unsafe.Pointer) float64 { return float64(l(p)) }
	default:
		return nil, &ConversionError{Type: t, Dest: src}
	}
	if t.Kind == Float32 {
		return func(b []byte, p unsafe.Pointer) ([]byte, error) {
			return binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(load(p)))), nil
		}, nil
	}
	return func(b []byte, p unsafe.Pointer) ([]byte, error) {
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(load(p))), nil
	}, nil
}

// Limits of the ClickHouse date and time types.
var (
	minDate32 = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
	maxDate32 = time.Date(2299, 12, 31, 0, 0, 0, 0, time.UTC).Unix() / 86400
)

// civilDays is the number of days from 1970-01-01 to t's calendar date in t's location.
func civilDays(t time.Time) int64 {
	s := t.Unix()
	if t.Location() != time.UTC { // looking up a zone's offset costs more than the rest
		_, offset := t.Zone()
		s += int64(offset)
	}
	d := s / 86400
	if s%86400 < 0 {
		d--
	}
	return d
}

func timeWriter(t *Type) func(b []byte, v time.Time) ([]byte, error) {
	switch t.Kind {
	case Date:
		return func(b []byte, v time.Time) ([]byte, error) {
			d := civilDays(v)
			if d < 0 || d > math.MaxUint16 {
				return b, fmt.Errorf("rowbinary: %s is outside the range of Date (1970-01-01 to 2149-06-06)", v.Format(time.DateOnly))
			}
			return binary.LittleEndian.AppendUint16(b, uint16(d)), nil
		}
	case Date32:
		return func(b []byte, v time.Time) ([]byte, error) {
			d := civilDays(v)
			if d < minDate32 || d > maxDate32 {
				return b, fmt.Errorf("rowbinary: %s is outside the range of Date32 (1900-01-01 to 2299-12-31)", v.Format(time.DateOnly))
			}
			return binary.LittleEndian.AppendUint32(b, uint32(int32(d))), nil
		}
	case DateTime:
		return func(b []byte, v time.Time) ([]byte, error) {
			s := v.Unix()
			if s < 0 || s > math.MaxUint32 {
				return b, fmt.Errorf("rowbinary: %s is outside the range of DateTime", v.Format(time.RFC3339))
			}
			return binary.LittleEndian.AppendUint32(b, uint32(s)), nil
		}
	default:
		scale := pow10[t.Precision]
		return func(b []byte, v time.Time) ([]byte, error) {
			s := v.Unix()
			if s > math.MaxInt64/scale-1 || s < math.MinInt64/scale+1 {
				return b, fmt.Errorf("rowbinary: %s is outside the range of %s", v.Format(time.RFC3339), t)
			}
			ticks := s*scale + int64(v.Nanosecond())/(1e9/scale)
			return binary.LittleEndian.AppendUint64(b, uint64(ticks)), nil
		}
	}
}
