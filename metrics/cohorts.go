package metrics

import (
	"bytes"
	"cmp"
	"context"
	_ "embed" // the default benchmark
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/careerkpi/careerkpi/queries"
)

const sqlNewGraduateCohorts = "metrics/new_graduate_cohorts"

// MaxCohorts is the most fiscal years of hire one cohorts request covers.
const MaxCohorts = 50

// CohortsRequest asks for the new-graduate cohorts hired in the fiscal
// years FirstYear to LastYear (both included).
type CohortsRequest struct {
	FirstYear int `json:"first_year"`
	LastYear  int `json:"last_year"`
	// Filters keep the new graduates whose attributes on their hire date
	// match (the latest snapshot on or before it, else the earliest): a
	// cohort is the people who joined, counted where they joined, so that
	// a department's cohort keeps those who moved elsewhere and then left,
	// and gains no one who moved in later. Hire type and tenure band are
	// not filters here: everyone counted is a new graduate in their first
	// year at that date.
	Filters []Filter `json:"filters,omitempty"`
	// Benchmark is the national benchmark set beside the cohorts; nil for
	// DefaultBenchmark.
	Benchmark *Benchmark `json:"-"`
}

// CohortsResult is the new-graduate cohorts of a range of fiscal years
// and the national benchmark.
type CohortsResult struct {
	Request CohortsRequest `json:"request"`
	// DataEnd is the latest snapshot date, the last day the data vouch
	// for; nil when no employees are loaded.
	DataEnd *time.Time `json:"data_end"`
	// Cohorts are the fiscal years of hire in order, one each, those
	// without new graduates included.
	Cohorts []Cohort `json:"cohorts"`
	// Benchmark is every row of the national benchmark, the latest
	// graduating class first.
	Benchmark []BenchmarkRow `json:"benchmark"`
}

// Cohort is the new graduates hired in one fiscal year (with an April
// start, the April cohort 年度入社) and how many of them left in each of
// their first three years. Year k of a member runs from the (k−1)th
// anniversary of their hire date to the day before the kth; they left in
// it when their last day employed falls in it (SPEC "Precise readings":
// first-year and three-year attrition).
type Cohort struct {
	FiscalYear int    `json:"fiscal_year"`
	Period     Period `json:"period"`
	// Hires counts the cohort: employees whose hire type is new_graduate
	// (in the latest snapshot that lists them) hired in Period.
	Hires int `json:"hires"`
	// HiringOpen says that the data end before Period does: more new
	// graduates may yet join the cohort.
	HiringOpen bool `json:"hiring_open"`
	// Year1, Year2 and Year3 are the leavers of each year, and
	// WithinThreeYears those of the three together.
	Year1            CohortFigure `json:"year1"`
	Year2            CohortFigure `json:"year2"`
	Year3            CohortFigure `json:"year3"`
	WithinThreeYears CohortFigure `json:"within_three_years"`
	// Benchmark holds the benchmark's rows for the class that joined in
	// this fiscal year: those who graduated in the month before one of
	// its months (March N graduates for an April-start FY N). Empty until
	// the benchmark covers them — national figures come some three and a
	// half years after graduation — so compare with the latest
	// (Benchmark.Latest) meanwhile.
	Benchmark []BenchmarkRow `json:"benchmark"`
}

// CohortFigure is how many of a cohort left over one of its years, or
// over the three.
type CohortFigure struct {
	// Through is the last day of the year (or of the third year) for the
	// cohort's last-hired member; for a cohort without members, for
	// someone hired on the fiscal year's last day.
	Through time.Time `json:"through"`
	// Leavers are the members whose last day employed falls in the year,
	// up to the data end.
	Leavers int `json:"leavers"`
	// Rate is Leavers ÷ Hires × 100 once the year is complete; nil while
	// it is in progress or when the cohort has no members.
	Rate *float64 `json:"rate"`
	// InProgress says that the data end before Through: the year is not
	// over for every member, and Leavers is a count so far, not a final
	// figure.
	InProgress bool `json:"in_progress"`
}

// cohortRow is one cohort as the SQL counts it.
type cohortRow struct {
	C            uint32     `ch:"c"`
	Latest       *time.Time `ch:"latest"`
	Hires        uint64     `ch:"hires"`
	Year1Leavers uint64     `ch:"year1_leavers"`
	Year2Leavers uint64     `ch:"year2_leavers"`
	Year3Leavers uint64     `ch:"year3_leavers"`
	LastHire     time.Time  `ch:"cohort_last_hire"`
	Year1End     time.Time  `ch:"year1_end"`
	Year2End     time.Time  `ch:"year2_end"`
	Year3End     time.Time  `ch:"year3_end"`
}

