package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// The columns of the summary sheet.
const (
	sumNameJA = iota + 1
	sumNameEN
	sumUnit
	sumValue
	sumPrevious
	sumChange
	sumTarget
	sumAttainment
)

// Attainment colours: Excel's own good, neutral and bad.
var (
	attainmentGreen = [2]string{"C6EFCE", "006100"}
	attainmentAmber = [2]string{"FFEB9C", "9C5700"}
	attainmentRed   = [2]string{"FFC7CE", "9C0006"}
)

// summary writes the summary sheet: a note on what the report holds, then
// a row per metric, area by area, with its value, the previous year's,
// the change, the target and the attainment, coloured by conditional
// formats.
func (b *book) summary() error {
	s := b.sheet(sheetSummary, 10, 60)
	st, o := b.st, b.opts
	s.label(1, 1, o.Title, st.title())
	p := b.figs.period
	s.label(1, 2, fmt.Sprintf("%s（%s – %s）", fiscalYearLabel(o.FiscalYear), p.Start.Format("2006-01-02"), p.End.Format("2006-01-02")), st.subtitle())
	row := 3
	if o.Source != "" {
		s.label(1, row, "出典 Source: "+o.Source, st.note())
		row++
	}
	notes := []string{
		fmt.Sprintf("Survey figures from fewer than %d respondents are withheld / 回答者が%d人未満のサーベイの数値は表示しません（%s）", b.figs.threshold, b.figs.threshold, withheldText),
		scopeText(o.Filters),
		"離職率の計算式 Attrition rates: " + o.Turnover.NameJA() + " / " + o.Turnover.NameEN(),
		"作成 Created: " + o.Now.In(o.Calendar.Location).Format("2006-01-02 15:04 MST"),
	}
	for _, n := range notes {
		s.label(1, row, n, st.note())
		row++
	}
	row++
	header := row
	s.headers(header, "指標", "Metric", "単位 Unit", "値 Value", fmt.Sprintf("前年度 FY%d", o.FiscalYear-1), "増減 Change", "目標 Target", "達成率 Attainment")
	s.fail(s.f.SetRowHeight(sheetSummary, header, 2*lineHeight))
	row++
	firstData := row
	for _, a := range areas {
		s.label(sumNameJA, row, a.ja+" "+a.en, st.section())
		s.styleRange(sumNameJA, row, sumAttainment, row, st.section())
		row++
		for _, m := range b.figs.metrics {
			if m.Area != a.area {
				continue
			}
			r, _ := totalRow(b.figs.total[m.ID])
			s.str(sumNameJA, row, m.NameJA, st.text())
			s.str(sumNameEN, row, m.NameEN, st.text())
			s.str(sumUnit, row, unitText(m.Unit), st.text())
			s.figure(sumValue, row, m, r.Value, r.Withheld, st.value(m.Unit))
			s.figure(sumPrevious, row, m, r.Previous, false, st.value(m.Unit))
			s.figure(sumChange, row, m, r.Change, false, st.change(m.Unit))
			s.figure(sumTarget, row, m, r.Target, false, st.value(m.Unit))
			if a := attainment(m, r); a != nil {
				s.fail(s.f.SetCellFloat(sheetSummary, cell(sumAttainment, row), *a, -1, 64))
			}
			s.style(sumAttainment, row, st.number(attainmentFmt))
			row++
		}
	}
	last := row - 1
	for col := sumValue; col <= sumAttainment; col++ {
		s.cols.need[col] = max(s.cols.need[col], 13)
	}
	if s.err != nil {
		return s.err
	}
	if err := b.attainmentColours(firstData, last); err != nil {
		return err
	}
	if err := s.cols.apply(b.f, sheetSummary); err != nil {
		return err
	}
	if err := freeze(b.f, sheetSummary, 0, header); err != nil {
		return err
	}
	return printSetup(b.f, sheetSummary, header, header)
}

// attainmentColours colours the attainment column from row first to row
// last by conditional formats: green from 100%, amber from 90%, red below.
// Empty cells (no target) stay uncoloured.
func (b *book) attainmentColours(first, last int) error {
	ref := cell(sumAttainment, first)
	rule := func(cond string, colour [2]string) excelize.ConditionalFormatOptions {
		style := b.st.conditional(colour[0], colour[1])
		return excelize.ConditionalFormatOptions{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s)", ref, cond),
			Format: &style, StopIfTrue: true}
	}
	opts := []excelize.ConditionalFormatOptions{
		rule(ref+">=100", attainmentGreen),
		rule(ref+">=90", attainmentAmber),
		rule(ref+"<90", attainmentRed),
	}
	if b.st.err != nil {
		return b.st.err
	}
	return b.f.SetConditionalFormat(sheetSummary, cell(sumAttainment, first)+":"+cell(sumAttainment, last), opts)
}
