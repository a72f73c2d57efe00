package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/careerkpi/careerkpi/dashboard/report"
	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

func TestMain(m *testing.M) { querytest.Main(m) }

// Names users typed that a spreadsheet would run as formulas if they were
// written as formulas: the fixture's departments, a program and an item.
const (
	formulaDept    = `=HYPERLINK("http://x","y")`
	plusDept       = "+1"
	atDept         = "@SUM(A1)"
	formulaProgram = "-2+3"
	formulaItem    = "=1+2"
)

// withheldText is what a withheld figure's cell says.
const withheldText = "not enough responses / 回答数不足"

const (
	sheetSummary     = "概要 Summary"
	sheetUtilization = "利用状況 Utilization"
	sheetEngagement  = "エンゲージメント Engagement"
	sheetAttrition   = "離職 Attrition"
	sheetDepartments = "部署別 Departments"
	sheetDefinitions = "指標の定義 Definitions"
	sheetImpact      = "制度の効果 Program impact"
	sheetFunnels     = "応募ファネル Funnels"
)

// fixtureStore loads the metrics' fixture company with names that look
// like formulas: its departments Dev, Sales and HR, the English name of
// its side-job program and the text of an item.
func fixtureStore(t *testing.T) queries.Store {
	t.Helper()
	src := filepath.Join("..", "..", "metrics", "testdata", "fixture")
	dir := t.TempDir()
	csvQuote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	replace := strings.NewReplacer(",Dev,", ","+csvQuote(formulaDept)+",", ",Sales,", ","+plusDept+",", ",HR,", ","+atDept+",",
		",Side job", ","+formulaProgram, "I can shape my career here", formulaItem)
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), []byte(replace.Replace(string(b))), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(t.Context(), s); err != nil {
		t.Fatal(err)
	}
	file := func(name string) []string { return []string{filepath.Join(dir, name)} }
	for _, req := range []ingest.Request{
		{Dataset: "employees", Files: file("employees_2025-04-01.csv"), AsOf: "2025-04-01"},
		{Dataset: "employees", Files: file("employees_2025-10-01.csv"), AsOf: "2025-10-01"},
		{Dataset: "employees", Files: file("employees_2026-03-31.csv"), AsOf: "2026-03-31"},
		{Dataset: "programs", Files: file("programs.csv")},
		{Dataset: "events", Files: file("events.csv")},
		{Dataset: "surveys", Files: file("surveys.csv")},
		{Dataset: "responses", Files: file("responses_fy2024.csv"), Survey: "S2024"},
		{Dataset: "responses", Files: file("responses_fy2025.csv"), Survey: "S2025"},
	} {
		rep, err := ingest.Load(t.Context(), s, req)
		if err != nil || !rep.OK() {
			t.Fatalf("load %s: %v %+v", req.Files[0], err, rep)
		}
	}
	return s
}

// companyNames returns the programs and the survey items of the store, as
// the report names them.
func companyNames(ctx context.Context, s queries.Store) ([]report.Program, []report.Item, error) {
	type program struct {
		ID     string `ch:"program_id"`
		Kind   string `ch:"kind"`
		Cat    string `ch:"category"`
		NameJA string `ch:"name_ja"`
		NameEN string `ch:"name_en"`
		Built  bool   `ch:"builtin"`
	}
	ps, err := queries.Select[program](ctx, s, queries.SQL("dashboard_programs"), nil)
	if err != nil {
		return nil, nil, err
	}
	var progs []report.Program
	for _, p := range ps {
		if !p.Built {
			progs = append(progs, report.Program{ID: p.ID, NameJA: p.NameJA, NameEN: p.NameEN})
		}
	}
	type item struct {
		ID     string `ch:"item_id"`
		TextJA string `ch:"text_ja"`
		TextEN string `ch:"text_en"`
		Theme  string `ch:"theme"`
	}
	is, err := queries.Select[item](ctx, s, queries.SQL("dashboard_items"), nil)
	if err != nil {
		return nil, nil, err
	}
	var items []report.Item
	for _, it := range is {
		items = append(items, report.Item{ID: it.ID, TextJA: it.TextJA, TextEN: it.TextEN})
	}
	return progs, items, nil
}

// writeReport writes the report to a file of a temporary folder and opens
// it again.
func writeReport(t *testing.T, figs metrics.Figures, reg *metrics.Registry, opts report.Options) (string, *excelize.File) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "careerkpi-report.xlsx")
	var buf bytes.Buffer
	if err := report.Write(t.Context(), &buf, figs, reg, opts); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return path, f
}

// table is a sheet's cells as raw values, read once.
type table struct {
	f     *excelize.File
	sheet string
	rows  [][]string
}

func readTable(t *testing.T, f *excelize.File, sheet string) *table {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return &table{f: f, sheet: sheet, rows: rows}
}

