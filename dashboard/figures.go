package dashboard

import (
	"context"

	"golang.org/x/sync/errgroup"

	"github.com/careerkpi/careerkpi/metrics"
)

// computeParallel is how many metric requests of a page run at once: the
// store's connections are shared with the other pages.
const computeParallel = 3

// compute computes the requests, several at once, in order.
func (d *Dashboard) compute(ctx context.Context, reqs []metrics.Request) ([]*metrics.Result, error) {
	out := make([]*metrics.Result, len(reqs))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(computeParallel)
	for i, req := range reqs {
		g.Go(func() error {
			res, err := d.engine.Compute(ctx, req)
			out[i] = res
			return err
		})
	}
	return out, g.Wait()
}

// tile is a metric's figure for the view, against its target and the
// period before.
type tile struct {
	Metric   *metrics.Metric
	Row      metrics.Row
	Previous *metrics.Period
}

// Better reports whether the change is for the better (+1), for the worse
// (-1), or neither (0).
func (t tile) Better() int {
	if t.Row.Change == nil || *t.Row.Change == 0 {
		return 0
	}
	if (*t.Row.Change > 0) == t.Metric.HigherIsBetter {
		return 1
	}
	return -1
}

// OnTarget reports whether the value meets its target.
func (t tile) OnTarget() bool {
	if t.Row.Value == nil || t.Row.Target == nil {
		return false
	}
	if t.Metric.HigherIsBetter {
		return *t.Row.Value >= *t.Row.Target
	}
	return *t.Row.Value <= *t.Row.Target
}

// tiles computes the total of each metric for the view, compared with the
// period before.
func (d *Dashboard) tiles(ctx context.Context, v *view, ids ...string) ([]tile, error) {
	reqs := make([]metrics.Request, len(ids))
	for i, id := range ids {
		reqs[i] = metrics.Request{Metric: id, Period: v.Period, Filters: v.filters(), Compare: true}
	}
	res, err := d.compute(ctx, reqs)
	if err != nil {
		return nil, err
	}
	out := make([]tile, len(res))
	for i, r := range res {
		out[i] = tile{Metric: r.Metric, Previous: r.Previous}
		if len(r.Rows) > 0 {
			out[i].Row = r.Rows[0]
		}
	}
	return out, nil
}

// trendYears is how many fiscal years a trend shows.
const trendYears = 5

// trend computes each metric by fiscal year over the trend's years: the
// years' labels and a series per metric.
func (d *Dashboard) trend(ctx context.Context, pg *page, v *view, ids ...string) ([]string, []series, error) {
	reqs := make([]metrics.Request, len(ids))
	for i, id := range ids {
		reqs[i] = metrics.Request{Metric: id, Period: v.years(d.engine.Calendar, trendYears), By: []string{"fiscal_year"}, Filters: v.filters()}
	}
	res, err := d.compute(ctx, reqs)
	if err != nil {
		return nil, nil, err
	}
	var years []string
	for y := v.FY - trendYears + 1; y <= v.FY; y++ {
		years = append(years, pg.FY(y))
	}
	ss := make([]series, len(res))
	for i, r := range res {
		ss[i] = series{Name: pg.Name(r.Metric), Values: make([]*float64, trendYears)}
		for _, row := range r.Rows {
			for y := range trendYears {
				if row.Key[0] == d.engine.Calendar.FiscalYear(v.FY-trendYears+1+y).Label {
					ss[i].Values[y] = row.Value
				}
			}
		}
	}
	return years, ss, nil
}

// groups is a breakdown as labels and one series, for a bar chart.
func groups(pg *page, r *metrics.Result, name string) ([]string, series) {
	s := series{Name: name}
	var labels []string
	for _, row := range r.Rows {
		labels = append(labels, pg.Label(r.By[len(r.By)-1], row.Key[len(row.Key)-1]))
		s.Values = append(s.Values, row.Value)
	}
	return labels, s
}
