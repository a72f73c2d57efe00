package rowbinary

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind is the family of a ClickHouse type.
type Kind uint8

// The type families careerkpi reads and writes.
const (
	Invalid Kind = iota
	UInt8
	UInt16
	UInt32
	UInt64
	Int8
	Int16
	Int32
	Int64
	Float32
	Float64
	Bool
	String
	FixedString
	Date
	Date32
	DateTime
	DateTime64
	UUID
	Enum8
	Enum16
	Nullable
	Array
	LowCardinality
	Nothing
)

var kindNames = map[string]Kind{
	"UInt8": UInt8, "UInt16": UInt16, "UInt32": UInt32, "UInt64": UInt64,
	"Int8": Int8, "Int16": Int16, "Int32": Int32, "Int64": Int64,
	"Float32": Float32, "Float64": Float64, "Bool": Bool,
	"String": String, "FixedString": FixedString,
	"Date": Date, "Date32": Date32, "DateTime": DateTime, "DateTime64": DateTime64,
	"UUID": UUID, "Enum8": Enum8, "Enum16": Enum16,
	"Nullable": Nullable, "Array": Array, "LowCardinality": LowCardinality,
	"Nothing": Nothing,
}

// Type is a parsed ClickHouse type.
type Type struct {
	Kind Kind
	// Elem is the inner type of Nullable, Array and LowCardinality.
	Elem *Type
	// Size is the length of FixedString(N).
	Size int
	// Precision is the sub-second precision of DateTime64(P).
	Precision int
	// Location is the time zone of DateTime and DateTime64 (UTC when none is named).
	Location *time.Location
	// Zone is the time zone the type names, or "" when it names none.
	Zone string
	// EnumNames maps the values of Enum8 and Enum16 to their names.
	EnumNames map[int16]string
	// EnumValues maps the names of Enum8 and Enum16 to their values.
	EnumValues map[string]int16

	name string
}

// String returns the type as ClickHouse writes it.
func (t *Type) String() string { return t.name }

// Parse parses a ClickHouse type name such as "Nullable(DateTime64(3, 'UTC'))".
func Parse(name string) (*Type, error) {
	p := &typeParser{s: name}
	t, err := p.parseType()
	if err != nil {
		return nil, fmt.Errorf("rowbinary: parse type %q: %w", name, err)
	}
	p.skipSpace()
	if p.pos != len(p.s) {
		return nil, fmt.Errorf("rowbinary: parse type %q: unexpected %q at offset %d", name, p.s[p.pos:], p.pos)
	}
	return t, nil
}

// MustParse is like Parse but panics on error; for types written in code.
func MustParse(name string) *Type {
	t, err := Parse(name)
	if err != nil {
		panic(err)
	}
	return t
}

type typeParser struct {
	s   string
	pos int
}

func (p *typeParser) skipSpace() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t' || p.s[p.pos] == '\n') {
		p.pos++
	}
}

func (p *typeParser) ident() string {
	p.skipSpace()
	start := p.pos
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			p.pos++
			continue
		}
		break
	}
	return p.s[start:p.pos]
}