// find returns the row (from 0) whose cell in column col (from 0) is text.
func (tb *table) find(col int, text string) int {
	for i, r := range tb.rows {
		if col < len(r) && r[col] == text {
			return i
		}
	}
	return -1
}

func (tb *table) at(row, col int) string {
	if row < 0 || row >= len(tb.rows) || col >= len(tb.rows[row]) {
		return ""
	}
	return tb.rows[row][col]
}

// column returns the column (from 0) of row row that holds text.
func (tb *table) column(row int, text string) int {
	return slices.Index(tb.rows[row], text)
}

// checkFigure checks that a cell holds a figure: the value, the text of a
// withheld figure, or nothing.
func checkFigure(t *testing.T, tb *table, row, col int, want *float64, withheld bool, what string) {
	t.Helper()
	got := tb.at(row, col)
	name, _ := excelize.CoordinatesToCellName(col+1, row+1)
	switch {
	case withheld:
		if got != withheldText {
			t.Errorf("%s (%s!%s): %q, want the withheld text", what, tb.sheet, name, got)
		}
	case want == nil:
		if got != "" {
			t.Errorf("%s (%s!%s): %q, want an empty cell", what, tb.sheet, name, got)
		}
	default:
		// Excel keeps 15 significant digits.
		v, err := strconv.ParseFloat(got, 64)
		if err != nil || math.Abs(v-*want) > 1e-12*math.Max(1, math.Abs(*want)) {
			t.Errorf("%s (%s!%s): %q, want %v", what, tb.sheet, name, got, *want)
		}
		typ, err := tb.f.GetCellType(tb.sheet, name)
		if err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s (%s!%s): a number written as text (%v %v)", what, tb.sheet, name, typ, err)
		}
	}
}

