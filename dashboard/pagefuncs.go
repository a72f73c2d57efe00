package dashboard

import (
	"strconv"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/metrics"
)

// The methods here format what the pages' data holds for the templates.

// Association is the label every program-impact figure carries.
func (pg *page) Association() string {
	if pg.Japanese() {
		return metrics.AssociationJA
	}
	return metrics.AssociationEN
}

// Turnover names the formula the attrition rates divide by, as every page
// that shows one says.
func (pg *page) Turnover() string {
	if pg.Japanese() {
		return pg.turnover.NameJA()
	}
	return pg.turnover.NameEN()
}

// CohortFigures are a cohort's years and the three together, in the
// order the table shows them.
func (pg *page) CohortFigures(c metrics.Cohort) []metrics.CohortFigure {
	return []metrics.CohortFigure{c.Year1, c.Year2, c.Year3, c.WithinThreeYears}
}

// Days writes a number of days, such as a median; "—" for none.
func (pg *page) Days(v *float64) string {
	if v == nil {
		return "—"
	}
	if *v == float64(int(*v)) {
		return pg.T(msgDays, int(*v))
	}
	return pg.T(msgDaysFraction, *v)
}

// Share writes a share, 0-100, as Pct does.
func (pg *page) Share(v float64) string { return pg.Pct(&v) }

// PValue writes a p-value as "= 0.123", or "< 0.001" below that.
func (pg *page) PValue(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return pg.p.Sprintf("= %.3f", p)
}

// Corr writes a correlation coefficient with two decimals.
func (pg *page) Corr(r *float64) string {
	if r == nil {
		return "—"
	}
	return pg.p.Sprintf("%+.2f", *r)
}

// ThinOverlap is the fewest members a side of a stratum has before the
// adjusted comparison calls the stratum thin.
func (pg *page) ThinOverlap() int { return metrics.ThinOverlap }

type impactTableView struct {
	Page *page
	Rows []impactLine
}

// ImpactTable pairs comparison rows with the page.
func (pg *page) ImpactTable(rows []impactLine) impactTableView {
	return impactTableView{Page: pg, Rows: rows}
}

type surveyTableView struct {
	Page   *page
	Result *metrics.Result
	By     string
}

// SurveyTable pairs a survey breakdown with the page.
func (pg *page) SurveyTable(r *metrics.Result, by string) surveyTableView {
	return surveyTableView{Page: pg, Result: r, By: by}
}

// ViewParams are the view's URL parameters, for a form that keeps them.
func (pg *page) ViewParams() map[string]string {
	out := map[string]string{}
	if pg.View == nil {
		return out
	}
	v := pg.View
	for k, val := range map[string]string{"fy": strconv.Itoa(v.FY), "period": v.Part, "department": v.Department, "grade": v.Grade, "employment_type": v.EmploymentType} {
		if val != "" {
			out[k] = val
		}
	}
	return out
}

// Count writes a count held as a number (or a pointer to one).
func (pg *page) Count(v any) string {
	switch n := v.(type) {
	case *float64:
		if n == nil {
			return "—"
		}
		return pg.p.Sprintf("%.0f", *n)
	case float64:
		return pg.p.Sprintf("%.0f", n)
	}
	return pg.p.Sprintf("%v", v)
}

// UnitName names a unit.
func (pg *page) UnitName(u metrics.Unit) string { return pg.T(unitNames[u]) }

var unitNames = map[metrics.Unit]string{metrics.Percent: msgUnitPercent, metrics.Per100: msgUnitPer100, metrics.Hours: msgUnitHours,
	metrics.Count: msgUnitCount, metrics.JPY: msgUnitJPY, metrics.Points: msgUnitPoints, metrics.Correlation: msgUnitCorrelation}

// DatasetName names a dataset.
func (pg *page) DatasetName(name string) string {
	if m, ok := datasetNames[name]; ok {
		return pg.T(m)
	}
	return name
}

var datasetNames = map[string]string{"employees": msgDatasetEmployees, "programs": msgDatasetPrograms, "events": msgDatasetEvents,
	"surveys": msgDatasetSurveys, "responses": msgDatasetResponses}

// StateName names the state of a load.
func (pg *page) StateName(state string) string {
	if m, ok := stateNames[state]; ok {
		return pg.T(m)
	}
	return state
}

var stateNames = map[string]string{"loading": msgStateLoading, "committed": msgStateCommitted, "aborted": msgStateAborted,
	"undone": msgStateUndone, "replaced": msgStateReplaced}

// LoadOK reports whether a load (or its check) went through.
func (pg *page) LoadOK(r *ingest.Report) bool { return r.OK() }

// LoadSummary says what a load did, in the page's language.
func (pg *page) LoadSummary(r *ingest.Report) string {
	switch r.Outcome {
	case ingest.Loaded:
		s := pg.T(msgLoadedRows, r.Rows)
		if r.Rejected > 0 {
			s += " " + pg.T(msgRejectedRows, r.Rejected)
		}
		return s
	case ingest.Duplicate:
		return pg.T(msgDuplicateLoad, r.Existing)
	case ingest.Checked:
		if r.ErrorCount == 0 {
			return pg.T(msgCheckedRows, r.Rows, r.WarningCount)
		}
	}
	return pg.T(msgInvalidLoad, r.ErrorCount, r.WarningCount)
}

type issuesView struct {
	Page   *page
	Issues []ingest.Issue
	More   int
}

// Issues lists a report's errors, then its warnings.
func (pg *page) Issues(r *ingest.Report) issuesView {
	iv := issuesView{Page: pg, Issues: append(append([]ingest.Issue{}, r.Errors...), r.Warnings...)}
	iv.More = r.ErrorCount + r.WarningCount - len(iv.Issues)
	return iv
}

// TargetValue writes a target for its input field.
func (pg *page) TargetValue(metric string, fy int) string {
	d, ok := pg.Data.(targetsData)
	if !ok {
		return ""
	}
	v, ok := d.Values[metric][fy]
	if !ok {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Key identifies the target in a URL: category:know or program:FA.
func (t impactTarget) Key() string {
	if t.Category != "" {
		return "category:" + t.Category
	}
	return "program:" + t.Program
}

// EChartsPath is where the page loads ECharts from: this server.
func (pg *page) EChartsPath() string { return echartsPath }

// EChartsSRI is the integrity the browser checks ECharts against.
func (pg *page) EChartsSRI() string { return EChartsSHA384 }

// FYNumber is the fiscal year a period starts in.
func (pg *page) FYNumber(p metrics.Period) int { return pg.cal.FiscalYearOf(p.Start) }
