package dashboard

import (
	"context"
	"slices"

	"github.com/careerkpi/careerkpi/metrics"
)

// impactCuts are the dimensions the impact page breaks a comparison down by.
var impactCuts = []string{"department", "division", "grade", "tenure_band", "hire_type", "employment_type"}

type impactData struct {
	Impact impactSummary
	// Selected is the program or category broken down, Cut the dimension,
	// Detail the breakdown.
	Selected impactTarget
	Cut      string
	Cuts     []string
	Detail   *metrics.ImpactResult
	Targets  []impactTarget
	// Retention charts Detail's retention curves; Milestones are their
	// points at the end of each half year followed.
	Retention  *chart
	Milestones []retentionMilestone
}

// retentionMilestone is both curves at one month.
type retentionMilestone struct {
	Month           int
	Users, NonUsers metrics.RetentionPoint
}

// impact answers GET /impact: do the users of each program leave less
// often than the others? An association, not a cause, and labelled so.
func (d *Dashboard) impact(ctx context.Context, pg *page, query func(string) string) (any, error) {
	v := pg.View
	targets := categoryTargets(impactCategories)
	for _, p := range companyPrograms(pg.Choices.Programs) {
		targets = append(targets, impactTarget{Program: p.ID, Name: pg.ProgramName(p)})
	}
	data := impactData{Cuts: impactCuts, Cut: cmpOr(query("by"), "department"), Targets: targets}
	if !slices.Contains(impactCuts, data.Cut) {
		return nil, badRequest(msgBadDimension, data.Cut)
	}
	var err error
	for i := range targets {
		if targets[i].Name == "" {
			targets[i].Name = pg.Label("category", targets[i].Category)
		}
	}
	if data.Impact, err = d.impactSummary(ctx, pg, v, targets); err != nil {
		return nil, err
	}
	// Without a choice, the comparison with the most people on its smaller
	// side: a program nearly everyone uses compares with almost no one.
	data.Selected = targets[0]
	best := -1
	for _, r := range data.Impact.Rows {
		if n := min(r.Users.Employees, r.NonUsers.Employees); n > best {
			best, data.Selected = n, r.Target
		}
	}
	if key := query("target"); key != "" {
		i := slices.IndexFunc(targets, func(t impactTarget) bool { return t.Key() == key })
		if i < 0 {
			return nil, badRequest(msgBadProgram, key)
		}
		data.Selected = targets[i]
	}
	pg.Keep = map[string]string{"target": data.Selected.Key(), "by": data.Cut}
	data.Detail, err = d.engine.Impact(ctx, metrics.ImpactRequest{FiscalYear: data.Impact.FiscalYear,
		Program: data.Selected.Program, Category: data.Selected.Category, By: []string{data.Cut}, Filters: v.filters()})
	if err != nil {
		return nil, err
	}
	if ret := data.Detail.Retention; ret != nil && len(ret.Users) > 0 && len(ret.NonUsers) > 0 {
		c := retentionCurves(pg, ret)
		data.Retention = &c
		for m := 6; m < min(len(ret.Users), len(ret.NonUsers)); m += 6 {
			data.Milestones = append(data.Milestones, retentionMilestone{Month: m, Users: ret.Users[m], NonUsers: ret.NonUsers[m]})
		}
	}
	return data, nil
}

// retentionCurves charts the users' and the non-users' retention by month.
func retentionCurves(pg *page, ret *metrics.Retention) chart {
	n := min(len(ret.Users), len(ret.NonUsers))
	x := make([]string, n)
	ss := []series{{Name: pg.T("Users"), Values: make([]*float64, n)}, {Name: pg.T("Non-users"), Values: make([]*float64, n)}}
	for m := range n {
		x[m] = pg.T("month %d", m)
		ss[0].Values[m], ss[1].Values[m] = &ret.Users[m].Retention, &ret.NonUsers[m].Retention
	}
	return retentionChart("impact-retention", pg.T(msgRetentionCurves), x, ss)
}
