package metrics

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/careerkpi/careerkpi/queries"
)

// Association is how every program-impact figure is labelled: the users
// of a program differ from the others in more than their use of it.
const (
	AssociationEN = "An association, not a cause: employees who use a program differ from those who do not in other ways too."
	AssociationJA = "因果関係ではなく関連を示します。制度を利用する社員と利用しない社員は、利用以外の点でも異なります。"
)

// ImpactRequest asks whether the users of a program or category left less
// often than the others.
type ImpactRequest struct {
	// FiscalYear is the cohort's year: the headcount on its first day.
	FiscalYear int `json:"fiscal_year"`
	// Program is a program id or kind, or Category a category (know,
	// challenge, learn, manager); one of the two.
	Program  string `json:"program,omitempty"`
	Category string `json:"category,omitempty"`
	// By is at most one attribute dimension; the cohort is cut by its
	// attributes on the year's first day.
	By      []string `json:"by,omitempty"`
	Filters []Filter `json:"filters,omitempty"`
}

// ImpactGroup is the users or the non-users of a cohort.
type ImpactGroup struct {
	Employees int `json:"employees"`
	// Leavers left within the 12 months from the year's first day.
	Leavers int `json:"leavers"`
	// Rate is Leavers ÷ Employees × 100, with its Wilson 95% interval; nil
	// for an empty group.
	Rate     *float64  `json:"rate"`
	Interval *Interval `json:"interval"`
}

// ImpactRow is the comparison for one group of the cohort.
type ImpactRow struct {
	Key      []string    `json:"key"`
	Users    ImpactGroup `json:"users"`
	NonUsers ImpactGroup `json:"non_users"`
	// Difference is the users' attrition rate minus the non-users', in
	// percentage points, with Newcombe's 95% interval; nil when a group is
	// empty.
	Difference         *float64  `json:"difference"`
	DifferenceInterval *Interval `json:"difference_interval"`
}

// ImpactResult is the attrition of a program's users against the others.
type ImpactResult struct {
	Request ImpactRequest `json:"request"`
	Period  Period        `json:"period"`
	// Rows are the groups of the breakdown, then the whole cohort (an empty
	// key).
	Rows []ImpactRow `json:"rows"`
}

// Impact compares, for the headcount on the first day of a fiscal year,
// the attrition over the next 12 months of those who used the program (a
// qualifying event in that year) with those who did not (SPEC "Program
// impact"). It is an association, not a cause.
func (e *Engine) Impact(ctx context.Context, req ImpactRequest) (*ImpactResult, error) {
	if (req.Program == "") == (req.Category == "") {
		return nil, fmt.Errorf("metrics: program impact: name a program (id or kind) or a category, one of the two")
	}
	if req.Category != "" && !slices.Contains([]string{"know", "challenge", "learn", "manager"}, req.Category) {
		return nil, fmt.Errorf("metrics: program impact: %q is not a category (know, challenge, learn, manager)", req.Category)
	}
	var by []Dimension
	for _, id := range req.By {
		d, ok := DimensionByID(id)
		if !ok || d.Time != "" || d.SurveyOnly || len(by) > 0 {
			return nil, fmt.Errorf("metrics: program impact is cut by one attribute of the employee (such as department or grade), not %q", id)
		}
		by = append(by, d)
	}
	for _, f := range req.Filters {
		if d, ok := DimensionByID(f.Dimension); !ok || d.Time != "" || d.SurveyOnly {
			return nil, fmt.Errorf("metrics: program impact: cannot filter by %q", f.Dimension)
		}
	}
	res := &ImpactResult{Request: req, Period: e.Calendar.FiscalYear(req.FiscalYear)}
	type counts struct{ users, nonUsers [2]int } // employees, leavers
	groups := map[string]*counts{}
	var keys [][]string
	cuts := [][]Dimension{nil} // the whole cohort, and the breakdown if asked for
	if len(by) > 0 {
		cuts = append(cuts, by)
	}
	for _, cut := range cuts {
		err := e.impactCounts(ctx, res.Period, req, cut, func(key []string, used bool, employees, leavers int) {
			k := fmt.Sprint(key)
			c := groups[k]
			if c == nil {
				c = &counts{}
				groups[k] = c
				keys = append(keys, key)
			}
			side := &c.nonUsers
			if used {
				side = &c.users
			}
			side[0], side[1] = employees, leavers
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(keys, func(a, b []string) int {
		if len(a) != len(b) { // the whole cohort last
			return len(b) - len(a)
		}
		return slices.Compare(a, b)
	})
	if groups[fmt.Sprint([]string{})] == nil { // an empty cohort still has its row
		keys = append(keys, []string{})
		groups[fmt.Sprint([]string{})] = &counts{}
	}
	for _, key := range keys {
		c := groups[fmt.Sprint(key)]
		row := ImpactRow{Key: key, Users: impactGroup(c.users), NonUsers: impactGroup(c.nonUsers)}
		if row.Users.Rate != nil && row.NonUsers.Rate != nil {
			d := *row.Users.Rate - *row.NonUsers.Rate
			row.Difference = &d
			if iv, ok := Newcombe(c.users[1], c.users[0], c.nonUsers[1], c.nonUsers[0], Z95); ok {
				iv = Interval{Low: iv.Low * 100, High: iv.High * 100}
				row.DifferenceInterval = &iv
			}
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

func impactGroup(c [2]int) ImpactGroup {
	g := ImpactGroup{Employees: c[0], Leavers: c[1]}
	if iv, ok := Wilson(c[1], c[0], Z95); ok {
		r := 100 * float64(c[1]) / float64(c[0])
		iv = Interval{Low: iv.Low * 100, High: iv.High * 100}
		g.Rate, g.Interval = &r, &iv
	}
	return g
}

// impactCounts runs impact.sql for one cut and passes each row to f.
func (e *Engine) impactCounts(ctx context.Context, p Period, req ImpactRequest, by []Dimension, f func(key []string, used bool, employees, leavers int)) error {
	params := queries.Params{"starts": []time.Time{p.Start}, "ends": []time.Time{p.End}, "categories": []string{}, "programs": []string{}}
	if req.Category != "" {
		params["categories"] = []string{req.Category}
	} else {
		params["programs"] = []string{req.Program}
	}
	params["by"], params["filter_dims"], params["filter_values"] = cutParams(by, req.Filters)
	rows, err := e.Store.Query(ctx, queries.SQL(sqlImpact), params)
	if err != nil {
		return fmt.Errorf("metrics: program impact: %w", err)
	}
	defer rows.Close()
	var (
		period, employees, leavers int
		key                        []string
		used                       bool
	)
	for rows.Next() {
		if err := rows.Scan(&period, &key, &used, &employees, &leavers); err != nil {
			return fmt.Errorf("metrics: program impact: %w", err)
		}
		f(slices.Clone(key), used, employees, leavers)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("metrics: program impact: %w", err)
	}
	return nil
}
