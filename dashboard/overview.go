package dashboard

import (
	"context"

	"github.com/careerkpi/careerkpi/metrics"
)

// overviewTiles are the figures an executive reads first: are the
// programs used, do people engage, do they stay.
var overviewTiles = []string{"utilization_any", "career_interview_coverage", "one_on_one_compliance",
	"engagement_index", "enps", "attrition_rate", "voluntary_attrition_rate", "retention_rate"}

// impactCategories are the three opportunities, in the order the pages show them.
var impactCategories = []string{"know", "challenge", "learn"}

type overviewData struct {
	Tiles         []tile
	Trends        []chart
	Opportunities chart
	Impact        impactSummary
}

// overview answers GET /: the state of the programs and their outcomes at a
// glance.
func (d *Dashboard) overview(ctx context.Context, pg *page, query func(string) string) (any, error) {
	v := pg.View
	var data overviewData
	var err error
	if data.Tiles, err = d.tiles(ctx, v, overviewTiles...); err != nil {
		return nil, err
	}
	years, ss, err := d.trend(ctx, pg, v, "utilization_any", "engagement_index", "attrition_rate")
	if err != nil {
		return nil, err
	}
	for i, s := range ss {
		m, _ := d.engine.Registry.Get([]string{"utilization_any", "engagement_index", "attrition_rate"}[i])
		data.Trends = append(data.Trends, lineChart("trend-"+m.ID, s.Name, m.Unit, years, []series{s}))
	}
	years, opp, err := d.trend(ctx, pg, v, "utilization_know", "utilization_challenge", "utilization_learn")
	if err != nil {
		return nil, err
	}
	for i, name := range []string{msgKnow, msgChallenge, msgLearn} {
		opp[i].Name = pg.T(name)
	}
	data.Opportunities = barChart("opportunities", pg.T(msgThreeOpportunities), metrics.Percent, years, opp, false)
	if data.Impact, err = d.impactSummary(ctx, pg, v, categoryTargets(impactCategories)); err != nil {
		return nil, err
	}
	return data, nil
}

// impactTarget is a program or a category whose users are compared with
// the others.
type impactTarget struct {
	Program, Category string
	Name              string
}

func categoryTargets(cats []string) []impactTarget {
	out := make([]impactTarget, len(cats))
	for i, c := range cats {
		out[i] = impactTarget{Category: c}
	}
	return out
}

// impactSummary is the comparison of users with non-users for several
// programs or categories, for one cohort year.
type impactSummary struct {
	FiscalYear int
	Rows       []impactLine
	Chart      chart
}

type impactLine struct {
	Target impactTarget
	metrics.ImpactRow
}

// impactYear is the cohort the pages compare: the view's fiscal year when
// the data follows it for its 12 months, else the year before.
func (d *Dashboard) impactYear(v *view, ch *choices) int {
	if !ch.Latest.IsZero() && ch.Latest.Before(d.engine.Calendar.FiscalYear(v.FY).End) {
		return v.FY - 1
	}
	return v.FY
}

func (d *Dashboard) impactSummary(ctx context.Context, pg *page, v *view, targets []impactTarget) (impactSummary, error) {
	sum := impactSummary{FiscalYear: d.impactYear(v, pg.Choices)}
	for _, t := range targets {
		res, err := d.engine.Impact(ctx, metrics.ImpactRequest{FiscalYear: sum.FiscalYear, Program: t.Program, Category: t.Category, Filters: v.filters()})
		if err != nil {
			return sum, err
		}
		if t.Name == "" {
			t.Name = pg.Label("category", t.Category)
		}
		sum.Rows = append(sum.Rows, impactLine{Target: t, ImpactRow: res.Rows[len(res.Rows)-1]})
	}
	names := []string{pg.T(msgUsers), pg.T(msgNonUsers)}
	var x []string
	groups := make([][]interval, 2)
	for _, r := range sum.Rows {
		x = append(x, r.Target.Name)
		for g, grp := range []metrics.ImpactGroup{r.Users, r.NonUsers} {
			iv := interval{}
			if grp.Rate != nil && grp.Interval != nil {
				iv = interval{Rate: *grp.Rate, Low: grp.Interval.Low, High: grp.Interval.High, OK: true}
			}
			groups[g] = append(groups[g], iv)
		}
	}
	sum.Chart = intervalChart("impact", pg.T(msgImpactChart, pg.FY(sum.FiscalYear)), x, names, groups)
	return sum, nil
}
