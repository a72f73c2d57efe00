package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/catalog"
	"github.com/careerkpi/careerkpi/metrics"
)

func (a *app) funnelsCommand() *cobra.Command {
	var req metrics.FunnelsRequest
	funnels := analysisCommand(a, &cobra.Command{
		Use:   "funnels",
		Short: "How far the applications of a fiscal year went: internal posting, internal FA and side job, step by step",
		Example: `  careerkpi metrics funnels --fy 2025
  careerkpi metrics funnels --fy 2025 --by department --filter grade=G3 --format json`,
	}, analysis[*metrics.FunnelsResult]{
		filterHelp: "keep only applicants with dimension=value[,value…] on the application date; repeat to combine with AND",
		filters:    &req.Filters,
		ready:      func() bool { return req.FiscalYear != 0 },
		missing:    "give the fiscal year of the applications: --fy 2025",
		compute: func(ctx context.Context, eng *metrics.Engine) (*metrics.FunnelsResult, error) {
			return eng.Funnels(ctx, req)
		},
		table: a.printFunnels,
	})
	funnels.Flags().IntVar(&req.FiscalYear, "fy", 0, "fiscal year the applications are dated in")
	funnels.Flags().StringSliceVar(&req.By, "by", nil, "one dimension to break down by: "+strings.Join(metrics.FunnelDimensions, ", "))
	return funnels
}

// printFunnels writes a table per funnel: a row per group and step, the
// whole company last.
func (a *app) printFunnels(res *metrics.FunnelsResult) error {
	fmt.Fprintf(a.stdout, "Applications dated in %s (%s to %s); their later steps count whenever they come, up to the data\n",
		res.Period.Label, res.Period.Start.Format("2006-01-02"), res.Period.End.Format("2006-01-02"))
	pct := func(v *float64) string {
		if v == nil {
			return "—"
		}
		return fmt.Sprintf("%.1f%%", *v)
	}
	days := func(v *float64) string {
		if v == nil {
			return "—"
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	for _, f := range res.Funnels {
		name := f.Kind
		if k, ok := catalog.KindByID(f.Kind); ok {
			name = fmt.Sprintf("%s (%s)", k.NameEN, k.NameJA)
		}
		fmt.Fprintf(a.stdout, "\n%s\n", name)
		var head []string
		for _, d := range res.Request.By {
			head = append(head, strings.ToUpper(d))
		}
		t := newTextTable(append(head, "STEP", "APPLICATIONS", "FROM PREVIOUS", "FROM FIRST", "MEDIAN DAYS", "TURNED DOWN HERE")...)
		for _, g := range f.Groups {
			key := padKey(g.Key, len(res.Request.By), "(all)")
			for _, s := range g.Steps {
				t.add(append(key, s.Action, strconv.Itoa(s.Count), pct(s.ConversionFromPrevious), pct(s.ConversionFromFirst), days(s.MedianDays), strconv.Itoa(s.Rejected))...)
				key = padKey(nil, len(key), "")
			}
			// neither turned down nor through the last step: may go on
			t.add(append(key, "(open)", strconv.Itoa(g.Open), "", "", "", "")...)
		}
		if err := t.write(a.stdout); err != nil {
			return err
		}
	}
	return nil
}
