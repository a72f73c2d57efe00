package metrics

import (
	"math"
	"strings"
	"testing"
	"time"
)

// parseDay returns the civil date written as 2025-04-01.
func parseDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testCalendar returns the calendar starting in month start, in Asia/Tokyo.
func testCalendar(t *testing.T, start time.Month) Calendar {
	t.Helper()
	c, err := NewCalendar(int(start), "Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// periodString shows p in test failures.
func periodString(p Period) string {
	return string(p.Kind) + " " + p.Label + " " + p.Start.Format(dateLayout) + ".." + p.End.Format(dateLayout)
}

// checkPeriod fails unless got is the period of the given kind, label and
// days, written as "2025-04-01..2026-03-31".
func checkPeriod(t *testing.T, got Period, kind PeriodKind, label, days string) {
	t.Helper()
	from, to, _ := strings.Cut(days, "..")
	want := Period{Kind: kind, Label: label, Start: parseDay(t, from), End: parseDay(t, to)}
	if got.Kind != want.Kind || got.Label != want.Label || !got.Start.Equal(want.Start) || !got.End.Equal(want.End) {
		t.Errorf("got %s, want %s", periodString(got), periodString(want))
	}
	if got.Start.Location() != time.UTC || got.End.Location() != time.UTC || got.Start.Hour() != 0 || got.End.Hour() != 0 {
		t.Errorf("%s: dates are not at 00:00 UTC: %v, %v", got.Label, got.Start, got.End)
	}
}

// checkPeriods fails unless got are the periods written as
// "label kind 2025-04-01..2025-06-30".
func checkPeriods(t *testing.T, got []Period, want []string) {
	t.Helper()
	var lines []string
	for _, p := range got {
		lines = append(lines, p.Label+" "+string(p.Kind)+" "+p.Start.Format(dateLayout)+".."+p.End.Format(dateLayout))
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(lines, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestNewCalendar(t *testing.T) {
	tests := []struct {
		name    string
		month   int
		tz      string
		wantErr string
	}{
		{name: "april_tokyo", month: 4, tz: "Asia/Tokyo"},
		{name: "january_utc", month: 1, tz: "UTC"},
		{name: "december", month: 12, tz: "Asia/Tokyo"},
		{name: "month_13", month: 13, tz: "Asia/Tokyo", wantErr: "metrics: fiscal year start month 13 is not a month (1-12)"},
		{name: "month_0", month: 0, tz: "Asia/Tokyo", wantErr: "metrics: fiscal year start month 0 is not a month (1-12)"},
		{name: "unknown_zone", month: 4, tz: "Mars/Olympus", wantErr: `metrics: time zone "Mars/Olympus": `},
		{name: "empty_zone", month: 4, tz: "", wantErr: `metrics: time zone "": `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewCalendar(tt.month, tt.tz)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one starting %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.StartMonth != time.Month(tt.month) || c.Location.String() != tt.tz {
				t.Errorf("got %v in %v, want month %d in %s", c.StartMonth, c.Location, tt.month, tt.tz)
			}
		})
	}
}

func TestDefaultCalendar(t *testing.T) {
	c := DefaultCalendar()
	if c.StartMonth != time.April || c.Location.String() != "Asia/Tokyo" {
		t.Errorf("got %v in %v, want April in Asia/Tokyo", c.StartMonth, c.Location)
	}
}

func TestCalendarPeriods(t *testing.T) {
	april := testCalendar(t, time.April)
	january := testCalendar(t, time.January)
	october := testCalendar(t, time.October)
	tests := []struct {
		name  string
		got   Period
		kind  PeriodKind
		label string
		days  string
	}{
		{"april_fy2024", april.FiscalYear(2024), KindFiscalYear, "FY2024", "2024-04-01..2025-03-31"},
		{"april_fy2023_leap", april.FiscalYear(2023), KindFiscalYear, "FY2023", "2023-04-01..2024-03-31"},
		{"january_fy2024", january.FiscalYear(2024), KindFiscalYear, "FY2024", "2024-01-01..2024-12-31"},
		{"october_fy2024", october.FiscalYear(2024), KindFiscalYear, "FY2024", "2024-10-01..2025-09-30"},
		{"april_h1", april.Half(2025, 1), KindHalf, "FY2025 H1", "2025-04-01..2025-09-30"},
		{"april_h2", april.Half(2025, 2), KindHalf, "FY2025 H2", "2025-10-01..2026-03-31"},
		{"april_h3_is_next_h1", april.Half(2025, 3), KindHalf, "FY2026 H1", "2026-04-01..2026-09-30"},
		{"april_h0_is_previous_h2", april.Half(2025, 0), KindHalf, "FY2024 H2", "2024-10-01..2025-03-31"},
		{"january_h2", january.Half(2024, 2), KindHalf, "FY2024 H2", "2024-07-01..2024-12-31"},
		{"april_q1", april.Quarter(2025, 1), KindQuarter, "FY2025 Q1", "2025-04-01..2025-06-30"},
		{"april_q2", april.Quarter(2025, 2), KindQuarter, "FY2025 Q2", "2025-07-01..2025-09-30"},
		{"april_q3", april.Quarter(2025, 3), KindQuarter, "FY2025 Q3", "2025-10-01..2025-12-31"},
		{"april_q4", april.Quarter(2025, 4), KindQuarter, "FY2025 Q4", "2026-01-01..2026-03-31"},
		{"april_q4_leap", april.Quarter(2023, 4), KindQuarter, "FY2023 Q4", "2024-01-01..2024-03-31"},
		{"april_q5_is_next_q1", april.Quarter(2025, 5), KindQuarter, "FY2026 Q1", "2026-04-01..2026-06-30"},
		{"april_q0_is_previous_q4", april.Quarter(2025, 0), KindQuarter, "FY2024 Q4", "2025-01-01..2025-03-31"},
		{"january_q1", january.Quarter(2024, 1), KindQuarter, "FY2024 Q1", "2024-01-01..2024-03-31"},
		{"january_q4", january.Quarter(2024, 4), KindQuarter, "FY2024 Q4", "2024-10-01..2024-12-31"},
		{"october_q2", october.Quarter(2024, 2), KindQuarter, "FY2024 Q2", "2025-01-01..2025-03-31"},
		{"month_april", april.Month(2025, time.April), KindMonth, "2025-04", "2025-04-01..2025-04-30"},
		{"month_february_leap", april.Month(2024, time.February), KindMonth, "2024-02", "2024-02-01..2024-02-29"},
		{"month_february", april.Month(2025, time.February), KindMonth, "2025-02", "2025-02-01..2025-02-28"},
		{"month_13_is_next_january", april.Month(2025, 13), KindMonth, "2026-01", "2026-01-01..2026-01-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkPeriod(t, tt.got, tt.kind, tt.label, tt.days)
		})
	}
}

func TestCalendarCustom(t *testing.T) {
	c := DefaultCalendar()
	tokyo := c.Location
	tests := []struct {
		name       string
		start, end time.Time
		label      string
		days       string
		wantErr    string
	}{
		{
			name: "range", start: Date(2025, time.April, 15), end: Date(2025, time.June, 10),
			label: "2025-04-15..2025-06-10", days: "2025-04-15..2025-06-10",
		},
		{
			name: "one_day", start: Date(2025, time.April, 15), end: Date(2025, time.April, 15),
			label: "2025-04-15..2025-04-15", days: "2025-04-15..2025-04-15",
		},
		{
			name:  "times_reduced_to_their_civil_dates",
			start: time.Date(2025, time.April, 1, 8, 30, 0, 0, tokyo), end: time.Date(2025, time.April, 30, 23, 59, 0, 0, tokyo),
			label: "2025-04-01..2025-04-30", days: "2025-04-01..2025-04-30",
		},
		{
			name: "end_before_start", start: Date(2026, time.March, 31), end: Date(2025, time.April, 1),
			wantErr: "metrics: custom period 2026-03-31..2025-04-01: end is before start",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Custom(tt.start, tt.end)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkPeriod(t, p, KindCustom, tt.label, tt.days)
		})
	}
}

func TestCalendarFiscalYearOf(t *testing.T) {
	april := testCalendar(t, time.April)
	january := testCalendar(t, time.January)
	tests := []struct {
		name string
		c    Calendar
		day  string
		want int
	}{
		{"april_first_day", april, "2025-04-01", 2025},
		{"april_last_day", april, "2026-03-31", 2025},
		{"april_day_before", april, "2025-03-31", 2024},
		{"april_leap_day", april, "2024-02-29", 2023},
		{"january_first_day", january, "2024-01-01", 2024},
		{"january_last_day", january, "2024-12-31", 2024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.FiscalYearOf(parseDay(t, tt.day)); got != tt.want {
				t.Errorf("FiscalYearOf(%s) = %d, want %d", tt.day, got, tt.want)
			}
		})
	}
}

func TestCalendarToday(t *testing.T) {
	tokyo := DefaultCalendar()
	utc, err := NewCalendar(4, "UTC")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		c      Calendar
		now    string
		want   string
		wantFY int
	}{
		{"tokyo_after_midnight", tokyo, "2025-03-31T15:30:00Z", "2025-04-01", 2025},
		{"tokyo_at_midnight", tokyo, "2025-03-31T15:00:00Z", "2025-04-01", 2025},
		{"tokyo_before_midnight", tokyo, "2025-03-31T14:59:59Z", "2025-03-31", 2024},
		{"tokyo_from_other_zone", tokyo, "2025-03-31T10:30:00-05:00", "2025-04-01", 2025},
		{"utc", utc, "2025-03-31T15:30:00Z", "2025-03-31", 2024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now, err := time.Parse(time.RFC3339, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			got := tt.c.Today(now)
			if !got.Equal(parseDay(t, tt.want)) || got.Location() != time.UTC {
				t.Errorf("Today(%s) = %v, want %s at 00:00 UTC", tt.now, got, tt.want)
			}
			if fy := tt.c.FiscalYearOf(got); fy != tt.wantFY {
				t.Errorf("FiscalYearOf(Today(%s)) = %d, want %d", tt.now, fy, tt.wantFY)
			}
		})
	}
}

