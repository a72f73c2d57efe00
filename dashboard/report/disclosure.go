package report

import (
	"fmt"
	"unicode/utf8"

	"github.com/careerkpi/careerkpi/metrics"
)

// sheetDisclosure is the human-capital disclosure sheet's name.
const sheetDisclosure = "人的資本開示 Disclosure"

// disclosure writes the human-capital disclosure sheet: each figure a
// listed company discloses that careerkpi computes, from the same figures
// as the rest of the report (a published version's, when it is one), with
// its numerator, denominator and definition in both languages.
func (b *book) disclosure() error {
	s := b.sheet(sheetDisclosure, 9, 60)
	st, o, d := b.st, b.opts, b.opts.Disclosure
	s.label(1, 1, fmt.Sprintf("人的資本開示 Human-capital disclosure — %s", fiscalYearLabel(o.FiscalYear)), st.title())
	if o.Source != "" {
		s.label(1, 2, "出典 Source: "+o.Source, st.note())
	}
	s.label(1, 3, scopeText(o.Filters)+"　　離職率の計算式 Turnover: "+d.Turnover.NameJA()+" / "+d.Turnover.NameEN(), st.note())
	header := 5
	s.headers(header, "項目", "Item", "値 Value", "単位 Unit", "分子 Numerator", "分母 Denominator", "定義", "Definition")
	row := header + 1
	for _, it := range d.Items {
		m := &metrics.Metric{ID: it.ID, Unit: it.Unit}
		s.str(1, row, it.NameJA, st.text())
		s.str(2, row, it.NameEN, st.text())
		s.figure(3, row, m, it.Value, it.Withheld, st.value(it.Unit))
		s.str(4, row, unitText(it.Unit), st.text())
		s.float(5, row, &it.Numerator, st.number("#,##0.##"))
		s.float(6, row, it.Denominator, st.number("#,##0.####"))
		s.label(7, row, it.DefinitionJA, st.wrapped())
		s.label(8, row, it.DefinitionEN, st.wrapped())
		// Excel does not grow a row for wrapped text it did not type: as
		// many lines as the longer definition takes at 60 characters (a
		// Japanese one takes two per character).
		lines := max(utf8.RuneCountInString(it.DefinitionJA)*2, utf8.RuneCountInString(it.DefinitionEN))/56 + 1
		s.fail(b.f.SetRowHeight(sheetDisclosure, row, float64(15*lines)))
		row++
	}
	s.cols.need[7], s.cols.need[8] = 60, 60
	if s.err != nil {
		return s.err
	}
	if err := s.cols.apply(b.f, sheetDisclosure); err != nil {
		return err
	}
	if err := freeze(b.f, sheetDisclosure, 0, header); err != nil {
		return err
	}
	return printSetup(b.f, sheetDisclosure, header, header)
}
