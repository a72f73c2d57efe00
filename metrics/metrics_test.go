package metrics_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/catalog"
	"github.com/careerkpi/careerkpi/demo"
	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

func TestMain(m *testing.M) { querytest.Main(m) }

var (
	ibmFile  = filepath.Join("..", "..", "shared", "data", "WA_Fn-UseC_-HR-Employee-Attrition.csv")
	mappings = filepath.Join("..", "testdata", "mappings")
)

func newStore(t *testing.T) queries.Store {
	t.Helper()
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}

func mustLoad(t *testing.T, s queries.Store, req ingest.Request) {
	t.Helper()
	rep, err := ingest.Load(context.Background(), s, req)
	if err != nil || rep.Outcome != ingest.Loaded {
		var b strings.Builder
		if rep != nil {
			rep.Write(&b)
		}
		t.Fatalf("load %v: %v %s", req.Files, err, b.String())
	}
}

func engine(t *testing.T, s queries.Store, threshold int) *metrics.Engine {
	t.Helper()
	e, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: threshold})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func compute(t *testing.T, e *metrics.Engine, req metrics.Request) *metrics.Result {
	t.Helper()
	res, err := e.Compute(context.Background(), req)
	if err != nil {
		t.Fatalf("%s by %v, filters %v: %v", req.Metric, req.By, req.Filters, err)
	}
	return res
}

func TestCatalogIsValid(t *testing.T) {
	reg := metrics.DefaultRegistry()
	if len(reg.All()) != len(metrics.Catalog) {
		t.Fatalf("%d metrics in the registry, %d in the catalog", len(reg.All()), len(metrics.Catalog))
	}
	bad := &metrics.Metric{ID: "x", NameJA: "x", NameEN: "x", DefinitionJA: "x", DefinitionEN: "x", Formula: "x", Unit: metrics.Count, Scale: 1,
		Terms: metrics.Terms{Numerator: metrics.Term{Query: "metrics/workforce", Column: "no_such_column"}}}
	if _, err := metrics.NewRegistry([]*metrics.Metric{bad}); err == nil || !strings.Contains(err.Error(), "no column no_such_column") {
		t.Errorf("a term naming a missing column: %v", err)
	}
	// A statement that cannot filter by one of the metric's dimensions
	// would ignore that filter.
	uncut := &metrics.Metric{ID: "x", NameJA: "x", NameEN: "x", DefinitionJA: "x", DefinitionEN: "x", Formula: "x", Unit: metrics.Count, Scale: 1,
		Survey: true, Dimensions: []string{"department", "item"},
		Terms: metrics.Terms{Numerator: metrics.Term{Query: "metrics/workforce", Column: "hires"}}}
	if _, err := metrics.NewRegistry([]*metrics.Metric{uncut}); err == nil || !strings.Contains(err.Error(), "has no parameter {item_in}") {
		t.Errorf("a statement without a dimension's filter: %v", err)
	}
	if _, err := reg.Lookup("atrition_rate"); err == nil || !strings.Contains(err.Error(), "did you mean attrition_rate") {
		t.Errorf("a misspelt id: %v", err)
	}
}

// TestFilterValues: a filter on a dimension with a closed vocabulary must
// name one of its values — gender=女性 would match no one, since the loader
// stores the label 女性 as female — and those vocabularies are the ones the
// loader stores.
func TestFilterValues(t *testing.T) {
	e := engine(t, newStore(t), 5)
	fy := e.Calendar.FiscalYear(2025)
	_, err := e.Compute(context.Background(), metrics.Request{Metric: "headcount", Period: fy,
		Filters: []metrics.Filter{{Dimension: "gender", Values: []string{"女性"}}}})
	if err == nil || !strings.Contains(err.Error(), `gender takes female, male, other, not "女性"`) {
		t.Errorf("gender=女性: %v", err)
	}
	_, err = e.Impact(context.Background(), metrics.ImpactRequest{FiscalYear: 2025, Category: "learn",
		Filters: []metrics.Filter{{Dimension: "hire_type", Values: []string{"中途"}}}})
	if err == nil || !strings.Contains(err.Error(), `hire_type takes new_graduate, mid_career, not "中途"`) {
		t.Errorf("program impact, hire_type=中途: %v", err)
	}
	employees, err := ingest.DatasetByName("employees")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range employees.Fields {
		d, ok := metrics.DimensionByID(f.Name)
		if !ok || f.Values == nil {
			continue
		}
		var want []string
		for _, v := range f.Values {
			want = append(want, v.Value)
		}
		if !slices.Equal(d.Values, want) {
			t.Errorf("dimension %s takes %v; the loader stores %v", d.ID, d.Values, want)
		}
	}
}

