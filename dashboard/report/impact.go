package report

import (
	"fmt"
	"math"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/careerkpi/careerkpi/metrics"
)

// sheetImpact is the program impact sheet's name.
const sheetImpact = "制度の効果 Program impact"

// Impact is a program or category compared, users against non-users, as
// the report names it.
type Impact struct {
	NameJA, NameEN string
	Result         *metrics.ImpactResult
}

// The columns of the impact sheet's tables.
const (
	iGroup = iota + 1
	iEmployees
	iLeavers
	iRate
	iLow
	iHigh
	iNote
)

// impact writes the program impact sheet: for each comparison of
// Options.Impact, the users' and the non-users' 12-month attrition with
// their difference, the difference within strata (Mantel–Haenszel), and
// their retention month by month (Kaplan–Meier) with the log-rank test
// and a native chart of both curves. Every block says it is an
// association, not a cause.
func (b *book) impact() error {
	s := b.sheet(sheetImpact, 9, 60)
	st, o := b.st, b.opts
	s.label(1, 1, fmt.Sprintf("制度の効果 Program impact — %s", fiscalYearLabel(o.FiscalYear)), st.title())
	s.label(1, 2, scopeText(o.Filters)+"　　"+o.ComputedSource, st.note())
	s.label(1, 3, metrics.AssociationJA+" "+metrics.AssociationEN, st.note())
	row := 5
	pct, pts := st.value(metrics.Percent), st.value(metrics.Points)
	count := st.value(metrics.Count)
	var charts []retentionChart // added once the columns have their widths
	for _, imp := range o.Impact {
		res := imp.Result
		s.label(1, row, fmt.Sprintf("%s %s — %s の在籍者 headcount on %s", imp.NameJA, imp.NameEN,
			res.Period.Start.Format("2006年1月2日"), res.Period.Start.Format(time.DateOnly)), st.subtitle())
		row++
		s.headers(row, "区分 Group", "人数 Employees", "12か月以内の離職 Left within 12 months", "離職率 Attrition", "95%下限 Low", "95%上限 High", "注 Note")
		row++
		var whole metrics.ImpactRow
		for _, r := range res.Rows {
			if len(r.Key) == 0 {
				whole = r
			}
		}
		for _, g := range []struct {
			name  string
			group metrics.ImpactGroup
		}{{"利用者 Users", whole.Users}, {"非利用者 Non-users", whole.NonUsers}} {
			s.str(iGroup, row, g.name, st.text())
			s.int(iEmployees, row, g.group.Employees, count)
			s.int(iLeavers, row, g.group.Leavers, count)
			s.float(iRate, row, g.group.Rate, pct)
			if iv := g.group.Interval; iv != nil {
				s.float(iLow, row, &iv.Low, pct)
				s.float(iHigh, row, &iv.High, pct)
			} else {
				s.styleRange(iLow, row, iHigh, row, pct)
			}
			s.style(iNote, row, st.text())
			row++
		}
		s.str(iGroup, row, "差 Difference (points)", st.text())
		s.styleRange(iEmployees, row, iLeavers, row, st.text())
		s.float(iRate, row, whole.Difference, pts)
		b.interval(s, row, whole.DifferenceInterval, pts)
		s.label(iNote, row, "Newcombe (Wilson) 95%", st.text())
		row++
		if adj := res.Adjusted; adj != nil {
			s.str(iGroup, row, "層別調整後の差 Adjusted (points)", st.text())
			s.styleRange(iEmployees, row, iLeavers, row, st.text())
			s.float(iRate, row, adj.Difference, pts)
			b.interval(s, row, adj.Interval, pts)
			s.label(iNote, row, fmt.Sprintf("Mantel–Haenszel, 等級×勤続年数×採用区分 grade × tenure band × hire type: %d / %d 層 strata", adj.Compared, len(adj.Strata)), st.text())
			row++
			if adj.LowOverlap {
				s.label(1, row, fmt.Sprintf("注意 Warning: 利用者と非利用者の重なりがわずか users and non-users barely overlap — 相手側のいない層 in strata without the other side: 利用者 users %d, 非利用者 non-users %d; 片側%d人未満の層 with fewer than %d on a side: %d, %d",
					adj.UsersOutside, adj.NonUsersOutside, metrics.ThinOverlap, metrics.ThinOverlap, adj.UsersThin, adj.NonUsersThin), st.warning())
				row++
			}
		}
		row++
		if ret := res.Retention; ret != nil && len(ret.Users) > 0 && len(ret.NonUsers) > 0 {
			var c retentionChart
			row, c = b.retention(s, ret, imp, row)
			charts = append(charts, c)
		}
		row++
	}
	if s.err != nil {
		return s.err
	}
	if err := s.cols.apply(b.f, sheetImpact); err != nil {
		return err
	}
	if err := retentionCharts(s, charts); err != nil {
		return err
	}
	return printSetup(b.f, sheetImpact, 0, 0)
}