// NewGraduateCohorts counts, for each fiscal year of hire from
// req.FirstYear to req.LastYear, the new graduates hired and those who
// left in their first, second and third years, as rates of the hires,
// beside the national benchmark. A year is final only once the data — the
// latest snapshot date — reach its end for every member of the cohort;
// until then it is reported in progress, with the leavers so far and no
// rate.
func (e *Engine) NewGraduateCohorts(ctx context.Context, req CohortsRequest) (*CohortsResult, error) {
	if err := checkCohorts(req); err != nil {
		return nil, requestError(err)
	}
	bench := cmp.Or(req.Benchmark, e.Benchmark, DefaultBenchmark())
	version, err := e.current(ctx)
	if err != nil {
		return nil, fmt.Errorf("metrics: new-graduate cohorts: %w", err)
	}
	var years []Period
	for fy := req.FirstYear; fy <= req.LastYear; fy++ {
		years = append(years, e.Calendar.FiscalYear(fy))
	}
	// Only the counts are kept: the benchmark is not part of the key.
	key := e.cacheKey(version, "new_graduate_cohorts", req)
	var rows []cohortRow
	if r, ok := e.cached(key); ok {
		rows = r.([]cohortRow)
	} else {
		if rows, err = e.cohortRows(ctx, years, req.Filters); err != nil {
			return nil, err
		}
		e.keep(key, rows)
	}
	res := &CohortsResult{Request: req, Cohorts: []Cohort{}, Benchmark: slices.Clone(bench.Rows)}
	if res.Benchmark == nil {
		res.Benchmark = []BenchmarkRow{}
	}
	if len(rows) > 0 && rows[0].Latest != nil {
		d := *rows[0].Latest
		res.DataEnd = &d
	}
	for i, p := range years {
		res.Cohorts = append(res.Cohorts, cohortOf(req.FirstYear+i, p, rows[i], res.DataEnd, bench.joinedIn(e.Calendar, req.FirstYear+i)))
	}
	return res, nil
}

// checkCohorts refuses a request the cohorts cannot answer.
func checkCohorts(req CohortsRequest) error {
	switch {
	case req.FirstYear < 1900 || req.LastYear > 2200:
		return fmt.Errorf("metrics: new-graduate cohorts: fiscal years %d-%d: years run from 1900 to 2200", req.FirstYear, req.LastYear)
	case req.FirstYear > req.LastYear:
		return fmt.Errorf("metrics: new-graduate cohorts: the first fiscal year %d is after the last, %d", req.FirstYear, req.LastYear)
	case req.LastYear-req.FirstYear >= MaxCohorts:
		return fmt.Errorf("metrics: new-graduate cohorts: %d fiscal years asked for, at most %d", req.LastYear-req.FirstYear+1, MaxCohorts)
	}
	for _, f := range req.Filters {
		d, ok := DimensionByID(f.Dimension)
		if !ok || d.Time != "" || d.SurveyOnly {
			return fmt.Errorf("metrics: new-graduate cohorts: cannot filter by %q (filter by an attribute of the employee, such as department or grade)", f.Dimension)
		}
		if d.ID == "hire_type" || d.ID == "tenure_band" {
			return fmt.Errorf("metrics: new-graduate cohorts: cannot filter by %s: every member is a new graduate in their first year on the hire date", d.ID)
		}
		if err := d.check(f); err != nil {
			return err
		}
	}
	return nil
}

// cohortRows runs the SQL for the fiscal years: a row per year, in order.
func (e *Engine) cohortRows(ctx context.Context, years []Period, filters []Filter) ([]cohortRow, error) {
	starts, ends := make([]time.Time, len(years)), make([]time.Time, len(years))
	for i, p := range years {
		starts[i], ends[i] = p.Start, p.End
	}
	params := queries.Params{"starts": starts, "ends": ends}
	cutParams(params, nil, filters)
	sql, params := bound(queries.SQL(sqlNewGraduateCohorts), params)
	rows, err := queries.Select[cohortRow](ctx, e.Store, sql, params)
	if err != nil {
		return nil, fmt.Errorf("metrics: new-graduate cohorts: %w", err)
	}
	if len(rows) != len(years) {
		return nil, fmt.Errorf("metrics: new-graduate cohorts: %d rows for %d fiscal years", len(rows), len(years))
	}
	for i, r := range rows {
		if int(r.C) != i+1 {
			return nil, fmt.Errorf("metrics: new-graduate cohorts: row %d is cohort %d", i+1, r.C)
		}
	}
	return rows, nil
}

