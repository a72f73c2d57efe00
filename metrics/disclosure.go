package metrics

import (
	"context"
	"fmt"
)

// Disclosure is the human-capital disclosure (人的資本開示) of a fiscal
// year: the figures a listed company discloses that careerkpi computes,
// each with its definition, read from a published version (or the live
// figures) so that what is disclosed is what was frozen.
type Disclosure struct {
	Period Period `json:"period"`
	// Turnover is the formula the turnover figures divide by.
	Turnover TurnoverFormula  `json:"turnover_formula"`
	Items    []DisclosureItem `json:"items"`
}

// DisclosureItem is one disclosed figure.
type DisclosureItem struct {
	ID           string   `json:"id"`
	NameJA       string   `json:"name_ja"`
	NameEN       string   `json:"name_en"`
	Value        *float64 `json:"value"`
	Unit         Unit     `json:"unit"`
	Numerator    float64  `json:"numerator"`
	Denominator  *float64 `json:"denominator"`
	DefinitionJA string   `json:"definition_ja"`
	DefinitionEN string   `json:"definition_en"`
	// Withheld is true, with the reason, when the figure stands on too few
	// respondents (a survey figure of a small scope).
	Withheld bool   `json:"withheld"`
	Reason   string `json:"reason,omitempty"`
	// Metrics are the registry's metrics the figure is read from.
	Metrics []string `json:"metrics"`
}

// disclosed are the disclosure's figures that are metrics of the registry,
// in order; internalFill (the share of positions filled internally) comes
// after internal_mobility_rate.
var disclosed = []string{"attrition_rate", "voluntary_attrition_rate", "internal_mobility_rate", "training_hours_per_employee",
	"training_cost_per_employee", "engagement_index", "manager_career_interview_rate"}

// internalFill is the disclosure's one figure made of two metrics.
const internalFill = "internal_fill_rate"

// DisclosureOf reads the disclosure of fiscal-year period p from figs, a
// published version or the live engine, with the metrics' definitions of
// reg (a published version's own: Published.Registry) and the filters
// (a department head's scope). The share of positions filled internally
// is the transfers of internal_mobility_rate over those transfers and the
// period's hires (first_year_attrition's denominator): both frozen with
// the version.
func DisclosureOf(ctx context.Context, figs Figures, reg *Registry, p Period, turnover TurnoverFormula, filters []Filter) (*Disclosure, error) {
	out := &Disclosure{Period: p, Turnover: turnover.ID()}
	total := func(id string) (*Metric, Row, error) {
		m, err := reg.Lookup(id)
		if err != nil {
			return nil, Row{}, err
		}
		res, err := figs.Compute(ctx, Request{Metric: id, Period: p, Filters: filters})
		if err != nil {
			return nil, Row{}, fmt.Errorf("metrics: disclosure: %s: %w", id, err)
		}
		if len(res.Totals) == 0 {
			return m, Row{}, nil
		}
		return res.Metric, res.Totals[0], nil
	}
	for _, id := range disclosed {
		m, r, err := total(id)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, DisclosureItem{ID: id, NameJA: m.NameJA, NameEN: m.NameEN, Value: r.Value, Unit: m.Unit,
			Numerator: r.Numerator, Denominator: r.Denominator, DefinitionJA: m.DefinitionJA, DefinitionEN: m.DefinitionEN,
			Withheld: r.Withheld, Reason: r.Reason, Metrics: []string{id}})
		if id != "internal_mobility_rate" {
			continue
		}
		_, hires, err := total("first_year_attrition")
		if err != nil {
			return nil, err
		}
		fill := DisclosureItem{ID: internalFill, NameJA: "社内登用比率（ポストの社内充足率）", NameEN: "Positions filled internally",
			Unit: Percent, Numerator: r.Numerator,
			DefinitionJA: "期間中に社内公募・社内FAで異動した件数 ÷（その件数 + 期間中の入社者数）。埋まったポストのうち社内から充足した割合。",
			DefinitionEN: "Transfers through internal postings and FA in the period ÷ (those transfers + hires in the period): of the positions filled, the share filled from inside.",
			Metrics:      []string{"internal_mobility_rate", "first_year_attrition"}}
		if hires.Denominator != nil {
			d := r.Numerator + *hires.Denominator
			fill.Denominator = &d
			if d > 0 {
				v := r.Numerator / d * 100
				fill.Value = &v
			}
		}
		out.Items = append(out.Items, fill)
	}
	return out, nil
}
