package cell

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

const (
	wantInt   = "an integer"
	wantFloat = "a number"
)

// currencies are the signs that may stand before a number. The backslash is
// the yen sign of a Shift_JIS file, which decoders show as a backslash.
var currencies = []string{"¥", `\`, "$", "€", "£"}

// units are the words that may follow a number, matched case-insensitively;
// Int and Float ignore them. Multipliers such as 万 and 千 are not units: 12万円
// is rejected rather than read as 12.
var units = []string{
	"円", "ドル", "JPY", "yen", "USD",
	"時間", "h", "hr", "hrs", "hour", "hours",
	"分", "min", "mins", "minutes",
	"日", "d", "day", "days",
	"ヶ月", "か月", "カ月", "ヵ月", "箇月",
	"年", "y", "yr", "yrs", "year", "years",
	"人", "名", "回", "件", "歳", "才", "点", "pt", "pts",
}

// multipliers are the kanji that multiply the number before them (12万 is
// 120000); Int and Float reject them rather than misread the number.
const multipliers = "十百千万億兆"

// numeral is a number as written, cut into its parts.
type numeral struct {
	neg   bool
	whole string // the digits before the point, with thousands separators
	frac  string // the digits after the point
	exp   string // the exponent with its e, or ""
	text  string // whole, point, frac and exp as written
}

// Int parses an integer as HR files write it: an optional sign (+, -, −, or
// ▲ and △ for negative numbers as Japanese accounts write them), thousands
// separators (1,234,567), a currency sign before it or a unit after it
// (¥1,234  1,234円  12時間  3人; see units), full-width digits. A fraction of
// zeros is allowed (1234.00); any other fraction is an error, and so is a
// number outside the range of int64.
func Int(s string) (int64, error) {
	n := Normalize(s)
	if n == "" {
		return 0, emptyError(s, wantInt)
	}
	x, reason := scanNumeral(n)
	if reason != "" {
		return 0, invalid(s, wantInt, "%s", reason)
	}
	if x.exp != "" {
		return 0, invalid(s, wantInt, "write the integer in full, not in scientific notation")
	}
	if strings.Trim(x.frac, "0") != "" {
		return 0, invalid(s, wantInt, "%s is not a whole number", x.text)
	}
	const limit = 1 << 63 // -limit is the smallest int64
	var u uint64
	for i := 0; i < len(x.whole); i++ {
		c := x.whole[i]
		if c == ',' {
			continue
		}
		d := uint64(c - '0')
		if u > (limit-d)/10 {
			return 0, invalid(s, wantInt, "it does not fit in a 64-bit integer")
		}
		u = u*10 + d
	}
	if x.neg {
		return -int64(u), nil // -int64(1<<63) is the smallest int64, as wanted
	}
	if u == limit {
		return 0, invalid(s, wantInt, "it does not fit in a 64-bit integer")
	}
	return int64(u), nil
}

// Float parses a number as Int does, with a fraction (12.5時間, 12.5h) or an
// exponent (1.5E+03, as Excel writes large numbers to CSV) allowed.
func Float(s string) (float64, error) {
	n := Normalize(s)
	if n == "" {
		return 0, emptyError(s, wantFloat)
	}
	x, reason := scanNumeral(n)
	if reason != "" {
		return 0, invalid(s, wantFloat, "%s", reason)
	}
	text := x.text
	if strings.Contains(x.whole, ",") {
		text = strings.ReplaceAll(text, ",", "")
	}
	v, err := strconv.ParseFloat(text, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, invalid(s, wantFloat, "it is too large for a 64-bit number")
	}
	if err != nil {
		return 0, invalid(s, wantFloat, "%s", numberForms)
	}
	if x.neg {
		v = -v
	}
	if v == 0 {
		v = 0 // no negative zero
	}
	return v, nil
}

// numberForms is the reason for text that is no number at all.
const numberForms = "write digits with an optional sign, thousands separators, decimal point and currency or unit (-1,234  ¥1,234  1,234円  12.5時間)"

// scanNumeral cuts n, a normalized cell, into the parts of a number, or
// returns the reason it is none.
func scanNumeral(n string) (numeral, string) {
	var x numeral
	s, signed := n, false
	if neg, rest, ok := cutSign(s); ok {
		x.neg, s, signed = neg, rest[spaces(rest):], true
	}
	for _, c := range currencies {
		if rest, ok := strings.CutPrefix(s, c); ok {
			s = rest[spaces(rest):]
			if neg, rest, ok := cutSign(s); ok && !signed {
				x.neg, s = neg, rest[spaces(rest):]
			}
			break
		}
	}
	i := 0
	for i < len(s) && (isDigit(s[i]) || s[i] == ',') {
		i++
	}
	x.whole = s[:i]
	if i < len(s) && s[i] == '.' {
		d := digits(s[i+1:])
		x.frac = s[i+1 : i+1+d]
		i += 1 + d
	}
	if strings.Trim(x.whole, ",") == "" && x.frac == "" {
		return x, numberForms
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if d := digits(s[j:]); d > 0 {
			x.exp = s[i : j+d]
			i = j + d
		}
	}
	x.text = s[:i]
	if strings.Contains(x.whole, ",") && !grouped(x.whole) {
		return x, "thousands separators must stand between groups of three digits (1,234,567)"
	}
	tail := s[i:]
	tail = tail[spaces(tail):]
	switch {
	case tail == "":
		return x, ""
	case isDigit(tail[0]):
		return x, "a space divides the digits; separate thousands with commas (1,234)"
	case tail[0] == '.' || tail[0] == ',':
		return x, "a number has at most one decimal point, with thousands separators only before it"
	case tail == "%":
		return x, "it is a percentage; write the number without %"
	}
	for _, u := range units {
		if strings.EqualFold(tail, u) {
			return x, ""
		}
	}
	for _, m := range multipliers {
		if strings.HasPrefix(tail, string(m)) {
			return x, fmt.Sprintf("the multiplier %c is not applied: write the number in full", m)
		}
	}
	return x, fmt.Sprintf("%q is not a known unit: write the number alone or with ¥, 円, 時間, h, 分, 日, 人, 件, 回 or 点", tail)
}

// signs are the signs a number may begin with.
var signs = []struct {
	text string
	neg  bool
}{{"+", false}, {"-", true}, {"−", true}, {"▲", true}, {"△", true}}

// cutSign cuts a sign from the start of s: +, -, − (U+2212), or ▲ and △,
// which Japanese accounts write for minus.
func cutSign(s string) (neg bool, rest string, ok bool) {
	for _, sg := range signs {
		if rest, ok := strings.CutPrefix(s, sg.text); ok {
			return sg.neg, rest, true
		}
	}
	return false, s, false
}

// grouped reports whether whole, digits with commas, has 1–3 digits before
// the first comma and exactly 3 after each.
func grouped(whole string) bool {
	first, rest, _ := strings.Cut(whole, ",")
	if len(first) < 1 || len(first) > 3 {
		return false
	}
	for g := range strings.SplitSeq(rest, ",") {
		if len(g) != 3 {
			return false
		}
	}
	return true
}
