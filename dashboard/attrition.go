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
}

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
	return data, nil
}
