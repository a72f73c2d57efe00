package report

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/careerkpi/careerkpi/metrics"
)

// chartSpec is a native chart of an area's sheet: the quarterly values of
// some of its metrics, all in one unit.
type chartSpec struct {
	titleJA, titleEN string
	kind             excelize.ChartType
	metrics          []string
}

// areaCharts are the charts of each area's sheet, with its key metrics.
var areaCharts = map[metrics.Area][]chartSpec{
	metrics.Utilization: {
		{"利用率（四半期）", "Utilization by quarter", excelize.Line,
			[]string{"utilization_any", "utilization_know", "utilization_challenge", "utilization_learn"}},
	},
	metrics.Engagement: {
		{"エンゲージメント（四半期）", "Engagement by quarter", excelize.Col,
			[]string{"engagement_index", "career_satisfaction", "program_satisfaction"}},
		{"eNPS（四半期）", "eNPS by quarter", excelize.Col, []string{"enps"}},
	},
	metrics.Attrition: {
		{"離職率（四半期・年換算）", "Attrition by quarter (annualised)", excelize.Line,
			[]string{"attrition_rate", "voluntary_attrition_rate", "regretted_attrition_rate"}},
		{"在籍者数（四半期末）", "Headcount at each quarter end", excelize.Col, []string{"headcount"}},
	},
}

// The columns of an area's quarterly table.
const (
	qNameJA = iota + 1
	qNameEN
	qUnit
	qFirstQuarter
)

// Chart sizes, in pixels.
const (
	chartWidth  = 760
	chartHeight = 420
)

// rowsFor is how many rows of the default height (20 pixels) a chart of
// the given height takes, with a gap below it.
func rowsFor(height uint) int { return int(height+19)/20 + 2 }

// area writes an area's sheet: its metrics by quarter, the tables of its
// metrics of one program and per item, native charts of its key metrics,
// and the data the charts draw.
func (b *book) area(area metrics.Area, name, ja, en string) error {
	s := b.sheet(name, 9, 60)
	st, o, figs := b.st, b.opts, b.figs
	s.label(1, 1, fmt.Sprintf("%s %s — %s", ja, en, fiscalYearLabel(o.FiscalYear)), st.title())
	note := scopeText(o.Filters) + "　　" + fmt.Sprintf("Survey figures from fewer than %d respondents are withheld / 回答者%d人未満は非表示", figs.threshold, figs.threshold)
	if area == metrics.Attrition {
		note += "　　離職率の計算式 Attrition rates: " + o.Turnover.NameJA() + " / " + o.Turnover.NameEN()
	}
	s.label(1, 2, note, st.note())
	header := 4
	fyCol := qFirstQuarter + len(figs.quarters)
	heads := []string{"指標", "Metric", "単位 Unit"}
	for _, q := range figs.quarters {
		heads = append(heads, q.Label)
	}
	s.headers(header, append(heads, "年度 "+figs.period.Label)...)
	row := header + 1
	var ms []*metrics.Metric
	for _, m := range figs.metrics {
		if m.Area == area {
			ms = append(ms, m)
		}
	}
	for _, m := range ms {
		s.str(qNameJA, row, m.NameJA, st.text())
		s.str(qNameEN, row, m.NameEN, st.text())
		s.str(qUnit, row, unitText(m.Unit), st.text())
		for i, q := range figs.quarters {
			r, ok := rowOf(figs.byQuarter[m.ID], q.Label)
			if !ok {
				s.style(qFirstQuarter+i, row, st.value(m.Unit))
				continue
			}
			s.figure(qFirstQuarter+i, row, m, r.Value, r.Withheld, st.value(m.Unit))
		}
		r, _ := totalRow(figs.total[m.ID])
		s.figure(fyCol, row, m, r.Value, r.Withheld, st.value(m.Unit))
		row++
	}
	for col := qFirstQuarter; col <= fyCol; col++ {
		s.cols.need[col] = max(s.cols.need[col], 12)
	}
	var programChart *excelize.Chart
	for _, m := range figs.progOrder {
		if m.Area != area || len(o.Programs) == 0 {
			continue
		}
		row++
		var chart *excelize.Chart
		row, chart = b.programTable(s, m, row)
		if programChart == nil {
			programChart = chart
		}
	}
	for _, m := range figs.perOrder {
		if m.Area == area && figs.per[m.ID] != nil {
			row = b.perTable(s, m, row+1)
		}
	}
	if s.err != nil {
		return s.err
	}
	// Widths before the charts: excelize anchors a chart to the cells it
	// spans at the widths of the moment.
	if err := s.cols.apply(b.f, name); err != nil {
		return err
	}
	if err := b.charts(s, area, row+2, programChart); err != nil {
		return err
	}
	if err := freeze(b.f, name, 0, header); err != nil {
		return err
	}
	return printSetup(b.f, name, header, header)
}

