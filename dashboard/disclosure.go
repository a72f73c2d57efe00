package dashboard

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

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
	format, bom, err := formatParams(c)
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
	out := apiDisclosure{Disclosure: dis, TurnoverJA: dis.Turnover.NameJA(), TurnoverEN: dis.Turnover.NameEN(), Source: src}
	if format == "json" {
		return c.JSON(out)
	}
	name := fmt.Sprintf("disclosure-FY%d", fy)
	if src.Version > 0 {
		name += fmt.Sprintf("-v%d", src.Version)
	}
	header, rows := out.table(fy)
	return sendTable(c, format, bom, name, header, rows)
}

// table is the disclosure as a header and a row per figure, for CSV and
// XLSX: each row says the fiscal year, the version it was read from (empty
// for live figures) and the turnover formula, so that the rows of several
// years or versions can be put together.
func (out apiDisclosure) table(fy int) (header []string, rows [][]any) {
	header = []string{"fiscal_year", "version", "turnover_formula", "id", "name_ja", "name_en", "value", "unit", "numerator", "denominator",
		"withheld", "reason", "definition_ja", "definition_en", "metrics"}
	var version any
	if out.Source.Version > 0 {
		version = out.Source.Version
	}
	for _, it := range out.Items {
		var value, denominator, numerator any
		if it.Value != nil {
			value = *it.Value
		}
		if it.Denominator != nil {
			denominator = *it.Denominator
		}
		if !it.Withheld {
			numerator = it.Numerator
		}
		rows = append(rows, []any{fy, version, string(out.Turnover), it.ID, it.NameJA, it.NameEN, value, string(it.Unit), numerator, denominator,
			it.Withheld, it.Reason, it.DefinitionJA, it.DefinitionEN, strings.Join(it.Metrics, " ")})
	}
	return header, rows
}
