package dashboard

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/metrics"
)

// view is what a chart page shows, as its URL says: a fiscal year, a part
// of it, and filters. A shared or bookmarked URL opens the same view.
type view struct {
	FY int
	// Part is "" (the whole year), H1, H2, Q1 to Q4, or a month of the
	// year as 2025-04.
	Part           string
	Department     string
	Grade          string
	EmploymentType string

	Period metrics.Period
	Scope  scope
}

// viewParams are the URL parameters of a view, in the order links write
// them.
var viewParams = []string{"fy", "period", "department", "grade", "employment_type"}

// decodeView reads the view of a page's URL and checks it against the data
// and the user's scope. A department outside the scope is forbidden.
func (d *Dashboard) decodeView(c *fiber.Ctx, ch *choices, sc scope) (view, error) {
	cal := d.engine.Calendar
	v := view{FY: ch.latestFiscalYear(cal), Scope: sc,
		Part: c.Query("period"), Department: c.Query("department"), Grade: c.Query("grade"), EmploymentType: c.Query("employment_type")}
	if s := c.Query("fy"); s != "" {
		fy, err := strconv.Atoi(s)
		if err != nil || fy < 2000 || fy > 2100 {
			return v, badRequest(msgBadFiscalYear, s)
		}
		v.FY = fy
	}
	v.Period = cal.FiscalYear(v.FY)
	if v.Part != "" {
		p, err := cal.ParsePeriod(partPeriod(v.FY, v.Part))
		if err != nil || p.Start.Before(v.Period.Start) || p.End.After(v.Period.End) {
			return v, badRequest(msgBadPeriod, v.Part)
		}
		v.Period = p
	}
	if v.Department != "" {
		if !slices.Contains(ch.Departments, v.Department) {
			return v, badRequest(msgBadDepartment, v.Department)
		}
		if !sc.allows(v.Department) {
			return v, errForbidden
		}
	}
	if v.Grade != "" && !slices.Contains(ch.Grades, v.Grade) {
		return v, badRequest(msgBadGrade, v.Grade)
	}
	if v.EmploymentType != "" && !slices.Contains(ch.EmploymentTypes, v.EmploymentType) {
		return v, badRequest(msgBadEmploymentType, v.EmploymentType)
	}
	return v, nil
}

// partPeriod writes a part of fiscal year fy as ParsePeriod reads it.
func partPeriod(fy int, part string) string {
	if strings.Contains(part, "-") {
		return part // a month, 2025-04
	}
	return "FY" + strconv.Itoa(fy) + part
}

// filters are the view's filters with the scope's: every figure the user
// sees carries them.
func (v view) filters() []metrics.Filter {
	var fs []metrics.Filter
	if f, ok := v.Scope.filter(); ok {
		fs = append(fs, f)
	}
	for _, f := range []struct{ dim, val string }{{"department", v.Department}, {"grade", v.Grade}, {"employment_type", v.EmploymentType}} {
		if f.val != "" {
			fs = append(fs, metrics.Filter{Dimension: f.dim, Values: []string{f.val}})
		}
	}
	return fs
}

// years returns the n fiscal years that end with the view's as one
// period, for a trend split by fiscal year.
func (v view) years(cal metrics.Calendar, n int) metrics.Period {
	first := cal.FiscalYear(v.FY - n + 1)
	return metrics.Period{Kind: metrics.KindCustom, Label: first.Label + ".." + cal.FiscalYear(v.FY).Label,
		Start: first.Start, End: cal.FiscalYear(v.FY).End}
}

// query returns the view's URL query with some parameters changed ("" to
// drop one).
func (v view) query(changes ...string) string {
	q := url.Values{}
	vals := map[string]string{"fy": strconv.Itoa(v.FY), "period": v.Part, "department": v.Department, "grade": v.Grade, "employment_type": v.EmploymentType}
	for i := 0; i+1 < len(changes); i += 2 {
		vals[changes[i]] = changes[i+1]
	}
	for _, k := range viewParams {
		if vals[k] != "" {
			q.Set(k, vals[k])
		}
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// parts lists the parts of the view's fiscal year a filter offers: the
// halves, the quarters and the months.
func (v view) parts(cal metrics.Calendar) []string {
	parts := []string{"H1", "H2", "Q1", "Q2", "Q3", "Q4"}
	start := cal.FiscalYear(v.FY).Start
	for i := range 12 {
		parts = append(parts, start.AddDate(0, i, 0).Format("2006-01"))
	}
	return parts
}
