package dashboard

import (
	"encoding/json"
	"testing"

	"github.com/careerkpi/careerkpi/metrics"
)

// TestChartGrids: every chart has one grid, its own. ECharts draws the
// series in the first grid, so a second one set for a chart is ignored;
// the heatmap's room for its colour scale below the axis was lost that
// way and the scale covered the theme names.
func TestChartGrids(t *testing.T) {
	v := 42.0
	ss := []series{{Name: "a", Values: []*float64{&v, nil}}}
	for name, tc := range map[string]struct {
		c      chart
		bottom string
	}{
		"line":     {lineChart("l", "line", metrics.Percent, []string{"FY2024", "FY2025"}, ss), "3%"},
		"bar":      {barChart("b", "bar", metrics.Percent, []string{"FY2024", "FY2025"}, ss, true), "3%"},
		"heatmap":  {heatmapChart("h", "heatmap", []string{"career", "growth"}, []string{"Sales"}, [][]*float64{{&v, nil}}), "60"},
		"interval": {intervalChart("i", "interval", []string{"know"}, []string{"users"}, [][]interval{{{Rate: 10, Low: 8, High: 12, OK: true}}}), "3%"},
	} {
		var o struct {
			Grid []struct {
				Bottom string `json:"bottom"`
			} `json:"grid"`
		}
		if err := json.Unmarshal([]byte(tc.c.Option), &o); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(o.Grid) != 1 || o.Grid[0].Bottom != tc.bottom {
			t.Errorf("%s: grids %+v, want one with bottom %q", name, o.Grid, tc.bottom)
		}
	}
}
