package report

import (
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/careerkpi/careerkpi/metrics"
)

// numFmt is the number format of a metric's values in unit u. Percentages
// are 0–100 as the metrics give them, so the format adds the sign rather
// than scaling.
func numFmt(u metrics.Unit) string {
	switch u {
	case metrics.Percent:
		return `0.0"%"`
	case metrics.JPY:
		return `"¥"#,##0`
	case metrics.Per100, metrics.Hours, metrics.Correlation:
		return "0.00"
	case metrics.Count:
		return "#,##0"
	case metrics.Points:
		return "+0.0;-0.0"
	}
	return "General"
}

// changeFmt is the number format of a change of a metric's value: signed,
// in percentage points for a percentage.
func changeFmt(u metrics.Unit) string {
	switch u {
	case metrics.Percent:
		return `+0.0" pt";-0.0" pt";0.0" pt"`
	case metrics.JPY:
		return `+"¥"#,##0;-"¥"#,##0;"¥"0`
	case metrics.Per100, metrics.Hours, metrics.Correlation:
		return "+0.00;-0.00;0.00"
	case metrics.Count:
		return "+#,##0;-#,##0;0"
	case metrics.Points:
		return "+0.0;-0.0;0.0"
	}
	return "General"
}

// attainmentFmt is the number format of attainment, a percentage 0–100+.
const attainmentFmt = `0.0"%"`

// Colours of the report.
const (
	colorHeader  = "DDEBF7"
	colorSection = "F2F2F2"
	colorBorder  = "BFBFBF"
	colorMuted   = "7F7F7F"
	colorTitle   = "1F3864"
	colorWarning = "9C5700"
)

// styles makes each cell style once. The first error is kept in err.
type styles struct {
	f   *excelize.File
	ids map[string]int
	err error
}

func newStyles(f *excelize.File) *styles { return &styles{f: f, ids: map[string]int{}} }

func (s *styles) make(key string, st *excelize.Style) int {
	if id, ok := s.ids[key]; ok {
		return id
	}
	id, err := s.f.NewStyle(st)
	if err != nil && s.err == nil {
		s.err = err
	}
	s.ids[key] = id
	return id
}

func borders() []excelize.Border {
	var bs []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		bs = append(bs, excelize.Border{Type: side, Color: colorBorder, Style: 1})
	}
	return bs
}

func (s *styles) title() int {
	return s.make("title", &excelize.Style{Font: &excelize.Font{Family: font, Bold: true, Size: 16, Color: colorTitle}})
}

func (s *styles) subtitle() int {
	return s.make("subtitle", &excelize.Style{Font: &excelize.Font{Family: font, Bold: true, Size: 12, Color: colorTitle}})
}

func (s *styles) note() int {
	return s.make("note", &excelize.Style{Font: &excelize.Font{Family: font, Size: 10, Color: colorMuted}})
}

// header is the style of a table's header cells: bold on a light fill,
// wrapped.
func (s *styles) header() int {
	return s.make("header", &excelize.Style{Font: &excelize.Font{Family: font, Bold: true}, Border: borders(),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorHeader}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
}

// section is the style of a row that opens a group of a table.
func (s *styles) section() int {
	return s.make("section", &excelize.Style{Font: &excelize.Font{Family: font, Bold: true}, Border: borders(),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorSection}},
		Alignment: &excelize.Alignment{Vertical: "center"}})
}

func (s *styles) text() int {
	return s.make("text", &excelize.Style{Border: borders(), Alignment: &excelize.Alignment{Vertical: "center"}})
}

func (s *styles) wrapped() int {
	return s.make("wrapped", &excelize.Style{Border: borders(), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
}

// warning is the style of a note the reader must not miss.
func (s *styles) warning() int {
	return s.make("warning", &excelize.Style{Font: &excelize.Font{Family: font, Bold: true, Color: colorWarning}})
}

// withheld is the style of a withheld figure's text.
func (s *styles) withheld() int {
	return s.make("withheld", &excelize.Style{Border: borders(), Font: &excelize.Font{Family: font, Italic: true, Color: colorMuted},
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
}

func (s *styles) number(format string) int {
	return s.make("num:"+format, &excelize.Style{Border: borders(), CustomNumFmt: &format, Alignment: &excelize.Alignment{Vertical: "center"}})
}

func (s *styles) value(u metrics.Unit) int  { return s.number(numFmt(u)) }
func (s *styles) change(u metrics.Unit) int { return s.number(changeFmt(u)) }

// Number formats of a count that is not whole, such as an average
// headcount of 52.15 or its change of −0.33, which #,##0 would show as 52
// and −0.
const (
	fractionalCountFmt       = "#,##0.00"
	fractionalCountChangeFmt = "+#,##0.00;-#,##0.00;0.00"
)

// forValue returns the style to write v in instead of style: a count's
// value or change styles with two decimals when v is not whole, style
// itself otherwise.
func (s *styles) forValue(style int, u metrics.Unit, v float64) int {
	if u != metrics.Count || v == math.Trunc(v) {
		return style
	}
	switch style {
	case s.value(metrics.Count):
		return s.number(fractionalCountFmt)
	case s.change(metrics.Count):
		return s.number(fractionalCountChangeFmt)
	}
	return style
}

// conditional returns a conditional format's style: a fill and a font
// colour.
func (s *styles) conditional(fill, colour string) int {
	key := "cond:" + fill
	if id, ok := s.ids[key]; ok {
		return id
	}
	id, err := s.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: colour},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}})
	if err != nil && s.err == nil {
		s.err = err
	}
	s.ids[key] = id
	return id
}

// textWidth is how many columns of Excel's width a text takes: East Asian
// wide and fullwidth characters count as two. A text of several lines
// takes the width of its longest.
func textWidth(s string) float64 {
	widest := 0
	for line := range strings.SplitSeq(s, "\n") {
		n := 0
		for _, r := range line {
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
		widest = max(widest, n)
	}
	return float64(widest)
}

// columns keeps the width each column needs: its longest content, between
// a floor and a cap (longer texts wrap).
type columns struct {
	need     map[int]float64
	min, max float64
	caps     map[int]float64
}

func newColumns(minWidth, maxWidth float64) *columns {
	return &columns{need: map[int]float64{}, min: minWidth, max: maxWidth, caps: map[int]float64{}}
}

func (c *columns) fit(col int, text string) {
	c.need[col] = max(c.need[col], textWidth(text)+2)
}

// width returns the width of col.
func (c *columns) width(col int) float64 {
	limit := c.max
	if v, ok := c.caps[col]; ok {
		limit = v
	}
	return math.Min(math.Max(c.need[col], c.min), limit)
}

// last is the rightmost column with content.
func (c *columns) last() int {
	n := 0
	for col := range c.need {
		n = max(n, col)
	}
	return n
}

// apply sets the widths on a sheet.
func (c *columns) apply(f *excelize.File, sheet string) error {
	for col := 1; col <= c.last(); col++ {
		name, err := excelize.ColumnNumberToName(col)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, name, name, c.width(col)); err != nil {
			return err
		}
	}
	return nil
}

// lines estimates how many lines a text wraps to in a column of width w.
func lines(text string, w float64) int {
	n := 0
	for line := range strings.SplitSeq(text, "\n") {
		n += max(1, int(math.Ceil(textWidth(line)/math.Max(w-1.5, 1))))
	}
	return n
}

// lineHeight is the height in points of a line of the default font.
const lineHeight = 15.0
