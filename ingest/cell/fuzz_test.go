package cell

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// dateSeeds are the forms Date accepts and a few it rejects.
var dateSeeds = []string{
	"2025-04-01", "2025-04-01T09:30:00+09:00", "2025/4/1 0:00", "2025.4.1", "2025年4月1日",
	"20250401", "45748", "45748.375", "60", "2958465", "令和7年4月1日", "令和元年5月1日",
	"平成31年5月1日", "R07/04/01", "ｈ３１．４．３０", "4/1/2025", "07/10/83", "2025/4/1(火)",
	"2025/4/1 9:30 PM", "２０２５／４／１", "㋿7年4月1日", "", " ", "R", "令和", "2025/13/1",
}

func FuzzDate(f *testing.F) {
	for _, s := range dateSeeds {
		for o := YMD; o <= DMY; o++ {
			f.Add(s, uint8(o))
		}
	}
	f.Fuzz(func(t *testing.T, s string, o uint8) {
		order := DateOrder(o % 3)
		d, err := Date(s, order)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Date(%q, %v): error %v is not an *Error", s, order, err)
			}
			if !d.IsZero() {
				t.Fatalf("Date(%q, %v) = %v with an error", s, order, d)
			}
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("Date(%q, %v) = %v, not midnight UTC", s, order, d)
		}
		if d.Year() < MinYear || d.Year() > MaxYear {
			t.Fatalf("Date(%q, %v) = %v, outside %d–%d", s, order, d, MinYear, MaxYear)
		}
		iso := d.Format(time.DateOnly)
		again, err := Date(iso, YMD)
		if err != nil || !again.Equal(d) {
			t.Fatalf("Date(%q, %v) = %s, but Date(%q) = %v, %v", s, order, iso, iso, again, err)
		}
	})
}

func FuzzAnswer(f *testing.F) {
	scales := []Scale{Likert4, Likert5, Likert7, NPS11, YesNo}
	for _, s := range []string{"5", "５", "⑤", "4.0", "10点", "5: とてもそう思う", "5.とてもそう思う",
		"Strongly agree", "どちらともいえない", "はい", "×", "6", "", "3: とてもそう思う", "4.5", "-1"} {
		for i := range scales {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, i uint8) {
		scale := scales[int(i)%len(scales)]
		v, err := Answer(s, scale)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Answer(%q, %s): error %v is not an *Error", s, scale, err)
			}
			return
		}
		lo, hi, _ := scale.Range()
		if v < lo || v > hi {
			t.Fatalf("Answer(%q, %s) = %d, outside %d–%d", s, scale, v, lo, hi)
		}
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "abc", " \t abc \n", "\u3000社員\u3000", "２０２５／４／１", "ﾊﾞｲﾄ",
		"㋿", "\u00b4", " \u0301", "\ufeff\u200bx", "\xff\xfe", "a\u0301\u0301\u0301", "ｶﾞ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize is not idempotent: Normalize(%q) = %q, Normalize(%q) = %q", s, n, n, again)
		}
		if r, _ := utf8.DecodeRuneInString(n); n != "" && isBlank(r) {
			t.Fatalf("Normalize(%q) = %q begins with white space", s, n)
		}
		if r, _ := utf8.DecodeLastRuneInString(n); n != "" && isBlank(r) {
			t.Fatalf("Normalize(%q) = %q ends with white space", s, n)
		}
		if isASCII(s) && n != strings.TrimSpace(s) {
			t.Fatalf("Normalize(%q) = %q, want the ASCII text trimmed", s, n)
		}
	})
}
