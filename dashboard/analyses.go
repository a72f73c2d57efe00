package dashboard

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/metrics"
)

// The analyses the API answers beside the metrics — program impact, the
// new-graduate cohorts and the program funnels — are computed from the
// data as it is, never published: their source is always live, at one
// data version. A department head's are those of their scope.

// apiImpact answers GET /api/v1/impact?fy=2024&program=side_job (or
// category=challenge), with by= one attribute and filter=: the attrition
// of a program's users against the others, as `careerkpi metrics impact
// --format json` gives it.
func (d *Dashboard) apiImpact(c *fiber.Ctx) error {
	fy, err := yearParam(c, "fy", "give the fiscal year of the cohort: fy=2024")
	if err != nil {
		return err
	}
	req := metrics.ImpactRequest{FiscalYear: fy, Program: c.Query("program"), Category: c.Query("category"), By: listParam(c, "by")}
	src, err := d.analysisSource(c, &req.Filters)
	if err != nil {
		return err
	}
	res, err := d.engine.Impact(c.UserContext(), req)
	if err != nil {
		return err
	}
	return c.JSON(struct {
		*metrics.ImpactResult
		Note   string    `json:"note"`
		Source apiSource `json:"source"`
	}{res, metrics.AssociationEN, src})
}

// apiCohorts answers GET /api/v1/cohorts?from=2019&to=2025 (filter=…): the
// new graduates of each fiscal year's hiring and who left in years 1, 2
// and 3, beside the national benchmark.
func (d *Dashboard) apiCohorts(c *fiber.Ctx) error {
	from, err := yearParam(c, "from", "give the fiscal years of hire: from=2019&to=2025")
	if err != nil {
		return err
	}
	to, err := yearParam(c, "to", "give the fiscal years of hire: from=2019&to=2025")
	if err != nil {
		return err
	}
	req := metrics.CohortsRequest{FirstYear: from, LastYear: to}
	src, err := d.analysisSource(c, &req.Filters)
	if err != nil {
		return err
	}
	res, err := d.engine.NewGraduateCohorts(c.UserContext(), req)
	if err != nil {
		return err
	}
	return c.JSON(struct {
		*metrics.CohortsResult
		Source apiSource `json:"source"`
	}{res, src})
}

// apiFunnels answers GET /api/v1/funnels?fy=2025 (by=department,
// filter=…): how far the internal posting, FA and side job applications
// of the fiscal year went, step by step.
func (d *Dashboard) apiFunnels(c *fiber.Ctx) error {
	fy, err := yearParam(c, "fy", "give the fiscal year of the applications: fy=2025")
	if err != nil {
		return err
	}
	req := metrics.FunnelsRequest{FiscalYear: fy, By: listParam(c, "by")}
	src, err := d.analysisSource(c, &req.Filters)
	if err != nil {
		return err
	}
	res, err := d.engine.Funnels(c.UserContext(), req)
	if err != nil {
		return err
	}
	return c.JSON(struct {
		*metrics.FunnelsResult
		Source apiSource `json:"source"`
	}{res, src})
}

// yearParam reads a fiscal year; missing says what to give when there is
// none.
func yearParam(c *fiber.Ctx, name, missing string) (int, error) {
	v := c.Query(name)
	if v == "" {
		return 0, problem(fiber.StatusBadRequest, "%s", missing)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, problem(fiber.StatusBadRequest, "%s must be a fiscal year such as 2025, not %q", name, v)
	}
	return n, nil
}

// analysisSource reads an analysis' filters into filters (apiFilters: a
// department head's scope added), pins the data version (in
// c.UserContext) and says so: the analyses are computed from the data as
// it is.
func (d *Dashboard) analysisSource(c *fiber.Ctx, filters *[]metrics.Filter) (apiSource, error) {
	var err error
	if *filters, err = d.apiFilters(c); err != nil {
		return apiSource{}, err
	}
	version, err := d.engine.Current(c.Context())
	if err != nil {
		return apiSource{}, err
	}
	c.SetUserContext(metrics.AtVersion(c.Context(), version))
	now := time.Now().UTC()
	return apiSource{Kind: "live", ComputedAt: &now}, nil
}