// TestUnknownProgram: a program that is neither an id nor a kind of the
// catalog is refused as the caller's mistake, with the nearest id, rather
// than counted as a program nobody uses; a kind without any use is fine.
func TestUnknownProgram(t *testing.T) {
	ctx := context.Background()
	e := engine(t, newStore(t), 5)
	fy := e.Calendar.FiscalYear(2025)
	_, err := e.Compute(ctx, metrics.Request{Metric: "program_utilization", Program: "side_jab", Period: fy})
	if !metrics.IsRequestError(err) || !strings.Contains(err.Error(), `no program "side_jab" (did you mean side_job?)`) {
		t.Errorf("program_utilization of side_jab: %v", err)
	}
	if _, err := e.Compute(ctx, metrics.Request{Metric: "program_utilization", Program: "side_job", Period: fy}); err != nil {
		t.Errorf("program_utilization of the kind side_job: %v", err)
	}
	_, err = e.Impact(ctx, metrics.ImpactRequest{FiscalYear: 2025, Program: "no_such_program"})
	if !metrics.IsRequestError(err) || !strings.Contains(err.Error(), `no program "no_such_program"`) {
		t.Errorf("program impact of no_such_program: %v", err)
	}
	// The other mistakes of a request are the caller's too.
	_, err = e.Compute(ctx, metrics.Request{Metric: "headcount", Period: fy, By: []string{"theme"}})
	if !metrics.IsRequestError(err) {
		t.Errorf("headcount by theme: %v is not a request error", err)
	}
	if _, err := e.Funnels(ctx, metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"gender"}}); !metrics.IsRequestError(err) {
		t.Errorf("funnels by gender: %v is not a request error", err)
	}
}

// TestBuiltinPrograms: the program catalog in the store holds the built-in
// program of every kind, as catalog.Builtin defines them, so an event naming
// a kind counts without a company catalog; a loaded program of the same id
// takes its place.
func TestBuiltinPrograms(t *testing.T) {
	s := newStore(t)
	type program struct {
		ID       string `ch:"program_id"`
		Kind     string `ch:"kind"`
		Category string `ch:"category"`
		NameJA   string `ch:"name_ja"`
		NameEN   string `ch:"name_en"`
	}
	got, err := queries.Select[program](context.Background(), s, "SELECT program_id, kind, category, name_ja, name_en FROM program_catalog WHERE builtin", nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []program
	for _, p := range catalog.Builtin() {
		want = append(want, program{p.ID, p.Kind, string(p.Category), p.NameJA, p.NameEN})
	}
	if !slices.Equal(got, want) {
		t.Errorf("built-in programs in the store:\n%v\nwant (catalog.Builtin):\n%v", got, want)
	}
}

// TestIBMReference reproduces the data README's figures for the IBM
// attrition export loaded as an employee snapshot and a wide survey of five
// likert4 engagement-index items (favorable 3-4).
func TestIBMReference(t *testing.T) {
	s := newStore(t)
	mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{ibmFile}, Mapping: filepath.Join(mappings, "ibm_attrition_employees.yaml")})
	mustLoad(t, s, ingest.Request{Dataset: "responses", Files: []string{ibmFile}, Mapping: filepath.Join(mappings, "ibm_attrition_survey.yaml")})
	e := engine(t, s, 5)
	fy := e.Calendar.FiscalYear(2024) // the survey closes on 2025-03-31
	res := compute(t, e, metrics.Request{Metric: "engagement_index", Period: fy})
	checkRow(t, "total", res.Totals[0], 4749, 7350, 64.61)
	byDept := compute(t, e, metrics.Request{Metric: "engagement_index", Period: fy, By: []string{"department"}})
	want := map[string][3]float64{"Human Resources": {211, 315, 66.98}, "Research & Development": {3096, 4805, 64.43}, "Sales": {1442, 2230, 64.66}}
	checkBreakdown(t, byDept, want)
	byGrade := compute(t, e, metrics.Request{Metric: "engagement_index", Period: fy, By: []string{"grade"}})
	for _, r := range byGrade.Rows {
		w := map[string]float64{"1": 64.27, "2": 64.76, "3": 64.13, "4": 65.66, "5": 66.09}[r.Key[0]]
		if r.Value == nil || math.Abs(*r.Value-w) > 0.005 {
			t.Errorf("grade %s: %v, want %.2f%%", r.Key[0], r.Value, w)
		}
	}
	if len(byGrade.Rows) != 5 {
		t.Errorf("%d grades, want 5", len(byGrade.Rows))
	}
	byItem := compute(t, e, metrics.Request{Metric: "favorable", Period: fy, By: []string{"item"}})
	checkBreakdown(t, byItem, map[string][3]float64{"job_satisfaction": {901, 1470, 61.29}, "environment_satisfaction": {899, 1470, 61.16},
		"relationship_satisfaction": {891, 1470, 60.61}, "work_life_balance": {1046, 1470, 71.16}, "job_involvement": {1012, 1470, 68.84}})
}

