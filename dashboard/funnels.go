package dashboard

import (
	"context"
	"slices"

	"github.com/careerkpi/careerkpi/metrics"
)

// funnelCuts are the dimensions the funnels page breaks the funnels down
// by.
var funnelCuts = []string{"department", "division", "grade"}

type funnelsData struct {
	Period metrics.Period
	Cut    string
	Cuts   []string
	// Funnels are the whole company's (the view's filters applied), one
	// chart each, and Breakdowns the same funnels by Cut.
	Funnels    []funnelView
	Breakdowns []funnelView
}

// funnelView is one funnel, its chart and its groups.
type funnelView struct {
	Kind   string
	Steps  []string
	Chart  chart
	Groups []metrics.FunnelGroup
}

// funnels answers GET /funnels: how far the applications of a fiscal year
// to internal postings, FA and side jobs go, step by step, and how long
// each step takes.
func (d *Dashboard) funnels(ctx context.Context, pg *page, query func(string) string) (any, error) {
	v := pg.View
	data := funnelsData{Period: d.engine.Calendar.FiscalYear(v.FY), Cut: cmpOr(query("by"), "department"), Cuts: funnelCuts}
	if !slices.Contains(funnelCuts, data.Cut) {
		return nil, badRequest(msgBadDimension, data.Cut)
	}
	pg.Keep = map[string]string{"by": data.Cut}
	whole, err := d.engine.Funnels(ctx, metrics.FunnelsRequest{FiscalYear: v.FY, Filters: v.filters()})
	if err != nil {
		return nil, err
	}
	cut, err := d.engine.Funnels(ctx, metrics.FunnelsRequest{FiscalYear: v.FY, By: []string{data.Cut}, Filters: v.filters()})
	if err != nil {
		return nil, err
	}
	for i, f := range whole.Funnels {
		fv := funnelView{Kind: f.Kind}
		var counts []int
		for _, g := range f.Groups {
			if len(g.Key) == 0 {
				for _, st := range g.Steps {
					fv.Steps = append(fv.Steps, pg.Label("action", st.Action))
					counts = append(counts, st.Count)
				}
				fv.Groups = []metrics.FunnelGroup{g}
			}
		}
		fv.Chart = funnelChart("funnel-"+f.Kind, pg.T(msgFunnelChart, pg.Label("kind", f.Kind)), fv.Steps, counts)
		data.Funnels = append(data.Funnels, fv)
		data.Breakdowns = append(data.Breakdowns, funnelView{Kind: f.Kind, Steps: fv.Steps, Groups: cut.Funnels[i].Groups})
	}
	return data, nil
}
