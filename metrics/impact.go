package metrics

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	// Respondents answered engagement-index items of the identified surveys
	// closing in the year, and Engagement is their index (% favorable over
	// those answers); nil when no one answered or withheld (Reason).
	Respondents int      `json:"respondents"`
	Engagement  *float64 `json:"engagement_index"`
	Reason      string   `json:"reason,omitempty"`

	favorable, answers int
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
	// EngagementDifference is the users' engagement index minus the
	// non-users', in percentage points, when both are shown.
	EngagementDifference *float64 `json:"engagement_difference"`
}

// ImpactResult is the attrition of a program's users against the others.
type ImpactResult struct {
	Request ImpactRequest `json:"request"`
	Period  Period        `json:"period"`
	// Rows are the groups of the breakdown, then the whole cohort (an empty
	// key).
	Rows []ImpactRow `json:"rows"`
	// Threshold is the fewest respondents an engagement figure stands on.
	Threshold int `json:"anonymity_threshold"`
	// Adjusted is the whole cohort's comparison within strata of grade ×
	// tenure band × hire type, and Retention its users' and non-users'
	// retention curves (nil when the data end before the year starts).
	Adjusted  *AdjustedImpact `json:"adjusted"`
	Retention *Retention      `json:"retention"`
}

// Impact compares, for the headcount on the first day of a fiscal year,
// the attrition over the next 12 months of those who used the program (a
// qualifying event in that year) with those who did not (SPEC "Program
// impact"). It is an association, not a cause.
func (e *Engine) Impact(ctx context.Context, req ImpactRequest) (*ImpactResult, error) {
	by, err := checkImpact(req)
	if err != nil {
		return nil, requestError(err)
	}
	version, err := e.current(ctx)
	if err != nil {
		return nil, fmt.Errorf("metrics: program impact: %w", err)
	}
	if req.Program != "" {
		if err := e.checkProgram(ctx, version, req.Program); err != nil {
			return nil, err
		}
	}
	key := e.cacheKey(version, "impact", req)
	if r, ok := e.cached(key); ok {
		return r.(*ImpactResult), nil
	}
	res, err := e.impact(ctx, req, by)
	if err == nil {
		e.keep(key, res)
	}
	return res, err
}

// checkImpact refuses a request program impact cannot answer and returns
// its breakdown.
func checkImpact(req ImpactRequest) ([]Dimension, error) {
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
		d, ok := DimensionByID(f.Dimension)
		if !ok || d.Time != "" || d.SurveyOnly {
			return nil, fmt.Errorf("metrics: program impact: cannot filter by %q", f.Dimension)
		}
		if err := d.check(f); err != nil {
			return nil, err
		}
	}
	return by, nil
}