// TestComplementarySuppression: with a threshold of 100 on the IBM survey,
// Human Resources (63 respondents) is withheld, and so must be the smallest
// other department, or the total minus the shown departments would reveal
// it. Every breakdown is attacked the same way.
func TestComplementarySuppression(t *testing.T) {
	s := newStore(t)
	mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{ibmFile}, Mapping: filepath.Join(mappings, "ibm_attrition_employees.yaml")})
	mustLoad(t, s, ingest.Request{Dataset: "responses", Files: []string{ibmFile}, Mapping: filepath.Join(mappings, "ibm_attrition_survey.yaml")})
	const threshold = 100
	e := engine(t, s, threshold)
	fy := e.Calendar.FiscalYear(2024)
	byDept := compute(t, e, metrics.Request{Metric: "engagement_index", Period: fy, By: []string{"department"}})
	held := map[string]bool{}
	for _, r := range byDept.Rows {
		held[r.Key[0]] = r.Withheld
		if r.Withheld && (r.Value != nil || r.Numerator != 0 || r.Reason != metrics.ReasonTooFew) {
			t.Errorf("withheld %s still shows %v, %v (%q)", r.Key[0], r.Value, r.Numerator, r.Reason)
		}
	}
	if !held["Human Resources"] || !held["Sales"] || held["Research & Development"] {
		t.Errorf("withheld: %v, want Human Resources (primary) and Sales (complementary)", held)
	}
	for _, dim := range []string{"department", "grade", "gender", "tenure_band"} {
		res := compute(t, e, metrics.Request{Metric: "engagement_index", Period: fy, By: []string{dim}})
		total, sum := res.Totals[0], 0
		for _, r := range res.Rows {
			if !r.Withheld {
				sum += r.Respondents
			}
		}
		if n := total.Respondents - sum; !total.Withheld && n > 0 && n < threshold {
			t.Errorf("by %s: the total minus the shown groups reveals %d respondents", dim, n)
		}
	}
}

func checkRow(t *testing.T, name string, r metrics.Row, num, den, pct float64) {
	t.Helper()
	if r.Withheld || r.Numerator != num || r.Denominator == nil || *r.Denominator != den || math.Abs(*r.Value-pct) > 0.005 {
		t.Errorf("%s: %v/%v = %v (withheld %v), want %v/%v = %.2f%%", name, r.Numerator, r.Denominator, r.Value, r.Withheld, num, den, pct)
	}
}

func checkBreakdown(t *testing.T, res *metrics.Result, want map[string][3]float64) {
	t.Helper()
	if len(res.Rows) != len(want) {
		t.Errorf("%d groups, want %d", len(res.Rows), len(want))
	}
	for _, r := range res.Rows {
		w, ok := want[r.Key[0]]
		if !ok {
			t.Errorf("unexpected group %q", r.Key[0])
			continue
		}
		checkRow(t, r.Key[0], r, w[0], w[1], w[2])
	}
}

