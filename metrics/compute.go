package metrics

import (
	"context"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/careerkpi/careerkpi/queries"
)

// Engine computes metrics through a store.
type Engine struct {
	Store    queries.Store
	Calendar Calendar
	Registry *Registry
	// Threshold is the fewest respondents a survey figure may stand on.
	Threshold int
	// Targets are the metrics' targets per fiscal year.
	Targets Targets
	// Turnover is the formula Registry's attrition rates divide by.
	Turnover TurnoverFormula
	// Benchmark is the national figures new-graduate cohorts stand beside;
	// nil for the file careerkpi comes with (DefaultBenchmark).
	Benchmark *Benchmark
	// NoRollups makes every figure come from the events themselves rather
	// than from rollups such as program_use_years: the tests compare the
	// two.
	NoRollups bool

	cache  *resultCache
	ranges rangesCache
}

// Targets holds targets: metric id → fiscal year → target value.
type Targets map[string]map[int]float64

// MinThreshold is the lowest anonymity threshold careerkpi accepts, and
// DefaultThreshold the one it uses unless told otherwise.
const (
	MinThreshold     = 3
	DefaultThreshold = 5
)

// ReasonTooFew is why a withheld figure is withheld.
const ReasonTooFew = "not enough responses"

// Request asks for a metric's values.
type Request struct {
	Metric string
	Period Period
	// By are the dimensions to break the values down by: at most one time
	// dimension (first) and one other.
	By      []string
	Filters []Filter
	// Program is the program id or kind of a metric that NeedsProgram.
	Program string
	// Compare adds to each row the value of the same group in the previous
	// period of the same kind (Calendar.Previous): the previous fiscal year,
	// or for a survey held once a year, the previous survey. Items are
	// matched by id, so a question asked again keeps its id.
	Compare bool
}

// Result is a metric's values for a request.
type Result struct {
	Metric  *Metric
	Period  Period
	By      []string
	Filters []Filter
	Program string
	// Rows are the values by the request's dimensions, a row per group.
	// Without dimensions there is one row, the total.
	Rows []Row
	// Totals are the totals of the breakdown: one, or one per period of a
	// time dimension (keyed by its label). Without an attribute dimension
	// they are the Rows themselves (the same slice); a metric computed Per a
	// dimension has none.
	Totals    []Row
	Threshold int
	// Previous is the period compared with, when the request asked for it.
	Previous *Period

	breakdown bool // Rows are groups of an attribute dimension, beside Totals
	// divisions holds, for a breakdown by department of a survey metric,
	// the departments counted under each division, period by period.
	divisions map[int]map[string][]string
}

// Breakdown reports whether the rows are groups of an attribute dimension
// (department, grade, …) shown beside their totals, rather than the totals
// themselves.
func (r *Result) Breakdown() bool { return r.breakdown }

// slices returns the distinct slices of rows: Rows, and Totals when they
// are not the same.
func (r *Result) slices() [][]Row {
	if r.breakdown {
		return [][]Row{r.Rows, r.Totals}
	}
	return [][]Row{r.Rows}
}

// Row is a metric's value for one group.
type Row struct {
	// Key holds the group's value of each dimension of the request.
	Key []string
	// Value is nil when it cannot be computed (no denominator) or is
	// withheld.
	Value       *float64
	Numerator   float64
	Denominator *float64
	// Respondents counts the people behind a survey figure.
	Respondents int
	Withheld    bool
	Reason      string
	// Target is the metric's target for the fiscal year of the period.
	Target *float64
	// Previous is the group's value in the period compared with, and Change
	// the value minus it (percentage points for a percentage); nil unless
	// both are shown.
	Previous, Change *float64

	period int // 0-based index of the row's period
}

// plan is a request checked against its metric.
type plan struct {
	metric   *Metric
	periods  []Period
	timeDim  *Dimension
	by       []Dimension // attribute dimensions
	filters  []Filter
	program  string
	calendar Calendar
	// noRollups: see Engine.NoRollups.
	noRollups bool
	// ranges are what the rollups answer, for the fast paths (fast.go);
	// nil chooses none.
	ranges *rollupRanges
	// results holds the rows of the statements run for the plan, by
	// statement: anonymity asks again for some that the figures were
	// computed from (cellsCut).
	results map[string]*statementResult
}

