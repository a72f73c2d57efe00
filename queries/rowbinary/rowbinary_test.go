package rowbinary

import (
	"bytes"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		kind Kind
		want string // String() of the result, when it differs from in
		err  string
	}{
		{in: "UInt8", kind: UInt8},
		{in: "Nullable(Date32)", kind: Nullable},
		{in: "LowCardinality(Nullable(String))", kind: LowCardinality},
		{in: "Array(Array(String))", kind: Array},
		{in: "DateTime('Asia/Tokyo')", kind: DateTime},
		{in: "DateTime64(3, 'UTC')", kind: DateTime64},
		{in: "FixedString(16)", kind: FixedString},
		{in: "Enum8('loading' = 1, 'committed' = 2, 'it\\'s' = -3)", kind: Enum8},
		{in: " String ", kind: String, want: "String"},
		{in: "Map(String, UInt8)", err: "unsupported type Map"},
		{in: "Nullable(", err: "expected a type name"},
		{in: "DateTime64(12)", err: "precision 12"},
		{in: "DateTime('Mars/Olympus')", err: "time zone"},
		{in: "Enum8('a' = 300)", err: "out of range"},
		{in: "String)", err: "unexpected"},
		{in: "FixedString(0)", err: "FixedString size 0"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Parse(%q) error = %v, want it to contain %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got.Kind != tt.kind {
				t.Errorf("kind = %v, want %v", got.Kind, tt.kind)
			}
			want := tt.want
			if want == "" {
				want = tt.in
			}
			if got.String() != want {
				t.Errorf("String() = %q, want %q", got.String(), want)
			}
		})
	}
	e := MustParse("Enum8('loading' = 1, 'it\\'s' = -3)")
	if e.EnumNames[-3] != "it's" || e.EnumValues["loading"] != 1 {
		t.Errorf("enum maps = %v %v", e.EnumNames, e.EnumValues)
	}
	if loc := MustParse("DateTime('Asia/Tokyo')").Location; loc.String() != "Asia/Tokyo" {
		t.Errorf("location = %v", loc)
	}
}

func ptr[T any](v T) *T { return &v }