// cohortOf turns the counts of a cohort into its figures against the data
// end (nil: no data, everything in progress).
func cohortOf(fy int, p Period, r cohortRow, dataEnd *time.Time, bench []BenchmarkRow) Cohort {
	hires := int(r.Hires)
	figure := func(through time.Time, leavers uint64) CohortFigure {
		f := CohortFigure{Through: through, Leavers: int(leavers), InProgress: dataEnd == nil || through.After(*dataEnd)}
		if !f.InProgress && hires > 0 {
			rate := float64(leavers) / float64(hires) * 100
			f.Rate = &rate
		}
		return f
	}
	if bench == nil {
		bench = []BenchmarkRow{}
	}
	return Cohort{
		FiscalYear:       fy,
		Period:           p,
		Hires:            hires,
		HiringOpen:       dataEnd == nil || p.End.After(*dataEnd),
		Year1:            figure(r.Year1End, r.Year1Leavers),
		Year2:            figure(r.Year2End, r.Year2Leavers),
		Year3:            figure(r.Year3End, r.Year3Leavers),
		WithinThreeYears: figure(r.Year3End, r.Year1Leavers+r.Year2Leavers+r.Year3Leavers),
		Benchmark:        bench,
	}
}

// Benchmark is a national benchmark of new-graduate attrition, such as
// the Ministry of Health, Labour and Welfare's 新規学卒就職者の離職状況:
// for each graduating class, education and employer size, the share who
// left in their first, second and third year and within three years.
// It comes from a CSV file (LoadBenchmark) that a user can bring up to
// date; DefaultBenchmark is the one shipped.
type Benchmark struct {
	// Rows are sorted latest class first; within a class by education,
	// the employer size "all" first.
	Rows []BenchmarkRow
}

// BenchmarkRow is one line of a benchmark file. Rates are percentages.
type BenchmarkRow struct {
	// Graduated is the month of graduation, such as 2022-03.
	Graduated string `json:"graduated"`
	// Education is one of Educations; EmployerSize "all" or a band of
	// employees per establishment such as 1000+, 500-999 or <5.
	Education    string `json:"education"`
	EmployerSize string `json:"employer_size"`
	// Year1, Year2 and Year3 are the shares who left in each year; nil
	// where the file leaves them empty (not published, or not recorded).
	Year1 *float64 `json:"year1"`
	Year2 *float64 `json:"year2"`
	Year3 *float64 `json:"year3"`
	// WithinThreeYears is the share who left within three years. It may
	// differ from the sum of the three years by rounding.
	WithinThreeYears float64 `json:"within_three_years"`
	// Source names the publication, URL is where to find it (optional)
	// and Published its date, such as 2025-10-24.
	Source    string `json:"source"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published"`

	graduated time.Time
}

// Educations are the values of a benchmark's education column: the
// levels the MHLW publishes (中学, 高校, 短大等, 大学).
var Educations = []string{"junior_high_school", "high_school", "junior_college", "university"}

// Latest returns the row of the latest graduating class with the given
// education and employer size.
func (b *Benchmark) Latest(education, employerSize string) (BenchmarkRow, bool) {
	for _, r := range b.Rows {
		if r.Education == education && r.EmployerSize == employerSize {
			return r, true
		}
	}
	return BenchmarkRow{}, false
}

// joinedIn returns the rows of the classes that graduated in the month
// before a month of fiscal year fy: those who joined in it.
func (b *Benchmark) joinedIn(cal Calendar, fy int) []BenchmarkRow {
	var out []BenchmarkRow
	for _, r := range b.Rows {
		if cal.FiscalYearOf(r.graduated.AddDate(0, 1, 0)) == fy {
			out = append(out, r)
		}
	}
	return out
}

//go:embed benchmarks/mhlw_new_graduates.csv
var defaultBenchmarkCSV []byte

