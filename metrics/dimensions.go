package metrics

import (
	"fmt"
	"slices"
	"strings"
)

// Dimension is an attribute a metric can be cut or filtered by.
type Dimension struct {
	ID             string
	NameJA, NameEN string
	// Column names the attribute in the tables the metric SQL reads
	// (employee_spans, survey_answers); empty for time.
	Column string
	// Time dimensions split the period into fiscal years, halves,
	// quarters or months.
	Time PeriodKind
	// SurveyOnly dimensions exist only for survey answers.
	SurveyOnly bool
	// Values, when set, are every value the dimension takes (the loader
	// stores the HR master's labels as these); a filter naming another
	// matches no one and is refused.
	Values []string
}

// Dimensions lists every dimension.
var Dimensions = []Dimension{
	{ID: "fiscal_year", NameJA: "年度", NameEN: "Fiscal year", Time: KindFiscalYear},
	{ID: "half", NameJA: "半期", NameEN: "Half", Time: KindHalf},
	{ID: "quarter", NameJA: "四半期", NameEN: "Quarter", Time: KindQuarter},
	{ID: "month", NameJA: "月", NameEN: "Month", Time: KindMonth},
	{ID: "department", NameJA: "部署", NameEN: "Department", Column: "department"},
	{ID: "division", NameJA: "本部", NameEN: "Division", Column: "division"},
	{ID: "grade", NameJA: "等級", NameEN: "Grade", Column: "grade"},
	{ID: "employment_type", NameJA: "雇用形態", NameEN: "Employment type", Column: "employment_type"},
	{ID: "manager", NameJA: "上司", NameEN: "Manager", Column: "manager_id"},
	{ID: "hire_type", NameJA: "採用区分", NameEN: "Hire type", Column: "hire_type", Values: []string{"new_graduate", "mid_career"}},
	{ID: "gender", NameJA: "性別", NameEN: "Gender", Column: "gender", Values: []string{"female", "male", "other"}},
	{ID: "job_family", NameJA: "職種", NameEN: "Job family", Column: "job_family"},
	{ID: "is_manager", NameJA: "管理職", NameEN: "Manager or not", Column: "is_manager", Values: []string{"true", "false"}},
	{ID: "tenure_band", NameJA: "勤続年数", NameEN: "Tenure band", Column: "tenure_band", Values: TenureBands},
	{ID: "theme", NameJA: "テーマ", NameEN: "Theme", Column: "theme", SurveyOnly: true},
	{ID: "item", NameJA: "設問", NameEN: "Item", Column: "item", SurveyOnly: true},
}

// TenureBands are the values of the tenure_band dimension: completed months
// since hire at the date that places the employee, in bands.
var TenureBands = []string{"<1y", "1-3y", "3-5y", "5-10y", "10y+"}

// DimensionByID returns the dimension with the given id.
func DimensionByID(id string) (Dimension, bool) {
	for _, d := range Dimensions {
		if d.ID == id {
			return d, true
		}
	}
	return Dimension{}, false
}

// attribute reports whether d is an attribute of the employee in the
// tables the metric SQL reads, filtered through {attributes:Filter}: a
// Column, and not one of the survey-only dimensions (theme, item), which
// the survey SQL filters itself.
func (d Dimension) attribute() bool { return d.Column != "" && !d.SurveyOnly }

// check refuses a filter on d that names a value d never takes.
func (d Dimension) check(f Filter) error {
	for _, v := range f.Values {
		if d.Values != nil && !slices.Contains(d.Values, v) {
			return fmt.Errorf("metrics: filter %s: %s takes %s, not %q", f, d.ID, strings.Join(d.Values, ", "), v)
		}
	}
	return nil
}

// Filter keeps the employees (or answers) whose Dimension is one of Values.
type Filter struct {
	Dimension string   `json:"dimension"`
	Values    []string `json:"values"`
}

// ParseFilter reads a filter written dimension=value[,value…], as in
// `--filter grade=G3` or `filter=department=営業部,開発部`.
func ParseFilter(s string) (Filter, error) {
	dim, vals, ok := strings.Cut(s, "=")
	dim = strings.TrimSpace(dim)
	if !ok || dim == "" || strings.TrimSpace(vals) == "" {
		return Filter{}, fmt.Errorf("metrics: filter %q: write dimension=value, such as grade=G3", s)
	}
	f := Filter{Dimension: dim}
	for _, v := range strings.Split(vals, ",") {
		f.Values = append(f.Values, strings.TrimSpace(v))
	}
	return f, nil
}

func (f Filter) String() string { return f.Dimension + "=" + strings.Join(f.Values, ",") }
