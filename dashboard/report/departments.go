package report

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/careerkpi/careerkpi/metrics"
)

// departments writes the department breakdown: a row per department, a
// column per metric, from the breakdowns by department. It is streamed, a
// row at a time, so a company of thousands of departments takes little
// memory.
func (b *book) departments() error {
	const name = sheetDepartments
	st, figs := b.st, b.figs
	var ms []*metrics.Metric
	for _, m := range figs.metrics {
		if figs.byDepartment[m.ID] != nil {
			ms = append(ms, m)
		}
	}
	// Each metric's row by department, and the departments shown: those
	// with at least one figure that is not withheld. A department within
	// the filters has people, so a figure that is not a survey's; a
	// survey breakdown can also list, withheld, departments beyond a
	// division filter, whose names are not the reader's to see.
	cells := make([]map[string]metrics.Row, len(ms))
	shown := map[string]bool{}
	for i, m := range ms {
		cells[i] = map[string]metrics.Row{}
		for _, r := range figs.byDepartment[m.ID].Rows {
			if len(r.Key) == 0 {
				continue
			}
			cells[i][r.Key[0]] = r
			if !r.Withheld {
				shown[r.Key[0]] = true
			}
		}
	}
	depts := slices.Sorted(maps.Keys(shown))

	// Widths and header heights first: a stream writer sets them before
	// its rows.
	cols := newColumns(14, 36)
	cols.caps[1] = 50
	cols.fit(1, "部署 Department")
	for _, d := range depts {
		cols.fit(1, d)
	}
	for i, m := range ms {
		for _, r := range cells[i] {
			switch {
			case r.Withheld:
				cols.fit(i+2, withheldText)
			case r.Value != nil:
				cols.fit(i+2, m.Format(r.Value)+"  ")
			}
		}
	}
	heightJA, heightEN, heightUnit := 1, 1, 1
	for i, m := range ms {
		heightJA = max(heightJA, lines(m.NameJA, cols.width(i+2)))
		heightEN = max(heightEN, lines(m.NameEN, cols.width(i+2)))
		heightUnit = max(heightUnit, lines(unitText(m.Unit), cols.width(i+2)))
	}

	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	const headerRows = 5
	if err := sw.SetPanes(panes(1, headerRows)); err != nil {
		return err
	}
	for col := 1; col <= len(ms)+1; col++ {
		if err := sw.SetColWidth(col, col, cols.width(col)); err != nil {
			return err
		}
	}
	title := fmt.Sprintf("部署別 Departments — %s", fiscalYearLabel(b.opts.FiscalYear))
	note := scopeText(b.opts.Filters) + "　　" + fmt.Sprintf("Survey figures from fewer than %d respondents are withheld / 回答者%d人未満は非表示", figs.threshold, figs.threshold)
	ja := []any{excelize.Cell{StyleID: st.header(), Value: "部署"}}
	en := []any{excelize.Cell{StyleID: st.header(), Value: "Department"}}
	units := []any{excelize.Cell{StyleID: st.header(), Value: ""}}
	for _, m := range ms {
		ja = append(ja, excelize.Cell{StyleID: st.header(), Value: m.NameJA})
		en = append(en, excelize.Cell{StyleID: st.header(), Value: m.NameEN})
		units = append(units, excelize.Cell{StyleID: st.header(), Value: unitText(m.Unit)})
	}
	rows := []struct {
		cells  []any
		height float64
	}{
		{[]any{excelize.Cell{StyleID: st.title(), Value: title}}, 24},
		{[]any{excelize.Cell{StyleID: st.note(), Value: note}}, 0},
		{ja, math.Max(float64(heightJA)*lineHeight, 2*lineHeight)},
		{en, float64(heightEN) * lineHeight},
		{units, float64(heightUnit) * lineHeight},
	}
	for i, r := range rows {
		var opts []excelize.RowOpts
		if r.height > 0 {
			opts = append(opts, excelize.RowOpts{Height: r.height})
		}
		if err := sw.SetRow(cell(1, i+1), r.cells, opts...); err != nil {
			return err
		}
	}
	if st.err != nil {
		return st.err
	}
	values := make([]any, len(ms)+1)
	for n, d := range depts {
		// A department's name is a string cell, whatever it starts with.
		values[0] = excelize.Cell{StyleID: st.text(), Value: d}
		for i, m := range ms {
			r, ok := cells[i][d]
			switch {
			case ok && r.Withheld:
				values[i+1] = excelize.Cell{StyleID: st.withheld(), Value: withheldText}
			case ok && r.Value != nil:
				values[i+1] = excelize.Cell{StyleID: st.forValue(st.value(m.Unit), m.Unit, *r.Value), Value: *r.Value}
			default:
				values[i+1] = excelize.Cell{StyleID: st.value(m.Unit)}
			}
		}
		if err := sw.SetRow(cell(1, headerRows+1+n), values); err != nil {
			return err
		}
	}
	if st.err != nil {
		return st.err
	}
	// Too wide for a page: it prints at full size over several, each with
	// the departments and the metrics' names.
	if err := pageSetup(b.f, name, 0, 0); err != nil {
		return err
	}
	if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%[1]s'!$A:$A,'%[1]s'!$3:$%[2]d", name, headerRows)}); err != nil {
		return err
	}
	return sw.Flush()
}
