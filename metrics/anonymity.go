package metrics

import (
	"context"
	"maps"
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
			r.Withheld = true
		}
	})
	// Differences against the same cut with fewer filters: one statement
	// gives the groups and the totals.
	cuts := [][]Dimension{nil} // the totals, and the breakdown if there is one
	if res.breakdown {
		cuts = append(cuts, pl.by)
	}
	for _, fewer := range fewerFilters(pl.filters) {
		if coveredByValues(pl.filters, fewer) || onlyAnswersLeftOut(pl.filters, fewer) {
			continue
		}
		wide, err := e.term(ctx, pl, pl.metric.Numerator, cuts[len(cuts)-1], fewer)
		if err != nil {
			return err
		}
		all(func(r *Row) {
			if diff := wide[keyOf(r.period, r.Key)].respondents - r.Respondents; diff > 0 && diff < t {
				r.Withheld = true
			}
		})
	}
	// A filter's other values.
	if err := e.protectFilterValues(ctx, pl, res, cuts); err != nil {
		return err
	}
	// Complementary suppression, to a fixed point.
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
	// Departments beside their division: the survey SQL counts the
	// departments of each division too.
	for _, p := range slices.Sorted(maps.Keys(res.divisions)) {
		// In a fixed order, as every family list: complement settles ties
		// by order.
		for _, division := range slices.Sorted(maps.Keys(res.divisions[p])) {
			f := family{disjoint: true}
			for i := range res.Rows {
				if r := &res.Rows[i]; r.period == p && slices.Contains(res.divisions[p][division], r.Key[0]) {
					f.rows = append(f.rows, r)
				}
			}
			families = append(families, f)
		}
	}
	// Periods beside the whole period, group by group.
	if pl.timeDim != nil && len(pl.periods) > 1 {
		byKey := map[string][]*Row{}
		for i := range res.Rows {
			k := keyOf(0, res.Rows[i].Key).key
			byKey[k] = append(byKey[k], &res.Rows[i])
		}
		for _, k := range slices.Sorted(maps.Keys(byKey)) {
			families = append(families, family{rows: byKey[k]})
		}
		var totals []*Row
		for i := range res.Totals {
			totals = append(totals, &res.Totals[i])
		}
		families = append(families, family{rows: totals})
	}
	complement(families, t)
	all(func(r *Row) {
		if r.Withheld {
			r.Value, r.Numerator, r.Denominator, r.Respondents, r.Reason = nil, 0, nil, 0, ReasonTooFew
		}
	})
	return nil
}

// family is a set of groups shown side by side whose respondents make up a
// larger group shown too: disjoint groups add up to it, overlapping ones
// (items, themes, periods) each hold some of the same people.
type family struct {
	rows     []*Row
	disjoint bool
}

// complement withholds, family by family and to a fixed point, the smallest
// shown group while the withheld groups stand on fewer than t respondents
// (the largest withheld one for overlapping groups), so that the larger
// group minus the shown ones reveals no one. Of equal groups the first is
// taken: families, and the groups in each, must come in an order every
// request shares.
func complement(families []family, t int) {
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
				smallest.Withheld, changed = true, true
			}
		}
	}
}

// protectFilterValues guards each filter against its other values. A group
// filtered to some values of a dimension, and the same group filtered to
// each other value, add up to the group unfiltered; all of them can be
// asked for. So the group is cut by the filter's dimension (without that
// filter): each value under the threshold is withheld, and then the
// smallest shown values while the withheld ones stand on fewer respondents
// than the threshold — as every request filtering on one of them does too.
// A group whose filter takes a withheld value is withheld.
func (e *Engine) protectFilterValues(ctx context.Context, pl *plan, res *Result, cuts [][]Dimension) error {
	t := e.threshold()
	for fi, f := range pl.filters {
		d, _ := DimensionByID(f.Dimension)
		others := slices.Delete(slices.Clone(pl.filters), fi, fi+1)
		for _, by := range cuts {
			rows := res.Rows
			if len(by) == 0 {
				rows = res.Totals
			}
			if len(rows) == 0 {
				continue // a metric per item has no totals to protect
			}
			cells, err := e.term(ctx, pl, pl.metric.Numerator, append(slices.Clone(by), d), others)
			if err != nil {
				return err
			}
			byGroup := map[groupKey][]*Row{} // the group → its cells, one per value
			for k, v := range cells {
				if len(v.key) != len(by)+1 {
					continue // a total
				}
				c := &Row{Key: v.key, Respondents: v.respondents, Withheld: v.respondents > 0 && v.respondents < t}
				g := keyOf(k.period, v.key[:len(by)])
				byGroup[g] = append(byGroup[g], c)
			}
			var families []family
			for _, cs := range byGroup {
				// In key order, so that every request settles a tie for the
				// smallest value the same way.
				slices.SortFunc(cs, func(a, b *Row) int { return slices.Compare(a.Key, b.Key) })
				families = append(families, family{rows: cs, disjoint: !d.SurveyOnly})
			}
			complement(families, t)
			for i := range rows {
				r := &rows[i]
				for _, c := range byGroup[keyOf(r.period, r.Key)] {
					if c.Withheld && slices.Contains(f.Values, c.Key[len(c.Key)-1]) {
						r.Withheld = true
					}
				}
			}
		}
	}
	return nil
}

// coveredByValues reports whether fewer leaves out one filter of filters,
// on an attribute. The difference between a group with and without that
// filter is the group's people under the attribute's other values; when
// they are 1 to threshold−1, each of those values is withheld and, being
// too few together, the filter's own too (protectFilterValues). Items and
// themes hold the same people and do not add up that way.
func coveredByValues(filters, fewer []Filter) bool {
	if len(fewer) != len(filters)-1 {
		return false
	}
	left := filters[len(fewer)] // fewer keeps the others, in order
	for i := range fewer {
		if fewer[i].Dimension != filters[i].Dimension || !slices.Equal(fewer[i].Values, filters[i].Values) {
			left = filters[i]
			break
		}
	}
	d, _ := DimensionByID(left.Dimension)
	return !d.SurveyOnly
}

// onlyAnswersLeftOut reports whether every filter that fewer leaves out
// chooses answers (a theme, an item) rather than people. The same group
// without such a filter holds the same people's answers to other items:
// subtracting the two gives the group's figure on those items, which
// stands on nearly all of its respondents, never on the few who answered
// only them.
func onlyAnswersLeftOut(filters, fewer []Filter) bool {
	for _, f := range filters {
		if slices.ContainsFunc(fewer, func(g Filter) bool { return g.Dimension == f.Dimension && slices.Equal(g.Values, f.Values) }) {
			continue
		}
		if d, _ := DimensionByID(f.Dimension); !d.SurveyOnly {
			return false
		}
	}
	return true
}

// fewerFilters returns every proper subset of filters — each way a reader
// could ask for the same groups with fewer of them — the empty set first.
func fewerFilters(filters []Filter) [][]Filter {
	var out [][]Filter
	for mask := 0; mask < 1<<len(filters)-1; mask++ {
		var fewer []Filter
		for i, f := range filters {
			if mask&(1<<i) != 0 {
				fewer = append(fewer, f)
			}
		}
		out = append(out, fewer)
	}
	return out
}
