package dashboard

import (
	"slices"

	"github.com/gofiber/fiber/v2"

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
}

// impact answers GET /impact: do the users of each program leave less
// often than the others? An association, not a cause, and labelled so.
func (d *Dashboard) impact(c *fiber.Ctx) error {
	ctx := c.UserContext()
	v := c.Locals(localView).(*view)
	pg := d.newPage(c, pageInfo{Title: msgProgramImpact, Nav: "/impact"}, nil)
	targets := categoryTargets(impactCategories)
	for _, p := range companyPrograms(pg.Choices.Programs) {
		targets = append(targets, impactTarget{Program: p.ID, Name: pg.ProgramName(p)})
	}
	data := impactData{Cuts: impactCuts, Cut: c.Query("by", "department"), Targets: targets}
	if !slices.Contains(impactCuts, data.Cut) {
		return badRequest(msgBadDimension, data.Cut)
	}
	for i := range targets {
		if targets[i].Name == "" {
			targets[i].Name = pg.Label("category", targets[i].Category)
		}
	}
	data.Selected = targets[0]
	if key := c.Query("target"); key != "" {
		i := slices.IndexFunc(targets, func(t impactTarget) bool { return t.Key() == key })
		if i < 0 {
			return badRequest(msgBadProgram, key)
		}
		data.Selected = targets[i]
	}
	pg.Keep = map[string]string{"target": data.Selected.Key(), "by": data.Cut}
	var err error
	if data.Impact, err = d.impactSummary(ctx, pg, v, targets); err != nil {
		return err
	}
	data.Detail, err = d.engine.Impact(ctx, metrics.ImpactRequest{FiscalYear: data.Impact.FiscalYear,
		Program: data.Selected.Program, Category: data.Selected.Category, By: []string{data.Cut}, Filters: v.filters()})
	if err != nil {
		return err
	}
	pg.Data = data
	return d.renderPage(c, "impact", pg)
}
