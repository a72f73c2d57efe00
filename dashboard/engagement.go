package dashboard

import (
	"context"
	"slices"

	"github.com/careerkpi/careerkpi/metrics"
)

// engagementTiles are the figures of the engagement page.
var engagementTiles = []string{"engagement_index", "engagement_neutral", "engagement_unfavorable", "enps",
	"career_satisfaction", "program_satisfaction", "response_rate"}

type engagementData struct {
	Tiles   []tile
	Heatmap heatmap
	Themes  *metrics.Result
	Items   *metrics.Result
	Drivers chart
	Trend   chart
	// Threshold is the fewest respondents a figure may stand on.
	Threshold int
}

// heatmap is % favorable by department and theme, with the reason of
// every cell left blank.
type heatmap struct {
	Chart   chart
	Themes  []string
	Rows    []heatmapRow
	Missing bool
}

type heatmapRow struct {
	Department string
	Cells      []metrics.Row
}

// engagement answers GET /engagement: how engaged people are, where, and
// which items go with it.
func (d *Dashboard) engagement(ctx context.Context, pg *page, query func(string) string) (any, error) {
	v := pg.View
	data := engagementData{Threshold: d.engine.Threshold}
	var err error
	if data.Tiles, err = d.tiles(ctx, v, engagementTiles...); err != nil {
		return nil, err
	}
	themes := pg.Choices.Themes
	reqs := make([]metrics.Request, 0, len(themes)+3)
	for _, th := range themes {
		reqs = append(reqs, metrics.Request{Metric: "favorable", Period: v.Period, By: []string{"department"},
			Filters: append(v.filters(), metrics.Filter{Dimension: "theme", Values: []string{th}})})
	}
	reqs = append(reqs,
		metrics.Request{Metric: "favorable", Period: v.Period, By: []string{"theme"}, Filters: v.filters(), Compare: true},
		metrics.Request{Metric: "favorable", Period: v.Period, By: []string{"item"}, Filters: v.filters(), Compare: true},
		metrics.Request{Metric: "drivers", Period: v.Period, By: []string{"item"}, Filters: v.filters()})
	res, err := d.compute(ctx, reqs)
	if err != nil {
		return nil, err
	}
	// Themes with no figure at all (free text, eNPS) have no column.
	var shown []string
	var byTheme []*metrics.Result
	for i, th := range themes {
		if slices.ContainsFunc(res[i].Rows, func(r metrics.Row) bool { return r.Value != nil || r.Withheld }) {
			shown = append(shown, th)
			byTheme = append(byTheme, res[i])
		}
	}
	data.Heatmap = buildHeatmap(pg, shown, byTheme, v.Scope)
	data.Themes, data.Items = res[len(themes)], res[len(themes)+1]
	drivers := res[len(themes)+2]
	rows := slices.Clone(drivers.Rows)
	slices.SortStableFunc(rows, func(a, b metrics.Row) int { return cmpValue(b.Value, a.Value) })
	var labels []string
	s := series{Name: pg.Name(drivers.Metric)}
	for _, r := range rows {
		labels = append(labels, pg.ItemText(r.Key[0]))
		s.Values = append(s.Values, r.Value)
	}
	data.Drivers = barChart("drivers", pg.T(msgDriversChart), metrics.Correlation, labels, []series{s}, true)
	years, ss, err := d.trend(ctx, pg, v, "engagement_index", "career_satisfaction", "program_satisfaction")
	if err != nil {
		return nil, err
	}
	data.Trend = lineChart("engagement-trend", pg.T(msgEngagementTrend), metrics.Percent, years, ss)
	return data, nil
}

func buildHeatmap(pg *page, themes []string, byTheme []*metrics.Result, sc scope) heatmap {
	h := heatmap{Themes: themes}
	index := map[string]int{}
	for _, dep := range sc.Departments {
		index[dep] = len(h.Rows)
		h.Rows = append(h.Rows, heatmapRow{Department: dep, Cells: make([]metrics.Row, len(themes))})
	}
	for t, r := range byTheme {
		for _, row := range r.Rows {
			if i, ok := index[row.Key[0]]; ok {
				h.Rows[i].Cells[t] = row
			}
		}
	}
	var names []string
	cells := make([][]*float64, len(h.Rows))
	for i, row := range h.Rows {
		names = append(names, row.Department)
		cells[i] = make([]*float64, len(themes))
		for t, cell := range row.Cells {
			cells[i][t] = cell.Value
			if cell.Value == nil {
				h.Missing = true
			}
		}
	}
	h.Chart = heatmapChart("heatmap", pg.T(msgHeatmapChart), themes, names, cells)
	return h
}

// cmpValue orders values, nil last.
func cmpValue(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	case *a < *b:
		return -1
	case *a > *b:
		return 1
	}
	return 0
}