// interval writes an interval's ends in the Low and High columns.
func (b *book) interval(s *sheet, row int, iv *metrics.Interval, style int) {
	if iv == nil {
		s.styleRange(iLow, row, iHigh, row, style)
		return
	}
	s.float(iLow, row, &iv.Low, style)
	s.float(iHigh, row, &iv.High, style)
}

// retention writes a comparison's retention table from row on, and returns
// the next free row and the table's chart.
func (b *book) retention(s *sheet, ret *metrics.Retention, imp Impact, row int) (int, retentionChart) {
	st := b.st
	note := fmt.Sprintf("在籍率（カプラン・マイヤー法） Retention (Kaplan–Meier), %s まで追跡 followed through %s", ret.Through.Format("2006年1月2日"), ret.Through.Format(time.DateOnly))
	if lr := ret.LogRank; lr != nil {
		p := fmt.Sprintf("= %.3f", lr.P)
		if lr.P < 0.001 {
			p = "< 0.001"
		}
		note += fmt.Sprintf("　ログランク検定 log-rank test: χ² = %.2f (1 df), p %s", lr.ChiSquare, p)
	}
	s.label(1, row, note, st.note())
	row++
	s.headers(row, "経過月 Month", "利用者 Users", "95%下限 Low", "95%上限 High", "非利用者 Non-users", "95%下限 Low", "95%上限 High")
	first := row + 1
	pct := st.value(metrics.Percent)
	n := min(len(ret.Users), len(ret.NonUsers))
	for m := range n {
		row++
		s.int(1, row, m, st.value(metrics.Count))
		for i, p := range []metrics.RetentionPoint{ret.Users[m], ret.NonUsers[m]} {
			col := 2 + 3*i
			s.float(col, row, &p.Retention, pct)
			if p.Interval != nil {
				s.float(col+1, row, &p.Interval.Low, pct)
				s.float(col+2, row, &p.Interval.High, pct)
			}
		}
	}
	lowest := 100.0
	for m := range n {
		lowest = min(lowest, ret.Users[m].Retention, ret.NonUsers[m].Retention)
	}
	return row + 1, retentionChart{title: imp.NameJA + " " + imp.NameEN + " 在籍率 Retention",
		header: first - 1, first: first, last: row, floor: math.Floor(lowest/10) * 10}
}

// retentionChart is the chart of a retention table.
type retentionChart struct {
	title               string
	header, first, last int
	floor               float64 // the value axis' minimum
}

// retentionCharts adds the line chart of each retention table beside it.
func retentionCharts(s *sheet, charts []retentionChart) error {
	col := iNote + 2 // beside the tables, a column apart
	for _, c := range charts {
		cats := ref(s.name, 1, c.first, 1, c.last)
		var series []excelize.ChartSeries
		for _, vcol := range []int{2, 5} {
			series = append(series, excelize.ChartSeries{Name: ref(s.name, vcol, c.header, vcol, c.header), Categories: cats,
				Values: ref(s.name, vcol, c.first, vcol, c.last), Marker: excelize.ChartMarker{Symbol: "none"}})
		}
		chart := newChart(excelize.Line, c.title, metrics.Percent, series)
		top := 100.0
		chart.YAxis.Minimum, chart.YAxis.Maximum = &c.floor, &top
		if err := s.f.AddChart(s.name, cell(col, c.header), chart); err != nil {
			return fmt.Errorf("retention chart: %w", err)
		}
	}
	return nil
}
