package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/sync/errgroup"

	"github.com/careerkpi/careerkpi/metrics"
)

// Options say what the report holds.
type Options struct {
	FiscalYear int              // the report's fiscal year
	Filters    []metrics.Filter // always applied (a department head's scope: only their departments)
	Title      string           // e.g. "careerkpi KPI report"; optional
	// Source describes where the figures come from, for the cover/summary note: e.g. "published version 3, 2026-04-10 by hr" or "live figures, 2026-12-02 15:00"
	Source   string
	Calendar metrics.Calendar
	Now      time.Time
	// Programs are the programs whose utilization the utilization sheet
	// shows, in this order.
	Programs []Program
	// Items name the survey items of the drivers table; an item without
	// an entry is shown by its id.
	Items []Item
	// Turnover is the formula the attrition rates divide by, as the
	// figures were computed (a published version's own).
	Turnover metrics.TurnoverFormula
	// Disclosure is the human-capital disclosure sheet's figures; no
	// sheet when nil.
	Disclosure *metrics.Disclosure
	// Impact are the comparisons of the program impact sheet, which is
	// left out when there are none.
	Impact []Impact
	// Funnels are the program funnels of the fiscal year by department,
	// for the funnels sheet; no sheet when nil.
	Funnels *metrics.FunnelsResult
	// ComputedSource says where the program impact and the funnels come
	// from: they are computed from the data, never published.
	ComputedSource string
}

// Program is a program of the company, as the report names it.
type Program struct {
	ID, NameJA, NameEN string
}

// Item is a survey item, as the report names it.
type Item struct {
	ID, TextJA, TextEN string
}

// computeParallel is how many figures the report computes at once.
const computeParallel = 4

// Write writes the report as XLSX to w, reading every figure through figs
// (the live engine, or a published version — both implement
// metrics.Figures), with the metrics' definitions from reg. A caller that
// reads live figures pins the data version in ctx (metrics.AtVersion), so
// that every figure comes from the same data.
func Write(ctx context.Context, w io.Writer, figs metrics.Figures, reg *metrics.Registry, opts Options) error {
	if opts.FiscalYear == 0 {
		return errors.New("report: no fiscal year")
	}
	if opts.Calendar.StartMonth == 0 || opts.Calendar.Location == nil {
		return errors.New("report: no fiscal calendar (metrics.NewCalendar makes one)")
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Title == "" {
		opts.Title = defaultTitle
	}
	b, err := fetch(ctx, figs, reg, opts)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(font); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	wb := &book{f: f, opts: opts, figs: b, st: newStyles(f)}
	if err := wb.write(); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: write the workbook: %w", err)
	}
	return nil
}

// figures are every figure the report shows, by metric id.
type figures struct {
	period    metrics.Period
	quarters  []metrics.Period
	all       []*metrics.Metric // every metric of the registry
	metrics   []*metrics.Metric // the metrics of the summary, in catalog order
	threshold int

	// total holds the result whose Totals are each metric's total: its
	// breakdown by department where it has one, else its total alone.
	total, byDepartment, byQuarter map[string]*metrics.Result
	// per are the metrics computed per a dimension (the drivers, per
	// item), by metric id.
	per map[string]*metrics.Result
	// programs are the results of a metric of one program, one per
	// Options.Programs, by metric id.
	programs  map[string][]*metrics.Result
	perOrder  []*metrics.Metric
	progOrder []*metrics.Metric
}

