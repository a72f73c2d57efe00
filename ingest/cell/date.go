package cell

import (
	"fmt"
	"strings"
	"time"
)

// DateOrder says how to read numeric dates whose order is ambiguous.
type DateOrder int

// The date orders. A date that begins with a four-digit year, an era or is
// written with 年月日 is read the same in every order.
const (
	YMD DateOrder = iota // the default: 2025/4/1; 4/1/2025 is an error (ambiguous)
	MDY                  // 4/1/2025 is April 1 (US exports); 07/10/83 is 1983-07-10
	DMY                  // 1/4/2025 is April 1
)

// String returns the name of o: YMD, MDY or DMY.
func (o DateOrder) String() string {
	switch o {
	case YMD:
		return "YMD"
	case MDY:
		return "MDY"
	case DMY:
		return "DMY"
	}
	return fmt.Sprintf("DateOrder(%d)", int(o))
}

// The years a date may lie in.
const (
	MinYear = 1900
	MaxYear = 2299
)

// The bounds of Excel serial numbers in the 1900 date system.
const (
	maxSerial = 2958465 // 9999-12-31
	fakeLeap  = 60      // 1900-02-29, a day that exists only in Excel
)

const wantDate = "a date"

// Date parses a date cell and returns it as midnight UTC of that calendar day.
//
// After Normalize (so that full-width digits work), Date accepts:
//   - 2025-04-01, 2025/4/1, 2025/04/01, 2025.4.1, 2025-4-1 and 2025年4月1日;
//   - 20250401: eight digits beginning 19 or 20 are YYYYMMDD;
//   - Excel serial numbers of 1 to 7 digits, with or without a fraction (the
//     time of day, ignored), in the 1900 date system: 1 is 1900-01-01 and 61
//     is 1900-03-01, for Excel counts a 1900-02-29 (serial 60, an error here);
//   - Japanese era dates: 令和7年4月1日, 令和元年5月1日 (元年 is year 1),
//     令和 7 年 4 月 1 日, and the abbreviations R7.4.1, H31.4.30, S55.1.1,
//     R07/04/01, R7-4-1 with the letters M, T, S, H and R for 明治, 大正, 昭和,
//     平成 and 令和 in either case; the date must lie within its era;
//   - with order MDY or DMY: 4/1/2025, 04-01-2025 and two-digit years such
//     as 07/10/83; a two-digit year yy is 20yy when that year is not after
//     the current year (in UTC), and 19yy otherwise.
//
// Any of these but the numbers may be followed by the day of the week in
// brackets, 2025/4/1(火), which must agree with the date, and by a time of day,
// which is checked and ignored: 2025-04-01 09:30, 2025-04-01T09:30:00+09:00,
// 4/1/2025 9:30 AM. The calendar date is taken as written, with no conversion
// between time zones. Dates must lie in the years 1900–2299.
func Date(s string, order DateOrder) (time.Time, error) {
	if order < YMD || order > DMY {
		return time.Time{}, fmt.Errorf("cell: unknown date order %d", int(order))
	}
	n := Normalize(s)
	if n == "" {
		return time.Time{}, emptyError(s, wantDate)
	}
	if isDecimal(n) {
		return numericDate(s, n)
	}
	e, body := cutEra(n)
	f, ok := scanDate(body, e >= 0)
	if !ok {
		return time.Time{}, invalid(s, wantDate, "%s", forms(order))
	}
	var y, m, d int
	switch {
	case e >= 0:
		if f.aw > 3 || f.bw > 2 || f.cw > 2 {
			return time.Time{}, invalid(s, wantDate, "%s", forms(order))
		}
		if f.a == 0 {
			return time.Time{}, invalid(s, wantDate, "%s has no year 0", eras[e].name)
		}
		y, m, d = eras[e].start.Year()+f.a-1, f.b, f.c
		if y < MinYear || y > MaxYear {
			return time.Time{}, invalid(s, wantDate, "%s%s年 is %d, outside the years %d–%d", eras[e].name, eraYear(f), y, MinYear, MaxYear)
		}
	case f.aw == 4 && f.bw <= 2 && f.cw <= 2:
		y, m, d = f.a, f.b, f.c
	case !f.kanji && f.aw <= 2 && f.bw <= 2 && (f.cw == 4 || f.cw == 2):
		switch order {
		case MDY:
			m, d = f.a, f.b
		case DMY:
			d, m = f.a, f.b
		default:
			return time.Time{}, &Error{Input: s, Want: wantDate, Kind: ErrAmbiguous,
				Reason: "set the date order (MDY or DMY) for this column"}
		}
		y = f.c
		if f.cw == 2 {
			y = century(y, time.Now().UTC().Year())
		}
	default:
		return time.Time{}, invalid(s, wantDate, "%s", forms(order))
	}
	t, reason := civil(y, m, d)
	if reason != "" {
		return time.Time{}, invalid(s, wantDate, "%s", reason)
	}
	if e >= 0 {
		if t.Before(eras[e].start) {
			return time.Time{}, invalid(s, wantDate, "%s began on %s", eras[e].name, eras[e].start.Format(time.DateOnly))
		}
		if end := eraEnd(e); !end.IsZero() && t.After(end) {
			return time.Time{}, invalid(s, wantDate, "%s ended on %s", eras[e].name, end.Format(time.DateOnly))
		}
	}
	if reason := checkTail(f.rest, t); reason != "" {
		return time.Time{}, invalid(s, wantDate, "%s", reason)
	}
	return t, nil
}

