package dashboard

import (
	"context"

	"github.com/careerkpi/careerkpi/metrics"
)

// utilizationTiles are the figures of the utilization page.
var utilizationTiles = []string{"utilization_any", "utilization_know", "utilization_challenge", "utilization_learn",
	"career_interview_coverage", "one_on_one_compliance", "posting_applications_per_100", "fa_applications_per_100",
	"posting_selection_rate", "internal_mobility_rate", "side_jobs_approved", "training_hours_per_employee",
	"certification_subsidies", "certification_subsidy_jpy", "elearning_active_rate", "usage_concentration_top20"}

type utilizationData struct {
	Tiles        []tile
	ByDepartment chart
	ByGrade      chart
	OneOnOne     chart
	Programs     []programFigure
}

// programFigure is one program's utilization in the view.
type programFigure struct {
	Program program
	tile
}

// utilization answers GET /utilization: who uses which program, where.
func (d *Dashboard) utilization(ctx context.Context, pg *page, query func(string) string) (any, error) {
	v := pg.View
	var data utilizationData
	var err error
	if data.Tiles, err = d.tiles(ctx, v, utilizationTiles...); err != nil {
		return nil, err
	}
	// Nearly everyone with a manager has 1on1s, so the know category and
	// "any" stand near 100% everywhere; the breakdowns show what differs:
	// career interviews, the challenge and the learn programs.
	type cut struct{ metric, program, by, name string }
	var cuts []cut
	for _, by := range []string{"department", "grade"} {
		cuts = append(cuts, cut{"program_utilization", "career_interview", by, msgCareerInterviews},
			cut{"utilization_challenge", "", by, msgChallenge}, cut{"utilization_learn", "", by, msgLearn})
	}
	cuts = append(cuts, cut{"one_on_one_compliance", "", "department", ""})
	reqs := make([]metrics.Request, len(cuts))
	for i, ct := range cuts {
		reqs[i] = metrics.Request{Metric: ct.metric, Program: ct.program, Period: v.Period, By: []string{ct.by}, Filters: v.filters()}
	}
	res, err := d.compute(ctx, reqs)
	if err != nil {
		return nil, err
	}
	bars := func(from int) ([]string, []series) {
		var labels []string
		var ss []series
		for i := from; i < from+3; i++ {
			l, s := groups(pg, res[i], pg.T(cuts[i].name))
			labels, ss = l, append(ss, s)
		}
		return labels, ss
	}
	labels, ss := bars(0)
	data.ByDepartment = barChart("by-department", pg.T(msgUtilizationByDepartment), metrics.Percent, labels, ss, true)
	labels, ss = bars(3)
	data.ByGrade = barChart("by-grade", pg.T(msgUtilizationByGrade), metrics.Percent, labels, ss, false)
	labels, s := groups(pg, res[6], pg.Name(res[6].Metric))
	data.OneOnOne = barChart("one-on-one", pg.T(msgOneOnOneByDepartment), metrics.Percent, labels, []series{s}, true)

	progs := companyPrograms(pg.Choices.Programs)
	preqs := make([]metrics.Request, len(progs))
	for i, p := range progs {
		preqs[i] = metrics.Request{Metric: "program_utilization", Program: p.ID, Period: v.Period, Filters: v.filters(), Compare: true}
	}
	pres, err := d.compute(ctx, preqs)
	if err != nil {
		return nil, err
	}
	for i, r := range pres {
		data.Programs = append(data.Programs, programFigure{Program: progs[i], tile: tile{Metric: r.Metric, Row: r.Rows[0], Previous: r.Previous}})
	}
	return data, nil
}

// companyPrograms are the programs the company loaded, or the built-in
// ones when it loaded none; manager programs are on the managers page.
func companyPrograms(all []program) []program {
	var own, builtin []program
	for _, p := range all {
		if p.Category == "manager" {
			continue
		}
		if p.Builtin {
			builtin = append(builtin, p)
		} else {
			own = append(own, p)
		}
	}
	if len(own) > 0 {
		return own
	}
	return builtin
}