var defaultBenchmark = sync.OnceValue(func() *Benchmark {
	b, err := LoadBenchmark(bytes.NewReader(defaultBenchmarkCSV))
	if err != nil {
		panic(fmt.Sprintf("metrics: the embedded benchmarks/mhlw_new_graduates.csv: %v", err))
	}
	return b
})

// DefaultBenchmark returns the benchmark shipped in the binary,
// benchmarks/mhlw_new_graduates.csv: the MHLW's figures for university
// graduates. The file is checked by the tests, so it cannot fail here.
func DefaultBenchmark() *Benchmark {
	return &Benchmark{Rows: slices.Clone(defaultBenchmark().Rows)}
}

// MaxBenchmarkErrors is how many problems LoadBenchmark reports before it
// stops looking.
const MaxBenchmarkErrors = 20

// BenchmarkError is a problem in a benchmark file, where a person can
// find it.
type BenchmarkError struct {
	// Line is the file's line (1 is the first, comments counted); Column
	// the field's place in the line (1 is the first) and Header its
	// column's name, when the problem is in one field.
	Line   int
	Column int
	Header string
	Reason string
}

func (e *BenchmarkError) Error() string { return "metrics: benchmark: " + e.String() }

// String is the problem without the package prefix: "line 3, column 5
// (year2): …".
func (e *BenchmarkError) String() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ", column %d", e.Column)
		}
		if e.Header != "" {
			fmt.Fprintf(&b, " (%s)", e.Header)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// BenchmarkErrors are the problems LoadBenchmark found, in file order, at
// most MaxBenchmarkErrors of them.
type BenchmarkErrors []*BenchmarkError

func (es BenchmarkErrors) Error() string {
	if len(es) == 1 {
		return es[0].Error()
	}
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.String()
	}
	msg := fmt.Sprintf("metrics: benchmark: %d problems: %s", len(es), strings.Join(parts, "; "))
	if len(es) >= MaxBenchmarkErrors {
		msg += fmt.Sprintf(" (stopped after %d)", MaxBenchmarkErrors)
	}
	return msg
}

// benchmarkColumn is a column of a benchmark file.
type benchmarkColumn struct {
	name     string
	required bool // the header must have it and every row a value
}

// benchmarkColumns are a benchmark file's columns, in the usual order.
var benchmarkColumns = []benchmarkColumn{
	{"graduated", true}, {"education", true}, {"employer_size", true},
	{"year1", false}, {"year2", false}, {"year3", false}, {"within_three_years", true},
	{"source", true}, {"url", false}, {"published", true},
}

var employerSize = regexp.MustCompile(`^(all|[0-9]+\+|[0-9]+-[0-9]+|<[0-9]+)$`)

// LoadBenchmark reads a benchmark file: CSV in UTF-8 (a byte-order mark
// is allowed), lines starting with # are comments, and the first other
// line names the columns, in any order — graduated (the month of
// graduation, 2022-03), education (one of Educations), employer_size
// ("all", or a band such as 1000+), year1, year2, year3 (% who left in
// each year; the columns or their values may be left out),
// within_three_years (%), source (the publication), url (optional) and
// published (its date, 2025-10-24). A graduating class, education and
// employer size appear on one line only. Every problem is reported with
// its line and column (BenchmarkErrors), up to MaxBenchmarkErrors.
func LoadBenchmark(r io.Reader) (*Benchmark, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("metrics: benchmark: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8(data)], []byte("\n"))
		return nil, BenchmarkErrors{{Line: line, Reason: "the file is not UTF-8 text: save it as UTF-8 (in Excel, \"CSV UTF-8\")"}}
	}
	l := &benchmarkLoader{cr: csv.NewReader(bytes.NewReader(data)), data: data}
	l.cr.Comment = '#'
	l.cr.FieldsPerRecord = -1
	if !l.header() {
		return nil, l.errs
	}
	var rows []BenchmarkRow
	seen := map[string]int{}
	for !l.full() {
		rec, err := l.cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			l.parseError(err)
			continue
		}
		row, ok := l.row(rec)
		if !ok {
			continue
		}
		line, _ := l.cr.FieldPos(0)
		k := row.Graduated + " " + row.Education + " " + row.EmployerSize
		if prev, dup := seen[k]; dup {
			l.add(&BenchmarkError{Line: line, Column: l.at["graduated"] + 1, Header: "graduated",
				Reason: fmt.Sprintf("%s, %s, employer size %s is on line %d already", row.Graduated, row.Education, row.EmployerSize, prev)})
			continue
		}
		seen[k] = line
		rows = append(rows, row)
	}
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	if len(rows) == 0 {
		return nil, BenchmarkErrors{{Reason: "no rows: the file has a header and nothing under it"}}
	}
	slices.SortStableFunc(rows, func(a, b BenchmarkRow) int {
		if c := b.graduated.Compare(a.graduated); c != 0 {
			return c
		}
		if c := strings.Compare(a.Education, b.Education); c != 0 {
			return c
		}
		switch {
		case a.EmployerSize == b.EmployerSize:
			return 0
		case a.EmployerSize == "all":
			return -1
		case b.EmployerSize == "all":
			return 1
		}
		return 0
	})
	return &Benchmark{Rows: rows}, nil
}

