package metrics

import (
	"context"
	"slices"
)

// protect withholds the survey figures of res that stand on fewer
// respondents than the threshold, or that would let a reader work out such
// a figure from others that are shown (SPEC "Anonymity"):
//
//   - primary: a group, or a total, with fewer respondents than the
//     threshold;
//   - filters: a group whose value without one or more of the request's
//     filters is shown elsewhere, when the people the filters leave out are
//     between 1 and threshold−1 — subtracting the two would reveal them;
//   - complementary: in a breakdown shown beside its total — and for
//     departments beside their division, for time periods beside the whole
//     period — while the withheld groups together stand on fewer
//     respondents than the threshold, the smallest shown group is withheld
//     too, until they do not.
//
// Groups of an attribute (department, grade, …) hold different people, so
// their respondents add up; groups of items, themes and periods hold the
// same people, so the largest withheld group is taken as the number the
// withheld groups stand on.
func (e *Engine) protect(ctx context.Context, pl *plan, res *Result) error {
	t := e.threshold()
	withhold := func(r *Row) bool {
		if r.Withheld {
			return false
		}
		r.Withheld = true
		return true
	}
	all := func(visit func(r *Row)) {
		for _, rows := range res.slices() {
			for i := range rows {
				visit(&rows[i])
			}
		}
	}
	// Primary suppression.
	all(func(r *Row) {
		if r.Respondents < t {
			withhold(r)
		}
	})
	// Differences against the same cut with fewer filters.
	cuts := [][]Dimension{nil} // the totals, and the breakdown if there is one
	if res.breakdown {
		cuts = append(cuts, pl.by)
	}
	if n := len(pl.filters); n > 0 {
		for mask := 0; mask < 1<<n-1; mask++ {
			var fewer []Filter
			for i, f := range pl.filters {
				if mask&(1<<i) != 0 {
					fewer = append(fewer, f)
				}
			}
			for _, by := range cuts {
				wide, err := e.term(ctx, pl, pl.metric.Numerator, by, fewer)
				if err != nil {
					return err
				}
				rows := res.Rows
				if len(by) == 0 {
					rows = res.Totals
				}
				for i := range rows {
					r := &rows[i]
					if diff := wide[keyOf(r.period, r.Key)].respondents - r.Respondents; diff > 0 && diff < t {
						withhold(r)
					}
				}
			}
		}
	}
	// Complementary suppression, to a fixed point.
	type family struct {
		rows     []*Row
		disjoint bool
	}
	var families []family
	overlapping := len(pl.by) == 1 && pl.by[0].SurveyOnly
	// Each period's groups beside that period's total.
	if len(pl.by) > 0 {
		for p := range pl.periods {
			var f family
			for i := range res.Rows {
				if res.Rows[i].period == p {
					f.rows = append(f.rows, &res.Rows[i])
				}
			}
			f.disjoint = !overlapping
			families = append(families, f)
		}
	}
	// Departments beside their division.
	if len(pl.by) == 1 && pl.by[0].ID == "department" {
		division, _ := DimensionByID("division")
		pairs, err := e.term(ctx, pl, pl.metric.Numerator, []Dimension{division, pl.by[0]}, pl.filters)
		if err != nil {
			return err
		}
		members := map[int]map[string][]string{} // period → division → departments
		for k, v := range pairs {
			if len(v.key) != 2 { // the total
				continue
			}
			if members[k.period] == nil {
				members[k.period] = map[string][]string{}
			}
			members[k.period][v.key[0]] = append(members[k.period][v.key[0]], v.key[1])
		}
		for p, divisions := range members {
			for _, depts := range divisions {
				f := family{disjoint: true}
				for i := range res.Rows {
					if r := &res.Rows[i]; r.period == p && slices.Contains(depts, r.Key[0]) {
						f.rows = append(f.rows, r)
					}
				}
				families = append(families, f)
			}
		}
	}
	// Periods beside the whole period, group by group.
	if pl.timeDim != nil && len(pl.periods) > 1 {
		byKey := map[string][]*Row{}
		for i := range res.Rows {
			k := keyOf(0, res.Rows[i].Key).key
			byKey[k] = append(byKey[k], &res.Rows[i])
		}
		for _, rows := range byKey {
			families = append(families, family{rows: rows})
		}
		var totals []*Row
		for i := range res.Totals {
			totals = append(totals, &res.Totals[i])
		}
		families = append(families, family{rows: totals})
	}
	for changed := true; changed; {
		changed = false
		for _, f := range families {
			for {
				held, hidden := 0, false
				var smallest *Row
				for _, r := range f.rows {
					switch {
					case r.Withheld && r.Respondents == 0: // an empty group hides no one
					case r.Withheld && f.disjoint:
						held += r.Respondents
						hidden = true
					case r.Withheld:
						held = max(held, r.Respondents)
						hidden = true
					case r.Respondents > 0 && (smallest == nil || r.Respondents < smallest.Respondents):
						smallest = r
					}
				}
				if !hidden || held >= t || smallest == nil {
					break
				}
				changed = withhold(smallest) || changed
			}
		}
	}
	all(func(r *Row) {
		if r.Withheld {
			r.Value, r.Numerator, r.Denominator, r.Respondents, r.Reason = nil, 0, nil, 0, ReasonTooFew
		}
	})
	return nil
}
