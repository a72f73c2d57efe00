package metrics

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the zone database, for machines without one

	"golang.org/x/text/unicode/norm"
)

// Calendar is a company's fiscal calendar: the month its fiscal year starts
// in and the time zone its days are counted in. The zero Calendar is not
// usable; build one with NewCalendar or DefaultCalendar.
type Calendar struct {
	StartMonth time.Month
	Location   *time.Location
}

// NewCalendar returns the calendar whose fiscal year starts on the first day
// of startMonth (1-12) and whose days are counted in the IANA time zone tz,
// such as "Asia/Tokyo". An empty tz is refused rather than read as UTC.
func NewCalendar(startMonth int, tz string) (Calendar, error) {
	if startMonth < 1 || startMonth > 12 {
		return Calendar{}, fmt.Errorf("metrics: fiscal year start month %d is not a month (1-12)", startMonth)
	}
	if tz == "" {
		return Calendar{}, errors.New(`metrics: time zone "": no zone given (for example Asia/Tokyo)`)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return Calendar{}, fmt.Errorf("metrics: time zone %q: %w", tz, err)
	}
	return Calendar{StartMonth: time.Month(startMonth), Location: loc}, nil
}

// DefaultCalendar returns the usual Japanese fiscal calendar: the year
// starts in April and days are counted in Asia/Tokyo.
func DefaultCalendar() Calendar {
	c, err := NewCalendar(int(time.April), "Asia/Tokyo")
	if err != nil {
		// The zone database is embedded (time/tzdata), so this cannot happen.
		panic(err)
	}
	return c
}

// Date returns the civil date y-m-d as a time.Time at 00:00 UTC, the form in
// which dates travel to and from ClickHouse's Date32. Values out of range are
// normalised as time.Date does (2025-13-01 is 2026-01-01).
func Date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// civil returns the civil date of t in t's own location, at 00:00 UTC.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// Today returns the civil date of now in the calendar's time zone:
// 2025-03-31T15:30:00Z is 2025-04-01 in Asia/Tokyo.
func (c Calendar) Today(now time.Time) time.Time {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	return civil(now.In(loc))
}

// PeriodKind says what a period is: a fiscal year, one of its halves or
// quarters, a calendar month, or an arbitrary range of days.
type PeriodKind string

// The kinds of period.
const (
	KindFiscalYear PeriodKind = "fiscal_year"
	KindHalf       PeriodKind = "half"
	KindQuarter    PeriodKind = "quarter"
	KindMonth      PeriodKind = "month"
	KindCustom     PeriodKind = "custom"
)

// Period is a closed range of civil dates: both Start and End belong to it.
// Start and End are at 00:00 UTC (see Date). Label names the period for
// people: "FY2025", "FY2025 H1", "FY2025 Q3", "2025-04" or
// "2025-04-01..2026-03-31"; a piece clipped by Split or Months keeps the
// label of the fiscal year, half, quarter or month it belongs to.
type Period struct {
	Kind  PeriodKind `json:"kind"`
	Label string     `json:"label"`
	Start time.Time  `json:"start"`
	End   time.Time  `json:"end"`
}

// dateLayout is how dates are written in labels and parsed in ranges.
const dateLayout = "2006-01-02"

// FiscalYear returns fiscal year n, which starts on the first day of the
// calendar's start month in year n: with an April start FY2024 is
// 2024-04-01..2025-03-31, with a January start 2024-01-01..2024-12-31.
func (c Calendar) FiscalYear(n int) Period {
	start := Date(n, c.StartMonth, 1)
	return Period{
		Kind:  KindFiscalYear,
		Label: "FY" + strconv.Itoa(n),
		Start: start,
		End:   start.AddDate(1, 0, -1),
	}
}

// Half returns half h (1 or 2) of fiscal year n, six months each. Other
// values of h count on from fiscal year n as time.Date does: Half(2025, 3)
// is FY2026 H1 and Half(2025, 0) is FY2024 H2.
func (c Calendar) Half(n, h int) Period {
	return c.part(KindHalf, "H", 6, Date(n, c.StartMonth+time.Month(6*(h-1)), 1))
}

// Quarter returns quarter q (1 to 4) of fiscal year n, three months each.
// Other values of q count on from fiscal year n as time.Date does:
// Quarter(2025, 5) is FY2026 Q1 and Quarter(2025, 0) is FY2024 Q4.
func (c Calendar) Quarter(n, q int) Period {
	return c.part(KindQuarter, "Q", 3, Date(n, c.StartMonth+time.Month(3*(q-1)), 1))
}

// part returns the half or quarter, of the given length in months, that
// starts on start, labelled as "FY2025 H1" or "FY2025 Q3".
func (c Calendar) part(kind PeriodKind, letter string, months int, start time.Time) Period {
	fy := c.FiscalYearOf(start)
	i := c.monthsIntoYear(start)/months + 1
	return Period{
		Kind:  kind,
		Label: "FY" + strconv.Itoa(fy) + " " + letter + strconv.Itoa(i),
		Start: start,
		End:   start.AddDate(0, months, -1),
	}
}

