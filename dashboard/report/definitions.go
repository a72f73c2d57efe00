package report

import (
	"strings"
)

// definitions writes the definition of every metric of the registry, in
// its order.
func (b *book) definitions() error {
	const name = sheetDefinitions
	s := b.sheet(name, 8, 50)
	st := b.st
	s.label(1, 1, "指標の定義 Definitions", st.title())
	header := 3
	s.headers(header, "ID", "指標名", "Name", "定義", "Definition", "計算式 Formula", "単位 Unit", "高いほど良い Higher is better", "分析軸 Dimensions")
	s.cols.caps[4], s.cols.caps[5] = 60, 60
	row := header + 1
	var texts [][]string
	for _, m := range b.figs.all {
		better := "いいえ / no"
		if m.HigherIsBetter {
			better = "はい / yes"
		}
		cells := []string{m.ID, m.NameJA, m.NameEN, m.DefinitionJA, m.DefinitionEN, m.Formula, unitText(m.Unit), better, strings.Join(m.Dimensions, ", ")}
		for i, t := range cells {
			s.str(i+1, row, t, st.wrapped())
		}
		texts = append(texts, cells)
		row++
	}
	if s.err != nil {
		return s.err
	}
	if err := s.cols.apply(b.f, name); err != nil {
		return err
	}
	// Excel does not grow a row for its wrapped text by itself: the
	// heights are estimated from the widths.
	if err := b.f.SetRowHeight(name, header, 2*lineHeight); err != nil {
		return err
	}
	for i, cells := range texts {
		n := 1
		for col, t := range cells {
			n = max(n, lines(t, s.cols.width(col+1)))
		}
		if err := b.f.SetRowHeight(name, header+1+i, float64(n)*lineHeight+2); err != nil {
			return err
		}
	}
	if err := freeze(b.f, name, 1, header); err != nil {
		return err
	}
	return printSetup(b.f, name, header, header)
}