// periodCase is a period written as in (parsed with c) and the kind,
// label and days of the period a test expects from it.
type periodCase struct {
	name  string
	c     Calendar
	in    string
	kind  PeriodKind
	label string
	days  string
}

func TestParsePeriod(t *testing.T) {
	april := testCalendar(t, time.April)
	january := testCalendar(t, time.January)
	tests := []periodCase{
		{"fy", april, "FY2025", KindFiscalYear, "FY2025", "2025-04-01..2026-03-31"},
		{"fy_lower_case", april, "fy2025", KindFiscalYear, "FY2025", "2025-04-01..2026-03-31"},
		{"fy_spaces", april, "  FY2025\t", KindFiscalYear, "FY2025", "2025-04-01..2026-03-31"},
		{"fy_full_width", april, "ＦＹ２０２５", KindFiscalYear, "FY2025", "2025-04-01..2026-03-31"},
		{"fy_full_width_space", april, "\u3000ｆｙ２０２５\u3000", KindFiscalYear, "FY2025", "2025-04-01..2026-03-31"},
		{"year", april, "2025", KindFiscalYear, "FY2025", "2025-04-01..2026-03-31"},
		{"year_nendo", april, "2025年度", KindFiscalYear, "FY2025", "2025-04-01..2026-03-31"},
		{"year_nendo_full_width", april, "２０２５年度", KindFiscalYear, "FY2025", "2025-04-01..2026-03-31"},
		{"fy_january", january, "FY2025", KindFiscalYear, "FY2025", "2025-01-01..2025-12-31"},
		{"fy_leap", april, "FY2023", KindFiscalYear, "FY2023", "2023-04-01..2024-03-31"},
		{"half", april, "FY2025H1", KindHalf, "FY2025 H1", "2025-04-01..2025-09-30"},
		{"half_dash", april, "FY2025-H2", KindHalf, "FY2025 H2", "2025-10-01..2026-03-31"},
		{"half_label", april, "FY2025 H2", KindHalf, "FY2025 H2", "2025-10-01..2026-03-31"},
		{"half_lower_case", april, "fy2025-h1", KindHalf, "FY2025 H1", "2025-04-01..2025-09-30"},
		{"half_full_width", april, "ＦＹ２０２５－Ｈ２", KindHalf, "FY2025 H2", "2025-10-01..2026-03-31"},
		{"quarter", april, "FY2025Q3", KindQuarter, "FY2025 Q3", "2025-10-01..2025-12-31"},
		{"quarter_dash", april, "FY2025-Q3", KindQuarter, "FY2025 Q3", "2025-10-01..2025-12-31"},
		{"quarter_label", april, "FY2025 Q4", KindQuarter, "FY2025 Q4", "2026-01-01..2026-03-31"},
		{"quarter_lower_case", april, "fy2025q1", KindQuarter, "FY2025 Q1", "2025-04-01..2025-06-30"},
		{"quarter_january", january, "FY2025Q3", KindQuarter, "FY2025 Q3", "2025-07-01..2025-09-30"},
		{"quarter_leap", april, "FY2023Q4", KindQuarter, "FY2023 Q4", "2024-01-01..2024-03-31"},
		{"month", april, "2025-04", KindMonth, "2025-04", "2025-04-01..2025-04-30"},
		{"month_leap", april, "2024-02", KindMonth, "2024-02", "2024-02-01..2024-02-29"},
		{"month_full_width", april, "２０２５－１２", KindMonth, "2025-12", "2025-12-01..2025-12-31"},
		{"range", april, "2025-04-01..2026-03-31", KindCustom, "2025-04-01..2026-03-31", "2025-04-01..2026-03-31"},
		{"range_slash", april, "2025-04-01/2026-03-31", KindCustom, "2025-04-01..2026-03-31", "2025-04-01..2026-03-31"},
		{"range_spaces", april, " 2025-04-15 .. 2025-05-10 ", KindCustom, "2025-04-15..2025-05-10", "2025-04-15..2025-05-10"},
		{"range_one_day", april, "2024-02-29..2024-02-29", KindCustom, "2024-02-29..2024-02-29", "2024-02-29..2024-02-29"},
		{"range_full_width", april, "２０２５－０４－０１．．２０２６－０３－３１", KindCustom, "2025-04-01..2026-03-31", "2025-04-01..2026-03-31"},
		{"range_full_width_slash", april, "２０２５－０４－０１／２０２５－０６－３０", KindCustom, "2025-04-01..2025-06-30", "2025-04-01..2025-06-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.c.ParsePeriod(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkPeriod(t, p, tt.kind, tt.label, tt.days)
		})
	}
}