// Month returns calendar month m of year y. Values out of range are
// normalised as time.Date does (Month(2025, 13) is 2026-01).
func (c Calendar) Month(y int, m time.Month) Period {
	return monthOf(Date(y, m, 1))
}

// monthOf returns the whole calendar month that contains civil date d.
func monthOf(d time.Time) Period {
	start := Date(d.Year(), d.Month(), 1)
	return Period{
		Kind:  KindMonth,
		Label: start.Format("2006-01"),
		Start: start,
		End:   start.AddDate(0, 1, -1),
	}
}

// Custom returns the period from start to end, both included. Each is taken
// as its civil date in its own location. It fails if end is before start.
func (c Calendar) Custom(start, end time.Time) (Period, error) {
	start, end = civil(start), civil(end)
	if end.Before(start) {
		return Period{}, fmt.Errorf("metrics: custom period %s..%s: end is before start",
			start.Format(dateLayout), end.Format(dateLayout))
	}
	return custom(start, end), nil
}

// custom returns the custom period start..end of civil dates, start <= end.
func custom(start, end time.Time) Period {
	return Period{
		Kind:  KindCustom,
		Label: start.Format(dateLayout) + ".." + end.Format(dateLayout),
		Start: start,
		End:   end,
	}
}

// FiscalYearOf returns the fiscal year that contains civil date d.
func (c Calendar) FiscalYearOf(d time.Time) int {
	if d.Month() < c.StartMonth {
		return d.Year() - 1
	}
	return d.Year()
}

// monthsIntoYear returns how many whole months d's month lies after the
// start of its fiscal year: 0 for the first month, 11 for the last.
func (c Calendar) monthsIntoYear(d time.Time) int {
	return (int(d.Month()) - int(c.StartMonth) + 12) % 12
}

// periodForms lists the forms ParsePeriod accepts, for its errors.
const periodForms = "FY2025, FY2025H1, FY2025Q1, 2025-04, 2025-04-01..2026-03-31"

// ParsePeriod reads a period as people write it. The forms are
//
//	FY2025, 2025, 2025年度          fiscal year 2025
//	FY2025H1, FY2025-H2, FY2025 H2  a half of fiscal year 2025
//	FY2025Q3, FY2025-Q3, FY2025 Q3  a quarter of fiscal year 2025
//	2025-04                         the calendar month April 2025
//	2025-04-01..2026-03-31          the days from one date to another, both
//	2025-04-01/2026-03-31           included
//
// Letters may be in either case, surrounding spaces are ignored and
// full-width characters (ＦＹ２０２５) are read as their ASCII forms. Every
// label a Period carries parses back to that period.
func (c Calendar) ParsePeriod(s string) (Period, error) {
	t := strings.ToUpper(strings.TrimSpace(norm.NFKC.String(s)))
	if from, to, ok := cutRange(t); ok {
		start, err1 := time.Parse(dateLayout, strings.TrimSpace(from))
		end, err2 := time.Parse(dateLayout, strings.TrimSpace(to))
		if err1 != nil || err2 != nil {
			return Period{}, notPeriod(s)
		}
		if end.Before(start) {
			return Period{}, fmt.Errorf("metrics: period %q: end %s is before start %s",
				s, end.Format(dateLayout), start.Format(dateLayout))
		}
		return custom(start, end), nil
	}
	if year, ok := strings.CutSuffix(t, "年度"); ok {
		if n, ok := parseYear(year); ok {
			return c.FiscalYear(n), nil
		}
		return Period{}, notPeriod(s)
	}
	if n, ok := parseYear(t); ok {
		return c.FiscalYear(n), nil
	}
	if rest, ok := strings.CutPrefix(t, "FY"); ok && len(rest) >= 4 {
		n, ok := parseYear(rest[:4])
		if !ok {
			return Period{}, notPeriod(s)
		}
		part := rest[4:]
		if part == "" {
			return c.FiscalYear(n), nil
		}
		if part[0] == '-' || part[0] == ' ' {
			part = part[1:]
		}
		if len(part) == 2 {
			switch i := int(part[1] - '0'); {
			case part[0] == 'H' && i >= 1 && i <= 2:
				return c.Half(n, i), nil
			case part[0] == 'Q' && i >= 1 && i <= 4:
				return c.Quarter(n, i), nil
			}
		}
		return Period{}, notPeriod(s)
	}
	if len(t) == 7 && t[4] == '-' {
		y, ok1 := parseYear(t[:4])
		m, err := strconv.Atoi(t[5:])
		if ok1 && err == nil && isDigits(t[5:]) && m >= 1 && m <= 12 {
			return c.Month(y, time.Month(m)), nil
		}
	}
	return Period{}, notPeriod(s)
}

