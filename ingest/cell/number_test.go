package cell

import (
	"math"
	"testing"
)

func TestInt(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int64
	}{
		{"plain", "1234", 1234},
		{"zero", "0", 0},
		{"leading zeros", "007", 7},
		{"negative", "-42", -42},
		{"plus", "+42", 42},
		{"minus sign", "−42", -42},
		{"triangle", "▲1,000", -1000},
		{"white triangle", "△500", -500},
		{"thousands", "1,234,567", 1234567},
		{"yen before", "¥1,234", 1234},
		{"full-width yen", "￥１，２３４", 1234},
		{"backslash yen", `\1,234`, 1234},
		{"dollar", "$1,234", 1234},
		{"negative yen", "-¥1,234", -1234},
		{"yen then sign", "¥-1,234", -1234},
		{"yen after", "1,234円", 1234},
		{"unit after space", "1,234 円", 1234},
		{"people", "3人", 3},
		{"hours", "12時間", 12},
		{"hours h", "12h", 12},
		{"hours upper H", "12H", 12},
		{"years", "5年", 5},
		{"months", "18ヶ月", 18},
		{"full-width", "１２３４５", 12345},
		{"full-width negative", "－１２", -12},
		{"zero fraction", "1234.00", 1234},
		{"excel float", "1234.0", 1234},
		{"spaces", "\u3000 1,234 \t", 1234},
		{"largest", "9223372036854775807", math.MaxInt64},
		{"smallest", "-9,223,372,036,854,775,808", math.MinInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Int(tt.in)
			if err != nil {
				t.Fatalf("Int(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Int(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestIntErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     error
		want     string
	}{
		{"empty", "", ErrEmpty, `"" is not an integer: the cell is empty`},
		{"blank", "\u3000", ErrEmpty, "…the cell is empty"},
		{"fraction", "12.5", ErrInvalid, `"12.5" is not an integer: 12.5 is not a whole number`},
		{"too large", "9223372036854775808", ErrInvalid, "…it does not fit in a 64-bit integer"},
		{"too small", "-9223372036854775809", ErrInvalid, "…it does not fit in a 64-bit integer"},
		{"far too large", "99999999999999999999999", ErrInvalid, "…it does not fit in a 64-bit integer"},
		{"scientific", "1E+05", ErrInvalid, "…not in scientific notation"},
		{"bad grouping", "1,23", ErrInvalid, "…thousands separators must stand between groups of three digits"},
		{"long first group", "1234,567", ErrInvalid, "…thousands separators"},
		{"leading comma", ",123", ErrInvalid, "…thousands separators"},
		{"two points", "1.2.3", ErrInvalid, "…at most one decimal point"},
		{"european", "1.234,5", ErrInvalid, "…at most one decimal point"},
		{"man yen", "12万円", ErrInvalid, `"12万円" is not an integer: the multiplier 万 is not applied: write the number in full`},
		{"sen yen", "1,234千円", ErrInvalid, "…the multiplier 千 is not applied"},
		{"percent", "85%", ErrInvalid, "…it is a percentage"},
		{"unknown unit", "12abc", ErrInvalid, `"12abc" is not an integer: "abc" is not a known unit: write the number alone or with ¥, 円, 時間, h, 分, 日, 人, 件, 回 or 点`},
		{"words", "none", ErrInvalid, "…write digits"},
		{"dash", "-", ErrInvalid, "…write digits"},
		{"two signs", "--1", ErrInvalid, "…write digits"},
		{"sign only", "¥", ErrInvalid, "…write digits"},
		{"space inside", "1 234", ErrInvalid, "…a space divides the digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Int(tt.in)
			if err == nil {
				t.Fatalf("Int(%q) = %d, want an error", tt.in, got)
			}
			checkError(t, err, tt.in, tt.kind, tt.want)
		})
	}
}

func TestFloat(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want float64
	}{
		{"integer", "42", 42},
		{"fraction", "12.5", 12.5},
		{"hours", "12.5時間", 12.5},
		{"hours h", "12.5h", 12.5},
		{"hours space", "12.5 hours", 12.5},
		{"thousands", "1,234,567.89", 1234567.89},
		{"yen", "¥1,234", 1234},
		{"negative", "-0.25", -0.25},
		{"triangle", "▲1.5", -1.5},
		{"no leading digit", ".5", 0.5},
		{"trailing point", "5.", 5},
		{"exponent", "1.5E+03", 1500},
		{"small exponent", "2e-3", 0.002},
		{"full-width", "１２．５", 12.5},
		{"points", "3.5点", 3.5},
		{"negative zero is zero", "-0", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Float(tt.in)
			if err != nil {
				t.Fatalf("Float(%q): %v", tt.in, err)
			}
			if got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
				t.Errorf("Float(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFloatErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     error
		want     string
	}{
		{"empty", " ", ErrEmpty, `" " is not a number: the cell is empty`},
		{"words", "abc", ErrInvalid, `"abc" is not a number: write digits with an optional sign, thousands separators, decimal point and currency or unit (-1,234  ¥1,234  1,234円  12.5時間)`},
		{"nan", "NaN", ErrInvalid, "…write digits"},
		{"inf", "Inf", ErrInvalid, "…write digits"},
		{"hex", "0x10", ErrInvalid, `…"x10" is not a known unit`},
		{"overflow", "1e400", ErrInvalid, "…it is too large for a 64-bit number"},
		{"point only", ".", ErrInvalid, "…write digits"},
		{"two points", "1.5.2", ErrInvalid, "…at most one decimal point"},
		{"bad grouping", "12,34.5", ErrInvalid, "…thousands separators"},
		{"percent", "12.5%", ErrInvalid, "…it is a percentage"},
		{"man", "1.5万", ErrInvalid, "…the multiplier 万 is not applied"},
		{"dangling exponent", "1e", ErrInvalid, `…"e" is not a known unit`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Float(tt.in)
			if err == nil {
				t.Fatalf("Float(%q) = %v, want an error", tt.in, got)
			}
			checkError(t, err, tt.in, tt.kind, tt.want)
		})
	}
}
