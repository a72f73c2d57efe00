package report

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/careerkpi/careerkpi/catalog"
	"github.com/careerkpi/careerkpi/metrics"
)

// sheetFunnels is the program funnels sheet's name.
const sheetFunnels = "応募ファネル Funnels"

// The columns of a funnel's table.
const (
	fStep = iota + 1
	fCount
	fFromPrevious
	fFromFirst
	fMedianDays
	fRejected
)

// funnels writes the program funnels sheet from Options.Funnels: for each
// funnel (internal posting, FA, side job), the whole company's
// applications dated in the fiscal year and how many reached each step,
// with the conversions, the median days between steps, those turned down
// at each step and those still open, and a native bar chart of the steps;
// then, by department, each funnel's applications, how many went through
// its last step and that share.
func (b *book) funnels() error {
	// Narrow columns of figures, their headers wrapped; the first holds
	// the steps and the departments.
	s := b.sheet(sheetFunnels, 9, 16)
	s.cols.caps[1] = 30
	st, o, res := b.st, b.opts, b.opts.Funnels
	var headers []int // the header rows, made tall enough once the widths are known
	s.label(1, 1, fmt.Sprintf("応募ファネル Program funnels — %s", fiscalYearLabel(o.FiscalYear)), st.title())
	s.label(1, 2, scopeText(o.Filters)+"　　"+o.ComputedSource, st.note())
	s.label(1, 3, fmt.Sprintf("%s〜%s に応募した件数と、その後（データの最終日まで）に各段階へ至った件数 Applications dated %s to %s and how many reached each later step, up to the data",
		res.Period.Start.Format("2006年1月2日"), res.Period.End.Format("2006年1月2日"), res.Period.Start.Format("2006-01-02"), res.Period.End.Format("2006-01-02")), st.note())
	pct, count, days := st.value(metrics.Percent), st.value(metrics.Count), st.number("0.0")
	var charts []funnelChart
	row := 5
	for _, f := range res.Funnels {
		whole := f.Groups[len(f.Groups)-1] // the whole, always last
		ja, en := kindNames(f.Kind)
		s.label(1, row, ja+" "+en, st.subtitle())
		row++
		s.headers(row, "段階 Step", "件数 Applications", "前段階から From the step before", "応募から From the applications",
			"所要日数（中央値） Median days", "この段階で不採用 Turned down here")
		headers = append(headers, row)
		c := funnelChart{title: ja + " " + en, header: row, first: row + 1}
		for _, step := range whole.Steps {
			row++
			ja, en := actionNames(step.Action)
			s.str(fStep, row, ja+" "+en, st.text())
			s.int(fCount, row, step.Count, count)
			s.float(fFromPrevious, row, step.ConversionFromPrevious, pct)
			s.float(fFromFirst, row, step.ConversionFromFirst, pct)
			s.float(fMedianDays, row, step.MedianDays, days)
			s.int(fRejected, row, step.Rejected, count)
		}
		c.last = row
		charts = append(charts, c)
		row++
		s.str(fStep, row, "選考中・未完了 Still open", st.text())
		s.int(fCount, row, whole.Open, count)
		s.styleRange(fFromPrevious, row, fRejected, row, st.text())
		// leave room for the chart beside the table
		row = max(row, c.header+chartRows) + 2
	}
	header := b.funnelDepartments(s, res, row)
	headers = append(headers, header)
	if s.err != nil {
		return s.err
	}
	if err := s.cols.apply(b.f, sheetFunnels); err != nil {
		return err
	}
	for _, r := range headers {
		n := 1
		for col := 1; col <= s.cols.last(); col++ {
			if v, err := b.f.GetCellValue(sheetFunnels, cell(col, r)); err == nil {
				n = max(n, lines(v, s.cols.width(col)))
			}
		}
		if err := b.f.SetRowHeight(sheetFunnels, r, float64(n)*lineHeight+2); err != nil {
			return err
		}
	}
	for _, c := range charts {
		series := []excelize.ChartSeries{{Name: ref(s.name, fCount, c.header, fCount, c.header),
			Categories: ref(s.name, fStep, c.first, fStep, c.last), Values: ref(s.name, fCount, c.first, fCount, c.last)}}
		chart := newChart(excelize.Bar, c.title, metrics.Count, series)
		chart.Dimension.Height = chartRows * 20
		chart.XAxis.ReverseOrder = true // the applications on top
		zero := 0.0
		chart.YAxis.Minimum = &zero // bars from 0, so their lengths compare
		if err := b.f.AddChart(s.name, cell(fRejected+2, c.header), chart); err != nil {
			return fmt.Errorf("funnel chart: %w", err)
		}
	}
	return printSetup(b.f, sheetFunnels, 0, 0)
}