// cutRange splits a range written with ".." or "/" into its two ends.
func cutRange(s string) (from, to string, ok bool) {
	if from, to, ok := strings.Cut(s, ".."); ok {
		return from, to, true
	}
	return strings.Cut(s, "/")
}

// parseYear reads a year written with exactly four digits.
func parseYear(s string) (int, bool) {
	if len(s) != 4 || !isDigits(s) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// isDigits reports whether s is non-empty and holds only ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// notPeriod is the error for an input that is none of the accepted forms.
func notPeriod(s string) error {
	return fmt.Errorf("metrics: period %q: not a period (%s)", s, periodForms)
}

// Months returns the calendar months that overlap p, in order, each clipped
// to p: a custom period from 2025-04-15 gives a first month of
// 2025-04-15..2025-04-30, labelled "2025-04".
func (p Period) Months() []Period {
	var out []Period
	for m := monthOf(p.Start); !m.Start.After(p.End); m = monthOf(m.End.AddDate(0, 0, 1)) {
		out = append(out, m.clip(p))
	}
	return out
}

// clip returns q cut to the days it shares with p; they must overlap.
func (q Period) clip(p Period) Period {
	if q.Start.Before(p.Start) {
		q.Start = p.Start
	}
	if q.End.After(p.End) {
		q.End = p.End
	}
	return q
}

// HeadcountDates returns the dates at which headcount is taken to average
// it over p: p's start, then every month end from p's start to p's end, in
// order and each once. The average headcount of a period is the mean of the
// headcount on these dates; FY2025 with an April start gives 13 dates,
// 2025-04-01, 2025-04-30, …, 2026-03-31.
func (p Period) HeadcountDates() []time.Time {
	dates := []time.Time{p.Start}
	for _, m := range p.Months() {
		end := monthOf(m.Start).End
		if end.After(p.End) {
			break
		}
		if !end.Equal(p.Start) {
			dates = append(dates, end)
		}
	}
	return dates
}

// Days returns the number of days in p, both ends included.
func (p Period) Days() int {
	return int((p.End.Unix()-p.Start.Unix())/(24*60*60)) + 1
}

// AnnualisationFactor returns the number by which a count over p is
// multiplied to give a yearly rate:
//
//   - a fiscal year, half, quarter or calendar month: 12 divided by its
//     number of months, so 1 for a fiscal year, 2 for a half, 4 for a
//     quarter and 12 for a month;
//   - a custom period: 365.25 / Days() if it is shorter than 365 days,
//     else 1 (a longer period is not scaled down).
//
// A piece clipped by Split or Months counts by its months as long as it
// still runs from the first day of a month to the last day of a month (a
// fiscal year clipped to one quarter gives 4); a piece that starts or ends
// within a month is annualised by its days, as a custom period is.
func (p Period) AnnualisationFactor() float64 {
	whole := p.Start.Day() == 1 && monthOf(p.End).End.Equal(p.End)
	if p.Kind == KindCustom || !whole {
		if d := p.Days(); d < 365 {
			return 365.25 / float64(d)
		}
		return 1
	}
	return 12 / float64(len(p.Months()))
}

// Split returns the fiscal years, halves, quarters or calendar months
// (as by says) that overlap p, in order, each clipped to p. A clipped piece
// keeps the kind and label of the whole it was cut from.
func (c Calendar) Split(p Period, by PeriodKind) ([]Period, error) {
	switch by {
	case KindFiscalYear, KindHalf, KindQuarter, KindMonth:
	default:
		return nil, fmt.Errorf("metrics: split %s by %q: not %s, %s, %s or %s",
			p.Label, by, KindFiscalYear, KindHalf, KindQuarter, KindMonth)
	}
	var out []Period
	for q := c.unit(by, p.Start, 0); !q.Start.After(p.End); q = c.unit(by, q.Start, 1) {
		out = append(out, q.clip(p))
	}
	return out, nil
}

// Previous returns the period of the same kind one step before p: the
// previous fiscal year, half, quarter or calendar month, taken whole (even
// when p was clipped), or for a custom period the same number of days
// ending the day before p starts.
func (c Calendar) Previous(p Period) Period {
	switch p.Kind {
	case KindFiscalYear, KindHalf, KindQuarter, KindMonth:
		return c.unit(p.Kind, p.Start, -1)
	default:
		days := p.Days()
		start := p.Start.AddDate(0, 0, -days)
		return custom(start, start.AddDate(0, 0, days-1))
	}
}

// unit returns the whole fiscal year, half, quarter or month (as kind says)
// delta steps after the one that contains civil date d.
func (c Calendar) unit(kind PeriodKind, d time.Time, delta int) Period {
	fy := c.FiscalYearOf(d)
	into := c.monthsIntoYear(d)
	switch kind {
	case KindFiscalYear:
		return c.FiscalYear(fy + delta)
	case KindHalf:
		return c.Half(fy, into/6+1+delta)
	case KindQuarter:
		return c.Quarter(fy, into/3+1+delta)
	default:
		return c.Month(d.Year(), d.Month()+time.Month(delta))
	}
}
