package dashboard

import (
	"context"
	"slices"
	"strings"

	"github.com/careerkpi/careerkpi/metrics"
)

// managerTiles are the managers' own uptake of the programs.
var managerTiles = []string{"manager_training_rate", "manager_career_interview_rate", "one_on_one_compliance"}

// teamsShown is how many teams the managers page lists when it shows more
// than one department: those that hold the fewest 1on1s.
const teamsShown = 50

type managersData struct {
	Tiles []tile
	Teams []teamFigure
	// AllTeams counts the teams, of which Teams are the first.
	AllTeams     int
	Distribution chart
	ByDivision   chart
	Bottleneck   bottleneck
}

// bottleneck is the seed article's point, per manager over the fiscal
// year: the team's 1on1 compliance and utilization against its engagement
// and attrition. Teams smaller than the anonymity threshold at the year's
// end are left out, and so is a team's engagement where it is withheld.
type bottleneck struct {
	Period                   metrics.Period
	Threshold                int
	Engagement, Attrition    chart
	Correlations             []correlation
	TeamsShown, TeamsOmitted int
}

// correlation is one pair of a team's figures across the teams shown.
type correlation struct {
	X, Y string // metric names
	R    *float64
	N    int
}

// teamFigure is one manager's team: its size at the period end, its 1on1
// compliance and the share of it that had a career interview.
type teamFigure struct {
	Manager     string
	Headcount   *float64
	Compliance  metrics.Row
	Utilization metrics.Row
}

// managers answers GET /managers: each manager's team, and the managers'
// own uptake.
func (d *Dashboard) managers(ctx context.Context, pg *page, query func(string) string) (any, error) {
	v := pg.View
	var data managersData
	var err error
	if data.Tiles, err = d.tiles(ctx, v, managerTiles...); err != nil {
		return nil, err
	}
	reqs := []metrics.Request{
		{Metric: "headcount", Period: v.Period, By: []string{"manager"}, Filters: v.filters()},
		{Metric: "one_on_one_compliance", Period: v.Period, By: []string{"manager"}, Filters: v.filters()},
		{Metric: "program_utilization", Program: "career_interview", Period: v.Period, By: []string{"manager"}, Filters: v.filters()},
		{Metric: "manager_training_rate", Period: v.Period, By: []string{"division"}, Filters: v.filters()},
		{Metric: "manager_career_interview_rate", Period: v.Period, By: []string{"division"}, Filters: v.filters()},
	}
	res, err := d.compute(ctx, reqs)
	if err != nil {
		return nil, err
	}
	teams := map[string]*teamFigure{}
	team := func(id string) *teamFigure {
		if teams[id] == nil {
			teams[id] = &teamFigure{Manager: id}
		}
		return teams[id]
	}
	for _, r := range res[0].Rows {
		if r.Key[0] != "" {
			team(r.Key[0]).Headcount = r.Value
		}
	}
	for _, r := range res[1].Rows {
		if r.Key[0] != "" {
			team(r.Key[0]).Compliance = r
		}
	}
	for _, r := range res[2].Rows {
		if r.Key[0] != "" {
			team(r.Key[0]).Utilization = r
		}
	}
	for _, t := range teams {
		data.Teams = append(data.Teams, *t)
	}
	// The teams that hold the fewest 1on1s first: the manager is where the
	// programs stall.
	slices.SortFunc(data.Teams, func(a, b teamFigure) int {
		if c := cmpValue(a.Compliance.Value, b.Compliance.Value); c != 0 {
			return c
		}
		return strings.Compare(a.Manager, b.Manager)
	})
	data.AllTeams = len(data.Teams)
	buckets := make([]*float64, 10)
	var x []string
	for i := range buckets {
		x = append(x, pg.p.Sprintf("%d–%d%%", i*10, i*10+10))
	}
	for _, t := range data.Teams {
		if t.Compliance.Value == nil {
			continue
		}
		i := min(int(*t.Compliance.Value/10), 9)
		if buckets[i] == nil {
			buckets[i] = new(float64)
		}
		*buckets[i]++
	}
	data.Distribution = barChart("compliance-distribution", pg.T(msgComplianceDistribution), metrics.Count, x,
		[]series{{Name: pg.T(msgTeams), Values: buckets}}, false)
	if v.Department == "" && len(data.Teams) > teamsShown {
		data.Teams = data.Teams[:teamsShown]
	}
	if data.Bottleneck, err = d.bottleneck(ctx, pg); err != nil {
		return nil, err
	}
	labels, tr := groups(pg, res[3], pg.Name(res[3].Metric))
	_, ci := groups(pg, res[4], pg.Name(res[4].Metric))
	data.ByDivision = barChart("managers-by-division", pg.T(msgManagersByDivision), metrics.Percent, labels, []series{tr, ci}, false)
	return data, nil
}