func TestReport(t *testing.T) {
	ctx := t.Context()
	s := fixtureStore(t)
	eng, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: 3})
	if err != nil {
		t.Fatal(err)
	}
	targets := metrics.Targets{"utilization_any": {2025: 60}, "attrition_rate": {2025: 10}, "engagement_index": {2025: 70},
		"headcount": {2025: 20}}
	eng.SetTargets(targets)
	// The checks ask for the report's own figures again: the cache answers.
	eng.EnableCache(10000)
	version, err := eng.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ctx = metrics.AtVersion(ctx, version)
	progs, items, err := companyNames(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	reg := eng.Registry
	fy := eng.Calendar.FiscalYear(2025)
	opts := report.Options{FiscalYear: 2025, Title: "careerkpi KPI report", Source: "live figures, 2026-04-10 15:00",
		Calendar: eng.Calendar, Now: time.Date(2026, 4, 10, 6, 0, 0, 0, time.UTC), Programs: progs, Items: items}
	start := time.Now()
	rec := &recorder{Figures: eng}
	path, f := writeReport(t, rec, reg, opts)
	t.Logf("report written in %s", time.Since(start).Round(time.Millisecond))
	compute := func(req metrics.Request) *metrics.Result {
		t.Helper()
		req.Period = fy
		res, err := eng.Compute(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	var summaryMetrics []*metrics.Metric
	for _, m := range reg.All() {
		if !m.NeedsProgram && m.Per == "" {
			summaryMetrics = append(summaryMetrics, m)
		}
	}

	t.Run("published cuts", func(t *testing.T) {
		// The report asks only for figures a published version holds
		// (one kept with the period before serves a request without it).
		var ids []string
		for _, p := range progs {
			ids = append(ids, p.ID)
		}
		published := eng.PublishRequests(fy, ids)
		for _, req := range rec.reqs {
			if len(req.Filters) != 0 {
				t.Errorf("%+v: filters without Options.Filters", req)
			}
			if !slices.ContainsFunc(published, func(p metrics.Request) bool {
				return p.Metric == req.Metric && p.Program == req.Program && (p.Compare || !req.Compare) &&
					slices.Equal(p.By, req.By) && p.Period.Label == req.Period.Label && p.Period.Start.Equal(req.Period.Start)
			}) {
				t.Errorf("%s by %v (program %q, compare %v): not a figure a published version holds", req.Metric, req.By, req.Program, req.Compare)
			}
		}
		if len(rec.reqs) < 2*len(summaryMetrics) {
			t.Errorf("%d requests, want at least %d", len(rec.reqs), 2*len(summaryMetrics))
		}
		// A metric cut by department takes its total from the
		// breakdown, not from a computation of its own.
		for _, req := range rec.reqs {
			if m, _ := reg.Get(req.Metric); len(req.By) == 0 && req.Program == "" && slices.Contains(m.Dimensions, "department") {
				t.Errorf("%s: its total computed apart from its breakdown by department", req.Metric)
			}
		}
	})

	t.Run("sheets", func(t *testing.T) {
		want := []string{sheetSummary, sheetUtilization, sheetEngagement, sheetAttrition, sheetDepartments, sheetDefinitions}
		if got := f.GetSheetList(); !slices.Equal(got, want) {
			t.Errorf("sheets %q, want %q", got, want)
		}
	})

	t.Run("summary", func(t *testing.T) {
		tb := readTable(t, f, sheetSummary)
		header := tb.find(0, "指標")
		if header < 0 {
			t.Fatalf("no header row in the summary:\n%q", tb.rows)
		}
		note := strings.Join(slices.Concat(tb.rows[:header]...), "\n")
		for _, want := range []string{"careerkpi KPI report", "FY2025 / 2025年度", "live figures, 2026-04-10 15:00",
			"Survey figures from fewer than 3 respondents are withheld"} {
			if !strings.Contains(note, want) {
				t.Errorf("the note says %q, without %q", note, want)
			}
		}
		col := func(text string) int {
			c := tb.column(header, text)
			if c < 0 {
				t.Fatalf("no column %q in %q", text, tb.rows[header])
			}
			return c
		}
		value, prev, change, target, att := col("値 Value"), col("前年度 FY2024"), col("増減 Change"), col("目標 Target"), col("達成率 Attainment")
		seenTargets := 0
		for _, m := range summaryMetrics {
			row := tb.find(1, m.NameEN)
			if row < 0 {
				t.Errorf("%s: no row", m.ID)
				continue
			}
			if tb.at(row, 0) != m.NameJA {
				t.Errorf("%s: Japanese name %q", m.ID, tb.at(row, 0))
			}
			r := compute(metrics.Request{Metric: m.ID, Compare: true}).Rows[0]
			checkFigure(t, tb, row, value, r.Value, r.Withheld, m.ID+" value")
			checkFigure(t, tb, row, prev, r.Previous, false, m.ID+" previous")
			checkFigure(t, tb, row, change, r.Change, false, m.ID+" change")
			checkFigure(t, tb, row, target, r.Target, false, m.ID+" target")
			if _, ok := targets[m.ID]; ok {
				seenTargets++
				if r.Target == nil || *r.Target != targets[m.ID][2025] {
					t.Errorf("%s: the engine's target is %v", m.ID, r.Target)
				}
				var want *float64
				if r.Value != nil && !r.Withheld {
					a := *r.Value / *r.Target * 100
					if !m.HigherIsBetter {
						a = *r.Target / *r.Value * 100
					}
					want = &a
				}
				checkFigure(t, tb, row, att, want, false, m.ID+" attainment")
			} else if got := tb.at(row, att); got != "" {
				t.Errorf("%s: attainment %q without a target", m.ID, got)
			}
		}
		if seenTargets != len(targets) {
			t.Errorf("%d metrics with targets in the summary, want %d", seenTargets, len(targets))
		}
		// Attainment is coloured by conditional formats, not by fills.
		cfs, err := f.GetConditionalFormats(sheetSummary)
		if err != nil {
			t.Fatal(err)
		}
		attCol, _ := excelize.ColumnNumberToName(att + 1)
		var rules []excelize.ConditionalFormatOptions
		for ref, opts := range cfs {
			if strings.HasPrefix(ref, attCol) {
				rules = append(rules, opts...)
			}
		}
		if len(rules) != 3 {
			t.Errorf("conditional formats %v: want green, amber and red on column %s", cfs, attCol)
		}
		layout, err := f.GetPageLayout(sheetSummary)
		if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("page layout %+v %v: want landscape, one page wide", layout, err)
		}
	})

	t.Run("areas", func(t *testing.T) {
		quarters, err := eng.Calendar.Split(fy, metrics.KindQuarter)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range []string{sheetUtilization, sheetEngagement, sheetAttrition} {
			tb := readTable(t, f, sheet)
			header := tb.find(0, "指標")
			if header < 0 {
				t.Fatalf("%s: no header row", sheet)
			}
			for _, m := range summaryMetrics {
				row := tb.find(1, m.NameEN)
				if !strings.Contains(sheet, areaEN(m.Area)) {
					continue
				}
				if row < 0 {
					t.Errorf("%s: no row for %s", sheet, m.ID)
					continue
				}
				res := compute(metrics.Request{Metric: m.ID, By: []string{"quarter"}})
				for _, q := range quarters {
					c := tb.column(header, q.Label)
					for _, r := range res.Rows {
						if r.Key[0] == q.Label {
							checkFigure(t, tb, row, c, r.Value, r.Withheld, m.ID+" "+q.Label)
						}
					}
				}
			}
		}
		// The programs' utilization, and the drivers.
		tb := readTable(t, f, sheetUtilization)
		for _, p := range progs {
			row := tb.find(2, p.ID)
			if row < 0 {
				t.Errorf("no row for program %s", p.ID)
				continue
			}
			r := compute(metrics.Request{Metric: "program_utilization", Program: p.ID, Compare: true}).Rows[0]
			checkFigure(t, tb, row, 3, r.Value, r.Withheld, "program "+p.ID)
		}
		tb = readTable(t, f, sheetEngagement)
		drivers := compute(metrics.Request{Metric: "drivers", By: []string{"item"}})
		if len(drivers.Rows) == 0 {
			t.Fatal("no drivers")
		}
		for _, r := range drivers.Rows {
			row := tb.find(2, r.Key[0])
			if row < 0 {
				t.Errorf("no row for driver %s", r.Key[0])
				continue
			}
			checkFigure(t, tb, row, 3, r.Value, r.Withheld, "driver "+r.Key[0])
		}
	})

	t.Run("departments", func(t *testing.T) {
		checkDepartments(t, f, summaryMetrics, func(m *metrics.Metric) *metrics.Result {
			return compute(metrics.Request{Metric: m.ID, By: []string{"department"}, Compare: true})
		}, []string{plusDept, formulaDept, atDept}, true)
	})

	t.Run("filtered", func(t *testing.T) {
		filters := []metrics.Filter{{Dimension: "division", Values: []string{"Business"}}}
		o := opts
		o.Filters = filters
		_, f := writeReport(t, eng, reg, o)
		checkDepartments(t, f, summaryMetrics, func(m *metrics.Metric) *metrics.Result {
			return compute(metrics.Request{Metric: m.ID, By: []string{"department"}, Filters: filters, Compare: true})
		}, []string{plusDept, formulaDept}, false)
		tb := readTable(t, f, sheetSummary)
		header := tb.find(0, "指標")
		value := tb.column(header, "値 Value")
		withheld := 0
		for _, m := range summaryMetrics {
			r := compute(metrics.Request{Metric: m.ID, Filters: filters, Compare: true}).Rows[0]
			checkFigure(t, tb, tb.find(1, m.NameEN), value, r.Value, r.Withheld, m.ID+" of Business")
			if r.Withheld {
				withheld++
			}
		}
		if withheld == 0 {
			t.Error("no figure of the summary is withheld: the fixture should have some within Business")
		}
		if note := strings.Join(slices.Concat(tb.rows[:header]...), "\n"); !strings.Contains(note, "Business") {
			t.Errorf("the note does not name the scope:\n%s", note)
		}
	})

	t.Run("formats", func(t *testing.T) {
		tb := readTable(t, f, sheetSummary)
		value := tb.column(tb.find(0, "指標"), "値 Value")
		want := map[metrics.Unit]string{metrics.Percent: `0.0"%"`, metrics.JPY: `"¥"#,##0`, metrics.Per100: "0.00", metrics.Hours: "0.00",
			metrics.Count: "#,##0", metrics.Points: "+0.0;-0.0"}
		seen := map[metrics.Unit]bool{}
		fractional := false
		for _, m := range summaryMetrics {
			name, _ := excelize.CoordinatesToCellName(value+1, tb.find(1, m.NameEN)+1)
			w := want[m.Unit]
			// A count that is not whole, such as an average headcount,
			// keeps two decimals rather than showing 52.15 as 52.
			if v, err := f.GetCellValue(sheetSummary, name, excelize.Options{RawCellValue: true}); err == nil && m.Unit == metrics.Count && strings.Contains(v, ".") {
				w = "#,##0.00"
				fractional = true
			}
			if got := numberFormat(t, f, sheetSummary, name); got != w {
				t.Errorf("%s (%s): number format %q, want %q", m.ID, m.Unit, got, w)
			}
			seen[m.Unit] = true
		}
		if len(seen) != len(want) {
			t.Errorf("units %v in the summary, want %v", seen, want)
		}
		if !fractional {
			t.Error("no count in the summary is fractional: the fixture's average headcount should be")
		}
		engagement := readTable(t, f, sheetEngagement)
		row := engagement.find(2, "Q1")
		if got := numberFormat(t, f, sheetEngagement, fmt.Sprintf("D%d", row+1)); got != "0.00" {
			t.Errorf("a driver's number format %q, want 0.00", got)
		}
		// Widths fit the longest name, counting Japanese characters as two.
		w, err := f.GetColWidth(sheetSummary, "A")
		if err != nil || w < 40 {
			t.Errorf("the summary's Japanese names are in a column %v wide (%v)", w, err)
		}
	})

	t.Run("panes", func(t *testing.T) {
		for _, sheet := range f.GetSheetList() {
			p, err := f.GetPanes(sheet)
			if err != nil || !p.Freeze || p.YSplit == 0 {
				t.Errorf("%s: panes %+v %v, want the header frozen", sheet, p, err)
			}
		}
	})

	t.Run("charts", func(t *testing.T) {
		z, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer z.Close()
		n := 0
		for _, e := range z.File {
			if strings.HasPrefix(e.Name, "xl/charts/chart") && strings.HasSuffix(e.Name, ".xml") {
				n++
			}
		}
		if n < 6 {
			t.Errorf("%d charts, want at least 6 (two per area)", n)
		}
	})

	t.Run("strings", func(t *testing.T) {
		// Nothing in the report is a formula, and the names that look like
		// formulas are strings.
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range rows {
				for j, v := range r {
					name, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if formula, err := f.GetCellFormula(sheet, name); err != nil || formula != "" {
						t.Errorf("%s!%s: formula %q (%v)", sheet, name, formula, err)
					}
					if !slices.Contains([]string{formulaDept, plusDept, atDept, formulaProgram, formulaItem}, v) {
						continue
					}
					typ, err := f.GetCellType(sheet, name)
					if err != nil || typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("%s!%s %q: cell type %v (%v), want a string", sheet, name, v, typ, err)
					}
				}
			}
		}
		for sheet, names := range map[string][]string{sheetDepartments: {formulaDept, plusDept, atDept},
			sheetUtilization: {formulaProgram}, sheetEngagement: {formulaItem}} {
			tb := readTable(t, f, sheet)
			for _, n := range names {
				if !slices.ContainsFunc(tb.rows, func(r []string) bool { return slices.Contains(r, n) }) {
					t.Errorf("%s: %q is not there", sheet, n)
				}
			}
		}
	})

	t.Run("definitions", func(t *testing.T) {
		tb := readTable(t, f, sheetDefinitions)
		for _, m := range reg.All() {
			row := tb.find(0, m.ID)
			if row < 0 || tb.at(row, 1) != m.NameJA || tb.at(row, 4) != m.DefinitionEN || tb.at(row, 5) != m.Formula {
				t.Errorf("%s: definition %q", m.ID, tb.rows[max(row, 0)])
			}
		}
	})

	t.Run("libreoffice", func(t *testing.T) {
		png := convert(t, path)
		t.Logf("page 1 of the report: %s", png)
	})
}