// charts adds to an area's sheet, from row chartRow on, native charts of
// its key metrics by quarter and programChart if there is one; below them,
// on a page of their own, the data they draw: the quarterly values again,
// with withheld figures left empty, for a chart would draw a text as zero.
func (b *book) charts(s *sheet, area metrics.Area, chartRow int, programChart *excelize.Chart) error {
	st, figs := b.st, b.figs
	fyCol := qFirstQuarter + len(figs.quarters)
	var specs []chartSpec
	for _, c := range areaCharts[area] {
		if c.metrics = slices.DeleteFunc(slices.Clone(c.metrics), func(id string) bool { return figs.byQuarter[id] == nil }); len(c.metrics) > 0 {
			specs = append(specs, c)
		}
	}
	if len(specs) == 0 && programChart == nil {
		return nil
	}
	// The charts start a page, two side by side, and their data another.
	heights := make([]uint, 0, len(specs)+1)
	for range specs {
		heights = append(heights, chartHeight)
	}
	if programChart != nil {
		heights = append(heights, programChart.Dimension.Height)
	}
	dataRow := chartRow
	for i := 0; i < len(heights); i += 2 {
		dataRow += rowsFor(slices.Max(heights[i:min(i+2, len(heights))]))
	}
	s.fail(s.f.InsertPageBreak(s.name, cell(1, chartRow)))
	s.fail(s.f.InsertPageBreak(s.name, cell(1, dataRow)))
	s.label(1, dataRow, "グラフ用データ Chart data（非表示の値は空欄 withheld figures are left empty）", st.subtitle())
	dataRow++
	s.label(qNameJA, dataRow, "指標 Metric", st.header())
	s.styleRange(qNameJA, dataRow, qUnit, dataRow, st.header())
	for i, q := range figs.quarters {
		s.label(qFirstQuarter+i, dataRow, q.Label, st.header())
	}
	categories := ref(s.name, qFirstQuarter, dataRow, fyCol-1, dataRow)
	dataRow++
	var charts []*excelize.Chart
	for _, c := range specs {
		var series []excelize.ChartSeries
		var unit metrics.Unit
		for _, id := range c.metrics {
			res := figs.byQuarter[id]
			m := res.Metric
			unit = m.Unit
			s.label(qNameJA, dataRow, m.NameJA+" / "+m.NameEN, st.text())
			for i, q := range figs.quarters {
				col := qFirstQuarter + i
				if r, ok := rowOf(res, q.Label); ok && !r.Withheld && r.Value != nil {
					s.fail(s.f.SetCellFloat(s.name, cell(col, dataRow), *r.Value, -1, 64))
				}
				s.style(col, dataRow, st.value(m.Unit))
			}
			series = append(series, excelize.ChartSeries{Name: ref(s.name, qNameJA, dataRow, qNameJA, dataRow), Categories: categories,
				Values: ref(s.name, qFirstQuarter, dataRow, fyCol-1, dataRow), Marker: excelize.ChartMarker{Symbol: "circle", Size: 6}})
			dataRow++
		}
		charts = append(charts, newChart(c.kind, c.titleJA+" "+c.titleEN, unit, series))
	}
	if programChart != nil {
		charts = append(charts, programChart)
	}
	right := s.columnAt(chartWidth + 24)
	for i, c := range charts {
		col := 1
		if i%2 == 1 {
			col = right
		}
		if err := s.f.AddChart(s.name, cell(col, chartRow), c); err != nil {
			return fmt.Errorf("chart %d: %w", i+1, err)
		}
		if i%2 == 1 || i == len(charts)-1 {
			chartRow += rowsFor(slices.Max(heights[i-i%2 : i+1]))
		}
	}
	return s.err
}

