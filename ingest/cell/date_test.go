package cell

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		order DateOrder
		want  string // 2006-01-02
	}{
		{"iso", "2025-04-01", YMD, "2025-04-01"},
		{"iso with minutes", "2025-04-01 09:30", YMD, "2025-04-01"},
		{"iso with T", "2025-04-01T09:30:00", YMD, "2025-04-01"},
		{"iso with zone not converted", "2025-04-01T23:30:00-09:00", YMD, "2025-04-01"},
		{"iso with +09:00", "2025-04-01T09:30:00+09:00", YMD, "2025-04-01"},
		{"iso with Z and fraction", "2025-04-01T09:30:00.123Z", YMD, "2025-04-01"},
		{"iso with +0900", "2025-04-01 09:30:00 +0900", YMD, "2025-04-01"},
		{"slashes", "2025/4/1", YMD, "2025-04-01"},
		{"slashes padded", "2025/04/01", YMD, "2025-04-01"},
		{"dots", "2025.4.1", YMD, "2025-04-01"},
		{"dashes unpadded", "2025-4-1", YMD, "2025-04-01"},
		{"en dashes", "2025–4–1", YMD, "2025-04-01"},
		{"minus signs", "2025−04−01", YMD, "2025-04-01"},
		{"kanji", "2025年4月1日", YMD, "2025-04-01"},
		{"kanji padded", "2025年04月01日", YMD, "2025-04-01"},
		{"kanji with spaces", "2025 年 4 月 1 日", YMD, "2025-04-01"},
		{"compact", "20250401", YMD, "2025-04-01"},
		{"compact 19", "19991231", YMD, "1999-12-31"},
		{"slashes with time", "2025/4/1 0:00", YMD, "2025-04-01"},
		{"slashes with seconds", "2025/04/01 0:00:00", YMD, "2025-04-01"},
		{"time with pm", "2025/4/1 9:30 PM", YMD, "2025-04-01"},
		{"weekday", "2025/4/1(火)", YMD, "2025-04-01"},
		{"weekday long", "2025年4月1日 (火曜日)", YMD, "2025-04-01"},
		{"weekday sunday", "2025/4/6(日)", YMD, "2025-04-06"},
		{"weekday sunday long", "2025/4/6(日曜日)", YMD, "2025-04-06"},
		{"weekday english", "2025/4/1 (Tue) 9:00", YMD, "2025-04-01"},
		{"surrounding spaces", "\u3000 2025-04-01 \t", YMD, "2025-04-01"},
		{"full-width slashes", "２０２５／４／１", YMD, "2025-04-01"},
		{"full-width iso", "２０２５－０４－０１", YMD, "2025-04-01"},
		{"full-width kanji", "２０２５年４月１日", YMD, "2025-04-01"},
		{"leap day 2024", "2024-02-29", YMD, "2024-02-29"},
		{"leap day 2000", "2000/2/29", YMD, "2000-02-29"},
		{"first year", "1900-01-01", YMD, "1900-01-01"},
		{"last year", "2299-12-31", YMD, "2299-12-31"},
		{"four-digit year in MDY column", "2025/4/1", MDY, "2025-04-01"},
		{"four-digit year in DMY column", "2025-04-01", DMY, "2025-04-01"},

		{"serial 1", "1", YMD, "1900-01-01"},
		{"serial 59", "59", YMD, "1900-02-28"},
		{"serial 61", "61", YMD, "1900-03-01"},
		{"serial 45748", "45748", YMD, "2025-04-01"},
		{"serial with time", "45748.375", YMD, "2025-04-01"},
		{"serial full-width", "４５７４８", YMD, "2025-04-01"},
		{"serial leap day", "45351", YMD, "2024-02-29"},
		{"serial seven digits", "0045748", YMD, "2025-04-01"},
		{"serial last", "146098", YMD, "2299-12-31"},

		{"reiwa", "令和7年4月1日", YMD, "2025-04-01"},
		{"reiwa full-width", "令和７年４月１日", YMD, "2025-04-01"},
		{"reiwa gannen", "令和元年5月1日", YMD, "2019-05-01"},
		{"reiwa with spaces", "令和 7 年 4 月 1 日", YMD, "2025-04-01"},
		{"reiwa ideographic spaces", "令和\u3000７年\u3000４月\u3000１日", YMD, "2025-04-01"},
		{"reiwa symbol", "㋿7年4月1日", YMD, "2025-04-01"},
		{"reiwa with slashes", "令和7/4/1", YMD, "2025-04-01"},
		{"heisei last day", "平成31年4月30日", YMD, "2019-04-30"},
		{"heisei first day", "平成元年1月8日", YMD, "1989-01-08"},
		{"heisei symbol", "㍻31年4月30日", YMD, "2019-04-30"},
		{"showa last day", "昭和64年1月7日", YMD, "1989-01-07"},
		{"showa first day", "昭和元年12月25日", YMD, "1926-12-25"},
		{"taisho last day", "大正15年12月24日", YMD, "1926-12-24"},
		{"taisho first day", "大正元年7月30日", YMD, "1912-07-30"},
		{"meiji last day", "明治45年7月29日", YMD, "1912-07-29"},
		{"meiji 33", "明治33年1月1日", YMD, "1900-01-01"},
		{"R dots", "R7.4.1", YMD, "2025-04-01"},
		{"H dots", "H31.4.30", YMD, "2019-04-30"},
		{"S dots", "S55.1.1", YMD, "1980-01-01"},
		{"T dots", "T10.5.5", YMD, "1921-05-05"},
		{"M dots", "M40.1.1", YMD, "1907-01-01"},
		{"R padded slashes", "R07/04/01", YMD, "2025-04-01"},
		{"R dashes", "R7-4-1", YMD, "2025-04-01"},
		{"r lower case", "r7.4.1", YMD, "2025-04-01"},
		{"h lower case", "h1.1.8", YMD, "1989-01-08"},
		{"R full-width", "Ｒ７．４．１", YMD, "2025-04-01"},
		{"R gannen", "R元.5.1", YMD, "2019-05-01"},
		{"R kanji", "R7年4月1日", YMD, "2025-04-01"},
		{"R with time", "R7.4.1 9:00", YMD, "2025-04-01"},
		{"era ignores order", "R7.4.1", MDY, "2025-04-01"},

		{"MDY", "4/1/2025", MDY, "2025-04-01"},
		{"MDY dashes padded", "04-01-2025", MDY, "2025-04-01"},
		{"MDY with time", "4/1/2025 9:30 AM", MDY, "2025-04-01"},
		{"MDY two-digit year past", "07/10/83", MDY, "1983-07-10"},
		{"MDY two-digit year 2000", "1/1/00", MDY, "2000-01-01"},
		{"MDY leap day", "2/29/2024", MDY, "2024-02-29"},
		{"DMY", "1/4/2025", DMY, "2025-04-01"},
		{"DMY dashes", "01-04-2025", DMY, "2025-04-01"},
		{"DMY dots", "1.4.2025", DMY, "2025-04-01"},
		{"DMY two-digit year", "07/10/83", DMY, "1983-10-07"},
		{"DMY full-width", "１／４／２０２５", DMY, "2025-04-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Date(tt.in, tt.order)
			if err != nil {
				t.Fatalf("Date(%q, %v): %v", tt.in, tt.order, err)
			}
			if s := got.Format(time.DateOnly); s != tt.want {
				t.Errorf("Date(%q, %v) = %s, want %s", tt.in, tt.order, s, tt.want)
			}
			if got.Location() != time.UTC || !got.Equal(got.Truncate(24*time.Hour)) {
				t.Errorf("Date(%q, %v) = %v, want midnight UTC", tt.in, tt.order, got)
			}
		})
	}
}

