package dashboard

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/users"
)

// apiDisclosure is the human-capital disclosure as the API answers it.
type apiDisclosure struct {
	*metrics.Disclosure
	TurnoverJA string    `json:"turnover_formula_ja"`
	TurnoverEN string    `json:"turnover_formula_en"`
	Source     apiSource `json:"source"`
}

// apiDisclosureOf answers GET /api/v1/disclosure?fy=2025: the figures of
// the human-capital disclosure (人的資本開示) of a fiscal year with their
// definitions, from its latest published version, version=N, or the live
// figures (live=1). A department head's are the live figures of their
// scope.
func (d *Dashboard) apiDisclosureOf(c *fiber.Ctx) error {
	fy, err := strconv.Atoi(c.Query("fy"))
	if err != nil || fy < 1900 || fy > 2999 {
		return problem(fiber.StatusBadRequest, "give the fiscal year: fy=2025")
	}
	live, version, err := sourceParams(c)
	if err != nil {
		return err
	}
	period := d.engine.Calendar.FiscalYear(fy)
	var filters []metrics.Filter
	if u := user(c); u.Role == users.DepartmentHead {
		ch, err := d.choices(c.Context())
		if err != nil {
			return err
		}
		f, _ := scopeOf(u, ch).filter()
		filters, live = []metrics.Filter{f}, true
	}
	figs, pub, src, err := d.source(c, live, version, period)
	if err != nil {
		return err
	}
	reg, turnover := d.engine.Registry, d.engine.Turnover
	if pub != nil {
		if got := d.engine.Calendar.FiscalYearOf(pub.Period.Start); got != fy {
			return problem(fiber.StatusNotFound, "version %d holds FY%d, not FY%d", pub.Version, got, fy)
		}
		reg, turnover = pub.Registry(), pub.Settings.TurnoverFormula
	}
	dis, err := metrics.DisclosureOf(c.Context(), figs, reg, period, turnover, filters)
	if errors.Is(err, metrics.ErrNotPublished) {
		return problem(fiber.StatusNotFound, "%v", err)
	}
	if err != nil {
		return err
	}
	return c.JSON(apiDisclosure{Disclosure: dis, TurnoverJA: dis.Turnover.NameJA(), TurnoverEN: dis.Turnover.NameEN(), Source: src})
}