// recorder passes requests on to the figures and keeps them.
type recorder struct {
	metrics.Figures
	mu   sync.Mutex
	reqs []metrics.Request
}

func (r *recorder) Compute(ctx context.Context, req metrics.Request) (*metrics.Result, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return r.Figures.Compute(ctx, req)
}

func areaEN(a metrics.Area) string {
	return map[metrics.Area]string{metrics.Utilization: "Utilization", metrics.Engagement: "Engagement", metrics.Attrition: "Attrition"}[a]
}

// checkDepartments checks the department sheet against the engine's
// breakdowns by department: the departments, in order, and every figure.
// wantWithheld says the fixture has departments too small to show in the
// breakdown: the company's has; the Business division's departments, whose
// survey figures count their own respondents only, have none.
func checkDepartments(t *testing.T, f *excelize.File, ms []*metrics.Metric, byDept func(*metrics.Metric) *metrics.Result, wantDepts []string, wantWithheld bool) {
	t.Helper()
	tb := readTable(t, f, sheetDepartments)
	header := tb.find(0, "Department")
	if header < 0 {
		t.Fatalf("no header in the department sheet:\n%q", tb.rows)
	}
	var depts []string
	for _, r := range tb.rows[header+2:] {
		depts = append(depts, r[0])
	}
	if !slices.Equal(depts, wantDepts) {
		t.Errorf("departments %q, want %q", depts, wantDepts)
	}
	withheld := 0
	for _, m := range ms {
		col := tb.column(header, m.NameEN)
		if col < 0 {
			t.Errorf("no column for %s", m.ID)
			continue
		}
		for _, r := range byDept(m).Rows {
			i := slices.Index(depts, r.Key[0])
			if i < 0 {
				// A survey breakdown can list, withheld, a department
				// beyond the filters: the report leaves it out.
				if !r.Withheld || slices.Contains(wantDepts, r.Key[0]) {
					t.Errorf("%s: department %q is missing", m.ID, r.Key[0])
				}
				continue
			}
			row := header + 2 + i
			checkFigure(t, tb, row, col, r.Value, r.Withheld, m.ID+" of "+r.Key[0])
			if r.Withheld {
				withheld++
			}
		}
	}
	if wantWithheld && withheld == 0 {
		t.Error("no figure of a department is withheld: the fixture should have some")
	}
}