func TestDateTwoDigitYear(t *testing.T) {
	this := time.Now().UTC().Year()
	yy := this % 100
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"this year is 20yy", fmt.Sprintf("1/1/%02d", yy), 2000 + yy},
		{"next year is 19yy", fmt.Sprintf("1/1/%02d", (yy+1)%100), 1900 + (yy+1)%100},
		{"99 is 1999", "1/1/99", 1999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Date(tt.in, MDY)
			if err != nil {
				t.Fatalf("Date(%q, MDY): %v", tt.in, err)
			}
			if got.Year() != tt.want {
				t.Errorf("Date(%q, MDY) is in %d, want %d", tt.in, got.Year(), tt.want)
			}
		})
	}
}

func TestCentury(t *testing.T) {
	tests := []struct {
		name           string
		yy, this, want int
	}{
		{"past", 83, 2025, 1983},
		{"this year", 25, 2025, 2025},
		{"last year", 24, 2025, 2024},
		{"next year", 26, 2025, 1926},
		{"zero", 0, 2025, 2000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := century(tt.yy, tt.this); got != tt.want {
				t.Errorf("century(%d, %d) = %d, want %d", tt.yy, tt.this, got, tt.want)
			}
		})
	}
}

func TestDateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		order DateOrder
		kind  error
		want  string // the whole message, or a part of it after "…"
	}{
		{"empty", "", YMD, ErrEmpty, `"" is not a date: the cell is empty`},
		{"blank", " \u3000", YMD, ErrEmpty, `" \u3000" is not a date: the cell is empty`},
		{"month 13", "2025/13/1", YMD, ErrInvalid, `"2025/13/1" is not a date: month 13 does not exist`},
		{"month 0", "2025-00-10", YMD, ErrInvalid, `"2025-00-10" is not a date: month 0 does not exist`},
		{"day 0", "2025-04-00", YMD, ErrInvalid, `"2025-04-00" is not a date: day 0 does not exist`},
		{"february 30", "2025-02-30", YMD, ErrInvalid, `"2025-02-30" is not a date: February 2025 has 28 days`},
		{"no leap day 2025", "2025/2/29", YMD, ErrInvalid, `"2025/2/29" is not a date: February 2025 has 28 days`},
		{"no leap day 2100", "2100/2/29", YMD, ErrInvalid, `"2100/2/29" is not a date: February 2100 has 28 days`},
		{"april 31", "2025年4月31日", YMD, ErrInvalid, `"2025年4月31日" is not a date: April 2025 has 30 days`},
		{"full-width month 13", "２０２５／１３／１", YMD, ErrInvalid, `"２０２５／１３／１" is not a date: month 13 does not exist`},
		{"ambiguous", "4/1/2025", YMD, ErrAmbiguous, `"4/1/2025" is ambiguous: set the date order (MDY or DMY) for this column`},
		{"ambiguous two-digit year", "07/10/83", YMD, ErrAmbiguous, `"07/10/83" is ambiguous: set the date order (MDY or DMY) for this column`},
		{"MDY month 13", "13/1/2025", MDY, ErrInvalid, `"13/1/2025" is not a date: month 13 does not exist`},
		{"DMY february 30", "30/2/2024", DMY, ErrInvalid, `"30/2/2024" is not a date: February 2024 has 29 days`},
		{"before 1900", "1899-12-31", YMD, ErrInvalid, `"1899-12-31" is not a date: the year 1899 is outside 1900–2299`},
		{"after 2299", "2300/1/1", YMD, ErrInvalid, `"2300/1/1" is not a date: the year 2300 is outside 1900–2299`},
		{"words", "yesterday", YMD, ErrInvalid, `"yesterday" is not a date: write it as 2025-04-01, 2025/4/1, 2025年4月1日, 令和7年4月1日, R7.4.1, 20250401 or an Excel serial number`},
		{"words in MDY column", "soon", MDY, ErrInvalid, `…4/1/2025 (month first) or an Excel serial number`},
		{"words in DMY column", "soon", DMY, ErrInvalid, `…1/4/2025 (day first) or an Excel serial number`},
		{"year and month only", "2025/4", YMD, ErrInvalid, "…write it as"},
		{"mixed separators", "2025/4-1", YMD, ErrInvalid, "…write it as"},
		{"three-digit month", "2025/004/1", YMD, ErrInvalid, "…write it as"},
		{"two-digit year with kanji", "25年4月1日", YMD, ErrInvalid, "…write it as"},
		{"kanji without day", "2025年4月", YMD, ErrInvalid, "…write it as"},
		{"garbage after", "2025-04-01 foo", YMD, ErrInvalid, `"2025-04-01 foo" is not a date: "foo" after the date is not a time of day such as 09:30 or 9:30:00`},
		{"hour 25", "2025-04-01 25:00", YMD, ErrInvalid, `…"25:00" after the date is not a time of day`},
		{"minute 60", "2025-04-01 10:60", YMD, ErrInvalid, `…"10:60" after the date is not a time of day`},
		{"time without space", "2025-04-0109:30", YMD, ErrInvalid, "…write it as"},
		{"13 PM", "2025/4/1 13:00 PM", YMD, ErrInvalid, "…is not a time of day"},
		{"wrong weekday", "2025/4/2(火)", YMD, ErrInvalid, `"2025/4/2(火)" is not a date: 2025-04-02 is a Wednesday (水), not 火`},
		{"not a weekday", "2025/4/1(祝)", YMD, ErrInvalid, `…(祝) after the date is not a day of the week such as (火)`},
		{"unclosed weekday", "2025/4/1(火", YMD, ErrInvalid, `…has no closing bracket`},

		{"serial 0", "0", YMD, ErrInvalid, `"0" is not a date: Excel serial 0 is outside 1–2958465`},
		{"serial 60", "60", YMD, ErrInvalid, `"60" is not a date: Excel serial 60 is 1900-02-29, a day that exists only in Excel`},
		{"serial too large", "2958466", YMD, ErrInvalid, `…Excel serial 2958466 is outside 1–2958465`},
		{"serial after 2299", "2958465", YMD, ErrInvalid, `…Excel serial 2958465 is 9999-12-31, after the year 2299`},
		{"eight digits not 19 or 20", "21250401", YMD, ErrInvalid, `…an eight-digit number is read as YYYYMMDD and must begin with 19 or 20`},
		{"compact month 13", "20251301", YMD, ErrInvalid, `"20251301" is not a date: month 13 does not exist`},
		{"compact february 30", "20250230", YMD, ErrInvalid, `…February 2025 has 28 days`},
		{"nine digits", "202504011", YMD, ErrInvalid, `…an Excel serial number has at most 7 digits and YYYYMMDD exactly 8`},
		{"eight digits with fraction", "20250401.5", YMD, ErrInvalid, `…at most 7 digits`},
		{"negative serial", "-5", YMD, ErrInvalid, "…write it as"},
		{"trailing point", "45748.", YMD, ErrInvalid, "…write it as"},

		{"heisei after its end", "平成31年5月1日", YMD, ErrInvalid, `"平成31年5月1日" is not a date: 平成 ended on 2019-04-30`},
		{"reiwa before its start", "令和元年4月30日", YMD, ErrInvalid, `"令和元年4月30日" is not a date: 令和 began on 2019-05-01`},
		{"H31.5.1", "H31.5.1", YMD, ErrInvalid, `"H31.5.1" is not a date: 平成 ended on 2019-04-30`},
		{"R1.4.30", "R1.4.30", YMD, ErrInvalid, `…令和 began on 2019-05-01`},
		{"showa 64 january 8", "昭和64年1月8日", YMD, ErrInvalid, `…昭和 ended on 1989-01-07`},
		{"heisei january 7", "平成元年1月7日", YMD, ErrInvalid, `…平成 began on 1989-01-08`},
		{"taisho 15 december 25", "T15.12.25", YMD, ErrInvalid, `…大正 ended on 1926-12-24`},
		{"showa december 24", "S1.12.24", YMD, ErrInvalid, `…昭和 began on 1926-12-25`},
		{"meiji 45 july 30", "明治45年7月30日", YMD, ErrInvalid, `…明治 ended on 1912-07-29`},
		{"meiji before 1900", "明治元年1月1日", YMD, ErrInvalid, `"明治元年1月1日" is not a date: 明治元年 is 1868, outside the years 1900–2299`},
		{"meiji 32", "M32.12.31", YMD, ErrInvalid, `…明治32年 is 1899, outside the years 1900–2299`},
		{"era year 0", "令和0年1月1日", YMD, ErrInvalid, `…令和 has no year 0`},
		{"era month 13", "R7.13.1", YMD, ErrInvalid, `…month 13 does not exist`},
		{"era february 29", "R7.2.29", YMD, ErrInvalid, `…February 2025 has 28 days`},
		{"era year too long", "R2025.4.1", YMD, ErrInvalid, "…write it as"},
		{"gannen without era", "元年5月1日", YMD, ErrInvalid, "…write it as"},
		{"unknown era letter", "X7.4.1", YMD, ErrInvalid, "…write it as"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Date(tt.in, tt.order)
			if err == nil {
				t.Fatalf("Date(%q, %v) = %v, want an error", tt.in, tt.order, got)
			}
			checkError(t, err, tt.in, tt.kind, tt.want)
		})
	}
}

func TestDateUnknownOrder(t *testing.T) {
	if _, err := Date("2025-04-01", DateOrder(3)); err == nil || !strings.Contains(err.Error(), "unknown date order 3") {
		t.Errorf("Date with DateOrder(3): err = %v, want unknown date order", err)
	}
}

func TestDateOrderString(t *testing.T) {
	tests := []struct {
		order DateOrder
		want  string
	}{{YMD, "YMD"}, {MDY, "MDY"}, {DMY, "DMY"}, {DateOrder(9), "DateOrder(9)"}}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.order.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

// checkError checks that err is an *Error for input of the kind wanted, with
// the message want; a want beginning with "…" need only be part of it.
func checkError(t *testing.T, err error, input string, kind error, want string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	if e.Input != input {
		t.Errorf("Input = %q, want %q", e.Input, input)
	}
	if !errors.Is(err, kind) {
		t.Errorf("error %q is not %v", err, kind)
	}
	if part, ok := strings.CutPrefix(want, "…"); ok {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not contain %q", err, part)
		}
	} else if err.Error() != want {
		t.Errorf("error\n got %q\nwant %q", err, want)
	}
}