// fetch computes every figure of the report, only at the cuts a published
// version holds, with the options' filters on each.
func fetch(ctx context.Context, figs metrics.Figures, reg *metrics.Registry, opts Options) (*figures, error) {
	fy := opts.Calendar.FiscalYear(opts.FiscalYear)
	quarters, err := opts.Calendar.Split(fy, metrics.KindQuarter)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	b := &figures{period: fy, quarters: quarters, total: map[string]*metrics.Result{}, byDepartment: map[string]*metrics.Result{},
		byQuarter: map[string]*metrics.Result{}, per: map[string]*metrics.Result{}, programs: map[string][]*metrics.Result{}, all: reg.All()}
	type job struct {
		req metrics.Request
		put func(*metrics.Result)
	}
	var jobs []job
	add := func(req metrics.Request, put func(*metrics.Result)) {
		req.Period = fy
		req.Filters = slices.Clone(opts.Filters)
		jobs = append(jobs, job{req, put})
	}
	for _, m := range reg.All() {
		switch {
		case m.NeedsProgram:
			b.progOrder = append(b.progOrder, m)
			b.programs[m.ID] = make([]*metrics.Result, len(opts.Programs))
			for i, p := range opts.Programs {
				add(metrics.Request{Metric: m.ID, Program: p.ID, Compare: true}, func(r *metrics.Result) { b.programs[m.ID][i] = r })
			}
		case m.Per != "":
			b.perOrder = append(b.perOrder, m)
			add(metrics.Request{Metric: m.ID, By: []string{m.Per}}, func(r *metrics.Result) { b.per[m.ID] = r })
		default:
			b.metrics = append(b.metrics, m)
			if slices.Contains(m.Dimensions, "department") {
				// The breakdown's total is the total, compared and
				// protected the same: one computation instead of two.
				add(metrics.Request{Metric: m.ID, By: []string{"department"}, Compare: true}, func(r *metrics.Result) {
					b.byDepartment[m.ID], b.total[m.ID] = r, r
				})
			} else {
				add(metrics.Request{Metric: m.ID, Compare: true}, func(r *metrics.Result) { b.total[m.ID] = r })
			}
			if slices.Contains(m.Dimensions, "quarter") {
				add(metrics.Request{Metric: m.ID, By: []string{"quarter"}}, func(r *metrics.Result) { b.byQuarter[m.ID] = r })
			}
		}
	}
	results := make([]*metrics.Result, len(jobs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(computeParallel)
	for i, j := range jobs {
		g.Go(func() error {
			res, err := figs.Compute(gctx, j.req)
			if err != nil {
				return fmt.Errorf("report: %s%s by %s: %w", j.req.Metric, programOf(j.req.Program), cutOf(j.req.By), err)
			}
			results[i] = res
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	b.threshold = metrics.DefaultThreshold
	for i, j := range jobs {
		j.put(results[i])
		if i == 0 {
			b.threshold = results[i].Threshold
		}
	}
	return b, nil
}

func programOf(p string) string {
	if p == "" {
		return ""
	}
	return " of " + p
}

func cutOf(by []string) string {
	if len(by) == 0 {
		return "the total"
	}
	return strings.Join(by, ",")
}

// book is the workbook being written.
type book struct {
	f    *excelize.File
	opts Options
	figs *figures
	st   *styles
}

// Sheet names, in both languages.
const (
	sheetSummary     = "概要 Summary"
	sheetDepartments = "部署別 Departments"
	sheetDefinitions = "指標の定義 Definitions"
)

// areas are the areas of the report, in order, with their sheet names.
var areas = []struct {
	area   metrics.Area
	sheet  string
	ja, en string
}{
	{metrics.Utilization, "利用状況 Utilization", "利用状況", "Utilization"},
	{metrics.Engagement, "エンゲージメント Engagement", "エンゲージメント", "Engagement"},
	{metrics.Attrition, "離職 Attrition", "離職", "Attrition"},
}

func (b *book) write() error {
	if err := b.f.SetSheetName("Sheet1", sheetSummary); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	names := areaSheets()
	if len(b.opts.Impact) > 0 {
		names = append(names, sheetImpact)
	}
	if b.opts.Funnels != nil {
		names = append(names, sheetFunnels)
	}
	if b.opts.Disclosure != nil {
		names = append(names, sheetDisclosure)
	}
	for _, name := range append(names, sheetDepartments, sheetDefinitions) {
		if _, err := b.f.NewSheet(name); err != nil {
			return fmt.Errorf("report: add sheet %s: %w", name, err)
		}
	}
	if err := b.summary(); err != nil {
		return fmt.Errorf("report: sheet %s: %w", sheetSummary, err)
	}
	for _, a := range areas {
		if err := b.area(a.area, a.sheet, a.ja, a.en); err != nil {
			return fmt.Errorf("report: sheet %s: %w", a.sheet, err)
		}
	}
	if len(b.opts.Impact) > 0 {
		if err := b.impact(); err != nil {
			return fmt.Errorf("report: sheet %s: %w", sheetImpact, err)
		}
	}
	if b.opts.Funnels != nil {
		if err := b.funnels(); err != nil {
			return fmt.Errorf("report: sheet %s: %w", sheetFunnels, err)
		}
	}
	if b.opts.Disclosure != nil {
		if err := b.disclosure(); err != nil {
			return fmt.Errorf("report: sheet %s: %w", sheetDisclosure, err)
		}
	}
	if err := b.departments(); err != nil {
		return fmt.Errorf("report: sheet %s: %w", sheetDepartments, err)
	}
	if err := b.definitions(); err != nil {
		return fmt.Errorf("report: sheet %s: %w", sheetDefinitions, err)
	}
	if b.st.err != nil {
		return fmt.Errorf("report: styles: %w", b.st.err)
	}
	b.f.SetActiveSheet(0)
	err := b.f.SetDocProps(&excelize.DocProperties{Title: b.opts.Title, Subject: fiscalYearLabel(b.opts.FiscalYear),
		Creator: "careerkpi", Created: b.opts.Now.UTC().Format(time.RFC3339), Description: b.opts.Source})
	if err != nil {
		return fmt.Errorf("report: document properties: %w", err)
	}
	return nil
}

func areaSheets() []string {
	var names []string
	for _, a := range areas {
		names = append(names, a.sheet)
	}
	return names
}

// font is the report's font: Excel's own for Japanese since Office 2016,
// with Latin letters of its own.
const font = "游ゴシック"

// Texts of the report.
const (
	defaultTitle = "careerkpi KPIレポート KPI report"
	// withheldText stands in a cell for a figure anonymity withholds.
	withheldText = "not enough responses / 回答数不足"
)

func fiscalYearLabel(n int) string { return fmt.Sprintf("FY%d / %d年度", n, n) }

// scopeText describes the filters for the notes.
func scopeText(fs []metrics.Filter) string {
	if len(fs) == 0 {
		return "対象 Scope: 全社 whole company"
	}
	var parts []string
	for _, f := range fs {
		name := f.Dimension
		if d, ok := metrics.DimensionByID(f.Dimension); ok {
			name = d.NameJA + " " + d.NameEN
		}
		parts = append(parts, name+": "+strings.Join(f.Values, ", "))
	}
	return "対象 Scope: " + strings.Join(parts, "; ")
}

// unitText names a unit in both languages.
func unitText(u metrics.Unit) string {
	switch u {
	case metrics.Percent:
		return "%"
	case metrics.Per100:
		return "100人あたり / per 100"
	case metrics.Hours:
		return "時間 / hours"
	case metrics.Count:
		return "人・件 / count"
	case metrics.JPY:
		return "円 / JPY"
	case metrics.Points:
		return "ポイント / points"
	case metrics.Correlation:
		return "相関係数 / r"
	}
	return string(u)
}

// totalRow returns a result's total: the row of a request without
// dimensions, or the total beside a breakdown (by department).
func totalRow(r *metrics.Result) (metrics.Row, bool) {
	if r == nil || len(r.Totals) == 0 {
		return metrics.Row{}, false
	}
	return r.Totals[0], true
}

// attainment is the value against its target, as a percentage: value ÷
// target for a metric where higher is better, target ÷ value where lower
// is; nil when either is missing or the division means nothing.
func attainment(m *metrics.Metric, r metrics.Row) *float64 {
	if r.Withheld || r.Value == nil || r.Target == nil {
		return nil
	}
	v, t := *r.Value, *r.Target
	var a float64
	switch {
	case m.HigherIsBetter && t > 0:
		a = v / t * 100
	case !m.HigherIsBetter && v > 0 && t >= 0:
		a = t / v * 100
	default:
		return nil
	}
	return &a
}