// plan checks req against the registry and plans its statements; its
// errors are the caller's mistakes (RequestError).
func (e *Engine) plan(req Request) (*plan, error) {
	pl, err := e.checkedPlan(req)
	return pl, requestError(err)
}

func (e *Engine) checkedPlan(req Request) (*plan, error) {
	m, err := e.Registry.Lookup(req.Metric)
	if err != nil {
		return nil, err
	}
	if m.NeedsProgram && req.Program == "" {
		return nil, fmt.Errorf("metrics: %s needs a program: name one by its id or kind (such as career_interview)", m.ID)
	}
	if !m.NeedsProgram && req.Program != "" {
		return nil, fmt.Errorf("metrics: %s is not the metric of one program; program_utilization is", m.ID)
	}
	if req.Compare && slices.ContainsFunc(req.By, func(id string) bool { d, _ := DimensionByID(id); return d.Time != "" }) {
		return nil, fmt.Errorf("metrics: compare a period with the one before it, or break it down by %s, not both: the breakdown already shows the change", req.By[0])
	}
	if m.Per != "" && !slices.Contains(req.By, m.Per) {
		return nil, fmt.Errorf("metrics: %s is computed per %s: break it down by %s", m.ID, m.Per, m.Per)
	}
	pl := &plan{metric: m, program: req.Program, calendar: e.Calendar, noRollups: e.NoRollups, results: map[string]*statementResult{}}
	for i, id := range req.By {
		d, err := m.dimension(id)
		if err != nil {
			return nil, err
		}
		if d.Time != "" {
			if i != 0 || pl.timeDim != nil {
				return nil, fmt.Errorf("metrics: the time dimension %s must come first, and only one", id)
			}
			pl.timeDim = &d
			continue
		}
		if len(pl.by) > 0 {
			return nil, fmt.Errorf("metrics: break down by one dimension (and optionally a time dimension first), not %s", strings.Join(req.By, " and "))
		}
		pl.by = append(pl.by, d)
	}
	for dim, vals := range m.Filters {
		pl.filters = append(pl.filters, Filter{Dimension: dim, Values: vals})
	}
	slices.SortFunc(pl.filters, func(a, b Filter) int { return strings.Compare(a.Dimension, b.Dimension) })
	for _, f := range req.Filters {
		d, err := m.dimension(f.Dimension)
		if err != nil {
			return nil, err
		}
		if d.Time != "" {
			return nil, fmt.Errorf("metrics: filter %s: choose the period instead of filtering by %s", f, d.ID)
		}
		if err := d.check(f); err != nil {
			return nil, err
		}
		pl.filters = append(pl.filters, f)
	}
	pl.periods = []Period{req.Period}
	if pl.timeDim != nil {
		if pl.periods, err = e.Calendar.Split(req.Period, pl.timeDim.Time); err != nil {
			return nil, err
		}
	}
	return pl, nil
}

func (m *Metric) dimension(id string) (Dimension, error) {
	d, ok := DimensionByID(id)
	if !ok || !slices.Contains(m.Dimensions, id) {
		return Dimension{}, fmt.Errorf("metrics: %s cannot be cut by %q (dimensions: %s)", m.ID, id, strings.Join(m.Dimensions, ", "))
	}
	return d, nil
}

// Compute returns a metric's values for req.
func (e *Engine) Compute(ctx context.Context, req Request) (*Result, error) {
	version, err := e.current(ctx)
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	key := e.cacheKey(version, "compute", req)
	if r, ok := e.cached(key); ok {
		return r.(*Result), nil
	}
	res, err := e.compute(context.WithValue(ctx, versionKey{}, version), req)
	if err == nil {
		e.keep(key, res)
	}
	return res, err
}