// loadDemo loads the small demo company into a fresh store.
func loadDemo(t *testing.T) queries.Store {
	t.Helper()
	s := newStore(t)
	files, err := demo.Generate(demo.Options{Dir: t.TempDir(), Size: "small", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		// The first computation rebuilds the derived tables, once.
		mustLoad(t, s, ingest.Request{Dataset: f.Dataset, Files: []string{f.Path}, Mapping: f.Mapping, Survey: f.Survey, Sheet: f.Sheet, AsOf: f.AsOf,
			DeferDerived: true})
	}
	return s
}

// TestDemo computes metrics on the demo company, loaded once.
func TestDemo(t *testing.T) {
	s := loadDemo(t)
	t.Run("every metric computes", func(t *testing.T) { testEveryMetric(t, s) })
	t.Run("anonymity attack", func(t *testing.T) { testAnonymityAttack(t, s) })
	t.Run("program impact", func(t *testing.T) { testImpact(t, s) })
	t.Run("spans hold one tenure band", func(t *testing.T) { testSpanTenure(t, s) })
	t.Run("rollups give the events' figures", func(t *testing.T) { testRollups(t, s) })
}

// testRollups computes every metric of the catalog as pages do — by
// department for a fiscal year, as a trend by fiscal year and by quarter
// over two years, and within one department — from the rollups and from
// the events themselves (Engine.NoRollups), and requires the same figures:
// with fiscal years starting in April, and again in January
// (employee_fiscal_years is built for the start month).
func testRollups(t *testing.T, s queries.Store) {
	for _, start := range []int{4, 1} {
		t.Run(fmt.Sprintf("fiscal years from month %d", start), func(t *testing.T) { testRollupsFrom(t, s, start) })
	}
}

func testRollupsFrom(t *testing.T, s queries.Store, start int) {
	newEngine := func() *metrics.Engine {
		e, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: start, TimeZone: "Asia/Tokyo", Threshold: 5})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	fast, raw := newEngine(), newEngine()
	raw.NoRollups = true
	trend, err := fast.Calendar.Custom(fast.Calendar.FiscalYear(2024).Start, fast.Calendar.FiscalYear(2025).End)
	if err != nil {
		t.Fatal(err)
	}
	managers, err := queries.Select[string](context.Background(), s,
		"SELECT DISTINCT manager_id FROM employee_snapshots WHERE manager_id != '' ORDER BY manager_id LIMIT 2", nil)
	if err != nil || len(managers) != 2 {
		t.Fatalf("two managers of the demo: %v, %v", managers, err)
	}
	compared := 0
	for _, m := range metrics.Catalog {
		reqs := []metrics.Request{
			{Metric: m.ID, Period: fast.Calendar.FiscalYear(2025), By: []string{"department"}},
			{Metric: m.ID, Period: trend, By: []string{"fiscal_year"}},
			{Metric: m.ID, Period: trend, By: []string{"quarter"}},
			// within one department: a survey figure comes from the cells
			// anonymity cuts by department (cellsCut)
			{Metric: m.ID, Period: fast.Calendar.FiscalYear(2025), By: []string{"grade"}, Filters: []metrics.Filter{{Dimension: "department", Values: []string{"人事部"}}}},
			{Metric: m.ID, Period: trend, By: []string{"fiscal_year"}, Filters: []metrics.Filter{{Dimension: "department", Values: []string{"人事部"}}}},
			// two departments and a second filter: the statements carry
			// the filters themselves
			{Metric: m.ID, Period: fast.Calendar.FiscalYear(2025), By: []string{"grade"},
				Filters: []metrics.Filter{{Dimension: "department", Values: []string{"人事部", "デザイン部"}}, {Dimension: "employment_type", Values: []string{"regular"}}}},
		}
		if slices.Contains(m.Dimensions, "manager") {
			// by manager and filtered by a manager: the cells have every
			// attribute but the manager, so these come from the rows the
			// cells are summed from
			reqs = append(reqs,
				metrics.Request{Metric: m.ID, Period: fast.Calendar.FiscalYear(2025), By: []string{"manager"}},
				metrics.Request{Metric: m.ID, Period: trend, By: []string{"fiscal_year"}, Filters: []metrics.Filter{{Dimension: "manager", Values: managers}}})
		}
		if slices.Contains(m.Dimensions, "item") && m.Per == "" {
			// by theme in a department, an item trend, and an item filter
			reqs = append(reqs,
				metrics.Request{Metric: m.ID, Period: fast.Calendar.FiscalYear(2025), By: []string{"theme"}, Filters: []metrics.Filter{{Dimension: "department", Values: []string{"人事部"}}}},
				metrics.Request{Metric: m.ID, Period: trend, By: []string{"fiscal_year", "item"}},
				metrics.Request{Metric: m.ID, Period: trend, By: []string{"theme"}, Filters: []metrics.Filter{{Dimension: "item", Values: []string{"Q1", "Q3"}}}})
		}
		for _, req := range reqs {
			if m.NeedsProgram {
				req.Program = "one_on_one"
			}
			if m.Per != "" {
				req.By = append(slices.DeleteFunc(req.By, func(d string) bool { return d != "fiscal_year" && d != "quarter" }), m.Per)
			}
			if fy := req.Period.Kind == metrics.KindFiscalYear || slices.Contains(req.By, "fiscal_year"); fy {
				checkFastPath(t, fast, req)
			}
			a, b := compute(t, fast, req), compute(t, raw, req)
			for i, rows := range [][2][]metrics.Row{{a.Rows, b.Rows}, {a.Totals, b.Totals}} {
				if len(rows[0]) != len(rows[1]) {
					t.Errorf("%s by %v: %d rows from the rollups, %d from the events", m.ID, req.By, len(rows[0]), len(rows[1]))
					continue
				}
				for j := range rows[0] {
					x, y := rows[0][j], rows[1][j]
					same := x.Numerator == y.Numerator
					if m.Unit == metrics.Correlation { // sums of the same numbers in another order
						same = math.Abs(x.Numerator-y.Numerator) <= 1e-12
					}
					if !slices.Equal(x.Key, y.Key) || !same || showValue(x.Denominator) != showValue(y.Denominator) || x.Withheld != y.Withheld || x.Respondents != y.Respondents {
						t.Errorf("%s by %v %v (%d), %v: %v / %s (%d respondents, withheld %t) from the rollups, %v / %s (%d, %t) from the events", m.ID, req.By, req.Filters, i, x.Key,
							x.Numerator, showValue(x.Denominator), x.Respondents, x.Withheld, y.Numerator, showValue(y.Denominator), y.Respondents, y.Withheld)
					}
					compared++
				}
			}
		}
	}
	t.Logf("%d figures compared", compared)
	// The other turnover formulas' denominators, from the rollup and from
	// the spans.
	for _, f := range []metrics.TurnoverFormula{metrics.TurnoverStart, metrics.TurnoverStartHires, metrics.TurnoverLeaversEnd} {
		with := func() *metrics.Engine {
			e, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: start, TimeZone: "Asia/Tokyo", Threshold: 5, TurnoverFormula: f})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		fast, raw := with(), with()
		raw.NoRollups = true
		for _, req := range []metrics.Request{
			{Metric: "attrition_rate", Period: fast.Calendar.FiscalYear(2025), By: []string{"department"}},
			{Metric: "voluntary_attrition_rate", Period: trend, By: []string{"fiscal_year"}},
		} {
			checkFastPath(t, fast, req)
			a, b := compute(t, fast, req), compute(t, raw, req)
			if len(a.Rows) != len(b.Rows) || len(a.Rows) == 0 {
				t.Fatalf("%s under %s: %d rows from the rollups, %d from the spans", req.Metric, f, len(a.Rows), len(b.Rows))
			}
			for i := range a.Rows {
				if x, y := a.Rows[i], b.Rows[i]; x.Numerator != y.Numerator || showValue(x.Denominator) != showValue(y.Denominator) {
					t.Errorf("%s under %s, %v: %v / %s from the rollups, %v / %s from the spans", req.Metric, f, x.Key,
						x.Numerator, showValue(x.Denominator), y.Numerator, showValue(y.Denominator))
				}
			}
		}
	}
}