// programTable writes the table of a metric of one program, a row per
// program from row on, and returns the next free row and a bar chart of
// the programs' values. Such a metric is never a survey figure, so its
// table holds no withheld text for the chart to draw as zero.
func (b *book) programTable(s *sheet, m *metrics.Metric, row int) (int, *excelize.Chart) {
	st := b.st
	s.label(1, row, m.NameJA+" "+m.NameEN, st.subtitle())
	row++
	s.headers(row, "制度", "Program", "制度ID Program ID", "値 Value", fmt.Sprintf("前年度 FY%d", b.opts.FiscalYear-1), "増減 Change")
	row++
	from := row
	for i, p := range b.opts.Programs {
		ja, en := cmp.Or(p.NameJA, p.NameEN, p.ID), cmp.Or(p.NameEN, p.NameJA, p.ID)
		s.str(1, row, ja, st.text())
		s.str(2, row, en, st.text())
		s.str(3, row, p.ID, st.text())
		r, _ := totalRow(b.figs.programs[m.ID][i])
		s.figure(4, row, m, r.Value, r.Withheld, st.value(m.Unit))
		s.figure(5, row, m, r.Previous, false, st.value(m.Unit))
		s.figure(6, row, m, r.Change, false, st.change(m.Unit))
		row++
	}
	if m.Survey {
		return row, nil
	}
	to := row - 1
	series := []excelize.ChartSeries{{Name: ref(s.name, 4, from-1, 4, from-1), Categories: ref(s.name, 1, from, 1, to), Values: ref(s.name, 4, from, 4, to)}}
	c := newChart(excelize.Bar, m.NameJA+" "+m.NameEN+" "+b.figs.period.Label, m.Unit, series)
	c.Dimension.Height = uint(max(chartHeight, 60+22*len(b.opts.Programs)))
	c.Legend.Position = "none"
	c.XAxis.ReverseOrder = true // the first program on top
	return row, c
}

// perTable writes the table of a metric computed per a dimension (the
// drivers, per survey item) from row on, largest value first, and returns
// the next free row.
func (b *book) perTable(s *sheet, m *metrics.Metric, row int) int {
	st := b.st
	res := b.figs.per[m.ID]
	s.label(1, row, m.NameJA+" "+m.NameEN+" — "+res.Period.Label, st.subtitle())
	row++
	dim, _ := metrics.DimensionByID(m.Per)
	s.headers(row, dim.NameJA, dim.NameEN, "ID", "値 Value ("+unitText(m.Unit)+")", "回答者数 Respondents")
	row++
	items := map[string]Item{}
	for _, it := range b.opts.Items {
		items[it.ID] = it
	}
	rows := slices.Clone(res.Rows)
	slices.SortStableFunc(rows, func(a, b metrics.Row) int {
		switch {
		case a.Value == nil && b.Value == nil:
			return 0
		case a.Value == nil:
			return 1
		case b.Value == nil:
			return -1
		}
		return cmp.Compare(*b.Value, *a.Value)
	})
	count := &metrics.Metric{Unit: metrics.Count}
	for _, r := range rows {
		id := ""
		if len(r.Key) > 0 {
			id = r.Key[len(r.Key)-1]
		}
		it := items[id]
		s.str(1, row, cmp.Or(it.TextJA, it.TextEN, id), st.wrapped())
		s.str(2, row, cmp.Or(it.TextEN, it.TextJA, id), st.wrapped())
		s.str(3, row, id, st.text())
		s.figure(4, row, m, r.Value, r.Withheld, st.value(m.Unit))
		if r.Withheld {
			s.style(5, row, st.value(metrics.Count))
		} else {
			s.num(5, row, float64(r.Respondents), st.value(metrics.Count), count)
		}
		row++
	}
	return row
}

// columnAt returns the first column whose left edge lies at least px
// pixels from the sheet's left edge, in the pixels excelize anchors charts
// by (eight a unit of column width): a chart placed there starts after
// the cells a chart at column A of width px spans, whatever the widths an
// application draws.
func (s *sheet) columnAt(px int) int {
	col, left := 1, 0
	for left < px {
		left += int(s.cols.width(col)*8 + 0.5)
		col++
	}
	return col
}

// rowOf returns the row of a breakdown whose first key is key.
func rowOf(res *metrics.Result, key string) (metrics.Row, bool) {
	if res == nil {
		return metrics.Row{}, false
	}
	for _, r := range res.Rows {
		if len(r.Key) > 0 && r.Key[0] == key {
			return r, true
		}
	}
	return metrics.Row{}, false
}

// ref is an absolute reference to the cells from (c1, r1) to (c2, r2) of
// a sheet, as charts name their data.
func ref(sheet string, c1, r1, c2, r2 int) string {
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, colName(c1), r1, colName(c2), r2)
}

// axisFmt is the number format of a chart's value axis for unit u.
func axisFmt(u metrics.Unit) string {
	switch u {
	case metrics.Percent:
		return `0"%"`
	case metrics.Points:
		return "+0;-0;0"
	case metrics.Correlation:
		return "0.0"
	}
	return "#,##0"
}

func newChart(kind excelize.ChartType, title string, unit metrics.Unit, series []excelize.ChartSeries) *excelize.Chart {
	no := false
	return &excelize.Chart{
		Type:       kind,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Family: font, Bold: true, Size: 12}}}},
		Legend:     excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Family: font, Size: 9}},
		Dimension:  excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		VaryColors: &no,
		Format:     excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
		XAxis:      excelize.ChartAxis{Font: excelize.Font{Family: font, Size: 9}},
		YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: axisFmt(unit)},
			Font: excelize.Font{Family: font, Size: 9}},
	}
}