func (p *typeParser) consume(c byte) bool {
	p.skipSpace()
	if p.pos < len(p.s) && p.s[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

func (p *typeParser) expect(c byte) error {
	if !p.consume(c) {
		if p.pos >= len(p.s) {
			return fmt.Errorf("expected %q at end", c)
		}
		return fmt.Errorf("expected %q at offset %d", c, p.pos)
	}
	return nil
}

func (p *typeParser) number() (int, error) {
	p.skipSpace()
	start := p.pos
	if p.pos < len(p.s) && p.s[p.pos] == '-' {
		p.pos++
	}
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		p.pos++
	}
	n, err := strconv.Atoi(p.s[start:p.pos])
	if err != nil {
		return 0, fmt.Errorf("expected a number at offset %d", start)
	}
	return n, nil
}

// quoted reads a single-quoted ClickHouse string literal.
func (p *typeParser) quoted() (string, error) {
	p.skipSpace()
	if p.pos >= len(p.s) || p.s[p.pos] != '\'' {
		return "", fmt.Errorf("expected a quoted string at offset %d", p.pos)
	}
	p.pos++
	var b strings.Builder
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		switch c {
		case '\\':
			if p.pos+1 >= len(p.s) {
				return "", fmt.Errorf("unterminated escape")
			}
			b.WriteByte(p.s[p.pos+1])
			p.pos += 2
		case '\'':
			p.pos++
			return b.String(), nil
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return "", fmt.Errorf("unterminated string")
}

func (p *typeParser) parseType() (*Type, error) {
	start := p.pos
	name := p.ident()
	kind, ok := kindNames[name]
	if !ok {
		if name == "" {
			return nil, fmt.Errorf("expected a type name at offset %d", p.pos)
		}
		return nil, fmt.Errorf("unsupported type %s", name)
	}
	t := &Type{Kind: kind}
	switch kind {
	case Nullable, Array, LowCardinality:
		if err := p.expect('('); err != nil {
			return nil, err
		}
		elem, err := p.parseType()
		if err != nil {
			return nil, err
		}
		if err := p.expect(')'); err != nil {
			return nil, err
		}
		t.Elem = elem
	case FixedString:
		if err := p.expect('('); err != nil {
			return nil, err
		}
		n, err := p.number()
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return nil, fmt.Errorf("FixedString size %d", n)
		}
		t.Size = n
		if err := p.expect(')'); err != nil {
			return nil, err
		}
	case DateTime:
		t.Location = time.UTC
		if p.consume('(') {
			loc, err := p.location()
			if err != nil {
				return nil, err
			}
			t.Location, t.Zone = loc, loc.String()
			if err := p.expect(')'); err != nil {
				return nil, err
			}
		}
	case DateTime64:
		t.Location = time.UTC
		if err := p.expect('('); err != nil {
			return nil, err
		}
		n, err := p.number()
		if err != nil {
			return nil, err
		}
		if n < 0 || n > 9 {
			return nil, fmt.Errorf("DateTime64 precision %d", n)
		}
		t.Precision = n
		if p.consume(',') {
			loc, err := p.location()
			if err != nil {
				return nil, err
			}
			t.Location, t.Zone = loc, loc.String()
		}
		if err := p.expect(')'); err != nil {
			return nil, err
		}
	case Enum8, Enum16:
		if err := p.expect('('); err != nil {
			return nil, err
		}
		t.EnumNames = map[int16]string{}
		t.EnumValues = map[string]int16{}
		for {
			n, err := p.quoted()
			if err != nil {
				return nil, err
			}
			if err := p.expect('='); err != nil {
				return nil, err
			}
			v, err := p.number()
			if err != nil {
				return nil, err
			}
			if kind == Enum8 && (v < -128 || v > 127) || v < -32768 || v > 32767 {
				return nil, fmt.Errorf("enum value %d out of range", v)
			}
			t.EnumNames[int16(v)] = n
			t.EnumValues[n] = int16(v)
			if !p.consume(',') {
				break
			}
		}
		if err := p.expect(')'); err != nil {
			return nil, err
		}
	}
	t.name = strings.TrimSpace(p.s[start:p.pos])
	return t, nil
}

func (p *typeParser) location() (*time.Location, error) {
	name, err := p.quoted()
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", name, err)
	}
	return loc, nil
}

// base strips LowCardinality, which does not change the RowBinary encoding.
func (t *Type) base() *Type {
	for t.Kind == LowCardinality {
		t = t.Elem
	}
	return t
}

// fixedSize is the encoded size of a fixed-width type, or 0 for variable-width types.
func (t *Type) fixedSize() int {
	switch t.base().Kind {
	case UInt8, Int8, Bool, Enum8:
		return 1
	case UInt16, Int16, Date, Enum16:
		return 2
	case UInt32, Int32, Float32, Date32, DateTime:
		return 4
	case UInt64, Int64, Float64, DateTime64:
		return 8
	case UUID:
		return 16
	case FixedString:
		return t.base().Size
	}
	return 0
}

// minWireSize is the smallest encoded size of a value of t: at least one byte,
// so that a count read from the data can be checked against what remains.
func (t *Type) minWireSize() int {
	if n := t.fixedSize(); n > 0 {
		return n
	}
	return 1
}
