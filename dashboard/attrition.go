package dashboard

import (
	"context"

	"github.com/careerkpi/careerkpi/metrics"
)

// attritionTiles are the figures of the attrition page.
var attritionTiles = []string{"attrition_rate", "voluntary_attrition_rate", "regretted_attrition_rate", "first_year_attrition",
	"new_graduate_three_year_attrition", "retention_rate", "headcount", "average_headcount"}

type attritionData struct {
	Tiles        []tile
	Trend        chart
	ByDepartment chart
	ByTenure     chart
	ByGrade      chart
	Annualised   bool
	// Cohorts are the new graduates of the year and the six before it,
	// beside the latest national figures (National, and National1000 at
	// employers of 1,000 or more), charted in CohortChart.
	Cohorts                *metrics.CohortsResult
	CohortChart            chart
	National, National1000 *metrics.BenchmarkRow
}

// cohortYears is how many fiscal years of new-graduate cohorts the page
// shows, the page's year the last.
const cohortYears = 7

// attrition answers GET /attrition: who leaves, where and when.
func (d *Dashboard) attrition(ctx context.Context, pg *page, query func(string) string) (any, error) {
	v := pg.View
	data := attritionData{Annualised: v.Period.Kind != metrics.KindFiscalYear}
	var err error
	if data.Tiles, err = d.tiles(ctx, v, attritionTiles...); err != nil {
		return nil, err
	}
	years, ss, err := d.trend(ctx, pg, v, "attrition_rate", "voluntary_attrition_rate", "regretted_attrition_rate")
	if err != nil {
		return nil, err
	}
	data.Trend = lineChart("attrition-trend", pg.T(msgAttritionTrend), metrics.Percent, years, ss)
	cuts := []struct{ metric, by string }{{"attrition_rate", "department"}, {"voluntary_attrition_rate", "department"},
		{"attrition_rate", "tenure_band"}, {"attrition_rate", "grade"}}
	reqs := make([]metrics.Request, len(cuts))
	for i, cut := range cuts {
		reqs[i] = metrics.Request{Metric: cut.metric, Period: v.Period, By: []string{cut.by}, Filters: v.filters()}
	}
	res, err := d.compute(ctx, reqs)
	if err != nil {
		return nil, err
	}
	labels, all := groups(pg, res[0], pg.Name(res[0].Metric))
	_, vol := groups(pg, res[1], pg.Name(res[1].Metric))
	data.ByDepartment = barChart("attrition-by-department", pg.T(msgAttritionByDepartment), metrics.Percent, labels, []series{all, vol}, true)
	labels, s := groups(pg, res[2], pg.Name(res[2].Metric))
	data.ByTenure = barChart("attrition-by-tenure", pg.T(msgAttritionByTenure), metrics.Percent, labels, []series{s}, false)
	labels, s = groups(pg, res[3], pg.Name(res[3].Metric))
	data.ByGrade = barChart("attrition-by-grade", pg.T(msgAttritionByGrade), metrics.Percent, labels, []series{s}, false)
	if err := d.cohorts(ctx, pg, &data); err != nil {
		return nil, err
	}
	return data, nil
}

// cohorts adds the new-graduate cohorts: each one's leavers in its first,
// second and third year, a year still in progress left out of the chart,
// and the latest national figures as the chart's last group.
func (d *Dashboard) cohorts(ctx context.Context, pg *page, data *attritionData) error {
	v := pg.View
	res, err := d.engine.NewGraduateCohorts(ctx, metrics.CohortsRequest{FirstYear: v.FY - cohortYears + 1, LastYear: v.FY, Filters: v.filters()})
	if err != nil {
		return err
	}
	data.Cohorts = res
	for i := range res.Benchmark {
		b := &res.Benchmark[i]
		switch {
		case b.EmployerSize == "all" && data.National == nil:
			data.National = b
		case b.EmployerSize == "1000+" && data.National1000 == nil:
			data.National1000 = b
		}
	}
	var x []string
	ss := []series{{Name: pg.T("Year 1")}, {Name: pg.T("Year 2")}, {Name: pg.T("Year 3")}}
	for _, c := range res.Cohorts {
		x = append(x, pg.T("Joined %s", pg.FY(c.FiscalYear)))
		for i, f := range []metrics.CohortFigure{c.Year1, c.Year2, c.Year3} {
			ss[i].Values = append(ss[i].Values, f.Rate)
		}
	}
	if n := data.National; n != nil {
		x = append(x, pg.T("National (graduated %s)", n.Graduated))
		for i, v := range []*float64{n.Year1, n.Year2, n.Year3} {
			ss[i].Values = append(ss[i].Values, v)
		}
	}
	data.CohortChart = barChart("new-graduate-cohorts", pg.T(msgCohortChart), metrics.Percent, x, ss, false)
	return nil
}