// TestRoundTrip encodes Go values and decodes them back through their natural
// Go type; the wire bytes of a few are pinned to ClickHouse's own output.
func TestRoundTrip(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	u := uuid.MustParse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	tests := []struct {
		typ  string
		in   any
		want any    // natural Go value decoded; in when nil
		wire string // hex of the encoding, when pinned
	}{
		{typ: "UInt8", in: uint8(200), wire: "c8"},
		{typ: "UInt16", in: uint16(65535)},
		{typ: "UInt32", in: uint32(4e9)},
		{typ: "UInt64", in: uint64(1 << 63), wire: "0000000000000080"},
		{typ: "Int8", in: int8(-5), wire: "fb"},
		{typ: "Int16", in: int16(-300)},
		{typ: "Int32", in: int32(-70000)},
		{typ: "Int64", in: int64(-1 << 40)},
		{typ: "UInt32", in: 7, want: uint32(7)},
		{typ: "Float32", in: float32(1.5)},
		{typ: "Float64", in: 0.1, wire: "9a9999999999b93f"},
		{typ: "Bool", in: true, wire: "01"},
		{typ: "String", in: "社員\x00'\\", wire: "09" + hex.EncodeToString([]byte("社員\x00'\\"))},
		{typ: "String", in: []byte("bytes"), want: "bytes"},
		{typ: "FixedString(4)", in: "ab", want: "ab\x00\x00", wire: "61620000"},
		{typ: "LowCardinality(String)", in: "営業部", wire: "09" + hex.EncodeToString([]byte("営業部"))},
		{typ: "Enum8('a' = 1, 'b' = -2)", in: "b", wire: "fe"},
		{typ: "Enum16('a' = 1000)", in: "a", wire: "e803"},
		{typ: "Date", in: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), wire: "d34e"},
		{typ: "Date", in: time.Date(2025, 4, 1, 23, 30, 0, 0, tokyo), want: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)},
		{typ: "Date32", in: time.Date(1955, 7, 9, 0, 0, 0, 0, time.UTC), wire: "56ebffff"},
		{typ: "DateTime", in: time.Unix(1700000000, 0).UTC(), wire: "00f15365"},
		{typ: "DateTime('Asia/Tokyo')", in: time.Unix(1700000000, 0).In(tokyo)},
		{typ: "DateTime64(3, 'UTC')", in: time.Unix(1700000000, 123e6).UTC()},
		{typ: "DateTime64(6, 'UTC')", in: time.Unix(-1, 500e3).UTC()},
		{typ: "UUID", in: u, wire: "d111ad9d10b8a76bc830d44fc000b480"},
		{typ: "UUID", in: u.String(), want: u},
		{typ: "Nullable(String)", in: nil, wire: "01"},
		{typ: "Nullable(String)", in: ptr("x"), want: "x", wire: "000178"},
		{typ: "Nullable(Date32)", in: (*time.Time)(nil), want: nil, wire: "01"},
		{typ: "Nullable(Int64)", in: int64(3), wire: "000300000000000000"},
		{typ: "Array(String)", in: []string{"a", "bc"}, wire: "0201610262 63"},
		{typ: "Array(Nullable(UInt8))", in: []*uint8{ptr(uint8(1)), nil}, wire: "02000101"},
		{typ: "Array(Array(UInt16))", in: [][]uint16{{1}, {}}},
		{typ: "Array(String)", in: []string{}, wire: "00"},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			typ := MustParse(tt.typ)
			b, err := Append(nil, typ, tt.in)
			if err != nil {
				t.Fatalf("Append(%v): %v", tt.in, err)
			}
			if w := strings.ReplaceAll(tt.wire, " ", ""); w != "" && hex.EncodeToString(b) != w {
				t.Errorf("wire = %x, want %s", b, w)
			}
			got, off, err := Decode(typ, b, 0)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if off != len(b) {
				t.Errorf("Decode consumed %d of %d bytes", off, len(b))
			}
			if n, err := Skip(typ, b, 0); err != nil || n != len(b) {
				t.Errorf("Skip = %d, %v; want %d", n, err, len(b))
			}
			want := tt.want
			if want == nil && tt.in != nil && !isNilPointer(tt.in) {
				want = tt.in
			}
			if p, ok := got.(*string); ok && p != nil {
				got = *p
			}
			if tm, ok := want.(time.Time); ok {
				g, ok := got.(time.Time)
				if !ok || !g.Equal(tm) || g.Location().String() != tm.Location().String() {
					t.Fatalf("Decode = %v (%T), want %v", got, got, want)
				}
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Decode = %#v (%T), want %#v", got, got, want)
			}
		})
	}
}

func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		typ string
		in  any
		err string
	}{
		{"UInt8", 300, "300 out of range for UInt8"},
		{"UInt8", -1, "-1 out of range"},
		{"Int8", int64(128), "out of range for Int8"},
		{"UInt32", uint64(1 << 40), "out of range for UInt32"},
		{"Int64", uint64(1 << 63), "out of range for Int64"},
		{"String", 5, "cannot scan String into int"},
		{"FixedString(2)", "abc", "do not fit FixedString(2)"},
		{"Enum8('a' = 1)", "z", `"z" is not a value`},
		{"Date", time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), "outside the range of Date"},
		{"Date32", time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), "outside the range of Date32"},
		{"DateTime", time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), "outside the range of DateTime"},
		{"UUID", "not-a-uuid", "is not a UUID"},
		{"String", nil, "NULL for String"},
		{"Array(String)", "x", "cannot scan Array(String)"},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			_, err := Append(nil, MustParse(tt.typ), tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Append(%v) error = %v, want it to contain %q", tt.in, err, tt.err)
			}
		})
	}
}

