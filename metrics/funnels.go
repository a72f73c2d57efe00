package metrics

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/careerkpi/careerkpi/queries"
)

const sqlFunnels = "metrics/funnels"

// FunnelKind is a program kind whose uses are applications that go
// through steps, one funnel of a FunnelsResult.
type FunnelKind struct {
	// Kind is the program kind (catalog.Kinds); the funnel gathers the
	// applications to every program of the kind.
	Kind string
	// Steps are the actions (catalog.Actions) an application goes
	// through, in order; the first is the application itself.
	Steps []string
}

// FunnelKinds are the funnels, in the order a FunnelsResult lists them:
// internal posting (社内公募) applied → selected → transferred, internal
// FA (社内FA) applied → transferred, side job (副業・兼業) applied →
// approved. A rejected application stops at the step it had reached.
var FunnelKinds = []FunnelKind{
	{Kind: "internal_posting", Steps: []string{"applied", "selected", "transferred"}},
	{Kind: "internal_fa", Steps: []string{"applied", "transferred"}},
	{Kind: "side_job", Steps: []string{"applied", "approved"}},
}

// FunnelDimensions are the dimensions a funnel can be broken down by.
var FunnelDimensions = []string{"department", "division", "grade"}

// FunnelsRequest asks for the program funnels of the applications dated
// in a fiscal year.
type FunnelsRequest struct {
	FiscalYear int `json:"fiscal_year"`
	// By is at most one of FunnelDimensions; an application counts under
	// its applicant's attributes on the application date.
	By []string `json:"by,omitempty"`
	// Filters keep the applications whose applicant's attributes on the
	// application date match.
	Filters []Filter `json:"filters,omitempty"`
}

// FunnelsResult is how far the applications of a fiscal year went, funnel
// by funnel.
type FunnelsResult struct {
	Request FunnelsRequest `json:"request"`
	// Period is the fiscal year the applications are dated in; their later
	// steps count whenever they come, up to the data.
	Period Period `json:"period"`
	// Funnels follow FunnelKinds, one each.
	Funnels []Funnel `json:"funnels"`
}

// Funnel is the applications to the programs of one kind.
type Funnel struct {
	Kind string `json:"kind"`
	// Groups are the groups of the breakdown with applications of the
	// kind, in key order, then the whole (an empty key), always there.
	Groups []FunnelGroup `json:"groups"`
}

// FunnelGroup is one group's applications and the steps they reached.
//
// An application is an employee × program with an application (the
// funnel's first step) dated in the fiscal year; applying to the same
// program again in the year is the same application, dated by the
// earliest. Its later steps are the employee's events of the program from
// that date on, up to the data or to their next application to it after
// the year. Reaching a step implies the earlier ones (a transfer without a
// recorded selection was selected, on the transfer's day).
type FunnelGroup struct {
	Key   []string     `json:"key"`
	Steps []FunnelStep `json:"steps"`
	// Rejected counts the applications turned down, at any step; Open
	// those neither turned down nor through the last step: their later
	// steps may yet come.
	Rejected int `json:"rejected"`
	Open     int `json:"open"`
}

// FunnelStep is the applications that reached one step.
type FunnelStep struct {
	// Action is the step (catalog.Actions).
	Action string `json:"action"`
	Count  int    `json:"count"`
	// Rejected counts the applications turned down at this step: they
	// reached it, not the next, and a rejection came on or after the day
	// they reached it.
	Rejected int `json:"rejected"`
	// ConversionFromPrevious is Count ÷ the previous step's Count × 100,
	// ConversionFromFirst Count ÷ the first step's × 100; nil when that
	// count is 0, and ConversionFromPrevious nil on the first step.
	ConversionFromPrevious *float64 `json:"conversion_from_previous"`
	ConversionFromFirst    *float64 `json:"conversion_from_first"`
	// MedianDays is the median of the days from the previous step to this
	// one over the applications that reached this one (the mean of the
	// middle two for an even number); nil on the first step and when none
	// reached it.
	MedianDays *float64 `json:"median_days"`
}

// funnelRow is one step of a funnel's group as the SQL counts it.
type funnelRow struct {
	F            uint32   `ch:"f"`
	Key          []string `ch:"key"`
	Step         uint32   `ch:"step"`
	Applications uint64   `ch:"applications"`
	Rejected     uint64   `ch:"rejected"`
	MedianDays   *float64 `ch:"median_days"`
}

// Funnels counts, for each of FunnelKinds, the applications dated in
// fiscal year req.FiscalYear and how many of them reached each step, with
// the conversions between steps and the median days each step took, for
// the whole company and, with req.By, for each group of the breakdown.
func (e *Engine) Funnels(ctx context.Context, req FunnelsRequest) (*FunnelsResult, error) {
	by, err := checkFunnels(req)
	if err != nil {
		return nil, requestError(err)
	}
	version, err := e.current(ctx)
	if err != nil {
		return nil, fmt.Errorf("metrics: program funnels: %w", err)
	}
	period := e.Calendar.FiscalYear(req.FiscalYear)
	key := e.cacheKey(version, "funnels", req)
	var rows []funnelRow
	if r, ok := e.cached(key); ok {
		rows = r.([]funnelRow)
	} else {
		if rows, err = e.funnelRows(ctx, period, by, req.Filters); err != nil {
			return nil, err
		}
		e.keep(key, rows)
	}
	return funnelsOf(req, period, rows), nil
}

