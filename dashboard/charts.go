package dashboard

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/careerkpi/careerkpi/metrics"
)

// chart is a chart as a page embeds it: its ECharts option as JSON, built
// with go-echarts, in a data attribute that static/charts.js hands to
// ECharts. The option never holds code, and html/template escapes it as an
// attribute value, so a name a user typed stays text.
type chart struct {
	ID     string
	Option string
	// Unit tells charts.js how to write values (percent, hours, …).
	Unit string
	// Size is s, m or l (the chart's height).
	Size string
	// Label describes the chart for screen readers.
	Label string
}

// palette is the pages' colours, in series order.
var palette = opts.Colors{"#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#64748b", "#0ea5e9", "#d946ef"}

// series is one line or set of bars: a value per category, nil where
// there is none (or it is withheld).
type series struct {
	Name   string
	Values []*float64
}

func optionJSON(option map[string]any) string {
	b, err := json.Marshal(option)
	if err != nil {
		panic(fmt.Sprintf("dashboard: chart option: %v", err)) // options are built here from plain values
	}
	return string(b)
}

func valueAxis(unit metrics.Unit) opts.YAxis {
	y := opts.YAxis{Type: "value", SplitLine: &opts.SplitLine{Show: opts.Bool(true)}}
	if unit == metrics.Percent {
		y.AxisLabel = &opts.AxisLabel{Formatter: "{value}%"}
	}
	return y
}

// defaultGrid is where a chart with a legend above it draws.
var defaultGrid = opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: "40", ContainLabel: opts.Bool(true)}

// common returns the options every chart shares, drawn in grid. (A chart
// has one grid: WithGridOpts adds one to those set before, and the series
// draw in the first.)
func common(label string, grid opts.Grid) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithColorsOpts(palette),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithGridOpts(grid),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: label}}),
		charts.WithAnimation(false),
	}
}

// lineChart draws series over categories, such as fiscal years.
func lineChart(id, label string, unit metrics.Unit, x []string, ss []series) chart {
	c := charts.NewLine()
	c.SetGlobalOptions(append(common(label, defaultGrid),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(valueAxis(unit)))...)
	c.SetXAxis(x)
	for _, s := range ss {
		data := make([]opts.LineData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.LineData{Value: chartValue(v)}
		}
		c.AddSeries(s.Name, data, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}))
	}
	c.Validate()
	return chart{ID: id, Option: optionJSON(c.JSON()), Unit: string(unit), Size: "m", Label: label}
}

// barChart draws bars per category; horizontal ones suit long names such
// as departments.
func barChart(id, label string, unit metrics.Unit, x []string, ss []series, horizontal bool) chart {
	c := charts.NewBar()
	c.SetGlobalOptions(append(common(label, defaultGrid),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}))...)
	if horizontal {
		c.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "value", AxisLabel: valueAxis(unit).AxisLabel}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: x, Inverse: opts.Bool(true)}))
	} else {
		c.SetGlobalOptions(charts.WithYAxisOpts(valueAxis(unit)))
	}
	c.SetXAxis(x)
	for _, s := range ss {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.BarData{Value: chartValue(v)}
		}
		c.AddSeries(s.Name, data)
	}
	if horizontal {
		c.XYReversal()
	}
	c.Validate()
	size := "m"
	switch rows := len(x) * max(1, len(ss)); {
	case horizontal && rows > 30:
		size = "xl"
	case horizontal && len(x) > 12:
		size = "l"
	}
	return chart{ID: id, Option: optionJSON(c.JSON()), Unit: string(unit), Size: size, Label: label}
}

