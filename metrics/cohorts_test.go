package metrics_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/metrics"
)

// The new-graduate cohorts of the fixture company (fixture_test.go lists
// its people). A new graduate has hire type new_graduate in the latest
// snapshot that lists them; the fiscal year of the hire date is the
// cohort. The data end is the latest snapshot date, 2026-03-31. Year k of
// a member runs from the (k−1)th anniversary of the hire date to the day
// before the kth; it is final once the data reach its last day for the
// cohort's last-hired member.
//
//	FY     who  hired       left        dept (at hire)  manager  left in
//	1988   E18  1988-04-01  2025-11-30  HR              E03      year 38 (retirement)
//	2008   E01  2008-04-01  -           Dev             -
//	2012   E03  2012-04-01  -           HR              -
//	2016   E08  2016-04-01  2025-12-31  Sales           E02      year 10
//	2018   E04  2018-04-01  -           Dev             E01
//	2020   E06  2020-04-01  -           Dev             E01      (moved to Sales 2025-10-01)
//	2021   E07  2021-04-01  -           Sales           E02
//	2022   E11  2022-04-01  2025-03-31  HR              E03      year 3 (before 2025-04-01)
//	2023   —    (no new graduate: E17, hired 2023-01-10, is mid-career and in FY2022)
//	2024   E12  2024-04-01  2026-01-15  Dev             E01      year 2 (2025-04-01 .. 2026-03-31)
//	2025   E13  2025-04-01  -           Dev             E01      (E04 from 2025-10-01)
//	2025   E14  2025-04-01  2026-02-28  Sales           E02      year 1 (before 2026-04-01)
//
// Attributes at hire: E11, E12, E13 and E14 were hired before the earliest
// snapshot (2025-04-01) or on its day, so they are that snapshot's.
//
// FY2022, one hire (E11). Years end 2023-03-31, 2024-03-31, 2025-03-31,
// all on or before 2026-03-31: final. Leavers 0, 0, 1: 0%, 0%, 100%;
// within three years 1 of 1, 100%. Beside it the national figures of
// March-2022 graduates (33.8% within three years; 27.0% at employers of
// 1000+).
//
// FY2023, no hire: no rate. Its years are reckoned for someone hired on
// its last day, 2024-03-31: they end 2025-03-30 and 2026-03-30 (past) and
// 2027-03-30 (in progress).
//
// FY2024, one hire (E12). Year 1 ends 2025-03-31: final, 0 leavers, 0%.
// Year 2 ends 2026-03-31, the data end itself: final, E12 left in it
// (2026-01-15), 1 of 1 = 100%. Year 3 ends 2027-03-31: in progress, 0 so
// far. Within three years: in progress, 1 so far (the catalog's
// new_graduate_three_year_attrition already counts it 1 of 1: it does not
// wait for the third year).
//
// FY2025, two hires (E13, E14). Year 1 ends 2026-03-31: final; E14 left
// 2026-02-28, 1 of 2 = 50%. Years 2 and 3 (ending 2027-03-31 and
// 2028-03-31) in progress with 0 so far; within three years in progress
// with 1 so far.
//
// FY2026, no hire, and the data end before the year does (2027-03-31):
// the hiring is still open and every year in progress.
//
// Filtered by the attributes at hire:
//   - department Dev: FY2024 E12 (year 2, 1 of 1); FY2025 E13 alone, year 1
//     0 of 1 = 0%.
//   - department Sales: FY2025 E14 alone, year 1 1 of 1 = 100%.
//   - manager E04: FY2025 has no one — E13 reports to E04 only from
//     2025-10-01, after the hire date; manager E01 has E13 (0 of 1).
//   - division Corporate: FY2022 E11 (HR), 1 of 1 in year 3.
func TestNewGraduateCohorts(t *testing.T) {
	s := fixtureStore(t)
	e := engine(t, s, metrics.MinThreshold)
	ctx := context.Background()

	res, err := e.NewGraduateCohorts(ctx, metrics.CohortsRequest{FirstYear: 2022, LastYear: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if res.DataEnd == nil || res.DataEnd.Format(time.DateOnly) != "2026-03-31" {
		t.Fatalf("data end %v, want 2026-03-31", res.DataEnd)
	}
	want := []string{
		// fiscal year, hires, open: year1 year2 year3 within; each leavers/rate, or leavers… in progress
		"FY2022 1 closed: 0 0% through 2023-03-31 | 0 0% through 2024-03-31 | 1 100% through 2025-03-31 | 1 100% through 2025-03-31",
		"FY2023 0 closed: 0 - through 2025-03-30 | 0 - through 2026-03-30 | 0… through 2027-03-30 | 0… through 2027-03-30",
		"FY2024 1 closed: 0 0% through 2025-03-31 | 1 100% through 2026-03-31 | 0… through 2027-03-31 | 1… through 2027-03-31",
		"FY2025 2 closed: 1 50% through 2026-03-31 | 0… through 2027-03-31 | 0… through 2028-03-31 | 1… through 2028-03-31",
		"FY2026 0 open: 0… through 2028-03-30 | 0… through 2029-03-30 | 0… through 2030-03-30 | 0… through 2030-03-30",
	}
	if got := showCohorts(res); !slices.Equal(got, want) {
		t.Errorf("cohorts:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := res.Cohorts[0].Period.Start.Format(time.DateOnly); got != "2022-04-01" {
		t.Errorf("FY2022 starts %s, want 2022-04-01", got)
	}

	// Beside each cohort, the national figures of the class that joined in
	// its year: March-2022 graduates for FY2022, none yet for the others.
	var national []string
	for _, r := range res.Cohorts[0].Benchmark {
		national = append(national, r.Graduated+" "+r.EmployerSize+" "+cohortNumber(r.WithinThreeYears))
	}
	if want := []string{"2022-03 all 33.8", "2022-03 1000+ 27"}; !slices.Equal(national, want) {
		t.Errorf("FY2022 beside %v, want %v", national, want)
	}
	for _, c := range res.Cohorts[1:] {
		if c.Benchmark == nil || len(c.Benchmark) != 0 {
			t.Errorf("FY%d beside %v, want an empty list", c.FiscalYear, c.Benchmark)
		}
	}
	if len(res.Benchmark) != len(metrics.DefaultBenchmark().Rows) {
		t.Errorf("the result carries %d benchmark rows, the default has %d", len(res.Benchmark), len(metrics.DefaultBenchmark().Rows))
	}

	for _, c := range []struct {
		name    string
		filters []metrics.Filter
		want    []string
	}{
		{"department Dev", []metrics.Filter{{Dimension: "department", Values: []string{"Dev"}}}, []string{
			"FY2024 1 closed: 0 0% through 2025-03-31 | 1 100% through 2026-03-31 | 0… through 2027-03-31 | 1… through 2027-03-31",
			"FY2025 1 closed: 0 0% through 2026-03-31 | 0… through 2027-03-31 | 0… through 2028-03-31 | 0… through 2028-03-31",
		}},
		{"department Sales", []metrics.Filter{{Dimension: "department", Values: []string{"Sales"}}}, []string{
			"FY2024 0 closed: 0 - through 2026-03-30 | 0… through 2027-03-30 | 0… through 2028-03-30 | 0… through 2028-03-30",
			"FY2025 1 closed: 1 100% through 2026-03-31 | 0… through 2027-03-31 | 0… through 2028-03-31 | 1… through 2028-03-31",
		}},
		{"manager at hire E04", []metrics.Filter{{Dimension: "manager", Values: []string{"E04"}}}, []string{
			"FY2024 0 closed: 0 - through 2026-03-30 | 0… through 2027-03-30 | 0… through 2028-03-30 | 0… through 2028-03-30",
			"FY2025 0 closed: 0… through 2027-03-30 | 0… through 2028-03-30 | 0… through 2029-03-30 | 0… through 2029-03-30",
		}},
		{"manager at hire E01", []metrics.Filter{{Dimension: "manager", Values: []string{"E01"}}}, []string{
			"FY2024 1 closed: 0 0% through 2025-03-31 | 1 100% through 2026-03-31 | 0… through 2027-03-31 | 1… through 2027-03-31",
			"FY2025 1 closed: 0 0% through 2026-03-31 | 0… through 2027-03-31 | 0… through 2028-03-31 | 0… through 2028-03-31",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := e.NewGraduateCohorts(ctx, metrics.CohortsRequest{FirstYear: 2024, LastYear: 2025, Filters: c.filters})
			if err != nil {
				t.Fatal(err)
			}
			if got := showCohorts(res); !slices.Equal(got, c.want) {
				t.Errorf("cohorts:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
	t.Run("division Corporate", func(t *testing.T) {
		res, err := e.NewGraduateCohorts(ctx, metrics.CohortsRequest{FirstYear: 2022, LastYear: 2022,
			Filters: []metrics.Filter{{Dimension: "division", Values: []string{"Corporate"}}}})
		if err != nil {
			t.Fatal(err)
		}
		want := "FY2022 1 closed: 0 0% through 2023-03-31 | 0 0% through 2024-03-31 | 1 100% through 2025-03-31 | 1 100% through 2025-03-31"
		if got := showCohorts(res); len(got) != 1 || got[0] != want {
			t.Errorf("cohorts %v, want [%s]", got, want)
		}
	})

	t.Run("a benchmark of one's own", func(t *testing.T) {
		b, err := metrics.LoadBenchmark(strings.NewReader(benchHeader + "\n2025-03,university,all,10,,,30,test,,2028-10-01\n"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.NewGraduateCohorts(ctx, metrics.CohortsRequest{FirstYear: 2024, LastYear: 2025, Benchmark: b})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(res.Cohorts[0].Benchmark); n != 0 {
			t.Errorf("FY2024 beside %d rows, want none", n)
		}
		if bs := res.Cohorts[1].Benchmark; len(bs) != 1 || bs[0].WithinThreeYears != 30 || *bs[0].Year1 != 10 {
			t.Errorf("FY2025 beside %+v, want the 2025-03 row", bs)
		}
		if len(res.Benchmark) != 1 {
			t.Errorf("the result carries %d benchmark rows, want 1", len(res.Benchmark))
		}
	})

	for _, c := range []struct {
		name string
		req  metrics.CohortsRequest
		want string
	}{
		{"years backwards", metrics.CohortsRequest{FirstYear: 2025, LastYear: 2024}, "after the last"},
		{"too many years", metrics.CohortsRequest{FirstYear: 1950, LastYear: 2025}, "at most"},
		{"out of range", metrics.CohortsRequest{FirstYear: 1800, LastYear: 1801}, "from 1900"},
		{"tenure band", metrics.CohortsRequest{FirstYear: 2025, LastYear: 2025, Filters: []metrics.Filter{{Dimension: "tenure_band", Values: []string{"<1y"}}}}, "cannot filter by tenure_band"},
		{"hire type", metrics.CohortsRequest{FirstYear: 2025, LastYear: 2025, Filters: []metrics.Filter{{Dimension: "hire_type", Values: []string{"new_graduate"}}}}, "cannot filter by hire_type"},
		{"a time dimension", metrics.CohortsRequest{FirstYear: 2025, LastYear: 2025, Filters: []metrics.Filter{{Dimension: "month", Values: []string{"2025-04"}}}}, `cannot filter by "month"`},
		{"a value no one has", metrics.CohortsRequest{FirstYear: 2025, LastYear: 2025, Filters: []metrics.Filter{{Dimension: "gender", Values: []string{"x"}}}}, "gender takes"},
	} {
		t.Run("refused: "+c.name, func(t *testing.T) {
			_, err := e.NewGraduateCohorts(ctx, c.req)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

// showCohorts writes each cohort on a line: fiscal year, hires, whether
// hiring is open, then year 1, 2, 3 and within three years as "leavers
// rate through" (rate "-" for no hires) or "leavers… through" in progress.
func showCohorts(res *metrics.CohortsResult) []string {
	var out []string
	for _, c := range res.Cohorts {
		open := "closed"
		if c.HiringOpen {
			open = "open"
		}
		var figs []string
		for _, f := range []metrics.CohortFigure{c.Year1, c.Year2, c.Year3, c.WithinThreeYears} {
			through := f.Through.Format(time.DateOnly)
			switch {
			case f.InProgress:
				if f.Rate != nil {
					figs = append(figs, "rate while in progress")
				}
				figs = append(figs, strings.Join([]string{strconv.Itoa(f.Leavers) + "…", "through", through}, " "))
			case f.Rate == nil:
				figs = append(figs, strconv.Itoa(f.Leavers)+" - through "+through)
			default:
				figs = append(figs, strconv.Itoa(f.Leavers)+" "+cohortNumber(*f.Rate)+"% through "+through)
			}
		}
		out = append(out, "FY"+strconv.Itoa(c.FiscalYear)+" "+strconv.Itoa(c.Hires)+" "+open+": "+strings.Join(figs, " | "))
	}
	return out
}

// cohortNumber writes v as briefly as it goes: 33.8, 27, 100.
func cohortNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// benchHeader is a benchmark file's header in the usual order.
const benchHeader = "graduated,education,employer_size,year1,year2,year3,within_three_years,source,url,published"

// TestDefaultBenchmark checks the shipped file: it loads, and it holds the
// MHLW's figures for March-2022 university graduates (released
// 2025-10-24): 33.8% within three years, 12.1 / 11.9 / 9.9 in the first,
// second and third year, and 27.0% at employers of 1,000 or more, whose
// years the release gives no breakdown for here.
func TestDefaultBenchmark(t *testing.T) {
	f, err := os.Open(filepath.Join("benchmarks", "mhlw_new_graduates.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := metrics.LoadBenchmark(f)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(b.Rows, metrics.DefaultBenchmark().Rows, func(x, y metrics.BenchmarkRow) bool {
		return x.Graduated == y.Graduated && x.EmployerSize == y.EmployerSize
	}) {
		t.Error("DefaultBenchmark is not the file benchmarks/mhlw_new_graduates.csv")
	}
	all, ok := b.Latest("university", "all")
	if !ok {
		t.Fatal("no university row for all employers")
	}
	if all.Graduated != "2022-03" || all.Published != "2025-10-24" {
		t.Errorf("latest all-employers row: graduated %s, published %s; want 2022-03, 2025-10-24", all.Graduated, all.Published)
	}
	check := func(what string, got *float64, want float64) {
		t.Helper()
		if got == nil || *got != want {
			t.Errorf("%s: %s, want %v", what, showValue(got), want)
		}
	}
	check("within three years", &all.WithinThreeYears, 33.8)
	check("year 1", all.Year1, 12.1)
	check("year 2", all.Year2, 11.9)
	check("year 3", all.Year3, 9.9)
	if !strings.Contains(all.Source, "令和4年3月卒業者") {
		t.Errorf("source %q does not name the March-2022 (令和4年3月) release", all.Source)
	}
	large, ok := b.Latest("university", "1000+")
	if !ok {
		t.Fatal("no university row for employers of 1000+")
	}
	check("1000+ within three years", &large.WithinThreeYears, 27.0)
	if large.Graduated != "2022-03" || large.Year1 != nil || large.Year2 != nil || large.Year3 != nil {
		t.Errorf("1000+ row %+v: want 2022-03 without a year breakdown", large)
	}
	for i := 1; i < len(b.Rows); i++ {
		if b.Rows[i].Graduated > b.Rows[i-1].Graduated {
			t.Errorf("rows out of order: %s after %s", b.Rows[i].Graduated, b.Rows[i-1].Graduated)
		}
	}
}

// TestLoadBenchmark reads small files, good and bad; each bad one must be
// refused with its problems at their line and column.
func TestLoadBenchmark(t *testing.T) {
	good := "2022-03,university,all,12.1,11.9,9.9,33.8,MHLW,https://example.org/x,2025-10-24"
	for _, c := range []struct {
		name string
		file string
		want []string // the problems, as BenchmarkError.String writes them; nil: loads
		rows int
	}{
		{name: "good", file: benchHeader + "\n" + good + "\n", rows: 1},
		{name: "byte-order mark, comments, columns reordered and some left out, full-width digits",
			file: "\ufeff# a comment\nPublished,Source,within_three_years,Employer_Size,education,graduated\n# another\n" +
				"2025-10-24,厚生労働省（令和4年3月卒業者）,３３.８%,all,university,2022-03\n2024-10-25,MHLW,34.9,all,university,2021-03\n",
			rows: 2},
		{name: "a bad number", file: benchHeader + "\n" + good + "\n2021-03,university,all,abc,,,34.9,MHLW,,2024-10-25\n",
			want: []string{`line 3, column 4 (year1): "abc" is not a number: write the share in %, such as 33.8`}},
		{name: "a share above 100", file: benchHeader + "\n2021-03,university,all,,,,134.9,MHLW,,2024-10-25\n",
			want: []string{`line 2, column 7 (within_three_years): 134.9 is not a share in % (0 to 100)`}},
		{name: "a comment shifts the lines", file: "# note\n" + benchHeader + "\n2021-03,university,all,,,,,MHLW,,2024-10-25\n",
			want: []string{`line 3, column 7 (within_three_years): empty: write the share in %, such as 33.8`}},
		{name: "a missing column in the header", file: "graduated,education,employer_size,source,published\n2022-03,university,all,MHLW,2025-10-24\n",
			want: []string{`line 1: missing column within_three_years: the header needs graduated, education, employer_size, within_three_years, source, published`}},
		{name: "a missing field in a row", file: benchHeader + "\n2022-03,university,all,12.1,11.9,9.9,33.8,MHLW\n",
			want: []string{`line 2, column 9 (url): missing: the line has 8 fields, the header names 10 columns`}},
		{name: "a field too many", file: benchHeader + "\n" + good + ",extra\n",
			want: []string{`line 2, column 11: 11 fields, but the header names 10 columns (a comma too many, or a value with a comma that needs quotes?)`}},
		{name: "a duplicate key", file: benchHeader + "\n" + good + "\n2022-03,university,1000+,,,,27.0,MHLW,,2025-10-24\n" + strings.Replace(good, "33.8", "33.9", 1) + "\n",
			want: []string{`line 4, column 1 (graduated): 2022-03, university, employer size all is on line 2 already`}},
		{name: "an unknown column", file: strings.Replace(benchHeader, "within_three_years", "within_3_years", 1) + "\n" + good + "\n",
			want: []string{`line 1, column 7 (within_3_years): unknown column "within_3_years" (did you mean within_three_years?)`,
				`line 1: missing column within_three_years: the header needs graduated, education, employer_size, within_three_years, source, published`}},
		{name: "a column twice", file: benchHeader + ",year1\n" + good + ",1\n",
			want: []string{`line 1, column 11 (year1): column year1 twice (column 4 too)`}},
		{name: "bad month, education, size, date and address",
			file: benchHeader + "\n2022/3,universty,1000 or more,,,,33.8,MHLW,ftp://x,24 Oct 2025\n",
			want: []string{
				`line 2, column 1 (graduated): "2022/3" is not a month: write the month of graduation as year-month, such as 2022-03`,
				`line 2, column 2 (education): "universty" is not one of junior_high_school, high_school, junior_college, university (did you mean university?)`,
				`line 2, column 3 (employer_size): "1000 or more" is not an employer size: write all, or a band of employees such as 1000+, 500-999 or <5`,
				`line 2, column 9 (url): "ftp://x" is not a web address (https://…)`,
				`line 2, column 10 (published): "24 Oct 2025" is not a date: write the date of publication as year-month-day, such as 2025-10-24`,
			}},
		{name: "empty required fields", file: benchHeader + "\n,,,,,,33.8,,,\n",
			want: []string{
				`line 2, column 1 (graduated): empty: write the month of graduation, such as 2022-03`,
				`line 2, column 2 (education): empty: write one of junior_high_school, high_school, junior_college, university`,
				`line 2, column 3 (employer_size): empty: write all, or a band of employees such as 1000+`,
				`line 2, column 8 (source): empty: name the publication the figures come from`,
				`line 2, column 10 (published): empty: write the date of publication, such as 2025-10-24`,
			}},
		{name: "a stray quote", file: benchHeader + "\n2022-03,university,all,,,,33.8,厚労省 \"x\",,2025-10-24\n",
			want: []string{`line 2: bare " in non-quoted-field (at character 36)`}},
		{name: "not UTF-8", file: benchHeader + "\n2022-03,university,all,,,,33.8,\x8c\xfa\x90\xb6,,2025-10-24\n",
			want: []string{`line 2: the file is not UTF-8 text: save it as UTF-8 (in Excel, "CSV UTF-8")`}},
		{name: "empty", file: "# only a comment\n",
			want: []string{`the file is empty: its first line names the columns, graduated, education, employer_size, year1, year2, year3, within_three_years, source, url, published`}},
		{name: "no rows", file: benchHeader + "\n", want: []string{`no rows: the file has a header and nothing under it`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := metrics.LoadBenchmark(strings.NewReader(c.file))
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(b.Rows) != c.rows {
					t.Errorf("%d rows, want %d", len(b.Rows), c.rows)
				}
				return
			}
			var errs metrics.BenchmarkErrors
			if !errors.As(err, &errs) {
				t.Fatalf("error %v (%T), want BenchmarkErrors", err, err)
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.String())
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if b != nil {
				t.Error("a benchmark as well as errors")
			}
		})
	}

	t.Run("full-width and comments read right", func(t *testing.T) {
		b, err := metrics.LoadBenchmark(strings.NewReader("\ufeff# c\nPublished,Source,within_three_years,Employer_Size,education,graduated\n2025-10-24,厚生労働省（令和4年3月卒業者）,３３.８%,all,university,2022-03\n"))
		if err != nil {
			t.Fatal(err)
		}
		r := b.Rows[0]
		if r.WithinThreeYears != 33.8 || r.Source != "厚生労働省（令和4年3月卒業者）" || r.Year1 != nil || r.URL != "" {
			t.Errorf("row %+v", r)
		}
	})

	t.Run("stops after the cap", func(t *testing.T) {
		var file strings.Builder
		file.WriteString(benchHeader + "\n")
		for range metrics.MaxBenchmarkErrors + 5 {
			file.WriteString("2022-03,university,all,x,,,33.8,MHLW,,2025-10-24\n")
		}
		_, err := metrics.LoadBenchmark(strings.NewReader(file.String()))
		var errs metrics.BenchmarkErrors
		if !errors.As(err, &errs) || len(errs) != metrics.MaxBenchmarkErrors || !strings.Contains(err.Error(), "stopped after") {
			t.Errorf("%d problems (%v), want %d and a note", len(errs), err, metrics.MaxBenchmarkErrors)
		}
	})
}