// forms returns the reason for text that is no date at all: the forms that
// Date accepts in a column of order o.
func forms(o DateOrder) string {
	const common = "write it as 2025-04-01, 2025/4/1, 2025年4月1日, 令和7年4月1日, R7.4.1, 20250401"
	switch o {
	case MDY:
		return common + ", 4/1/2025 (month first) or an Excel serial number"
	case DMY:
		return common + ", 1/4/2025 (day first) or an Excel serial number"
	}
	return common + " or an Excel serial number"
}

// eraYear returns the era year of f as written: "元" or the number.
func eraYear(f dateFields) string {
	if f.gannen {
		return "元"
	}
	return fmt.Sprint(f.a)
}

// century returns the year of the two-digit year yy: 20yy when it is not
// after thisYear, 19yy otherwise.
func century(yy, thisYear int) int {
	if 2000+yy <= thisYear {
		return 2000 + yy
	}
	return 1900 + yy
}

// civil returns midnight UTC of y-m-d, or the reason it is no date.
func civil(y, m, d int) (time.Time, string) {
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Sprintf("month %d does not exist", m)
	}
	if d < 1 {
		return time.Time{}, fmt.Sprintf("day %d does not exist", d)
	}
	if y < MinYear || y > MaxYear {
		return time.Time{}, fmt.Sprintf("the year %d is outside %d–%d", y, MinYear, MaxYear)
	}
	if last := day(y, time.Month(m)+1, 0).Day(); d > last {
		return time.Time{}, fmt.Sprintf("%s %d has %d days", time.Month(m), y, last)
	}
	return day(y, time.Month(m), d), ""
}

// isDecimal reports whether s is digits with at most one decimal point that
// has digits on both sides.
func isDecimal(s string) bool {
	n := digits(s)
	if n == 0 {
		return false
	}
	if n == len(s) {
		return true
	}
	return s[n] == '.' && n+1 < len(s) && digits(s[n+1:]) == len(s)-n-1
}