// invalidUTF8 returns the offset of the first byte of data that is not
// part of valid UTF-8.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// benchmarkLoader reads one benchmark file and collects its problems.
type benchmarkLoader struct {
	cr    *csv.Reader
	data  []byte         // the file
	names []string       // the header, normalised
	at    map[string]int // column name → field index
	errs  BenchmarkErrors
}

func (l *benchmarkLoader) add(e *BenchmarkError) { l.errs = append(l.errs, e) }

func (l *benchmarkLoader) full() bool { return len(l.errs) >= MaxBenchmarkErrors }

// parseError records an error of the CSV reader.
func (l *benchmarkLoader) parseError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		l.add(&BenchmarkError{Line: pe.Line, Reason: fmt.Sprintf("%v (at character %d)", pe.Err, l.character(pe.Line, pe.Column))})
		return
	}
	l.add(&BenchmarkError{Reason: err.Error()})
}

// character turns the 1-based byte column of a line into characters.
func (l *benchmarkLoader) character(line, column int) int {
	text := l.data
	for range line - 1 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			return column
		}
		text = text[i+1:]
	}
	if column < 1 || column-1 > len(text) {
		return column
	}
	return utf8.RuneCount(text[:column-1]) + 1
}

// header reads and checks the header line; false when it is unusable.
func (l *benchmarkLoader) header() bool {
	rec, err := l.cr.Read()
	switch {
	case err == io.EOF:
		l.add(&BenchmarkError{Reason: "the file is empty: its first line names the columns, " + columnList()})
		return false
	case err != nil:
		l.parseError(err)
		return false
	}
	line, _ := l.cr.FieldPos(0)
	l.at = map[string]int{}
	for i, h := range rec {
		name := strings.ToLower(strings.TrimSpace(norm.NFKC.String(h)))
		l.names = append(l.names, name)
		first, twice := l.at[name]
		switch {
		case name == "":
			l.add(&BenchmarkError{Line: line, Column: i + 1, Reason: "a column without a name: name it (" + columnList() + ") or delete it"})
		case !slices.ContainsFunc(benchmarkColumns, func(c benchmarkColumn) bool { return c.name == name }):
			l.add(&BenchmarkError{Line: line, Column: i + 1, Header: h, Reason: unknownColumn(name)})
		case twice:
			l.add(&BenchmarkError{Line: line, Column: i + 1, Header: name, Reason: fmt.Sprintf("column %s twice (column %d too)", name, first+1)})
		default:
			l.at[name] = i
		}
	}
	for _, c := range benchmarkColumns {
		if _, ok := l.at[c.name]; c.required && !ok {
			l.add(&BenchmarkError{Line: line, Reason: fmt.Sprintf("missing column %s: the header needs %s", c.name, requiredList())})
		}
	}
	return len(l.errs) == 0
}