// numberFormat returns the custom number format of a cell.
func numberFormat(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// installHint is how to install what the conversion needs.
const installHint = "apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils (or run scripts/ensure-libreoffice.sh)"

// convert opens the report in LibreOffice as a person would, prints it to
// PDF and renders its first page as a PNG into the artifacts folder, whose
// path it returns.
func convert(t *testing.T, xlsx string) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice is not installed (no soffice): %s", installHint)
	}
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Fatalf("poppler-utils is not installed (no pdftoppm): %s", installHint)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	out := t.TempDir()
	profile := t.TempDir() // a profile of its own: no first-run state shared with anyone
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", out, xlsx)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	start := time.Now()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	t.Logf("LibreOffice converted the report to PDF in %s", time.Since(start).Round(time.Millisecond))
	pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(xlsx), ".xlsx")+".pdf")
	if fi, err := os.Stat(pdf); err != nil || fi.Size() == 0 {
		t.Fatalf("soffice wrote no PDF (%v)", err)
	}
	dir, err := artifactDir()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(dir, "summary-page1")
	if b, err := exec.CommandContext(ctx, pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, b)
	}
	png := prefix + ".png"
	if fi, err := os.Stat(png); err != nil || fi.Size() == 0 {
		t.Fatalf("pdftoppm wrote no PNG (%v)", err)
	}
	for from, to := range map[string]string{pdf: "careerkpi-report.pdf", xlsx: "careerkpi-report.xlsx"} {
		if err := copyFile(from, filepath.Join(dir, to)); err != nil {
			t.Fatal(err)
		}
	}
	return png
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// artifactsVariable names the folder test artifacts go to instead of
// bin/artifacts/report in the module, as for the page tests' screenshots.
const artifactsVariable = "CAREERKPI_ARTIFACTS"