// chartRows is how many rows a funnel's chart spans.
const chartRows = 12

// funnelChart is the chart of a funnel's table.
type funnelChart struct {
	title               string
	header, first, last int
}

// funnelDepartments writes the department table from row on and returns
// its (lower) header row: a row per department with
// applications to any funnel, and for each funnel its applications, how
// many went through its last step and that share, under the funnel's name.
func (b *book) funnelDepartments(s *sheet, res *metrics.FunnelsResult, row int) (header int) {
	st := b.st
	pct, count := st.value(metrics.Percent), st.value(metrics.Count)
	s.label(1, row, "部署別 By department（応募日の所属 the applicant's department on the application date）", st.subtitle())
	row++
	s.str(1, row, "部署 Department", st.header())
	s.style(1, row+1, st.header())
	s.fail(b.f.MergeCell(s.name, cell(1, row), cell(1, row+1)))
	for i, f := range res.Funnels {
		col := 2 + 3*i
		ja, en := kindNames(f.Kind)
		s.label(col, row, ja+" "+en, st.header())
		s.styleRange(col+1, row, col+2, row, st.header())
		s.fail(b.f.MergeCell(s.name, cell(col, row), cell(col+2, row)))
		last := f.Groups[len(f.Groups)-1].Steps
		lastJA, lastEN := actionNames(last[len(last)-1].Action)
		s.str(col, row+1, "応募 Applied", st.header())
		s.str(col+1, row+1, lastJA+" "+lastEN, st.header())
		s.str(col+2, row+1, "応募から From the applications", st.header())
	}
	row++
	header = row
	var departments []string
	for _, f := range res.Funnels {
		for _, g := range f.Groups {
			if len(g.Key) == 1 && !slices.Contains(departments, g.Key[0]) {
				departments = append(departments, g.Key[0])
			}
		}
	}
	slices.Sort(departments)
	for _, d := range append(departments, "") {
		row++
		name := d
		if d == "" {
			name = "全社 Whole company"
		}
		s.str(1, row, name, st.text())
		for i, f := range res.Funnels {
			col := 2 + 3*i
			g, ok := funnelGroup(f, d)
			if !ok {
				s.int(col, row, 0, count)
				s.int(col+1, row, 0, count)
				s.style(col+2, row, pct)
				continue
			}
			through := g.Steps[len(g.Steps)-1]
			s.int(col, row, g.Steps[0].Count, count)
			s.int(col+1, row, through.Count, count)
			s.float(col+2, row, through.ConversionFromFirst, pct)
		}
	}
	return header
}

// funnelGroup returns the group of f whose key is the department d, or
// the whole for "".
func funnelGroup(f metrics.Funnel, d string) (metrics.FunnelGroup, bool) {
	for _, g := range f.Groups {
		if (d == "" && len(g.Key) == 0) || (len(g.Key) == 1 && g.Key[0] == d) {
			return g, true
		}
	}
	return metrics.FunnelGroup{}, false
}

func kindNames(id string) (ja, en string) {
	if k, ok := catalog.KindByID(id); ok {
		return k.NameJA, k.NameEN
	}
	return id, ""
}

func actionNames(id string) (ja, en string) {
	if a, ok := catalog.ActionByID(id); ok {
		return a.NameJA, a.NameEN
	}
	return id, ""
}