// checkProgram refuses a program that is neither the id nor the kind of a
// program of the catalog at the data version (program_catalog, which has
// every kind, read with the rollups' ranges): it would count nobody, and a
// typo would read as a program nobody uses.
func (e *Engine) checkProgram(ctx context.Context, version, program string) error {
	r, err := e.rollupRanges(ctx, version)
	if err != nil {
		return err
	}
	var ids []string
	for _, p := range r.catalog {
		if p.ID == program || p.Kind == program {
			return nil
		}
		ids = append(ids, p.ID)
	}
	if best, ok := nearest(program, ids); ok {
		return requestErrorf("metrics: no program %q (did you mean %s?): name a program by its id or its kind, such as career_interview", program, best)
	}
	return requestErrorf("metrics: no program %q: name a program by its id or its kind, such as career_interview", program)
}

// derivedSettings are the settings of the engine that derived tables are
// built for: the fiscal year start, for employee_fiscal_years.
func (e *Engine) derivedSettings() []queries.Setting {
	return []queries.Setting{{Name: queries.SettingFiscalYearStart, Value: strconv.Itoa(int(e.Calendar.StartMonth))}}
}

// compute is Compute once the derived tables are known to be current.
func (e *Engine) compute(ctx context.Context, req Request) (*Result, error) {
	pl, err := e.plan(req)
	if err != nil {
		return nil, err
	}
	if err := e.withRanges(ctx, pl); err != nil {
		return nil, err
	}
	if pl.program != "" {
		version, err := e.current(ctx) // pinned by Compute
		if err != nil {
			return nil, fmt.Errorf("metrics: %w", err)
		}
		if err := e.checkProgram(ctx, version, pl.program); err != nil {
			return nil, err
		}
	}
	res := &Result{Metric: pl.metric, Period: req.Period, By: req.By, Filters: req.Filters, Program: req.Program, Threshold: e.threshold(),
		breakdown: len(pl.by) > 0}
	if res.Rows, res.Totals, res.divisions, err = e.rows(ctx, pl); err != nil {
		return nil, err
	}
	switch {
	case len(pl.by) == 0:
		res.Totals = res.Rows
	case pl.metric.Per != "": // a metric per item has no total
		res.Totals = nil
	}
	if pl.metric.Survey {
		if err := e.protect(ctx, pl, res); err != nil {
			return nil, err
		}
	}
	for _, rows := range res.slices() {
		for i := range rows {
			r := &rows[i]
			if pl.timeDim != nil {
				r.Key = append([]string{pl.periods[r.period].Label}, r.Key...)
			}
			if t, ok := e.target(pl.metric.ID, e.Calendar.FiscalYearOf(pl.periods[r.period].Start)); ok && pl.periods[r.period].Kind == KindFiscalYear {
				r.Target = &t
			}
		}
	}
	if req.Compare {
		if err := e.compare(ctx, req, res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// compare sets each row's Previous and Change from the same request for the
// previous period. Both figures have been through anonymity on their own,
// and a change is only given where both are shown.
func (e *Engine) compare(ctx context.Context, req Request, res *Result) error {
	prevReq := req
	prevReq.Compare = false
	prevReq.Period = e.Calendar.Previous(req.Period)
	prev, err := e.compute(ctx, prevReq)
	if err != nil {
		return err
	}
	res.Previous = &prevReq.Period
	before := map[string]*float64{}
	for _, rows := range prev.slices() {
		for _, r := range rows {
			before[keyOf(0, r.Key).key] = r.Value
		}
	}
	for _, rows := range res.slices() {
		for i := range rows {
			r := &rows[i]
			if p := before[keyOf(0, r.Key).key]; p != nil && r.Value != nil {
				c := *r.Value - *p
				r.Previous, r.Change = p, &c
			}
		}
	}
	return nil
}

func (e *Engine) threshold() int {
	return max(e.Threshold, MinThreshold)
}

// groupKey identifies a row's group within a computation.
type groupKey struct {
	period int
	key    string
}

func keyOf(period int, key []string) groupKey {
	return groupKey{period, strconv.Itoa(len(key)) + "\x00" + strings.Join(key, "\x00")}
}

// rows computes the metric's rows before anonymity: the groups of the
// plan's breakdown, and the totals beside them (the same rows when there is
// no breakdown).
func (e *Engine) rows(ctx context.Context, pl *plan) (groups, totals []Row, divisions map[int]map[string][]string, err error) {
	m, by := pl.metric, pl.by
	vals, err := e.filteredTerms(ctx, pl, m.terms())
	if err != nil {
		return nil, nil, nil, err
	}
	num, den := vals[0], map[groupKey]termValue(nil)
	if m.Survey && withinDivisions(by) {
		divisions = map[int]map[string][]string{}
		for k, v := range num {
			if len(v.key) != 2 {
				continue
			}
			if divisions[k.period] == nil {
				divisions[k.period] = map[string][]string{}
			}
			divisions[k.period][v.key[0]] = append(divisions[k.period][v.key[0]], v.key[1])
		}
	}
	if m.Denominator != nil {
		den = vals[1]
	}
	keys := map[groupKey][]string{}
	for k, v := range num {
		keys[k] = v.key
	}
	for k, v := range den {
		keys[k] = v.key
	}
	for p := range pl.periods { // a total exists even when nothing was counted
		if _, ok := keys[keyOf(p, nil)]; !ok {
			keys[keyOf(p, nil)] = []string{}
		}
	}
	for k, key := range keys {
		r := Row{Key: key, period: k.period, Numerator: num[k].value, Respondents: num[k].respondents}
		factor := 1.0
		if m.Annualised {
			factor = pl.periods[k.period].AnnualisationFactor()
		}
		if m.Denominator == nil {
			if v := m.Scale * r.Numerator * factor; !math.IsNaN(v) { // a correlation of values that do not vary
				r.Value = &v
			}
		} else {
			d := den[k].value
			r.Denominator = &d
			if d != 0 {
				v := m.Scale * r.Numerator / d * factor
				r.Value = &v
			}
		}
		if len(key) == len(by) {
			groups = append(groups, r)
		}
		if len(key) == 0 && len(by) > 0 {
			totals = append(totals, r)
		}
	}
	order := func(a, b Row) int {
		if a.period != b.period {
			return a.period - b.period
		}
		return slices.Compare(a.Key, b.Key)
	}
	slices.SortFunc(groups, order)
	slices.SortFunc(totals, order)
	return groups, totals, divisions, nil
}

type termValue struct {
	key         []string
	value       float64
	respondents int
}

// cellsCut reports whether the plan's figures are read from the cells that
// anonymity cuts anyway (protectFilterValues): a survey metric filtered by
// one value of one attribute, whose groups are those of the breakdown cut
// by that attribute too, without the filter, and whose totals (if it has
// any) those of the attribute alone. It returns the attribute and the
// value. A breakdown by department, whose survey statements also count
// divisions, or by the filter's own attribute, is computed as asked, and
// so is every figure with Engine.NoRollups.
func (pl *plan) cellsCut() (Dimension, string, bool) {
	if !pl.metric.Survey || pl.noRollups || len(pl.filters) != 1 || len(pl.filters[0].Values) != 1 || withinDivisions(pl.by) {
		return Dimension{}, "", false
	}
	d, _ := DimensionByID(pl.filters[0].Dimension)
	if d.SurveyOnly || slices.ContainsFunc(pl.by, func(b Dimension) bool { return b.Column == d.Column }) {
		return Dimension{}, "", false
	}
	return d, pl.filters[0].Values[0], true
}

// cellCuts returns the cuts whose cells give the plan's figures when
// cellsCut holds: the breakdown and the attribute, and for totals the
// attribute alone.
func (pl *plan) cellCuts(d Dimension) [][]Dimension {
	cuts := [][]Dimension{{d}}
	if len(pl.by) > 0 {
		cuts = [][]Dimension{append(slices.Clone(pl.by), d)}
		if pl.metric.Per == "" { // a metric per item has no totals
			cuts = append(cuts, []Dimension{d})
		}
	}
	return cuts
}

// filteredTerms returns each term's column per group of the plan, the
// totals included: from the cells of cellsCut when it holds, else as asked.
func (e *Engine) filteredTerms(ctx context.Context, pl *plan, ts []Term) ([]map[groupKey]termValue, error) {
	d, value, ok := pl.cellsCut()
	if !ok {
		return e.surveyTotals(ctx, pl, ts)
	}
	out := make([]map[groupKey]termValue, len(ts))
	for i := range out {
		out[i] = map[groupKey]termValue{}
	}
	for _, cut := range pl.cellCuts(d) {
		cells, err := e.terms(ctx, pl, ts, cut, nil)
		if err != nil {
			return nil, err
		}
		for i, vals := range cells {
			for k, v := range vals {
				if len(v.key) != len(cut) || v.key[len(cut)-1] != value {
					continue // another value's cell, or a total of every value
				}
				v.key = v.key[:len(cut)-1]
				out[i][keyOf(k.period, v.key)] = v
			}
		}
	}
	return out, nil
}

// surveyTotals returns each term's column per group of the plan, the
// totals included. Cut by theme or item, a respondent is in every group of
// the items they answered, so the groups' respondents do not add up to the
// totals': those come from the figures without the cut, where each
// respondent counts once (the answers do add up).
func (e *Engine) surveyTotals(ctx context.Context, pl *plan, ts []Term) ([]map[groupKey]termValue, error) {
	out, err := e.terms(ctx, pl, ts, pl.by, pl.filters)
	if err != nil || !pl.metric.Survey || !slices.ContainsFunc(pl.by, func(d Dimension) bool { return d.SurveyOnly }) || pl.metric.Per != "" {
		return out, err // a metric per item has no totals
	}
	whole, err := e.terms(ctx, pl, ts, nil, pl.filters)
	if err != nil {
		return nil, err
	}
	for i, vals := range out {
		for k, v := range vals {
			if len(v.key) == 0 {
				v.respondents = whole[i][k].respondents
				vals[k] = v
			}
		}
	}
	return out, nil
}

// term runs a term's SQL and returns its column per group, the totals (an
// empty key) included.
func (e *Engine) term(ctx context.Context, pl *plan, t Term, by []Dimension, filters []Filter) (map[groupKey]termValue, error) {
	vals, err := e.terms(ctx, pl, []Term{t}, by, filters)
	if err != nil {
		return nil, err
	}
	return vals[0], nil
}

// terms returns each term's column per group, the totals (an empty key)
// included, running one statement for all the terms that share it.
func (e *Engine) terms(ctx context.Context, pl *plan, ts []Term, by []Dimension, filters []Filter) ([]map[groupKey]termValue, error) {
	out := make([]map[groupKey]termValue, len(ts))
	for _, group := range shareStatements(ts) {
		t := ts[group[0]]
		var cols []string // each term's column to add and, if any, to subtract
		for _, j := range group {
			plus, minus := ts[j].columns()
			cols = append(cols, plus, minus)
		}
		got, err := e.run(ctx, pl, pl.statement(t.Query, t.Params, by, filters), cols)
		if err != nil {
			return nil, err
		}
		for n, j := range group {
			out[j] = map[groupKey]termValue{}
			for k, r := range got {
				out[j][k] = termValue{key: r.key, value: r.values[2*n] - r.values[2*n+1], respondents: r.respondents}
			}
		}
	}
	return out, nil
}

// shareStatements groups the terms by the statement that computes them:
// the same SQL file with the same parameters (a numerator and its
// denominator usually are). Each group lists indexes of ts.
func shareStatements(ts []Term) [][]int {
	var groups [][]int
	for i, t := range ts {
		g := slices.IndexFunc(groups, func(g []int) bool {
			return ts[g[0]].Query == t.Query && reflect.DeepEqual(ts[g[0]].Params, t.Params)
		})
		if g < 0 {
			groups = append(groups, []int{i})
		} else {
			groups[g] = append(groups[g], i)
		}
	}
	return groups
}

type queryRow struct {
	key         []string
	values      []float64
	respondents int
}

// run runs a statement and returns, per group, the values of cols (an empty
// name reads as 0) and the respondents when the statement counts them.
func (e *Engine) run(ctx context.Context, pl *plan, st Statement, cols []string) (map[groupKey]queryRow, error) {
	res, err := e.result(ctx, pl, st)
	if err != nil {
		return nil, err
	}
	for _, c := range append([]string{"p", "key"}, cols...) {
		if _, ok := res.pos[c]; c != "" && !ok {
			return nil, fmt.Errorf("metrics: %s.sql returns no column %s", st.Query, c)
		}
	}
	out := make(map[groupKey]queryRow, len(res.rows))
	for k, full := range res.rows {
		r := queryRow{key: full.key, values: make([]float64, len(cols)), respondents: full.respondents}
		for n, c := range cols {
			if c != "" {
				r.values[n] = full.values[res.pos[c]]
			}
		}
		out[k] = r
	}
	return out, nil
}

// statementResult is every column of a statement's rows, by group.
type statementResult struct {
	pos  map[string]int // column → its index in a row's values
	rows map[groupKey]queryRow
}

// result runs a statement once per plan and returns its rows.
func (e *Engine) result(ctx context.Context, pl *plan, st Statement) (*statementResult, error) {
	id := st.Query + "\x00" + fmt.Sprint(st.Params) // fmt prints maps sorted by key
	if res, ok := pl.results[id]; ok {
		return res, nil
	}
	rows, err := e.Store.Query(ctx, st.SQL, st.Params)
	if err != nil {
		return nil, fmt.Errorf("metrics: %s (%s.sql): %w", pl.metric.ID, st.Query, err)
	}
	defer rows.Close()
	res := &statementResult{pos: map[string]int{}, rows: map[groupKey]queryRow{}}
	for i, c := range rows.Columns() {
		res.pos[c.Name] = i
	}
	var (
		p    int
		key  []string
		vals = make([]float64, len(res.pos))
		dest = make([]any, len(res.pos))
	)
	for name, i := range res.pos {
		switch name {
		case "p":
			dest[i] = &p
		case "key":
			dest[i] = &key
		default:
			dest[i] = &vals[i]
		}
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("metrics: %s.sql: %w", st.Query, err)
		}
		r := queryRow{key: slices.Clone(key), values: slices.Clone(vals)}
		if i, ok := res.pos["respondents"]; ok {
			r.respondents = int(vals[i])
		}
		res.rows[keyOf(p-1, key)] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("metrics: %s (%s.sql): %w", pl.metric.ID, st.Query, err)
	}
	pl.results[id] = res
	return res, nil
}

// Statement is one SQL statement a computation runs, with its parameters.
type Statement struct {
	Query  string // the SQL file, queries/sql/<Query>.sql
	SQL    string
	Params queries.Params
}

// Statements returns the statements Compute runs for req before
// anonymity: one per SQL file its terms read, or the cuts of cellsCut
// (anonymity may run more).
func (e *Engine) Statements(req Request) ([]Statement, error) {
	pl, err := e.plan(req)
	if err != nil {
		return nil, err
	}
	if err := e.withRanges(context.Background(), pl); err != nil {
		return nil, err
	}
	terms := pl.metric.terms()
	var out []Statement
	for _, group := range shareStatements(terms) {
		t := terms[group[0]]
		if d, _, ok := pl.cellsCut(); ok {
			for _, cut := range pl.cellCuts(d) {
				out = append(out, pl.statement(t.Query, t.Params, cut, nil))
			}
			continue
		}
		out = append(out, pl.statement(t.Query, t.Params, pl.by, pl.filters))
	}
	return out, nil
}

// statement returns a metric SQL file with the parameters it takes for the
// plan's periods, cut by and filtered.
func (pl *plan) statement(query string, tp queries.Params, by []Dimension, filters []Filter) Statement {
	sql := queries.SQL(query)
	starts := make([]time.Time, len(pl.periods))
	ends := make([]time.Time, len(pl.periods))
	points := make([][]time.Time, len(pl.periods))
	for i, p := range pl.periods {
		starts[i], ends[i], points[i] = p.Start, p.End, p.HeadcountDates()
	}
	all := queries.Params{"starts": starts, "ends": ends, "points": points, "rollups": !pl.noRollups}
	cutParams(all, by, filters)
	for k, v := range tp {
		all[k] = v
	}
	if pl.metric.NeedsProgram {
		all["categories"], all["programs"] = []string{}, []string{pl.program}
	}
	if fast, extra := pl.fastQuery(query, all); fast != "" {
		query, sql = fast, queries.SQL(fast)
		maps.Copy(all, extra)
	}
	sql, params := bound(sql, all)
	return Statement{Query: query, SQL: sql, Params: params}
}

// bound returns a metric SQL file ready to run with the parameters of all
// it takes. An unused key ({key1}, {key2} or {within} set to noKey by
// cutParams) becomes an empty string literal in the statement: grouped by
// a column of constants (the ALIAS column no_key, dropped by migrations
// 0059–0067), the engine reads and groups it row by row (a five-year 1on1
// trend: 120 ms against 50). The filter placeholder
// {attributes:Filter} becomes attributeCondition's condition.
func bound(sql string, all queries.Params) (string, queries.Params) {
	for _, key := range []string{"key1", "key2", "within"} {
		if all[key] == noKey {
			sql = queries.Inline(sql, key, "''")
		}
	}
	sql = queries.Inline(sql, attributeFilter, attributeCondition(all))
	params := queries.Params{}
	for _, ph := range queries.Placeholders(sql) {
		if v, ok := all[ph.Name]; ok {
			params[ph.Name] = v
		}
	}
	return sql, params
}

// attributeFilter names the placeholder, {attributes:Filter}, that a
// metric SQL file writes where its rows are filtered by the attributes
// (every Dimension with a Column but the survey-only ones). ClickHouse has
// no type Filter: a statement that reached it unbound would fail.
const attributeFilter = "attributes"

// attributeCondition is the condition bound puts in place of
// {attributes:Filter}: has({<column>_in}, <column>) for each attribute
// whose filters allow some values (cutParams' {<column>_in}), true when
// none does. An attribute not filtered costs the statement nothing, and
// one filtered on a table without its column fails loudly.
func attributeCondition(all queries.Params) string {
	var conds []string
	for _, d := range Dimensions {
		if !d.attribute() {
			continue
		}
		if in, _ := all[d.Column+"_in"].([]string); len(in) > 0 {
			conds = append(conds, fmt.Sprintf("has({%s_in:Array(String)}, %s)", d.Column, d.Column))
		}
	}
	if len(conds) == 0 {
		return "true"
	}
	return "(" + strings.Join(conds, " AND ") + ")"
}

// noKey is the value cutParams gives an unused {key1}, {key2} or
// {within}; bound puts an empty string in its place in the statement.
const noKey = "no_key"

// noValue is a filter value no attribute takes: the {<column>_in} of an
// attribute filtered twice with no value in common.
const noValue = "\x00"

// withinDivisions reports whether a breakdown is by department, whose
// groups the survey SQL files also count division by division: anonymity
// protects the departments of each division beside the division.
func withinDivisions(by []Dimension) bool {
	return len(by) == 1 && by[0].ID == "department"
}

// cutParams sets the parameters of a metric SQL file that cut and filter it:
// {key1} and {key2}, the attribute columns of the breakdown (no_key where
// there are fewer than two), {keys}, how many there are, {cut}, the columns
// themselves, {within}, the division column for a breakdown by department
// (whose rows come once more, keyed by division and department, in the
// survey SQL files; no_key otherwise), and for every attribute
// {<column>_in}, the values its filters allow (empty: any), and
// {filtered}, whether there are any. Two filters on one attribute allow the
// values they have in common.
func cutParams(params queries.Params, by []Dimension, filters []Filter) {
	keys := []string{noKey, noKey}
	for i, d := range by {
		keys[i] = d.Column
	}
	params["key1"], params["key2"], params["keys"] = keys[0], keys[1], uint8(len(by))
	params["cut"] = keys[:len(by)]
	params["within"] = noKey
	if withinDivisions(by) {
		params["within"] = "division"
	}
	params["filtered"] = len(filters) > 0
	allowed := map[string][]string{}
	for _, f := range filters {
		d, _ := DimensionByID(f.Dimension)
		if prev, ok := allowed[d.Column]; ok {
			f.Values = slices.DeleteFunc(slices.Clone(f.Values), func(v string) bool { return !slices.Contains(prev, v) })
			if len(f.Values) == 0 {
				f.Values = []string{noValue}
			}
		}
		allowed[d.Column] = f.Values
	}
	for _, d := range Dimensions {
		if d.Column != "" {
			params[d.Column+"_in"] = append([]string{}, allowed[d.Column]...)
		}
	}
}