// artifactDir returns the folder for the report's artifacts.
func artifactDir() (string, error) {
	if d := os.Getenv(artifactsVariable); d != "" {
		return filepath.Abs(d)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "bin", "artifacts", "report"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working folder; set " + artifactsVariable)
		}
		dir = parent
	}
}

// TestImpactSheet: the program impact sheet of the fixture company's side
// jobs in FY2025, whose figures metrics' fixture test works out by hand
// (fixtureImpact, fixtureImpactFollowup): users 4, one of whom left (25%),
// non-users 13, seven of whom left; −100 points within strata; retention
// at month 12 75% and 6/13; log-rank χ² 0.97. Its chart draws both curves.
func TestImpactSheet(t *testing.T) {
	ctx := t.Context()
	s := fixtureStore(t)
	eng, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: 3})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Impact(ctx, metrics.ImpactRequest{FiscalYear: 2025, Program: "side_job"})
	if err != nil {
		t.Fatal(err)
	}
	opts := report.Options{FiscalYear: 2025, Calendar: eng.Calendar, Now: time.Date(2026, 4, 10, 6, 0, 0, 0, time.UTC),
		Impact: []report.Impact{{NameJA: "副業", NameEN: "Side jobs", Result: res}}, ComputedSource: "from the data"}
	path, f := writeReport(t, eng, eng.Registry, opts)
	want := []string{sheetSummary, sheetUtilization, sheetEngagement, sheetAttrition, sheetImpact, sheetDepartments, sheetDefinitions}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	tb := readTable(t, f, sheetImpact)
	cell := func(first string, col int) string {
		t.Helper()
		row := tb.find(0, first)
		if row < 0 {
			t.Fatalf("no row %q:\n%q", first, tb.rows)
		}
		return tb.at(row, col)
	}
	for _, c := range []struct {
		row  string
		col  int
		want float64
	}{
		{"利用者 Users", 1, 4}, {"利用者 Users", 2, 1}, {"利用者 Users", 3, 25},
		{"非利用者 Non-users", 1, 13}, {"非利用者 Non-users", 2, 7}, {"非利用者 Non-users", 3, 53.8462},
		{"差 Difference (points)", 3, -28.8462},
		{"層別調整後の差 Adjusted (points)", 3, -100}, {"層別調整後の差 Adjusted (points)", 4, -100},
	} {
		got, err := strconv.ParseFloat(cell(c.row, c.col), 64)
		if err != nil || math.Abs(got-c.want) > 0.00005 {
			t.Errorf("%s, column %d: %q, want %.4f", c.row, c.col+1, cell(c.row, c.col), c.want)
		}
	}
	month := tb.find(0, "経過月 Month")
	if month < 0 {
		t.Fatalf("no retention table:\n%q", tb.rows)
	}
	if got := tb.at(month+13, 0); got != "12" {
		t.Fatalf("the retention table's 13th row is month %q, want 12", got)
	}
	for col, want := range map[int]float64{1: 75, 4: 46.1538} {
		if got, _ := strconv.ParseFloat(tb.at(month+13, col), 64); math.Abs(got-want) > 0.00005 {
			t.Errorf("retention at month 12, column %d: %q, want %.4f", col+1, tb.at(month+13, col), want)
		}
	}
	notes := strings.Join(tb.rows[month-1], " ")
	for _, s := range []string{"followed through 2026-03-31", "χ² = 0.97 (1 df), p = 0.324"} {
		if !strings.Contains(notes, s) {
			t.Errorf("the retention note %q has no %q", notes, s)
		}
	}
	if !strings.Contains(strings.Join(tb.rows[2], " "), metrics.AssociationEN) {
		t.Errorf("the sheet does not say it is an association: %q", tb.rows[2])
	}
	if row := tb.find(0, "層別調整後の差 Adjusted (points)"); !strings.Contains(tb.at(row+1, 0), "barely overlap") {
		t.Errorf("no low-overlap warning under the adjusted row: %q", tb.at(row+1, 0))
	}
	found := false
	for _, x := range chartsOf(t, path) {
		if strings.Contains(x, "'制度の効果 Program impact'!$B$") && strings.Contains(x, "'制度の効果 Program impact'!$E$") {
			found = true
		}
	}
	if !found {
		t.Error("no chart draws the retention table's users and non-users")
	}
}