// checkFunnels refuses a request the funnels cannot answer and returns
// its breakdown.
func checkFunnels(req FunnelsRequest) ([]Dimension, error) {
	if req.FiscalYear < 1900 || req.FiscalYear > 2200 {
		return nil, fmt.Errorf("metrics: program funnels: fiscal year %d: years run from 1900 to 2200", req.FiscalYear)
	}
	if len(req.By) > 1 {
		return nil, fmt.Errorf("metrics: program funnels: broken down by %s: at most one of %s", strings.Join(req.By, ", "), strings.Join(FunnelDimensions, ", "))
	}
	var by []Dimension
	for _, id := range req.By {
		d, ok := DimensionByID(id)
		if !ok || !slices.Contains(FunnelDimensions, id) {
			return nil, fmt.Errorf("metrics: program funnels: cannot break down by %q (one of %s)", id, strings.Join(FunnelDimensions, ", "))
		}
		by = append(by, d)
	}
	for _, f := range req.Filters {
		d, ok := DimensionByID(f.Dimension)
		if !ok || d.Time != "" || d.SurveyOnly {
			return nil, fmt.Errorf("metrics: program funnels: cannot filter by %q (filter by an attribute of the employee, such as department or grade)", f.Dimension)
		}
		if err := d.check(f); err != nil {
			return nil, err
		}
	}
	return by, nil
}

// funnelRows runs the SQL for the fiscal year p: a row per funnel, group
// and step, the totals with an empty key.
func (e *Engine) funnelRows(ctx context.Context, p Period, by []Dimension, filters []Filter) ([]funnelRow, error) {
	kinds := make([]string, len(FunnelKinds))
	steps := make([][]string, len(FunnelKinds))
	for i, k := range FunnelKinds {
		kinds[i], steps[i] = k.Kind, k.Steps
	}
	params := queries.Params{"start": p.Start, "end": p.End, "kinds": kinds, "steps": steps}
	cutParams(params, by, filters)
	sql, params := bound(queries.SQL(sqlFunnels), params)
	rows, err := queries.Select[funnelRow](ctx, e.Store, sql, params)
	if err != nil {
		return nil, fmt.Errorf("metrics: program funnels: %w", err)
	}
	for _, r := range rows {
		if r.F < 1 || int(r.F) > len(FunnelKinds) || r.Step < 1 || int(r.Step) > len(FunnelKinds[r.F-1].Steps) {
			return nil, fmt.Errorf("metrics: program funnels: a row of funnel %d, step %d", r.F, r.Step)
		}
	}
	return rows, nil
}

// funnelsOf turns the SQL's rows into the funnels of the result.
func funnelsOf(req FunnelsRequest, p Period, rows []funnelRow) *FunnelsResult {
	res := &FunnelsResult{Request: req, Period: p, Funnels: make([]Funnel, len(FunnelKinds))}
	for i, k := range FunnelKinds {
		groups := map[string]*FunnelGroup{}
		var keys [][]string
		group := func(key []string) *FunnelGroup {
			id := keyOf(0, key).key
			g := groups[id]
			if g == nil {
				g = &FunnelGroup{Key: append([]string{}, key...), Steps: make([]FunnelStep, len(k.Steps))}
				groups[id] = g
				keys = append(keys, g.Key)
			}
			return g
		}
		group(nil) // the whole, even without applications
		for _, r := range rows {
			if int(r.F) != i+1 {
				continue
			}
			s := &group(r.Key).Steps[r.Step-1]
			s.Count, s.Rejected = int(r.Applications), int(r.Rejected)
			if r.MedianDays != nil {
				d := *r.MedianDays
				s.MedianDays = &d
			}
		}
		slices.SortStableFunc(keys, func(a, b []string) int {
			if len(a) != len(b) { // the whole last
				return len(b) - len(a)
			}
			return slices.Compare(a, b)
		})
		f := Funnel{Kind: k.Kind, Groups: make([]FunnelGroup, 0, len(keys))}
		for _, key := range keys {
			g := groups[keyOf(0, key).key]
			finishFunnel(g, k.Steps)
			f.Groups = append(f.Groups, *g)
		}
		res.Funnels[i] = f
	}
	return res
}

// finishFunnel names a group's steps and works out its conversions, its
// rejections and its open applications.
func finishFunnel(g *FunnelGroup, steps []string) {
	percent := func(n, base int) *float64 {
		if base == 0 {
			return nil
		}
		v := float64(n) / float64(base) * 100
		return &v
	}
	g.Rejected = 0
	for i := range g.Steps {
		s := &g.Steps[i]
		s.Action = steps[i]
		s.ConversionFromFirst = percent(s.Count, g.Steps[0].Count)
		if i > 0 {
			s.ConversionFromPrevious = percent(s.Count, g.Steps[i-1].Count)
		}
		g.Rejected += s.Rejected
	}
	g.Open = g.Steps[0].Count - g.Steps[len(g.Steps)-1].Count - g.Rejected
}