// bottleneck puts each manager's team of the view's fiscal year on two
// scatters: 1on1 compliance against the engagement index and against
// attrition, with the correlations of compliance and utilization with both.
func (d *Dashboard) bottleneck(ctx context.Context, pg *page) (bottleneck, error) {
	v := pg.View
	fy := d.engine.Calendar.FiscalYear(v.FY)
	ids := []string{"headcount", "one_on_one_compliance", "utilization_any", "engagement_index", "attrition_rate"}
	reqs := make([]metrics.Request, len(ids))
	for i, id := range ids {
		reqs[i] = metrics.Request{Metric: id, Period: fy, By: []string{"manager"}, Filters: v.filters()}
	}
	res, err := d.compute(ctx, reqs)
	if err != nil {
		return bottleneck{}, err
	}
	b := bottleneck{Period: fy, Threshold: res[3].Threshold}
	// each team's figures, by metric, where shown
	teams := map[string][]*float64{}
	for i, r := range res {
		for _, row := range r.Rows {
			if len(row.Key) == 0 || row.Key[0] == "" {
				continue
			}
			if teams[row.Key[0]] == nil {
				teams[row.Key[0]] = make([]*float64, len(ids))
			}
			if !row.Withheld {
				teams[row.Key[0]][i] = row.Value
			}
		}
	}
	names := make([]string, 0, len(teams))
	for m, f := range teams {
		if f[0] == nil || *f[0] < float64(b.Threshold) {
			b.TeamsOmitted++
			continue
		}
		names = append(names, m)
	}
	slices.Sort(names)
	b.TeamsShown = len(names)
	pairs := func(x, y int) ([]point, []float64, []float64) {
		var ps []point
		var xs, ys []float64
		for _, m := range names {
			if f := teams[m]; f[x] != nil && f[y] != nil {
				ps = append(ps, point{Name: m, X: *f[x], Y: *f[y]})
				xs, ys = append(xs, *f[x]), append(ys, *f[y])
			}
		}
		return ps, xs, ys
	}
	for _, x := range []int{1, 2} {
		for _, y := range []int{3, 4} {
			_, xs, ys := pairs(x, y)
			c := correlation{X: pg.Name(res[x].Metric), Y: pg.Name(res[y].Metric), N: len(xs)}
			if r, ok := metrics.Pearson(xs, ys); ok {
				c.R = &r
			}
			b.Correlations = append(b.Correlations, c)
		}
	}
	for _, y := range []int{3, 4} {
		ps, _, _ := pairs(1, y)
		ch := scatterChart("bottleneck-"+ids[y], pg.T(msgBottleneckChart, pg.Name(res[1].Metric), pg.Name(res[y].Metric)),
			pg.Name(res[1].Metric), pg.Name(res[y].Metric), metrics.Percent, ps)
		if y == 3 {
			b.Engagement = ch
		} else {
			b.Attrition = ch
		}
	}
	return b, nil
}