// TestFunnelsSheet: the program funnels sheet of the fixture company's
// FY2025, whose funnels metrics' funnels test works out by hand: internal
// posting 4 applied (2 turned down) → 2 selected (44 days) → 2
// transferred (27 days); FA 3 → 1 (61 days), 1 open; side job 4 → 3
// approved (14 days); and by department, with names that look like
// formulas written as text.
func TestFunnelsSheet(t *testing.T) {
	ctx := t.Context()
	s := fixtureStore(t)
	eng, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: 3})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Funnels(ctx, metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"department"}})
	if err != nil {
		t.Fatal(err)
	}
	opts := report.Options{FiscalYear: 2025, Calendar: eng.Calendar, Now: time.Date(2026, 4, 10, 6, 0, 0, 0, time.UTC),
		Funnels: res, ComputedSource: "from the data"}
	path, f := writeReport(t, eng, eng.Registry, opts)
	want := []string{sheetSummary, sheetUtilization, sheetEngagement, sheetAttrition, sheetFunnels, sheetDepartments, sheetDefinitions}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	tb := readTable(t, f, sheetFunnels)
	num := func(row, col int) float64 {
		t.Helper()
		v, err := strconv.ParseFloat(tb.at(row, col), 64)
		if err != nil {
			t.Errorf("row %d, column %d: %q is not a number", row+1, col+1, tb.at(row, col))
		}
		return v
	}
	for _, c := range []struct {
		funnel string
		steps  []string
		// per step: applications, from the step before, from the
		// applications, median days, turned down there (-1: empty)
		figures [][5]float64
		open    float64
	}{
		{"社内公募 Internal posting", []string{"応募 Applied", "選考通過 Selected", "異動 Transferred"},
			[][5]float64{{4, -1, 100, -1, 2}, {2, 50, 50, 44, 0}, {2, 100, 50, 27, 0}}, 0},
		{"社内FA Internal FA", []string{"応募 Applied", "異動 Transferred"},
			[][5]float64{{3, -1, 100, -1, 1}, {1, 33.3333, 33.3333, 61, 0}}, 1},
		{"副業・兼業 Side job", []string{"応募 Applied", "承認 Approved"},
			[][5]float64{{4, -1, 100, -1, 1}, {3, 75, 75, 14, 0}}, 0},
	} {
		top := tb.find(0, c.funnel)
		if top < 0 || tb.at(top+1, 1) != "件数 Applications" {
			t.Fatalf("no table of %s:\n%q", c.funnel, tb.rows)
		}
		for i, step := range c.steps {
			row := top + 2 + i
			if tb.at(row, 0) != step {
				t.Errorf("%s, step %d: %q, want %q", c.funnel, i+1, tb.at(row, 0), step)
			}
			for col, w := range c.figures[i] {
				if w < 0 {
					if tb.at(row, col+1) != "" {
						t.Errorf("%s, %s, column %d: %q, want it empty", c.funnel, step, col+2, tb.at(row, col+1))
					}
				} else if got := num(row, col+1); math.Abs(got-w) > 0.00005 {
					t.Errorf("%s, %s, column %d: %v, want %v", c.funnel, step, col+2, got, w)
				}
			}
		}
		if open := top + 2 + len(c.steps); tb.at(open, 0) != "選考中・未完了 Still open" || num(open, 1) != c.open {
			t.Errorf("%s: open row %q, want %v", c.funnel, tb.rows[open], c.open)
		}
	}
	head := tb.find(0, "部署 Department")
	if head < 0 {
		t.Fatalf("no department table:\n%q", tb.rows)
	}
	for _, c := range []struct {
		department string
		figures    []float64 // per funnel: applications, through its last step, that share (-1: empty)
	}{
		{formulaDept, []float64{2, 2, 100, 1, 0, 0, 4, 3, 75}},
		{plusDept, []float64{2, 0, 0, 1, 0, 0, 0, 0, -1}},
		{atDept, []float64{0, 0, -1, 1, 1, 100, 0, 0, -1}},
		{"全社 Whole company", []float64{4, 2, 50, 3, 1, 33.3333, 4, 3, 75}},
	} {
		row := tb.find(0, c.department)
		if row <= head {
			t.Errorf("no department row %q:\n%q", c.department, tb.rows[head:])
			continue
		}
		for i, w := range c.figures {
			if w < 0 {
				if tb.at(row, i+1) != "" {
					t.Errorf("%s, column %d: %q, want it empty", c.department, i+2, tb.at(row, i+1))
				}
			} else if got := num(row, i+1); math.Abs(got-w) > 0.00005 {
				t.Errorf("%s, column %d: %v, want %v", c.department, i+2, got, w)
			}
		}
	}
	if n := len(tb.rows) - head - 2; n != 4 {
		t.Errorf("%d department rows, want 4 (three departments and the whole)", n)
	}
	charts := chartsOf(t, path)
	found := 0
	for _, x := range charts {
		if strings.Contains(x, "barChart>") && strings.Contains(x, "'応募ファネル Funnels'!$B$") {
			found++
		}
	}
	if found != 3 {
		t.Errorf("%d bar charts draw the funnels' steps, want 3", found)
	}
}