func TestParsePeriodErrors(t *testing.T) {
	c := DefaultCalendar()
	const forms = " (FY2025, FY2025H1, FY2025Q1, 2025-04, 2025-04-01..2026-03-31)"
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"not_a_year", "FY20X", `metrics: period "FY20X": not a period` + forms},
		{"empty", "", `metrics: period "": not a period` + forms},
		{"blank", "  ", `metrics: period "  ": not a period` + forms},
		{"short_year", "FY25", `metrics: period "FY25": not a period` + forms},
		{"two_digit_year", "25", `metrics: period "25": not a period` + forms},
		{"five_digit_year", "20250", `metrics: period "20250": not a period` + forms},
		{"half_3", "FY2025H3", `metrics: period "FY2025H3": not a period` + forms},
		{"quarter_5", "FY2025Q5", `metrics: period "FY2025Q5": not a period` + forms},
		{"quarter_0", "FY2025-Q0", `metrics: period "FY2025-Q0": not a period` + forms},
		{"quarter_without_number", "FY2025Q", `metrics: period "FY2025Q": not a period` + forms},
		{"trailing_text", "FY2025H1X", `metrics: period "FY2025H1X": not a period` + forms},
		{"two_separators", "FY2025--H1", `metrics: period "FY2025--H1": not a period` + forms},
		{"year_only_kanji", "2025年", `metrics: period "2025年": not a period` + forms},
		{"nendo_with_fy", "FY2025年度", `metrics: period "FY2025年度": not a period` + forms},
		{"month_13", "2025-13", `metrics: period "2025-13": not a period` + forms},
		{"month_00", "2025-00", `metrics: period "2025-00": not a period` + forms},
		{"month_one_digit", "2025-4", `metrics: period "2025-4": not a period` + forms},
		{"slashed_month", "2025/04", `metrics: period "2025/04": not a period` + forms},
		{"no_such_day", "2025-02-29..2025-03-31", `metrics: period "2025-02-29..2025-03-31": not a period` + forms},
		{"open_range", "2025-04-01..", `metrics: period "2025-04-01..": not a period` + forms},
		{"full_width_kept_in_error", "ＦＹ２０ＸＸ", `metrics: period "ＦＹ２０ＸＸ": not a period` + forms},
		{"end_before_start", "2026-03-31..2025-04-01", `metrics: period "2026-03-31..2025-04-01": end 2025-04-01 is before start 2026-03-31`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.ParsePeriod(tt.in)
			if err == nil {
				t.Fatalf("got %s, want error %q", periodString(p), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got error\n\t%s\nwant\n\t%s", err, tt.want)
			}
		})
	}
}