// impact is Impact once the request is checked and the derived tables are
// current.
func (e *Engine) impact(ctx context.Context, req ImpactRequest, by []Dimension) (*ImpactResult, error) {
	res := &ImpactResult{Request: req, Period: e.Calendar.FiscalYear(req.FiscalYear), Threshold: e.threshold()}
	type counts struct{ users, nonUsers ImpactGroup }
	groups := map[string]*counts{}
	var keys [][]string
	// The breakdown, if asked for, comes with the whole cohort.
	err := e.impactCounts(ctx, res.Period, req, by, func(key []string, used bool, g ImpactGroup) {
		k := keyOf(0, key).key
		c := groups[k]
		if c == nil {
			c = &counts{}
			groups[k] = c
			keys = append(keys, key)
		}
		if used {
			c.users = g
		} else {
			c.nonUsers = g
		}
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(keys, func(a, b []string) int {
		if len(a) != len(b) { // the whole cohort last
			return len(b) - len(a)
		}
		return slices.Compare(a, b)
	})
	if groups[keyOf(0, nil).key] == nil { // an empty cohort still has its row
		keys = append(keys, []string{})
		groups[keyOf(0, nil).key] = &counts{}
	}
	for _, key := range keys {
		c := groups[keyOf(0, key).key]
		row := ImpactRow{Key: key, Users: impactGroup(c.users), NonUsers: impactGroup(c.nonUsers)}
		if row.Users.Rate != nil && row.NonUsers.Rate != nil {
			d := *row.Users.Rate - *row.NonUsers.Rate
			row.Difference = &d
			if iv, ok := Newcombe(c.users.Leavers, c.users.Employees, c.nonUsers.Leavers, c.nonUsers.Employees, Z95); ok {
				iv = Interval{Low: iv.Low * 100, High: iv.High * 100}
				row.DifferenceInterval = &iv
			}
		}
		res.Rows = append(res.Rows, row)
	}
	// A row whose respondents differ from those of the same row under fewer
	// of the filters by fewer than the threshold would give the difference
	// away: its engagement is withheld from the start.
	diffHeld := make([]bool, len(res.Rows))
	for _, filters := range fewerFilters(req.Filters) {
		fewer := req
		fewer.Filters = filters
		err := e.impactCounts(ctx, res.Period, fewer, by, func(key []string, used bool, g ImpactGroup) {
			for i, r := range res.Rows {
				mine := r.NonUsers
				if used {
					mine = r.Users
				}
				if slices.Equal(r.Key, key) && g.Respondents-mine.Respondents > 0 && g.Respondents-mine.Respondents < res.Threshold {
					diffHeld[i] = true
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if err := e.impactFilterValues(ctx, res.Period, req, by, res.Rows, diffHeld); err != nil {
		return nil, err
	}
	protectImpact(res.Rows, res.Threshold, diffHeld)
	if err := e.impactFollowup(ctx, res, req); err != nil {
		return nil, err
	}
	for i := range res.Rows {
		r := &res.Rows[i]
		if r.Users.Engagement != nil && r.NonUsers.Engagement != nil {
			d := *r.Users.Engagement - *r.NonUsers.Engagement
			r.EngagementDifference = &d
		}
	}
	return res, nil
}

// protectImpact withholds the engagement figures of the rows already held
// and of those where the users or the non-users stand on fewer respondents
// than the threshold t. Users and non-users together make up the cohort,
// whose engagement is shown elsewhere, so when one side of a row is
// withheld the other is too; and the rows of a breakdown add up to the
// whole cohort, side by side, so complementary suppression applies to each
// side (SPEC "Anonymity").
func protectImpact(rows []ImpactRow, t int, held []bool) {
	n := make([]sides, len(rows))
	var breakdown []int
	for i, r := range rows {
		n[i] = sides{r.Users.Respondents, r.NonUsers.Respondents}
		held[i] = held[i] || n[i].tooFew(t)
		if len(r.Key) > 0 {
			breakdown = append(breakdown, i)
		}
	}
	complementSides(n, held, breakdown, t)
	for i := range rows {
		if held[i] {
			for _, g := range []*ImpactGroup{&rows[i].Users, &rows[i].NonUsers} {
				g.Engagement, g.Respondents, g.Reason = nil, 0, ReasonTooFew
			}
		}
	}
}

// sides are the respondents among a group's users and non-users.
type sides struct{ users, nonUsers int }

// tooFew reports whether someone answered but either side is under t.
func (s sides) tooFew(t int) bool {
	return s.users+s.nonUsers > 0 && (s.users < t || s.nonUsers < t)
}

// complementSides withholds, while the withheld members' users (or
// non-users) together stand on between 1 and t−1 respondents, the shown
// member with the fewest respondents on that side. Members are indexes of
// n and held, in an order every request shares.
func complementSides(n []sides, held []bool, members []int, t int) {
	for {
		var users, nonUsers int
		for _, i := range members {
			if held[i] {
				users, nonUsers = users+n[i].users, nonUsers+n[i].nonUsers
			}
		}
		side := func(s sides) int { return s.users }
		switch {
		case users > 0 && users < t:
		case nonUsers > 0 && nonUsers < t:
			side = func(s sides) int { return s.nonUsers }
		default:
			return
		}
		smallest := -1
		for _, i := range members {
			if !held[i] && side(n[i]) > 0 && (smallest < 0 || side(n[i]) < side(n[smallest])) {
				smallest = i
			}
		}
		if smallest < 0 {
			return
		}
		held[smallest] = true
	}
}

// impactFilterValues guards each filter of an impact request against its
// other values, as protectFilterValues does for metrics: each row is cut by
// the filter's dimension (without that filter), values under the threshold
// and their complements are withheld, and a row whose filter takes a
// withheld value is marked in held.
func (e *Engine) impactFilterValues(ctx context.Context, p Period, req ImpactRequest, by []Dimension, rows []ImpactRow, held []bool) error {
	t := e.threshold()
	for fi, f := range req.Filters {
		d, _ := DimensionByID(f.Dimension)
		others := req
		others.Filters = slices.Delete(slices.Clone(req.Filters), fi, fi+1)
		type cell struct {
			value string
			n     sides
		}
		cells := map[string][]*cell{} // a row's key → its cells, one per value
		index := map[string]map[string]*cell{}
		err := e.impactCounts(ctx, p, others, append(slices.Clone(by), d), func(key []string, used bool, g ImpactGroup) {
			if len(key) != len(by)+1 {
				return // a total
			}
			k := keyOf(0, key[:len(by)]).key
			if index[k] == nil {
				index[k] = map[string]*cell{}
			}
			c := index[k][key[len(by)]]
			if c == nil {
				c = &cell{value: key[len(by)]}
				index[k][c.value] = c
				cells[k] = append(cells[k], c)
			}
			if used {
				c.n.users = g.Respondents
			} else {
				c.n.nonUsers = g.Respondents
			}
		})
		if err != nil {
			return fmt.Errorf("metrics: program impact: %w", err)
		}
		for i, r := range rows {
			cs := cells[keyOf(0, r.Key).key]
			slices.SortFunc(cs, func(a, b *cell) int { return strings.Compare(a.value, b.value) })
			n := make([]sides, len(cs))
			cellHeld := make([]bool, len(cs))
			members := make([]int, len(cs))
			for j, c := range cs {
				n[j], cellHeld[j], members[j] = c.n, c.n.tooFew(t), j
			}
			complementSides(n, cellHeld, members, t)
			for j, c := range cs {
				if cellHeld[j] && slices.Contains(f.Values, c.value) {
					held[i] = true
				}
			}
		}
	}
	return nil
}

func impactGroup(g ImpactGroup) ImpactGroup {
	if iv, ok := Wilson(g.Leavers, g.Employees, Z95); ok {
		r := 100 * float64(g.Leavers) / float64(g.Employees)
		iv = Interval{Low: iv.Low * 100, High: iv.High * 100}
		g.Rate, g.Interval = &r, &iv
	}
	if g.answers > 0 {
		v := 100 * float64(g.favorable) / float64(g.answers)
		g.Engagement = &v
	}
	return g
}

// programParams sets the parameters that choose the request's programs:
// {categories}, or {programs} by id or kind.
func (req ImpactRequest) programParams(params queries.Params) {
	params["categories"], params["programs"] = []string{}, []string{}
	if req.Category != "" {
		params["categories"] = []string{req.Category}
	} else {
		params["programs"] = []string{req.Program}
	}
}

// impactCounts runs impact.sql for one cut and passes each row to f.
func (e *Engine) impactCounts(ctx context.Context, p Period, req ImpactRequest, by []Dimension, f func(key []string, used bool, g ImpactGroup)) error {
	params := queries.Params{"starts": []time.Time{p.Start}, "ends": []time.Time{p.End}}
	req.programParams(params)
	cutParams(params, by, req.Filters)
	sql, params := bound(queries.SQL(sqlImpact), params)
	rows, err := e.Store.Query(ctx, sql, params)
	if err != nil {
		return fmt.Errorf("metrics: program impact: %w", err)
	}
	defer rows.Close()
	var (
		period int
		key    []string
		used   bool
		g      ImpactGroup
	)
	for rows.Next() {
		if err := rows.Scan(&period, &key, &used, &g.Employees, &g.Leavers, &g.favorable, &g.answers, &g.Respondents); err != nil {
			return fmt.Errorf("metrics: program impact: %w", err)
		}
		f(slices.Clone(key), used, g)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("metrics: program impact: %w", err)
	}
	return nil
}
