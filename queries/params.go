package queries

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

// placeholder matches a ClickHouse query parameter: {name:Type}.
var placeholder = regexp.MustCompile(`\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([^{}]+?)\s*\}`)

// Placeholder is one {name:Type} parameter of a statement.
type Placeholder struct {
	Name string
	Type string
}

// Placeholders returns the distinct parameters of sql in order of
// appearance. Text in strings and comments is not searched.
func Placeholders(sql string) []Placeholder {
	var out []Placeholder
	// Find them in the code, read them from the text: a type's own strings,
	// as in DateTime('UTC'), are masked in the code.
	for _, m := range placeholder.FindAllStringSubmatchIndex(MaskSQL(sql), -1) {
		p := Placeholder{Name: sql[m[2]:m[3]], Type: sql[m[4]:m[5]]}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// Bind checks that sql is one statement and that params fit its
// placeholders, and returns the names and values to send: each value as the
// text ClickHouse parses for the placeholder's type, escaped as TSV (the form
// both chDB and the server's native protocol expect). Every placeholder needs
// a value, every value a placeholder, and numbers must fit their type:
// ClickHouse would otherwise wrap integers silently.
func Bind(sql string, params Params) (names, values []string, err error) {
	if err := CheckSingleStatement(sql); err != nil {
		return nil, nil, err
	}
	used := map[string]bool{}
	for _, p := range Placeholders(sql) {
		if used[p.Name] {
			continue // the same name with another type: ClickHouse reports it
		}
		used[p.Name] = true
		v, ok := params[p.Name]
		if !ok {
			return nil, nil, fmt.Errorf("queries: parameter {%s:%s} has no value", p.Name, p.Type)
		}
		text, err := FormatParam(p.Type, v)
		if err != nil {
			return nil, nil, fmt.Errorf("queries: parameter {%s:%s}: %w", p.Name, p.Type, err)
		}
		names = append(names, p.Name)
		values = append(values, text)
	}
	for name := range params {
		if !used[name] {
			return nil, nil, fmt.Errorf("queries: parameter %q is not used by the statement", name)
		}
	}
	return names, values, nil
}

// tsvEscaper escapes text the way ClickHouse's TSV reader unescapes it.
var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`, "\x00", `\0`)

// quotedEscaper escapes a string inside single quotes, as in array elements.
var quotedEscaper = strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\t", `\t`, "\n", `\n`, "\r", `\r`, "\x00", `\0`)

// FormatParam formats v as the text of a parameter of ClickHouse type typ.
func FormatParam(typ string, v any) (string, error) {
	if typ == "Identifier" {
		s, ok := v.(string)
		if !ok {
			return "", fmt.Errorf("an Identifier needs a string, not %T", v)
		}
		return tsvEscaper.Replace(s), nil
	}
	t, err := rowbinary.Parse(typ)
	if err != nil {
		return "", err
	}
	return formatValue(t, reflect.ValueOf(v), false)
}

// formatValue writes v as the text of type t; nested values (array elements)
// are quoted, top-level ones are TSV-escaped.
func formatValue(t *rowbinary.Type, v reflect.Value, nested bool) (string, error) {
	for t.Kind == rowbinary.LowCardinality {
		t = t.Elem
	}
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		if t.Kind != rowbinary.Nullable {
			return "", fmt.Errorf("NULL for %s", t)
		}
		if nested {
			return "NULL", nil
		}
		return `\N`, nil
	}
	if t.Kind == rowbinary.Nullable {
		t = t.Elem
	}
	quote := func(s string) string {
		if nested {
			return "'" + quotedEscaper.Replace(s) + "'"
		}
		return tsvEscaper.Replace(s)
	}
	switch t.Kind {
	case rowbinary.String, rowbinary.FixedString, rowbinary.Enum8, rowbinary.Enum16:
		var s string
		switch {
		case v.Kind() == reflect.String:
			s = v.String()
		case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
			s = string(v.Bytes())
		default:
			return "", typeError(t, v)
		}
		if t.Kind == rowbinary.FixedString && len(s) > t.Size {
			return "", fmt.Errorf("%d bytes do not fit %s", len(s), t)
		}
		if (t.Kind == rowbinary.Enum8 || t.Kind == rowbinary.Enum16) && !enumHas(t, s) {
			return "", fmt.Errorf("%q is not a value of %s", s, t)
		}
		return quote(s), nil
	case rowbinary.UInt8, rowbinary.UInt16, rowbinary.UInt32, rowbinary.UInt64,
		rowbinary.Int8, rowbinary.Int16, rowbinary.Int32, rowbinary.Int64:
		return formatInteger(t, v)
	case rowbinary.Float32, rowbinary.Float64:
		switch {
		case v.CanFloat():
			f := v.Float()
			if t.Kind == rowbinary.Float32 && !math.IsInf(f, 0) && !math.IsNaN(f) && math.Abs(f) > math.MaxFloat32 {
				return "", fmt.Errorf("%g is out of range for %s", f, t)
			}
			switch {
			case math.IsNaN(f):
				return "nan", nil
			case math.IsInf(f, 1):
				return "inf", nil
			case math.IsInf(f, -1):
				return "-inf", nil
			}
			return strconv.FormatFloat(f, 'g', -1, 64), nil
		case v.CanInt():
			return strconv.FormatInt(v.Int(), 10), nil
		case v.CanUint():
			return strconv.FormatUint(v.Uint(), 10), nil
		}
		return "", typeError(t, v)
	case rowbinary.Bool:
		if v.Kind() != reflect.Bool {
			return "", typeError(t, v)
		}
		return strconv.FormatBool(v.Bool()), nil
	case rowbinary.Date, rowbinary.Date32, rowbinary.DateTime, rowbinary.DateTime64:
		tm, ok := v.Interface().(time.Time)
		if !ok {
			return "", typeError(t, v)
		}
		s, err := formatTime(t, tm)
		if err != nil {
			return "", err
		}
		if nested {
			return "'" + s + "'", nil
		}
		return s, nil
	case rowbinary.UUID:
		var s string
		switch {
		case v.Kind() == reflect.String:
			s = v.String()
		case v.Kind() == reflect.Array && v.Len() == 16 && v.Type().Elem().Kind() == reflect.Uint8:
			var u [16]byte
			reflect.Copy(reflect.ValueOf(u[:]), v)
			s = fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
		default:
			return "", typeError(t, v)
		}
		if !uuidText.MatchString(s) {
			return "", fmt.Errorf("%q is not a UUID", s)
		}
		return quote(s), nil
	case rowbinary.Array:
		if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
			return "", typeError(t, v)
		}
		parts := make([]string, v.Len())
		for i := range parts {
			s, err := formatValue(t.Elem, v.Index(i), true)
			if err != nil {
				return "", fmt.Errorf("element %d: %w", i, err)
			}
			parts[i] = s
		}
		return "[" + strings.Join(parts, ",") + "]", nil
	}
	return "", fmt.Errorf("parameters of type %s are not supported", t)
}

var uuidText = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func typeError(t *rowbinary.Type, v reflect.Value) error {
	if !v.IsValid() {
		return fmt.Errorf("a %s value cannot be nil", t)
	}
	return fmt.Errorf("a %s value cannot be a %s", t, v.Type())
}

func enumHas(t *rowbinary.Type, s string) bool {
	_, ok := t.EnumValues[s]
	return ok
}

func formatInteger(t *rowbinary.Type, v reflect.Value) (string, error) {
	signed := t.Kind >= rowbinary.Int8 && t.Kind <= rowbinary.Int64
	var bits int
	switch t.Kind {
	case rowbinary.UInt8, rowbinary.Int8:
		bits = 8
	case rowbinary.UInt16, rowbinary.Int16:
		bits = 16
	case rowbinary.UInt32, rowbinary.Int32:
		bits = 32
	default:
		bits = 64
	}
	switch {
	case v.CanInt():
		n := v.Int()
		if signed {
			lo, hi := int64(-1)<<(bits-1), int64(uint64(1)<<(bits-1)-1)
			if n < lo || n > hi {
				return "", fmt.Errorf("%d is out of range for %s", n, t)
			}
		} else if n < 0 || bits < 64 && uint64(n) >= 1<<bits {
			return "", fmt.Errorf("%d is out of range for %s", n, t)
		}
		return strconv.FormatInt(n, 10), nil
	case v.CanUint():
		n := v.Uint()
		if signed && n > uint64(1)<<(bits-1)-1 || !signed && bits < 64 && n >= 1<<bits {
			return "", fmt.Errorf("%d is out of range for %s", n, t)
		}
		return strconv.FormatUint(n, 10), nil
	case v.Kind() == reflect.Bool && t.Kind == rowbinary.UInt8:
		if v.Bool() {
			return "1", nil
		}
		return "0", nil
	}
	return "", typeError(t, v)
}

// formatTime writes a date as its calendar date in its own location. A
// date-time is written in the zone its type names, which the server reads
// back exactly; a type without a zone is read in the server's zone, so such
// a value goes as seconds since the epoch, which ClickHouse reads as such from
// ten digits on (2001-09-09).
func formatTime(t *rowbinary.Type, tm time.Time) (string, error) {
	switch t.Kind {
	case rowbinary.Date, rowbinary.Date32:
		y, m, d := tm.Date()
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		lo, hi := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2149, 6, 6, 0, 0, 0, 0, time.UTC)
		if t.Kind == rowbinary.Date32 {
			lo, hi = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2299, 12, 31, 0, 0, 0, 0, time.UTC)
		}
		if day.Before(lo) || day.After(hi) {
			return "", fmt.Errorf("%s is outside the range of %s", day.Format(time.DateOnly), t)
		}
		return day.Format(time.DateOnly), nil
	case rowbinary.DateTime:
		if s := tm.Unix(); s < 0 || s > math.MaxUint32 {
			return "", fmt.Errorf("%s is outside the range of %s", tm.Format(time.RFC3339), t)
		}
		if t.Zone != "" {
			return tm.In(t.Location).Format(time.DateTime), nil
		}
		if s := tm.Unix(); s >= 1e9 {
			return strconv.FormatInt(s, 10), nil
		}
		return "", fmt.Errorf("%s: a DateTime parameter before 2001-09-09 needs a zone in its type, e.g. DateTime('UTC')", tm.Format(time.RFC3339))
	default:
		if t.Zone == "" {
			return "", fmt.Errorf("a %s parameter needs a zone in its type, e.g. DateTime64(3, 'UTC')", t)
		}
		if y := tm.Year(); y < 1900 || y > 2299 {
			return "", fmt.Errorf("%s is outside the range of %s", tm.Format(time.RFC3339), t)
		}
		text := tm.In(t.Location).Format(time.DateTime)
		if t.Precision > 0 {
			text += "." + fmt.Sprintf("%09d", tm.Nanosecond())[:t.Precision]
		}
		return text, nil
	}
}

// Inline returns sql with every {name:Type} placeholder in its code (not
// in strings or comments) replaced by expr: a literal the statement then
// reads as a constant (ClickHouse drops a constant from a GROUP BY, where
// an Identifier parameter naming a column of constants is read and grouped
// row by row), or an expression that may hold placeholders of its own.
func Inline(sql, name, expr string) string {
	var b strings.Builder
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(MaskSQL(sql), -1) {
		if sql[m[2]:m[3]] != name {
			continue
		}
		b.WriteString(sql[last:m[0]])
		b.WriteString(expr)
		last = m[1]
	}
	b.WriteString(sql[last:])
	return b.String()
}