func TestRowScanner(t *testing.T) {
	cols := []Column{
		{Name: "n", Type: MustParse("UInt64")},
		{Name: "s", Type: MustParse("LowCardinality(String)")},
		{Name: "d", Type: MustParse("Nullable(Date32)")},
		{Name: "a", Type: MustParse("Array(String)")},
		{Name: "u", Type: MustParse("UUID")},
		{Name: "e", Type: MustParse("Enum8('x' = 1)")},
	}
	u := uuid.New()
	var b []byte
	rows := [][]any{
		{uint64(1), "a", time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), []string{"p"}, u, "x"},
		{uint64(300), "b", nil, []string(nil), u, "x"},
	}
	for _, r := range rows {
		for i, v := range r {
			var err error
			if b, err = Append(b, cols[i].Type, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	s := NewRowScanner(cols)
	var (
		n   int
		str string
		d   *time.Time
		a   []string
		id  uuid.UUID
		e   string
	)
	off, err := s.Scan(b, 0, []any{&n, &str, &d, &a, &id, &e})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || str != "a" || d == nil || d.Format(time.DateOnly) != "2025-04-01" || len(a) != 1 || id != u || e != "x" {
		t.Errorf("row 1 = %v %q %v %v %v %q", n, str, d, a, id, e)
	}
	var small uint8
	if _, err := s.Scan(b, off, []any{&small, &str, &d, &a, &id, &e}); err == nil || !strings.Contains(err.Error(), "column n: rowbinary: value 300 out of range for uint8") {
		t.Errorf("scan 300 into uint8: err = %v", err)
	}
	var notNull time.Time
	_, err = s.Scan(b, off, []any{&n, &str, &notNull, &a, &id, &e})
	if !errors.Is(err, ErrNull) {
		t.Errorf("scan NULL into time.Time: err = %v, want ErrNull", err)
	}
	end, err := s.Skip(b, off)
	if err != nil || end != len(b) {
		t.Errorf("Skip = %d, %v; want %d", end, err, len(b))
	}
	if _, err := s.Scan(b, 0, []any{&n}); err == nil {
		t.Error("Scan with too few destinations succeeded")
	}
	if _, err := s.Scan(b, 0, []any{n, &str, &d, &a, &id, &e}); err == nil {
		t.Error("Scan into a non-pointer succeeded")
	}
}

func TestReadHeader(t *testing.T) {
	// SELECT 1 AS n, 'x' AS s FORMAT RowBinaryWithNamesAndTypes
	b, _ := hex.DecodeString("02016e01730555496e743806537472696e6701" + "0178")
	cols, off, err := ReadHeader(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 2 || cols[0].Name != "n" || cols[1].Type.Kind != String {
		t.Fatalf("cols = %+v", cols)
	}
	var n uint8
	var s string
	if _, err := NewRowScanner(cols).Scan(b, off, []any{&n, &s}); err != nil || n != 1 || s != "x" {
		t.Fatalf("scan = %d %q %v", n, s, err)
	}
	if _, _, err := ReadHeader(b[:5]); err == nil {
		t.Error("truncated header read without error")
	}
}

func TestConvert(t *testing.T) {
	var n int32
	if err := Convert(MustParse("UInt16"), uint16(7), &n); err != nil || n != 7 {
		t.Errorf("Convert = %d, %v", n, err)
	}
	var s *string
	if err := Convert(MustParse("Nullable(String)"), nil, &s); err != nil || s != nil {
		t.Errorf("Convert NULL = %v, %v", s, err)
	}
	var f float64
	if err := Convert(MustParse("String"), "x", &f); err == nil {
		t.Error("Convert String into float64 succeeded")
	}
}

// FuzzDecode feeds arbitrary bytes to the decoders: they must fail cleanly, never panic.
func FuzzDecode(f *testing.F) {
	types := []*Type{
		MustParse("Array(Nullable(String))"), MustParse("Array(Array(UInt64))"),
		MustParse("Nullable(DateTime64(3, 'UTC'))"), MustParse("Enum8('a' = 1)"),
		MustParse("FixedString(3)"), MustParse("UUID"), MustParse("LowCardinality(String)"),
	}
	f.Add([]byte{0x02, 0x00, 0x01, 'a', 0x01})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add(bytes.Repeat([]byte{0x80}, 12))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, typ := range types {
			v, off, err := Decode(typ, b, 0)
			if err == nil && off > len(b) {
				t.Fatalf("%s: offset %d past %d bytes (value %v)", typ, off, len(b), v)
			}
			if n, err := Skip(typ, b, 0); err == nil && n > len(b) {
				t.Fatalf("%s: skip offset %d past %d bytes", typ, n, len(b))
			}
		}
		_, _, _ = ReadHeader(b)
	})
}