// row reads a data line; false when it has problems (recorded) or is
// blank.
func (l *benchmarkLoader) row(rec []string) (BenchmarkRow, bool) {
	if !slices.ContainsFunc(rec, func(s string) bool { return strings.TrimSpace(s) != "" }) {
		return BenchmarkRow{}, false
	}
	line, _ := l.cr.FieldPos(0)
	if len(rec) > len(l.names) {
		l.add(&BenchmarkError{Line: line, Column: len(l.names) + 1,
			Reason: fmt.Sprintf("%d fields, but the header names %d columns (a comma too many, or a value with a comma that needs quotes?)", len(rec), len(l.names))})
		return BenchmarkRow{}, false
	}
	if len(rec) < len(l.names) {
		l.add(&BenchmarkError{Line: line, Column: len(rec) + 1, Header: l.names[len(rec)],
			Reason: fmt.Sprintf("missing: the line has %d fields, the header names %d columns", len(rec), len(l.names))})
		return BenchmarkRow{}, false
	}
	before := len(l.errs)
	fail := func(name, reason string) {
		l.add(&BenchmarkError{Line: line, Column: l.at[name] + 1, Header: name, Reason: reason})
	}
	value := func(name string) (string, bool) {
		i, ok := l.at[name]
		if !ok {
			return "", false
		}
		v := strings.TrimSpace(rec[i])
		if name != "source" {
			v = strings.TrimSpace(norm.NFKC.String(v))
		}
		return v, v != ""
	}
	required := func(name, hint string) string {
		v, ok := value(name)
		if !ok {
			fail(name, "empty: "+hint)
		}
		return v
	}
	percent := func(name string, need bool) *float64 {
		v, ok := value(name)
		if !ok {
			if need {
				fail(name, "empty: write the share in %, such as 33.8")
			}
			return nil
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(v, "%")), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			fail(name, fmt.Sprintf("%q is not a number: write the share in %%, such as 33.8", v))
			return nil
		}
		if f < 0 || f > 100 {
			fail(name, fmt.Sprintf("%s is not a share in %% (0 to 100)", v))
			return nil
		}
		return &f
	}

	var row BenchmarkRow
	row.Graduated = required("graduated", "write the month of graduation, such as 2022-03")
	if row.Graduated != "" {
		t, err := time.Parse("2006-01", row.Graduated)
		if err != nil {
			fail("graduated", fmt.Sprintf("%q is not a month: write the month of graduation as year-month, such as 2022-03", row.Graduated))
		}
		row.graduated = t
	}
	row.Education = required("education", "write one of "+strings.Join(Educations, ", "))
	if row.Education != "" && !slices.Contains(Educations, row.Education) {
		fail("education", unknownValue(row.Education, Educations))
	}
	row.EmployerSize = required("employer_size", "write all, or a band of employees such as 1000+")
	if row.EmployerSize != "" && !employerSize.MatchString(row.EmployerSize) {
		fail("employer_size", fmt.Sprintf("%q is not an employer size: write all, or a band of employees such as 1000+, 500-999 or <5", row.EmployerSize))
	}
	row.Year1, row.Year2, row.Year3 = percent("year1", false), percent("year2", false), percent("year3", false)
	if f := percent("within_three_years", true); f != nil {
		row.WithinThreeYears = *f
	}
	row.Source = required("source", "name the publication the figures come from")
	if u, ok := value("url"); ok {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			fail("url", fmt.Sprintf("%q is not a web address (https://…)", u))
		}
		row.URL = u
	}
	row.Published = required("published", "write the date of publication, such as 2025-10-24")
	if row.Published != "" {
		if _, err := time.Parse(time.DateOnly, row.Published); err != nil {
			fail("published", fmt.Sprintf("%q is not a date: write the date of publication as year-month-day, such as 2025-10-24", row.Published))
		}
	}
	return row, len(l.errs) == before
}

// columnList names every column of a benchmark file.
func columnList() string {
	names := make([]string, len(benchmarkColumns))
	for i, c := range benchmarkColumns {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// requiredList names the columns a benchmark file must have.
func requiredList() string {
	var names []string
	for _, c := range benchmarkColumns {
		if c.required {
			names = append(names, c.name)
		}
	}
	return strings.Join(names, ", ")
}

// unknownColumn explains a header that is no column, with the nearest one.
func unknownColumn(name string) string {
	names := strings.Split(columnList(), ", ")
	if best, ok := nearest(name, names); ok {
		return fmt.Sprintf("unknown column %q (did you mean %s?)", name, best)
	}
	return fmt.Sprintf("unknown column %q: the columns are %s", name, columnList())
}

// unknownValue explains a value that is none of values, with the nearest.
func unknownValue(v string, values []string) string {
	if best, ok := nearest(v, values); ok {
		return fmt.Sprintf("%q is not one of %s (did you mean %s?)", v, strings.Join(values, ", "), best)
	}
	return fmt.Sprintf("%q is not one of %s", v, strings.Join(values, ", "))
}

// nearest returns the one of names closest to s, if close enough.
func nearest(s string, names []string) (string, bool) {
	best, dist := "", 1<<30
	for _, n := range names {
		if d := editDistance(s, n); d < dist {
			best, dist = n, d
		}
	}
	return best, best != "" && dist <= len(s)/2+1
}
