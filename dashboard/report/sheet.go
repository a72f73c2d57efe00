package report

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"

	"github.com/careerkpi/careerkpi/metrics"
)

// sheet writes the cells of one (not streamed) sheet and keeps the widths
// its columns need. The first error is kept in err.
type sheet struct {
	f    *excelize.File
	name string
	st   *styles
	cols *columns
	err  error
}

func (b *book) sheet(name string, minWidth, maxWidth float64) *sheet {
	return &sheet{f: b.f, name: name, st: b.st, cols: newColumns(minWidth, maxWidth)}
}

// cell names the cell at column col and row row, both from 1.
func cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // the report's own coordinates are always in range
	}
	return name
}

// colName names column col, from 1.
func colName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return name
}

func (s *sheet) fail(err error) {
	if err != nil && s.err == nil {
		s.err = err
	}
}

func (s *sheet) style(col, row, style int) {
	s.fail(s.f.SetCellStyle(s.name, cell(col, row), cell(col, row), style))
}

// styleRange sets style on the cells from (c1, r1) to (c2, r2).
func (s *sheet) styleRange(c1, r1, c2, r2, style int) {
	s.fail(s.f.SetCellStyle(s.name, cell(c1, r1), cell(c2, r2), style))
}

// str writes text as a string — names users typed included, so a text
// that starts with = + - @ is never read as a formula — and makes its
// column wide enough for it.
func (s *sheet) str(col, row int, text string, style int) {
	s.label(col, row, text, style)
	s.cols.fit(col, text)
}

// label writes text as str does, without widening its column: titles and
// notes run over the empty cells beside them.
func (s *sheet) label(col, row int, text string, style int) {
	s.fail(s.f.SetCellStr(s.name, cell(col, row), text))
	s.style(col, row, style)
}

// num writes a number as metric m shows it.
func (s *sheet) num(col, row int, v float64, style int, m *metrics.Metric) {
	if math.Abs(v) < 1e-9 {
		v = 0 // a difference of equal figures, not −0
	}
	s.fail(s.f.SetCellFloat(s.name, cell(col, row), v, -1, 64))
	s.style(col, row, s.st.forValue(style, m.Unit, v))
	s.cols.fit(col, m.Format(&v)+"  ")
}

// figure writes a figure of metric m: its value, the text of a withheld
// figure, or an empty cell when there is no value.
func (s *sheet) figure(col, row int, m *metrics.Metric, v *float64, withheld bool, style int) {
	switch {
	case withheld:
		s.str(col, row, withheldText, s.st.withheld())
	case v == nil:
		s.style(col, row, style)
	default:
		s.num(col, row, *v, style, m)
	}
}

// headers writes a table's header row from column 1.
// int writes a whole number.
func (s *sheet) int(col, row, n, style int) {
	s.fail(s.f.SetCellInt(s.name, cell(col, row), int64(n)))
	s.style(col, row, style)
	s.cols.fit(col, fmt.Sprint(n))
}

// float writes a number, or leaves the cell empty (styled) when v is nil.
func (s *sheet) float(col, row int, v *float64, style int) {
	if v != nil {
		x := *v
		if math.Abs(x) < 1e-9 {
			x = 0 // a difference of equal figures, not −0
		}
		s.fail(s.f.SetCellFloat(s.name, cell(col, row), x, -1, 64))
	}
	s.style(col, row, style)
}

func (s *sheet) headers(row int, texts ...string) {
	for i, t := range texts {
		s.str(i+1, row, t, s.st.header())
	}
}

// freeze freezes the first x columns and y rows.
func freeze(f *excelize.File, sheet string, x, y int) error {
	return f.SetPanes(sheet, panes(x, y))
}

func panes(x, y int) *excelize.Panes {
	p := &excelize.Panes{Freeze: true, XSplit: x, YSplit: y, TopLeftCell: cell(x+1, y+1), ActivePane: "bottomLeft"}
	switch {
	case x > 0 && y > 0:
		p.ActivePane = "bottomRight"
	case x > 0:
		p.ActivePane = "topRight"
	}
	p.Selection = []excelize.Selection{{SQRef: p.TopLeftCell, ActiveCell: p.TopLeftCell, Pane: p.ActivePane}}
	return p
}

// fitToPage makes a sheet print on pages as wide as its content; it must
// be set before a stream writer opens the sheet.
func fitToPage(f *excelize.File, sheet string) error {
	yes := true
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes})
}

// printSetup prints a sheet landscape on A4, one page wide, with its
// header rows (from row from to row to, none when from is 0) on every
// page and the sheet's name and page number in the footer.
func printSetup(f *excelize.File, sheet string, from, to int) error {
	if err := fitToPage(f, sheet); err != nil {
		return err
	}
	return pageSetup(f, sheet, from, to)
}

// pageSetup is printSetup without FitToPage: a sheet without it prints at
// full size, and a streamed sheet sets it before it is opened.
func pageSetup(f *excelize.File, sheet string, from, to int) error {
	a4, landscape, wide, tall := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	side, edge, hf := 0.4, 0.6, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge,
		Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&8&A&R&8&P / &N"}); err != nil {
		return err
	}
	if from == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, from, to)})
}