// numericDate parses n, a decimal number, as YYYYMMDD or an Excel serial
// number; input is the cell as given, for errors.
func numericDate(input, n string) (time.Time, error) {
	whole, frac, _ := strings.Cut(n, ".")
	switch {
	case len(whole) == 8 && frac == "":
		if !strings.HasPrefix(whole, "19") && !strings.HasPrefix(whole, "20") {
			return time.Time{}, invalid(input, wantDate, "an eight-digit number is read as YYYYMMDD and must begin with 19 or 20")
		}
		t, reason := civil(number(whole[:4]), number(whole[4:6]), number(whole[6:]))
		if reason != "" {
			return time.Time{}, invalid(input, wantDate, "%s", reason)
		}
		return t, nil
	case len(whole) > 7:
		return time.Time{}, invalid(input, wantDate, "an Excel serial number has at most 7 digits and YYYYMMDD exactly 8")
	}
	serial := number(whole)
	switch {
	case serial < 1 || serial > maxSerial:
		return time.Time{}, invalid(input, wantDate, "Excel serial %d is outside 1–%d", serial, maxSerial)
	case serial == fakeLeap:
		return time.Time{}, invalid(input, wantDate, "Excel serial 60 is 1900-02-29, a day that exists only in Excel")
	case serial < fakeLeap:
		serial++ // before Excel's 1900-02-29, serials count from 1899-12-31
	}
	t := day(1899, 12, 30).AddDate(0, 0, serial)
	if t.Year() > MaxYear {
		return time.Time{}, invalid(input, wantDate, "Excel serial %d is %s, after the year %d", serial, t.Format(time.DateOnly), MaxYear)
	}
	return t, nil
}

// dateFields are the three numbers of a date as written, before they are
// given the meaning of year, month and day.
type dateFields struct {
	a, b, c    int  // the numbers in the order written
	aw, bw, cw int  // how many digits each has
	gannen     bool // a is 1, written 元
	kanji      bool // written with 年, 月 and 日
	rest       string
}

// scanDate reads three numbers written as a年b月c日 (spaces allowed) or
// a/b/c with one separator of -, / or . (or a dash) twice; era says that an
// era name came before, so that the year may be 元 and follow spaces.
func scanDate(s string, era bool) (dateFields, bool) {
	var f dateFields
	i := 0
	if era {
		i = spaces(s)
		if strings.HasPrefix(s[i:], "元") {
			f.a, f.gannen = 1, true
			i += len("元")
		}
	}
	if !f.gannen {
		if f.aw = digits(s[i:]); f.aw == 0 || f.aw > 4 {
			return f, false
		}
		f.a = number(s[i : i+f.aw])
		i += f.aw
	}
	if j := i + spaces(s[i:]); strings.HasPrefix(s[j:], "年") {
		f.kanji = true
		var ok bool
		i = j + len("年")
		if f.b, f.bw, i, ok = kanjiField(s, i, "月"); !ok {
			return f, false
		}
		if f.c, f.cw, i, ok = kanjiField(s, i, "日"); !ok {
			return f, false
		}
		f.rest = s[i:]
		return f, true
	}
	sep, n := separator(s[i:])
	if n == 0 {
		return f, false
	}
	i += n
	if f.bw = digits(s[i:]); f.bw == 0 || f.bw > 2 {
		return f, false
	}
	f.b = number(s[i : i+f.bw])
	i += f.bw
	sep2, n2 := separator(s[i:])
	if n2 == 0 || sep2 != sep {
		return f, false
	}
	i += n2
	if f.cw = digits(s[i:]); f.cw == 0 || f.cw > 4 {
		return f, false
	}
	f.c = number(s[i : i+f.cw])
	f.rest = s[i+f.cw:]
	return f, true
}

// kanjiField reads spaces, one or two digits, spaces and then unit (月 or
// 日) from s at i, and returns the number, its digits and the index after unit.
func kanjiField(s string, i int, unit string) (v, w, next int, ok bool) {
	i += spaces(s[i:])
	if w = digits(s[i:]); w == 0 || w > 2 {
		return 0, 0, 0, false
	}
	v = number(s[i : i+w])
	i += w
	i += spaces(s[i:])
	if !strings.HasPrefix(s[i:], unit) {
		return 0, 0, 0, false
	}
	return v, w, i + len(unit), true
}

// dashes are the characters other than '-' that a date may be separated
// with; NFKC leaves them alone.
var dashes = []string{"‐", "‑", "‒", "–", "—", "―", "−"}

// separator returns the date separator s begins with ('-', '/' or '.', every
// dash counting as '-') and its length in bytes, or 0, 0.
func separator(s string) (byte, int) {
	if s == "" {
		return 0, 0
	}
	switch s[0] {
	case '-', '/', '.':
		return s[0], 1
	}
	for _, d := range dashes {
		if strings.HasPrefix(s, d) {
			return '-', len(d)
		}
	}
	return 0, 0
}

