package dashboard

import (
	"errors"
	"strconv"
	"time"

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
	live, err := boolParam(c, "live")
	if err != nil {
		return err
	}
	version := 0
	if v := c.Query("version"); v != "" {
		if version, err = strconv.Atoi(v); err != nil || version < 1 {
			return problem(fiber.StatusBadRequest, "version must be a version number (1, 2, …), not %q", v)
		}
		if live {
			return problem(fiber.StatusBadRequest, "ask for version=N or live=1, not both")
		}
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
	var figs metrics.Figures = d.engine
	reg, turnover := d.engine.Registry, d.engine.Turnover
	src := apiSource{Kind: "live"}
	if live {
		now := time.Now().UTC()
		src.ComputedAt = &now
	} else {
		var in *metrics.Period
		if version == 0 {
			in = &period
		}
		pub, err := d.engine.Published(c.Context(), version, in)
		if errors.Is(err, metrics.ErrNotPublished) {
			return problem(fiber.StatusNotFound, "%v; live=1 gives the live figures", err)
		}
		if err != nil {
			return err
		}
		if !samePeriod(pub.Period, period) {
			return problem(fiber.StatusNotFound, "version %d holds %s, not %s", pub.Version, pub.Period.Label, period.Label)
		}
		figs, reg, turnover = pub, pub.Registry(), pub.Settings.TurnoverFormula
		src = apiSource{Kind: "published", Version: pub.Version, PublishedAt: &pub.PublishedAt, PublishedBy: pub.PublishedBy}
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

// samePeriod reports whether two periods are the same days.
func samePeriod(a, b metrics.Period) bool { return a.Start.Equal(b.Start) && a.End.Equal(b.End) }