func TestParsePeriodLabels(t *testing.T) {
	for _, start := range []time.Month{time.January, time.April, time.October} {
		c := testCalendar(t, start)
		custom, err := c.Custom(Date(2024, time.February, 29), Date(2025, time.March, 1))
		if err != nil {
			t.Fatal(err)
		}
		periods := []Period{c.FiscalYear(2025), c.Month(2024, time.February), custom}
		for i := 1; i <= 4; i++ {
			periods = append(periods, c.Half(2025, i), c.Quarter(2025, i))
		}
		for _, p := range periods {
			t.Run(start.String()+"_"+p.Label, func(t *testing.T) {
				got, err := c.ParsePeriod(p.Label)
				if err != nil {
					t.Fatal(err)
				}
				checkPeriod(t, got, p.Kind, p.Label, p.Start.Format(dateLayout)+".."+p.End.Format(dateLayout))
			})
		}
	}
}

func TestPeriodMonths(t *testing.T) {
	april := testCalendar(t, time.April)
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"fy2023_leap", "FY2023", []string{
			"2023-04 month 2023-04-01..2023-04-30",
			"2023-05 month 2023-05-01..2023-05-31",
			"2023-06 month 2023-06-01..2023-06-30",
			"2023-07 month 2023-07-01..2023-07-31",
			"2023-08 month 2023-08-01..2023-08-31",
			"2023-09 month 2023-09-01..2023-09-30",
			"2023-10 month 2023-10-01..2023-10-31",
			"2023-11 month 2023-11-01..2023-11-30",
			"2023-12 month 2023-12-01..2023-12-31",
			"2024-01 month 2024-01-01..2024-01-31",
			"2024-02 month 2024-02-01..2024-02-29",
			"2024-03 month 2024-03-01..2024-03-31",
		}},
		{"quarter", "FY2025Q4", []string{
			"2026-01 month 2026-01-01..2026-01-31",
			"2026-02 month 2026-02-01..2026-02-28",
			"2026-03 month 2026-03-01..2026-03-31",
		}},
		{"month", "2025-04", []string{
			"2025-04 month 2025-04-01..2025-04-30",
		}},
		{"custom_partial_months", "2025-04-15..2025-06-10", []string{
			"2025-04 month 2025-04-15..2025-04-30",
			"2025-05 month 2025-05-01..2025-05-31",
			"2025-06 month 2025-06-01..2025-06-10",
		}},
		{"custom_within_a_month", "2024-02-10..2024-02-20", []string{
			"2024-02 month 2024-02-10..2024-02-20",
		}},
		{"custom_one_day", "2024-02-29..2024-02-29", []string{
			"2024-02 month 2024-02-29..2024-02-29",
		}},
		{"custom_across_new_year", "2024-12-31..2025-01-01", []string{
			"2024-12 month 2024-12-31..2024-12-31",
			"2025-01 month 2025-01-01..2025-01-01",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := april.ParsePeriod(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkPeriods(t, p.Months(), tt.want)
		})
	}
}