// weekdays are the Japanese names of the days of the week, Sunday first, as
// time.Weekday counts them.
var weekdays = [7]string{"日", "月", "火", "水", "木", "金", "土"}

// checkTail checks what follows the date t: nothing, or the day of the week
// in brackets and a time of day, each optional. It returns the reason the
// tail is wrong, or "".
func checkTail(rest string, t time.Time) string {
	sp := spaces(rest)
	r := rest[sp:]
	weekday := strings.HasPrefix(r, "(")
	if weekday {
		inner, after, ok := strings.Cut(r[1:], ")")
		if !ok {
			return fmt.Sprintf("the day of the week %q has no closing bracket", r)
		}
		if reason := checkWeekday(strings.TrimSpace(inner), t); reason != "" {
			return reason
		}
		sp = spaces(after)
		r = after[sp:]
	}
	switch {
	case r == "":
		return ""
	case sp == 0 && !weekday && (r[0] == 'T' || r[0] == 't') && isTime(r[1:]):
		return ""
	case sp > 0 && isTime(r):
		return ""
	}
	return fmt.Sprintf("%q after the date is not a time of day such as 09:30 or 9:30:00", r)
}

// checkWeekday checks that w, the text between the brackets after a date,
// names the weekday of t: 火, 火曜, 火曜日, Tue or Tuesday.
func checkWeekday(w string, t time.Time) string {
	want := t.Weekday()
	name := strings.TrimSuffix(strings.TrimSuffix(w, "日"), "曜")
	if w == "日" {
		name = w
	}
	for i, jp := range weekdays {
		en := time.Weekday(i).String()
		if name == jp || strings.EqualFold(w, en) || strings.EqualFold(w, en[:3]) {
			if time.Weekday(i) != want {
				return fmt.Sprintf("%s is a %s (%s), not %s", t.Format(time.DateOnly), want, weekdays[want], w)
			}
			return ""
		}
	}
	return fmt.Sprintf("(%s) after the date is not a day of the week such as (火)", w)
}

// isTime reports whether s is a time of day: H:MM, H:MM:SS or H:MM:SS.fff,
// then optionally AM or PM and a zone (Z, +09:00, +0900 or +09).
func isTime(s string) bool {
	h := digits(s)
	if h == 0 || h > 2 || number(s[:h]) > 24 {
		return false
	}
	hour := number(s[:h])
	s = s[h:]
	if !twoDigits(s, ':', 59) {
		return false
	}
	s = s[3:]
	if twoDigits(s, ':', 60) {
		s = s[3:]
		if len(s) > 1 && (s[0] == '.' || s[0] == ',') && digits(s[1:]) > 0 {
			s = s[1+digits(s[1:]):]
		}
	}
	s = s[spaces(s):]
	if len(s) >= 2 && (strings.EqualFold(s[:2], "AM") || strings.EqualFold(s[:2], "PM")) {
		if hour < 1 || hour > 12 {
			return false
		}
		s = s[2:]
		s = s[spaces(s):]
	}
	switch {
	case s == "" || s == "Z" || s == "z":
		return true
	case s[0] == '+' || s[0] == '-':
		s = s[1:]
		if len(s) == 5 && s[2] == ':' {
			return digits(s[:2]) == 2 && digits(s[3:]) == 2
		}
		n := digits(s)
		return (n == 2 || n == 4) && n == len(s)
	}
	return false
}

// twoDigits reports whether s is sep followed by exactly two digits that
// make at most max.
func twoDigits(s string, sep byte, max int) bool {
	return len(s) >= 3 && s[0] == sep && digits(s[1:]) == 2 && number(s[1:3]) <= max
}

// spaces returns how many ASCII spaces s begins with.
func spaces(s string) int {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// digits returns how many ASCII digits s begins with.
func digits(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// number returns the value of s, a string of at most 9 ASCII digits.
func number(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}