// chartsOf returns the XML of the charts of the workbook at path.
func chartsOf(t *testing.T, path string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out []string
	for _, e := range zr.File {
		if strings.HasPrefix(e.Name, "xl/charts/chart") {
			rc, err := e.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, strings.ReplaceAll(string(b), "&#39;", "'"))
		}
	}
	return out
}

// TestDisclosureSheet: the human-capital disclosure sheet of the fixture
// company's FY2025, whose figures metrics' fixture test works out by hand
// (fixtureDisclosure): turnover 9 ÷ 205/13 = 57.0732, positions filled
// internally 2 of 2 + 4 = 33.3333, training cost 0 ÷ 205/13, each with its
// numerator, denominator and both definitions.
func TestDisclosureSheet(t *testing.T) {
	ctx := t.Context()
	s := fixtureStore(t)
	eng, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: 3})
	if err != nil {
		t.Fatal(err)
	}
	dis, err := metrics.DisclosureOf(ctx, eng, eng.Registry, eng.Calendar.FiscalYear(2025), eng.Turnover, nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := report.Options{FiscalYear: 2025, Calendar: eng.Calendar, Now: time.Date(2026, 4, 10, 6, 0, 0, 0, time.UTC), Disclosure: dis}
	_, f := writeReport(t, eng, eng.Registry, opts)
	if !slices.Contains(f.GetSheetList(), "人的資本開示 Disclosure") {
		t.Fatalf("no disclosure sheet: %q", f.GetSheetList())
	}
	if tb := readTable(t, f, sheetAttrition); !strings.Contains(strings.Join(tb.rows[1], " "), "separations ÷ average headcount") {
		t.Errorf("the attrition sheet does not name the turnover formula: %q", tb.rows[1])
	}
	tb := readTable(t, f, "人的資本開示 Disclosure")
	if !strings.Contains(strings.Join(tb.rows[2], " "), "separations ÷ average headcount") {
		t.Errorf("the sheet does not name the turnover formula: %q", tb.rows[2])
	}
	for _, c := range []struct {
		item          string
		value, num    float64
		den           string
		definitionHas string
	}{
		{"Attrition rate", 57.0732, 9, "15.7692", "average headcount"},
		{"Positions filled internally", 33.3333, 2, "6", "hires in the period"},
		{"Training cost per employee", 0, 0, "15.7692", "cost_jpy"},
	} {
		row := tb.find(1, c.item)
		if row < 0 {
			t.Errorf("no row %q:\n%q", c.item, tb.rows)
			continue
		}
		v, _ := strconv.ParseFloat(tb.at(row, 2), 64)
		n, _ := strconv.ParseFloat(tb.at(row, 4), 64)
		d, _ := strconv.ParseFloat(tb.at(row, 5), 64)
		wantDen, _ := strconv.ParseFloat(c.den, 64)
		if math.Abs(v-c.value) > 0.00005 || n != c.num || math.Abs(d-wantDen) > 0.00005 {
			t.Errorf("%s: %q (%q ÷ %q), want %.4f (%v ÷ %s)", c.item, tb.at(row, 2), tb.at(row, 4), tb.at(row, 5), c.value, c.num, c.den)
		}
		if !strings.Contains(tb.at(row, 7), c.definitionHas) || tb.at(row, 6) == "" {
			t.Errorf("%s: definitions %q / %q", c.item, tb.at(row, 6), tb.at(row, 7))
		}
	}
	if n := len(tb.rows) - 5; n != len(dis.Items) {
		t.Errorf("%d rows, want %d", n, len(dis.Items))
	}
}