// fastOnFiscalYears are the metric SQL files whose figures for fiscal years
// come from a lean file reading a rollup alone (metrics/fast.go).
var fastOnFiscalYears = []string{"metrics/utilization", "metrics/events", "metrics/workforce", "metrics/one_on_one", "metrics/engagement", "metrics/drivers", "metrics/concentration", "metrics/response_rate"}

// checkFastPath fails if a request for fiscal years runs a file that has a
// lean counterpart for them: the figures would be right, only slow.
func checkFastPath(t *testing.T, e *metrics.Engine, req metrics.Request) {
	t.Helper()
	sts, err := e.Statements(req)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if st.Query == "metrics/engagement" && (slices.Contains(req.By, "theme") || slices.Contains(req.By, "item")) {
			continue // survey_respondents has no items
		}
		if slices.Contains(fastOnFiscalYears, st.Query) {
			t.Errorf("%s by %v for fiscal years runs %s.sql, not its fast path", req.Metric, req.By, st.Query)
		}
	}
}

// testSpanTenure: a span's tenure band is the band of each of its days —
// the band at its first and its last day (bands only grow with the date) —
// computed as SPEC's tenure bands from age in months, and the spans of an
// employee tile the calendar without gaps or overlaps.
func testSpanTenure(t *testing.T, s queries.Store) {
	got, err := queries.Get[struct {
		Spans  uint64 `ch:"spans"`
		Wrong  uint64 `ch:"wrong"`
		Broken uint64 `ch:"broken"`
	}](context.Background(), s, `
SELECT
    count() AS spans,
    countIf(arrayExists(d -> multiIf(d < hire_date, '', age('month', hire_date, d) < 12, '<1y', age('month', hire_date, d) < 36, '1-3y',
        age('month', hire_date, d) < 60, '3-5y', age('month', hire_date, d) < 120, '5-10y', '10y+') != tenure_band, [span_from, span_to])) AS wrong,
    countIf(span_from != if(n = 1, toDate32('1900-01-01'), previous_to + 1) OR (n = spans_of_employee AND span_to != toDate32('2299-12-31'))) AS broken
FROM
(
    SELECT *,
        row_number() OVER (PARTITION BY employee_id ORDER BY span_from) AS n,
        count() OVER (PARTITION BY employee_id) AS spans_of_employee,
        lagInFrame(span_to) OVER (PARTITION BY employee_id ORDER BY span_from ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS previous_to
    FROM employee_spans
)`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Spans == 0 || got.Wrong != 0 || got.Broken != 0 {
		t.Errorf("%d spans: %d change tenure band inside, %d leave a gap or overlap", got.Spans, got.Wrong, got.Broken)
	}
}

// testEveryMetric runs every metric of the catalog, in total and by some
// of its dimensions.
func testEveryMetric(t *testing.T, s queries.Store) {
	e := engine(t, s, 5)
	fy := e.Calendar.FiscalYear(2025)
	for _, m := range metrics.Catalog {
		t.Run(m.ID, func(t *testing.T) {
			req := metrics.Request{Metric: m.ID, Period: fy}
			if m.NeedsProgram {
				req.Program = "side_job"
			}
			if m.Per != "" { // per item: no total, and no room for another attribute
				testPerMetric(t, e, req, m.Per)
				return
			}
			res := compute(t, e, req)
			if len(res.Totals) != 1 || res.Totals[0].Value == nil {
				t.Fatalf("total: %+v", res.Totals)
			}
			req.By = []string{"quarter"}
			if res := compute(t, e, req); len(res.Rows) != 4 || res.Breakdown() || len(res.Rows[3].Key) != 1 || res.Rows[3].Key[0] != "FY2025 Q4" {
				t.Errorf("by quarter: %d rows, the last keyed %v; want the four quarters once each", len(res.Rows), res.Rows[len(res.Rows)-1].Key)
			}
			for _, d := range []string{"quarter", "department", "tenure_band"} {
				req.By = []string{d}
				if res := compute(t, e, req); len(res.Rows) == 0 {
					t.Errorf("by %s: no rows", d)
				}
			}
		})
	}
}

// testPerMetric runs a metric computed per dimension: by it alone, by
// quarter and it, and filtered by department.
func testPerMetric(t *testing.T, e *metrics.Engine, req metrics.Request, per string) {
	req.By = []string{per}
	res := compute(t, e, req)
	if len(res.Rows) == 0 || len(res.Totals) != 0 {
		t.Fatalf("by %s: %d rows, %d totals; want rows and no total", per, len(res.Rows), len(res.Totals))
	}
	for _, r := range res.Rows {
		if r.Value == nil && !r.Withheld {
			t.Errorf("%v: no value", r.Key)
		}
	}
	req.By = []string{"quarter", per}
	quarters := map[string]bool{}
	for _, r := range compute(t, e, req).Rows {
		quarters[r.Key[0]] = true
	}
	if len(quarters) == 0 || len(quarters) > 4 {
		t.Errorf("by quarter and %s: %d quarters", per, len(quarters))
	}
	req.By, req.Filters = []string{per}, []metrics.Filter{{Dimension: "department", Values: []string{"ソフトウェア開発部"}}}
	if res := compute(t, e, req); len(res.Rows) == 0 {
		t.Errorf("by %s in one department: no rows", per)
	}
}

// testAnonymityAttack tries, for every dimension of the survey metrics, to
// work out a withheld group from what is shown: a total minus the shown
// groups, a division minus its shown departments, a group without a filter
// minus the same group with it, and a group minus the same group filtered
// to each value of another dimension in turn (alone and beside a second
// filter). No attempt may reveal between 1 and
// threshold−1 respondents.
func testAnonymityAttack(t *testing.T, s queries.Store) {
	const threshold = 5
	e := engine(t, s, threshold)
	fy := e.Calendar.FiscalYear(2025)
	withheld, attempts := 0, 0
	leak := func(what string, n int) {
		attempts++
		if n > 0 && n < threshold {
			t.Errorf("%s reveals %d respondents", what, n)
		}
	}
	shown := func(res *metrics.Result) map[string]metrics.Row {
		out := map[string]metrics.Row{}
		for _, r := range res.Rows {
			if r.Withheld {
				withheld++
				continue
			}
			if r.Respondents < threshold {
				t.Errorf("%s: group %v shown with %d respondents", res.Metric.ID, r.Key, r.Respondents)
			}
			out[strings.Join(r.Key, "/")] = r
		}
		return out
	}
	for _, id := range []string{"engagement_index", "enps"} {
		for _, dim := range []string{"department", "division", "grade", "employment_type", "manager", "gender", "tenure_band", "hire_type", "theme", "item"} {
			res := compute(t, e, metrics.Request{Metric: id, Period: fy, By: []string{dim}})
			groups := shown(res)
			total := res.Totals[0]
			if dim != "theme" && dim != "item" && !total.Withheld { // groups of people add up to the total
				sum := 0
				for _, r := range groups {
					sum += r.Respondents
				}
				leak(fmt.Sprintf("%s: total − shown %s groups", id, dim), total.Respondents-sum)
			}
			for _, grade := range []string{"G1", "G3", "G5"} {
				filtered := compute(t, e, metrics.Request{Metric: id, Period: fy, By: []string{dim}, Filters: []metrics.Filter{{Dimension: "grade", Values: []string{grade}}}})
				fgroups := shown(filtered)
				if ft := filtered.Totals[0]; dim != "theme" && dim != "item" && !ft.Withheld {
					sum := 0
					for _, r := range fgroups {
						sum += r.Respondents
					}
					leak(fmt.Sprintf("%s: total − shown %s groups with grade=%s", id, dim, grade), ft.Respondents-sum)
				}
				for k, r := range fgroups {
					if wide, ok := groups[k]; ok {
						leak(fmt.Sprintf("%s: %s %s without and with grade=%s", id, dim, k, grade), wide.Respondents-r.Respondents)
					}
				}
				if ft := filtered.Totals[0]; !ft.Withheld && !total.Withheld {
					leak(fmt.Sprintf("%s: total without and with grade=%s", id, grade), total.Respondents-ft.Respondents)
				}
			}
		}
		// Departments beside their division.
		divisions := shown(compute(t, e, metrics.Request{Metric: id, Period: fy, By: []string{"division"}}))
		pairs := compute(t, e, metrics.Request{Metric: "engagement_index", Period: fy, By: []string{"department"}})
		depts := shown(pairs)
		members := deptDivisions(t, s)
		for div, d := range divisions {
			sum := 0
			for dept, r := range depts {
				if members[dept] == div {
					sum += r.Respondents
				}
			}
			if id == "engagement_index" {
				leak(fmt.Sprintf("%s: division %s − its shown departments", id, div), d.Respondents-sum)
			}
		}
	}
	// A group, and the same group filtered to each grade in turn (also
	// beside a second filter): the group minus its shown grade slices is
	// its withheld ones.
	var grades []string
	for _, r := range compute(t, e, metrics.Request{Metric: "headcount", Period: fy, By: []string{"grade"}}).Rows {
		grades = append(grades, r.Key[0])
	}
	for _, base := range [][]metrics.Filter{nil, {{Dimension: "gender", Values: []string{"female"}}}, {{Dimension: "employment_type", Values: []string{"正社員"}}}} {
		for _, dim := range []string{"department", "tenure_band", "hire_type"} {
			whole := compute(t, e, metrics.Request{Metric: "engagement_index", Period: fy, By: []string{dim}, Filters: base})
			groups := shown(whole)
			const total = "(total)"
			groups[total] = whole.Totals[0]
			sums := map[string]int{}
			for _, g := range grades {
				sliced := compute(t, e, metrics.Request{Metric: "engagement_index", Period: fy, By: []string{dim},
					Filters: append(slices.Clone(base), metrics.Filter{Dimension: "grade", Values: []string{g}})})
				for k, r := range shown(sliced) {
					sums[k] += r.Respondents
				}
				if tot := sliced.Totals[0]; !tot.Withheld {
					sums[total] += tot.Respondents
				}
			}
			for k, r := range groups {
				if !r.Withheld {
					leak(fmt.Sprintf("engagement_index by %s %q with %v − its shown grade slices", dim, k, base), r.Respondents-sums[k])
				}
			}
		}
	}
	if withheld == 0 || attempts < 50 {
		t.Fatalf("the attack saw %d withheld groups in %d attempts: the data does not exercise anonymity", withheld, attempts)
	}
	t.Logf("%d attempts, %d withheld groups seen", attempts, withheld)
}

// deptDivisions maps each department to its division at the survey's close.
func deptDivisions(t *testing.T, s queries.Store) map[string]string {
	t.Helper()
	type pair struct {
		Department string `ch:"department"`
		Division   string `ch:"division"`
	}
	ps, err := queries.Select[pair](context.Background(), s, "SELECT DISTINCT toString(department) AS department, toString(division) AS division FROM employee_snapshots", nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range ps {
		out[p.Department] = p.Division
	}
	return out
}

// testImpact checks program impact against the workforce figures: the
// cohort is the headcount on the year's first day, its leavers those not
// retained through the year, and the groups of a breakdown add up to it.
func testImpact(t *testing.T, s queries.Store) {
	e := engine(t, s, 5)
	ctx := context.Background()
	side, err := e.Impact(ctx, metrics.ImpactRequest{FiscalYear: 2024, Program: "side_job"})
	if err != nil {
		t.Fatal(err)
	}
	if len(side.Rows) != 1 {
		t.Fatalf("%d rows without a breakdown, want 1", len(side.Rows))
	}
	whole := side.Rows[0]
	if whole.Users.Employees != 187 || whole.Users.Leavers != 20 || whole.NonUsers.Employees != 1845 || whole.NonUsers.Leavers != 172 {
		t.Errorf("side jobs, FY2024: users %d (%d left), others %d (%d left); want 187 (20) and 1845 (172)",
			whole.Users.Employees, whole.Users.Leavers, whole.NonUsers.Employees, whole.NonUsers.Leavers)
	}
	retention := compute(t, e, metrics.Request{Metric: "retention_rate", Period: e.Calendar.FiscalYear(2024)}).Rows[0]
	res, err := e.Impact(ctx, metrics.ImpactRequest{FiscalYear: 2024, Category: "challenge", By: []string{"department"}})
	if err != nil {
		t.Fatal(err)
	}
	last := res.Rows[len(res.Rows)-1]
	if len(last.Key) != 0 {
		t.Fatalf("the last row is keyed %v, want the whole cohort", last.Key)
	}
	cohort := last.Users.Employees + last.NonUsers.Employees
	leavers := last.Users.Leavers + last.NonUsers.Leavers
	if float64(cohort) != *retention.Denominator || float64(cohort-leavers) != retention.Numerator {
		t.Errorf("cohort %d with %d leavers; the workforce says %v at the start, %v retained", cohort, leavers, *retention.Denominator, retention.Numerator)
	}
	var sum [4]int
	for _, r := range res.Rows[:len(res.Rows)-1] {
		sum[0], sum[1], sum[2], sum[3] = sum[0]+r.Users.Employees, sum[1]+r.Users.Leavers, sum[2]+r.NonUsers.Employees, sum[3]+r.NonUsers.Leavers
		for _, g := range []metrics.ImpactGroup{r.Users, r.NonUsers} {
			if g.Rate != nil && (*g.Rate < g.Interval.Low || *g.Rate > g.Interval.High) {
				t.Errorf("%v: rate %.2f outside its interval %+v", r.Key, *g.Rate, *g.Interval)
			}
		}
		if r.Difference != nil && (*r.Difference < r.DifferenceInterval.Low || *r.Difference > r.DifferenceInterval.High ||
			math.Abs(*r.Difference-(*r.Users.Rate-*r.NonUsers.Rate)) > 1e-9) {
			t.Errorf("%v: difference %.2f, interval %+v", r.Key, *r.Difference, *r.DifferenceInterval)
		}
	}
	if sum != [4]int{last.Users.Employees, last.Users.Leavers, last.NonUsers.Employees, last.NonUsers.Leavers} {
		t.Errorf("departments add up to %v, the cohort is %+v / %+v", sum, last.Users, last.NonUsers)
	}
	if _, err := e.Impact(ctx, metrics.ImpactRequest{FiscalYear: 2024, Category: "dream"}); err == nil || !strings.Contains(err.Error(), "not a category") {
		t.Errorf("an unknown category: %v", err)
	}
}

// TestDerivedTables: the derived tables the metrics read (employee spans,
// survey answers with their respondents' attributes) are rebuilt when
// batches are loaded or undone — also when a batch state changed without a
// rebuild, as after a crash — and always hold what their views compute.
func TestDerivedTables(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	e := engine(t, s, 5)
	fy := e.Calendar.FiscalYear(2025)
	sameAsView := func(when string) {
		t.Helper()
		for _, d := range [][2]string{{"employee_spans", "employee_span_source"}, {"survey_answers", "survey_answer_source"},
			{"program_event_facts", "program_event_fact_source"}, {"employee_months", "employee_month_source"},
			{"workforce_fiscal_years", "workforce_fiscal_year_source"}, {"survey_populations", "survey_population_source"},
			{"workforce_cells", "workforce_cell_source"}, {"one_on_one_cells", "one_on_one_cell_source"}} {
			n, err := queries.Get[struct {
				Missing uint64 `ch:"missing"`
				Extra   uint64 `ch:"extra"`
				Rows    uint64 `ch:"rows"`
			}](ctx, s, fmt.Sprintf(`SELECT
    (SELECT count() FROM (SELECT * FROM %[2]s EXCEPT SELECT * FROM %[1]s)) AS missing,
    (SELECT count() FROM (SELECT * FROM %[1]s EXCEPT SELECT * FROM %[2]s)) AS extra,
    (SELECT count() FROM %[1]s) AS rows`, d[0], d[1]), nil)
			if err != nil {
				t.Fatal(err)
			}
			if n.Missing != 0 || n.Extra != 0 {
				t.Errorf("%s: %s misses %d rows of %s and has %d it does not", when, d[0], n.Missing, d[1], n.Extra)
			}
			t.Logf("%s: %d rows in %s", when, n.Rows, d[0])
		}
	}
	headcount := func() float64 {
		t.Helper()
		return compute(t, e, metrics.Request{Metric: "headcount", Period: fy}).Totals[0].Numerator
	}
	dir := filepath.Join("testdata", "fixture")
	mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{filepath.Join(dir, "employees_2025-04-01.csv")}, AsOf: "2025-04-01"})
	mustLoad(t, s, ingest.Request{Dataset: "surveys", Files: []string{filepath.Join(dir, "surveys.csv")}})
	sameAsView("one snapshot")
	first := headcount()
	mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{filepath.Join(dir, "employees_2026-03-31.csv")}, AsOf: "2026-03-31"})
	mustLoad(t, s, ingest.Request{Dataset: "responses", Files: []string{filepath.Join(dir, "responses_fy2025.csv")}, Survey: "S2025"})
	sameAsView("two snapshots and answers")
	second := headcount()
	if second == first {
		t.Fatalf("headcount %v with one snapshot and with two: the second snapshot should change it", first)
	}
	// A state change no rebuild followed, as after a crash: the next query
	// rebuilds.
	latest := func() queries.Batch { // the newest employee batch
		t.Helper()
		batches, err := queries.Batches(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range batches { // newest first
			if b.Dataset == "employees" && b.State == queries.BatchCommitted {
				return b
			}
		}
		t.Fatal("no committed employee batch")
		return queries.Batch{}
	}
	if _, err := queries.ChangeStates(ctx, s, queries.StateChange{Batch: latest(), State: queries.BatchUndone}); err != nil {
		t.Fatal(err)
	}
	if got := headcount(); got != first {
		t.Errorf("headcount %v after the second snapshot was undone without a rebuild, want %v as before it", got, first)
	}
	sameAsView("undone without a rebuild")
	// Undo through the loader.
	mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{filepath.Join(dir, "employees_2025-10-01.csv")}, AsOf: "2025-10-01"})
	sameAsView("another snapshot")
	if _, err := ingest.Undo(ctx, s, latest().ID.String()); err != nil {
		t.Fatal(err)
	}
	sameAsView("undone")
	if got := headcount(); got != first {
		t.Errorf("headcount %v after undoing the last snapshot, want %v", got, first)
	}
}