func TestPeriodHeadcountDates(t *testing.T) {
	april := testCalendar(t, time.April)
	january := testCalendar(t, time.January)
	tests := []struct {
		name string
		c    Calendar
		in   string
		want string
	}{
		{"fy2025_april", april, "FY2025", "2025-04-01 2025-04-30 2025-05-31 2025-06-30 2025-07-31 2025-08-31 2025-09-30 " +
			"2025-10-31 2025-11-30 2025-12-31 2026-01-31 2026-02-28 2026-03-31"},
		{"fy2023_april_leap", april, "FY2023", "2023-04-01 2023-04-30 2023-05-31 2023-06-30 2023-07-31 2023-08-31 2023-09-30 " +
			"2023-10-31 2023-11-30 2023-12-31 2024-01-31 2024-02-29 2024-03-31"},
		{"fy2024_january", january, "FY2024", "2024-01-01 2024-01-31 2024-02-29 2024-03-31 2024-04-30 2024-05-31 2024-06-30 " +
			"2024-07-31 2024-08-31 2024-09-30 2024-10-31 2024-11-30 2024-12-31"},
		{"quarter", april, "FY2025Q1", "2025-04-01 2025-04-30 2025-05-31 2025-06-30"},
		{"month", april, "2024-02", "2024-02-01 2024-02-29"},
		{"custom_mid_month", april, "2025-04-15..2025-06-10", "2025-04-15 2025-04-30 2025-05-31"},
		{"custom_starts_on_month_end", april, "2025-04-30..2025-06-30", "2025-04-30 2025-05-31 2025-06-30"},
		{"custom_within_a_month", april, "2025-04-10..2025-04-20", "2025-04-10"},
		{"custom_one_month_end", april, "2025-04-30..2025-04-30", "2025-04-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.c.ParsePeriod(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range p.HeadcountDates() {
				got = append(got, d.Format(dateLayout))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("HeadcountDates(%s) =\n\t%s\nwant\n\t%s", tt.in, strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestPeriodDays(t *testing.T) {
	c := DefaultCalendar()
	tests := []struct {
		in   string
		want int
	}{
		{"FY2025", 365},
		{"FY2023", 366},
		{"FY2025H1", 183},
		{"FY2025Q4", 90},
		{"FY2023Q4", 91},
		{"2024-02", 29},
		{"2025-04-01..2025-04-01", 1},
		{"1969-12-31..1970-01-02", 3},
		{"2000-01-01..2099-12-31", 36525},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := c.ParsePeriod(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Days(); got != tt.want {
				t.Errorf("Days(%s) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestPeriodAnnualisationFactor(t *testing.T) {
	c := DefaultCalendar()
	clippedFY, err := c.Split(Period{Kind: KindCustom, Start: Date(2025, time.January, 1), End: Date(2025, time.May, 15)}, KindFiscalYear)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		p    Period
		want float64
	}{
		{"fiscal_year", c.FiscalYear(2025), 1},
		{"fiscal_year_leap", c.FiscalYear(2023), 1},
		{"half", c.Half(2025, 2), 2},
		{"quarter", c.Quarter(2025, 3), 4},
		{"month", c.Month(2024, time.February), 12},
		{"custom_91_days", custom(Date(2025, time.April, 1), Date(2025, time.June, 30)), 365.25 / 91},
		{"custom_one_day", custom(Date(2025, time.April, 1), Date(2025, time.April, 1)), 365.25},
		{"custom_364_days", custom(Date(2025, time.April, 1), Date(2026, time.March, 30)), 365.25 / 364},
		{"custom_365_days", custom(Date(2025, time.April, 1), Date(2026, time.March, 31)), 1},
		{"custom_two_years", custom(Date(2024, time.April, 1), Date(2026, time.March, 31)), 1},
		{"clipped_fiscal_year_whole_months", clippedFY[0], 4},
		{"clipped_fiscal_year_part_month", clippedFY[1], 365.25 / 45},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.AnnualisationFactor(); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("AnnualisationFactor(%s) = %v, want %v", periodString(tt.p), got, tt.want)
			}
		})
	}
}

func TestCalendarSplit(t *testing.T) {
	april := testCalendar(t, time.April)
	january := testCalendar(t, time.January)
	tests := []struct {
		name string
		c    Calendar
		in   string
		by   PeriodKind
		want []string
	}{
		{"fy_by_fiscal_year", april, "FY2025", KindFiscalYear, []string{
			"FY2025 fiscal_year 2025-04-01..2026-03-31",
		}},
		{"fy_by_half", april, "FY2025", KindHalf, []string{
			"FY2025 H1 half 2025-04-01..2025-09-30",
			"FY2025 H2 half 2025-10-01..2026-03-31",
		}},
		{"fy_by_quarter", april, "FY2025", KindQuarter, []string{
			"FY2025 Q1 quarter 2025-04-01..2025-06-30",
			"FY2025 Q2 quarter 2025-07-01..2025-09-30",
			"FY2025 Q3 quarter 2025-10-01..2025-12-31",
			"FY2025 Q4 quarter 2026-01-01..2026-03-31",
		}},
		{"half_by_month", april, "FY2025H2", KindMonth, []string{
			"2025-10 month 2025-10-01..2025-10-31",
			"2025-11 month 2025-11-01..2025-11-30",
			"2025-12 month 2025-12-01..2025-12-31",
			"2026-01 month 2026-01-01..2026-01-31",
			"2026-02 month 2026-02-01..2026-02-28",
			"2026-03 month 2026-03-01..2026-03-31",
		}},
		{"custom_by_fiscal_year", april, "2023-10-15..2025-05-10", KindFiscalYear, []string{
			"FY2023 fiscal_year 2023-10-15..2024-03-31",
			"FY2024 fiscal_year 2024-04-01..2025-03-31",
			"FY2025 fiscal_year 2025-04-01..2025-05-10",
		}},
		{"custom_by_half", april, "2024-09-15..2025-04-10", KindHalf, []string{
			"FY2024 H1 half 2024-09-15..2024-09-30",
			"FY2024 H2 half 2024-10-01..2025-03-31",
			"FY2025 H1 half 2025-04-01..2025-04-10",
		}},
		{"custom_by_quarter", april, "2024-02-10..2024-07-01", KindQuarter, []string{
			"FY2023 Q4 quarter 2024-02-10..2024-03-31",
			"FY2024 Q1 quarter 2024-04-01..2024-06-30",
			"FY2024 Q2 quarter 2024-07-01..2024-07-01",
		}},
		{"custom_within_a_quarter", april, "2025-05-01..2025-05-31", KindQuarter, []string{
			"FY2025 Q1 quarter 2025-05-01..2025-05-31",
		}},
		{"january_custom_by_fiscal_year", january, "2024-12-01..2025-01-31", KindFiscalYear, []string{
			"FY2024 fiscal_year 2024-12-01..2024-12-31",
			"FY2025 fiscal_year 2025-01-01..2025-01-31",
		}},
		{"january_fy_by_quarter", january, "FY2024", KindQuarter, []string{
			"FY2024 Q1 quarter 2024-01-01..2024-03-31",
			"FY2024 Q2 quarter 2024-04-01..2024-06-30",
			"FY2024 Q3 quarter 2024-07-01..2024-09-30",
			"FY2024 Q4 quarter 2024-10-01..2024-12-31",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.c.ParsePeriod(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tt.c.Split(p, tt.by)
			if err != nil {
				t.Fatal(err)
			}
			checkPeriods(t, got, tt.want)
		})
	}
	t.Run("by_custom", func(t *testing.T) {
		_, err := april.Split(april.FiscalYear(2025), KindCustom)
		const want = `metrics: split FY2025 by "custom": not fiscal_year, half, quarter or month`
		if err == nil || err.Error() != want {
			t.Errorf("got error %v, want %q", err, want)
		}
	})
}

func TestCalendarPrevious(t *testing.T) {
	april := testCalendar(t, time.April)
	january := testCalendar(t, time.January)
	tests := []periodCase{
		{"fiscal_year", april, "FY2025", KindFiscalYear, "FY2024", "2024-04-01..2025-03-31"},
		{"fiscal_year_january", january, "FY2025", KindFiscalYear, "FY2024", "2024-01-01..2024-12-31"},
		{"half_2", april, "FY2025H2", KindHalf, "FY2025 H1", "2025-04-01..2025-09-30"},
		{"half_1", april, "FY2025H1", KindHalf, "FY2024 H2", "2024-10-01..2025-03-31"},
		{"quarter_3", april, "FY2025Q3", KindQuarter, "FY2025 Q2", "2025-07-01..2025-09-30"},
		{"quarter_1", april, "FY2025Q1", KindQuarter, "FY2024 Q4", "2025-01-01..2025-03-31"},
		{"quarter_1_january", january, "FY2025Q1", KindQuarter, "FY2024 Q4", "2024-10-01..2024-12-31"},
		{"month", april, "2025-04", KindMonth, "2025-03", "2025-03-01..2025-03-31"},
		{"month_january", april, "2025-01", KindMonth, "2024-12", "2024-12-01..2024-12-31"},
		{"month_leap", april, "2024-03", KindMonth, "2024-02", "2024-02-01..2024-02-29"},
		{"custom", april, "2025-04-01..2025-04-30", KindCustom, "2025-03-02..2025-03-31", "2025-03-02..2025-03-31"},
		{"custom_one_day", april, "2024-03-01..2024-03-01", KindCustom, "2024-02-29..2024-02-29", "2024-02-29..2024-02-29"},
		{"custom_year", april, "2024-03-01..2025-02-28", KindCustom, "2023-03-02..2024-02-29", "2023-03-02..2024-02-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.c.ParsePeriod(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkPeriod(t, tt.c.Previous(p), tt.kind, tt.label, tt.days)
		})
	}
	t.Run("clipped_quarter", func(t *testing.T) {
		pieces, err := april.Split(custom(Date(2025, time.May, 10), Date(2025, time.May, 20)), KindQuarter)
		if err != nil {
			t.Fatal(err)
		}
		checkPeriod(t, april.Previous(pieces[0]), KindQuarter, "FY2024 Q4", "2025-01-01..2025-03-31")
	})
}