// heatmapChart draws a value per row and column (a department and a
// theme); cells with no value are left blank, and the page's table beside
// it says why.
func heatmapChart(id, label string, cols, rows []string, cells [][]*float64) chart {
	c := charts.NewHeatMap()
	// Room below the theme names for the colour scale.
	grid := opts.Grid{Left: "3%", Right: "4%", Bottom: "60", Top: "10", ContainLabel: opts.Bool(true)}
	c.SetGlobalOptions(append(common(label, grid),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: cols, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: rows, Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: 20, Max: 90, Orient: "horizontal", Left: "center", Bottom: "0",
			InRange: &opts.VisualMapInRange{Color: []string{"#ef4444", "#fde68a", "#10b981"}}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)
	var data []opts.HeatMapData
	for r, row := range cells {
		for col, v := range row {
			if v != nil {
				data = append(data, opts.HeatMapData{Value: [3]any{col, r, round1(*v)}})
			}
		}
	}
	c.AddSeries(label, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	c.Validate()
	size := "m"
	if len(rows) > 10 {
		size = "l"
	}
	return chart{ID: id, Option: optionJSON(c.JSON()), Unit: string(metrics.Percent), Size: size, Label: label}
}

// interval is a rate with its 95% interval, in percent.
type interval struct {
	Rate, Low, High float64
	OK              bool
}

// intervalChart draws rates with their 95% intervals as whiskers: the line
// in the box is the rate, the whiskers its interval. One series per group
// (users, non-users), one category per program or category.
func intervalChart(id, label string, x []string, names []string, groups [][]interval) chart {
	c := charts.NewBoxPlot()
	c.SetGlobalOptions(append(common(label, defaultGrid),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithYAxisOpts(valueAxis(metrics.Percent)))...)
	c.SetXAxis(x)
	for g, name := range names {
		data := make([]opts.BoxPlotData, len(x))
		for i := range x {
			iv := groups[g][i]
			if !iv.OK {
				data[i] = opts.BoxPlotData{Value: []any{}}
				continue
			}
			data[i] = opts.BoxPlotData{Value: []float64{round1(iv.Low), round1(iv.Rate), round1(iv.Rate), round1(iv.Rate), round1(iv.High)}}
		}
		c.AddSeries(name, data)
	}
	c.Validate()
	return chart{ID: id, Option: optionJSON(c.JSON()), Unit: string(metrics.Percent), Size: "m", Label: label}
}

// chartValue is a value as ECharts reads it: "-" for none.
func chartValue(v *float64) any {
	if v == nil {
		return "-"
	}
	return round2(*v)
}

func round1(v float64) float64 { return float64(int64(v*10+sign(v)*0.5)) / 10 }
func round2(v float64) float64 { return float64(int64(v*100+sign(v)*0.5)) / 100 }

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// retentionChart draws retention curves as steps, a point per month (x),
// the axis starting near the lowest value: the curves part by a few
// points, not by tens.
func retentionChart(id, label string, x []string, ss []series) chart {
	c := charts.NewLine()
	y := valueAxis(metrics.Percent)
	y.Scale, y.Max = opts.Bool(true), 100
	c.SetGlobalOptions(append(common(label, defaultGrid),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(y))...)
	c.SetXAxis(x)
	for _, s := range ss {
		data := make([]opts.LineData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.LineData{Value: chartValue(v)}
		}
		c.AddSeries(s.Name, data, charts.WithLineChartOpts(opts.LineChart{Step: "end", ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(false)}))
	}
	c.Validate()
	return chart{ID: id, Option: optionJSON(c.JSON()), Unit: string(metrics.Percent), Size: "m", Label: label}
}

// point is one dot of a scatter chart: a name for its tooltip and its two
// values.
type point struct {
	Name string
	X, Y float64
}

// scatterChart draws points on two value axes, both in unit.
func scatterChart(id, label, xName, yName string, unit metrics.Unit, points []point) chart {
	c := charts.NewScatter()
	x := opts.XAxis{Type: "value", Name: xName, NameLocation: "middle", NameGap: 30, SplitLine: &opts.SplitLine{Show: opts.Bool(true)}}
	y := valueAxis(unit)
	y.Name, y.NameLocation, y.NameGap = yName, "middle", 45
	if unit == metrics.Percent {
		x.AxisLabel = &opts.AxisLabel{Formatter: "{value}%"}
	}
	grid := opts.Grid{Left: "6%", Right: "4%", Bottom: "40", Top: "20", ContainLabel: opts.Bool(true)}
	c.SetGlobalOptions(append(common(label, grid),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(x), charts.WithYAxisOpts(y))...)
	data := make([]opts.ScatterData, len(points))
	for i, p := range points {
		data[i] = opts.ScatterData{Name: p.Name, Value: []float64{round1(p.X), round1(p.Y)}, SymbolSize: 9}
	}
	c.AddSeries(label, data)
	c.Validate()
	return chart{ID: id, Option: optionJSON(c.JSON()), Unit: string(unit), Size: "m", Label: label}
}

// funnelChart draws the steps of a funnel, widest first; each step's label
// is its count.
func funnelChart(id, label string, steps []string, counts []int) chart {
	c := charts.NewFunnel()
	c.SetGlobalOptions(append(common(label, defaultGrid),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)
	data := make([]opts.FunnelData, len(steps))
	for i, s := range steps {
		data[i] = opts.FunnelData{Name: s, Value: counts[i]}
	}
	c.AddSeries(label, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "inside", Formatter: "{b}: {c}"}))
	c.Validate()
	return chart{ID: id, Option: optionJSON(c.JSON()), Unit: string(metrics.Count), Size: "m", Label: label}
}
