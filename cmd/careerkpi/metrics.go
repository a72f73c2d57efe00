package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
)

func (a *app) metricsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "metrics",
		Short: "List the metric catalog, or print a metric's values",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var listFormat string
	list := &cobra.Command{
		Use:   "list",
		Short: "Print the metric catalog: id, names, unit, dimensions and definition",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.printCatalog(metrics.DefaultRegistry(), listFormat)
		},
	}
	list.Flags().StringVar(&listFormat, "format", "table", "table or json")
	cmd.AddCommand(list)

	var fy int
	var period, program, format string
	var by, filters []string
	var req metrics.Request
	get := &cobra.Command{
		Use:   "get <metric>",
		Short: "Print a metric's values for a period, broken down and filtered",
		Example: `  careerkpi metrics get attrition_rate --fy 2025
  careerkpi metrics get engagement_index --fy 2025 --by department --filter grade=G3
  careerkpi metrics get one_on_one_compliance --period FY2025Q1 --by month --format csv
  careerkpi metrics get program_utilization --program side_job --fy 2025 --by grade
  careerkpi metrics get favorable --fy 2025 --by theme --compare
  careerkpi metrics get drivers --fy 2025 --by item`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			req.Metric, req.Program = args[0], program
			for _, b := range by {
				for _, d := range strings.Split(b, ",") {
					if d = strings.TrimSpace(d); d != "" {
						req.By = append(req.By, d)
					}
				}
			}
			var err error
			if req.Filters, err = parseFilters(filters); err != nil {
				return err
			}
			if err := checkFormat(format, "table", "json", "csv"); err != nil {
				return err
			}
			return a.withEngine(cmd.Context(), func(s *storeHandle, eng *metrics.Engine) error {
				switch {
				case period != "" && fy != 0:
					return usage(fmt.Errorf("give --fy or --period, not both"))
				case period != "":
					if req.Period, err = eng.Calendar.ParsePeriod(period); err != nil {
						return usage(err)
					}
				case fy != 0:
					req.Period = eng.Calendar.FiscalYear(fy)
				default:
					return usage(fmt.Errorf("give the period: --fy 2025 or --period FY2025H1"))
				}
				res, err := eng.Compute(cmd.Context(), req)
				if err != nil {
					return err
				}
				return a.printResult(res, format)
			})
		},
	}
	get.Flags().IntVar(&fy, "fy", 0, "fiscal year, such as 2025 (FY2025)")
	get.Flags().StringVar(&period, "period", "", "period: FY2025, FY2025H1, FY2025Q1, 2025-04 or 2025-04-01..2025-09-30")
	get.Flags().StringSliceVar(&by, "by", nil, "dimensions to break down by: a time dimension (fiscal_year, half, quarter, month) and/or one other")
	get.Flags().StringArrayVar(&filters, "filter", nil, "keep only dimension=value[,value…]; repeat to combine with AND")
	get.Flags().StringVar(&program, "program", "", "program id or kind, for program_utilization")
	get.Flags().StringVar(&format, "format", "table", "table, json or csv")
	get.Flags().BoolVar(&req.Compare, "compare", false, "add each group's value in the previous period (fiscal year, half, quarter, month) and the change")
	cmd.AddCommand(get)
	cmd.AddCommand(a.impactCommand(), a.cohortsCommand(), a.funnelsCommand(), a.disclosureCommand())
	return cmd
}

func (a *app) cohortsCommand() *cobra.Command {
	var req metrics.CohortsRequest
	cohorts := analysisCommand(a, &cobra.Command{
		Use:   "cohorts",
		Short: "New-graduate cohorts (年度入社): who left in years 1, 2 and 3, beside the national figures",
		Example: `  careerkpi metrics cohorts --from 2019 --to 2025
  careerkpi metrics cohorts --from 2021 --to 2025 --filter department=営業部 --format json`,
	}, analysis[*metrics.CohortsResult]{
		filterHelp: "keep only new graduates with dimension=value[,value…] on their hire date; repeat to combine with AND",
		filters:    &req.Filters,
		ready:      func() bool { return req.FirstYear != 0 && req.LastYear != 0 },
		missing:    "give the fiscal years of hire: --from 2019 --to 2025",
		compute: func(ctx context.Context, eng *metrics.Engine) (*metrics.CohortsResult, error) {
			return eng.NewGraduateCohorts(ctx, req)
		},
		table: a.printCohorts,
	})
	cohorts.Flags().IntVar(&req.FirstYear, "from", 0, "fiscal year of hire of the first cohort")
	cohorts.Flags().IntVar(&req.LastYear, "to", 0, "fiscal year of hire of the last cohort")
	return cohorts
}

// printJSON writes v as indented JSON.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// analysis is what a metrics subcommand computing one result needs.
type analysis[R any] struct {
	// filterHelp says what --filter keeps; its filters go to filters.
	filterHelp string
	filters    *[]metrics.Filter
	// ready reports whether the command's own flags are given; missing is
	// the usage error when they are not.
	ready   func() bool
	missing string
	compute func(context.Context, *metrics.Engine) (R, error)
	// table writes the result for people; json, when not nil, is what
	// --format json writes of it (the result itself otherwise).
	table func(R) error
	json  func(R) any
}

// analysisCommand makes cmd the subcommand of an: it adds --filter and
// --format (table or json) and runs the computation on the engine.
func analysisCommand[R any](a *app, cmd *cobra.Command, an analysis[R]) *cobra.Command {
	var raw []string
	var format string
	cmd.Args = cobra.NoArgs
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if !an.ready() {
			return usage(errors.New(an.missing))
		}
		var err error
		if *an.filters, err = parseFilters(raw); err != nil {
			return err
		}
		if err := checkFormat(format, "table", "json"); err != nil {
			return err
		}
		return a.withEngine(cmd.Context(), func(_ *storeHandle, eng *metrics.Engine) error {
			res, err := an.compute(cmd.Context(), eng)
			switch {
			case err != nil:
				return err
			case format == "table":
				return an.table(res)
			case an.json != nil:
				return a.printJSON(an.json(res))
			}
			return a.printJSON(res)
		})
	}
	cmd.Flags().StringArrayVar(&raw, "filter", nil, an.filterHelp)
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

// printCohorts writes the cohorts and the benchmark as tables.
func (a *app) printCohorts(res *metrics.CohortsResult) error {
	fig := func(f metrics.CohortFigure) string {
		switch {
		case f.InProgress:
			return fmt.Sprintf("(%d so far)", f.Leavers)
		case f.Rate == nil:
			return "—"
		}
		return fmt.Sprintf("%.1f%%", *f.Rate)
	}
	t := newTextTable("COHORT", "HIRES", "YEAR 1", "YEAR 2", "YEAR 3", "WITHIN 3 YEARS")
	for _, c := range res.Cohorts {
		t.add(fmt.Sprintf("FY%d", c.FiscalYear), strconv.Itoa(c.Hires), fig(c.Year1), fig(c.Year2), fig(c.Year3), fig(c.WithinThreeYears))
	}
	if err := t.write(a.stdout); err != nil {
		return err
	}
	if res.DataEnd != nil {
		fmt.Fprintf(a.stdout, "data through %s; a year not over for every member is in progress\n", res.DataEnd.Format(time.DateOnly))
	}
	fmt.Fprintln(a.stdout, "\nNational benchmark (university graduates):")
	t = newTextTable("GRADUATED", "EMPLOYERS", "YEAR 1", "YEAR 2", "YEAR 3", "WITHIN 3 YEARS", "SOURCE")
	pct := func(v *float64) string {
		if v == nil {
			return "—"
		}
		return fmt.Sprintf("%.1f%%", *v)
	}
	for _, b := range res.Benchmark {
		t.add(b.Graduated, b.EmployerSize, pct(b.Year1), pct(b.Year2), pct(b.Year3), fmt.Sprintf("%.1f%%", b.WithinThreeYears), b.Source+", "+b.Published)
	}
	return t.write(a.stdout)
}

func (a *app) impactCommand() *cobra.Command {
	var req metrics.ImpactRequest
	impact := analysisCommand(a, &cobra.Command{
		Use:   "impact",
		Short: "Compare the attrition of a program's users with the others (an association, not a cause)",
		Example: `  careerkpi metrics impact --program side_job --fy 2024
  careerkpi metrics impact --category learn --fy 2024 --by department --format json`,
	}, analysis[*metrics.ImpactResult]{
		filterHelp: "keep only dimension=value[,value…]; repeat to combine with AND",
		filters:    &req.Filters,
		ready:      func() bool { return req.FiscalYear != 0 },
		missing:    "give the fiscal year: --fy 2024",
		compute: func(ctx context.Context, eng *metrics.Engine) (*metrics.ImpactResult, error) {
			return eng.Impact(ctx, req)
		},
		table: a.printImpact,
		json: func(res *metrics.ImpactResult) any {
			return struct {
				*metrics.ImpactResult
				Note string `json:"note"`
			}{res, metrics.AssociationEN}
		},
	})
	impact.Flags().IntVar(&req.FiscalYear, "fy", 0, "fiscal year of the cohort: the headcount on its first day")
	impact.Flags().StringVar(&req.Program, "program", "", "program id or kind, such as side_job")
	impact.Flags().StringVar(&req.Category, "category", "", "category: know, challenge, learn or manager")
	impact.Flags().StringSliceVar(&req.By, "by", nil, "one dimension to break down by, such as department")
	return impact
}

// printImpact writes the comparison as tables, with its note.
func (a *app) printImpact(res *metrics.ImpactResult) error {
	subject := res.Request.Program
	if subject == "" {
		subject = "category " + res.Request.Category
	}
	fmt.Fprintf(a.stdout, "Attrition within 12 months of %s, users of %s against the others\n", res.Period.Start.Format("2006-01-02"), subject)
	pct := func(v *float64, iv *metrics.Interval) string {
		if v == nil {
			return "—"
		}
		return fmt.Sprintf("%.1f%% [%.1f, %.1f]", *v, iv.Low, iv.High)
	}
	t := newTextTable(append(append([]string{}, res.Request.By...), "USERS", "LEFT", "RATE [95% CI]", "OTHERS", "LEFT", "RATE [95% CI]", "DIFFERENCE (POINTS) [95% CI]")...)
	for _, r := range res.Rows {
		key := padKey(r.Key, len(res.Request.By), "(all)")
		diff := "—"
		if r.Difference != nil {
			diff = fmt.Sprintf("%+.1f [%+.1f, %+.1f]", *r.Difference, r.DifferenceInterval.Low, r.DifferenceInterval.High)
		}
		t.add(append(key, strconv.Itoa(r.Users.Employees), strconv.Itoa(r.Users.Leavers), pct(r.Users.Rate, r.Users.Interval),
			strconv.Itoa(r.NonUsers.Employees), strconv.Itoa(r.NonUsers.Leavers), pct(r.NonUsers.Rate, r.NonUsers.Interval), diff)...)
	}
	if err := t.write(a.stdout); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\nEngagement index (%% favorable) in the identified surveys of %s, of the same groups\n", res.Period.Label)
	eng := func(g metrics.ImpactGroup) []string {
		switch {
		case g.Reason != "":
			return []string{g.Reason, ""}
		case g.Engagement == nil:
			return []string{"—", "0"}
		}
		return []string{fmt.Sprintf("%.1f%%", *g.Engagement), strconv.Itoa(g.Respondents)}
	}
	t = newTextTable(append(append([]string{}, res.Request.By...), "USERS", "RESPONDENTS", "OTHERS", "RESPONDENTS", "DIFFERENCE (POINTS)")...)
	for _, r := range res.Rows {
		key := padKey(r.Key, len(res.Request.By), "(all)")
		diff := "—"
		if r.EngagementDifference != nil {
			diff = fmt.Sprintf("%+.1f", *r.EngagementDifference)
		}
		t.add(append(append(append(key, eng(r.Users)...), eng(r.NonUsers)...), diff)...)
	}
	if err := t.write(a.stdout); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "engagement figures from fewer than %d respondents are withheld\n\n", res.Threshold)
	printAdjusted(a.stdout, res)
	fmt.Fprintln(a.stdout, metrics.AssociationEN)
	fmt.Fprintln(a.stdout, metrics.AssociationJA)
	return nil
}

// printAdjusted prints the whole cohort's comparison within strata and
// its retention curves at the end of each year followed.
func printAdjusted(w io.Writer, res *metrics.ImpactResult) {
	if adj := res.Adjusted; adj != nil {
		fmt.Fprint(w, "Adjusted for grade × tenure band × hire type (Mantel–Haenszel), the whole cohort: ")
		if adj.Difference == nil {
			fmt.Fprintln(w, "— (no stratum has both users and others)")
		} else {
			fmt.Fprintf(w, "%+.1f points [%+.1f, %+.1f] over %d strata\n", *adj.Difference, adj.Interval.Low, adj.Interval.High, adj.Compared)
		}
		if adj.LowOverlap {
			fmt.Fprintf(w, "warning: users and others barely overlap: %d users and %d others are in strata without the other side, %d and %d in strata with fewer than %d on a side\n",
				adj.UsersOutside, adj.NonUsersOutside, adj.UsersThin, adj.NonUsersThin, metrics.ThinOverlap)
		}
	}
	if ret := res.Retention; ret != nil && len(ret.Users) > 0 && len(ret.NonUsers) > 0 {
		fmt.Fprintf(w, "Retention (Kaplan–Meier) from %s, followed through %s:\n", res.Period.Start.Format(time.DateOnly), ret.Through.Format(time.DateOnly))
		for _, m := range []int{6, 12, 18, 24} {
			if m < len(ret.Users) && m < len(ret.NonUsers) {
				fmt.Fprintf(w, "  month %2d  users %5.1f%%  others %5.1f%%\n", m, ret.Users[m].Retention, ret.NonUsers[m].Retention)
			}
		}
		if lr := ret.LogRank; lr != nil {
			fmt.Fprintf(w, "log-rank test: χ² = %.2f (1 df), p = %.3g; users' leavers %d observed, %.1f expected\n", lr.ChiSquare, lr.P, lr.Observed[0], lr.Expected[0])
		}
	}
	fmt.Fprintln(w)
}

// padKey returns key filled up to n values with fill: a total has no value
// for the dimensions it sums over.
func padKey(key []string, n int, fill string) []string {
	k := make([]string, n)
	for i := copy(k, key); i < n; i++ {
		k[i] = fill
	}
	return k
}

// usage marks err as a mistake in how careerkpi was called.
func usage(err error) error { return fmt.Errorf("%w: %w", errUsage, err) }

// withEngine runs f with the store and the metrics engine over it.
func (a *app) withEngine(ctx context.Context, f func(s *storeHandle, eng *metrics.Engine) error) error {
	return a.withStore(ctx, func(s *storeHandle) error {
		eng, err := a.engine(ctx, s)
		if err != nil {
			return err
		}
		return f(s, eng)
	})
}

// parseFilters parses --filter flags, dimension=value[,value…] each; a
// bad one is a usage error.
func parseFilters(flags []string) ([]metrics.Filter, error) {
	var out []metrics.Filter
	for _, f := range flags {
		pf, err := metrics.ParseFilter(f)
		if err != nil {
			return nil, usage(err)
		}
		out = append(out, pf)
	}
	return out, nil
}

// engine returns the metrics engine over s, with the targets of the
// configuration file and those set on the targets page over them.
func (a *app) engine(ctx context.Context, s queries.Store) (*metrics.Engine, error) {
	set := a.metricSettings()
	if path := a.cfg.NewGraduateBenchmark; path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("new_graduate_benchmark: %w", err)
		}
		defer f.Close()
		if set.Benchmark, err = metrics.LoadBenchmark(f); err != nil {
			return nil, fmt.Errorf("new_graduate_benchmark %s: %w", path, err)
		}
	}
	eng, err := metrics.NewEngine(s, set)
	if err != nil {
		return nil, err
	}
	if err := eng.UseStoredTargets(ctx, a.cfg.Targets); err != nil {
		return nil, err
	}
	return eng, nil
}

func (a *app) metricSettings() metrics.Settings {
	return metrics.Settings{FiscalYearStart: a.cfg.FiscalYearStart, TimeZone: a.cfg.TimeZone,
		Threshold: a.cfg.AnonymityThreshold, Targets: a.cfg.Targets, TurnoverFormula: metrics.TurnoverFormula(a.cfg.TurnoverFormula)}
}

func (a *app) printCatalog(reg *metrics.Registry, format string) error {
	type entry struct {
		ID             string   `json:"id"`
		NameJA         string   `json:"name_ja"`
		NameEN         string   `json:"name_en"`
		Area           string   `json:"area"`
		Unit           string   `json:"unit"`
		HigherIsBetter bool     `json:"higher_is_better"`
		Dimensions     []string `json:"dimensions"`
		DefinitionJA   string   `json:"definition_ja"`
		DefinitionEN   string   `json:"definition_en"`
		Formula        string   `json:"formula"`
		SQL            []string `json:"sql"`
	}
	var out []entry
	for _, m := range reg.All() {
		e := entry{ID: m.ID, NameJA: m.NameJA, NameEN: m.NameEN, Area: string(m.Area), Unit: string(m.Unit), HigherIsBetter: m.HigherIsBetter,
			Dimensions: m.Dimensions, DefinitionJA: m.DefinitionJA, DefinitionEN: m.DefinitionEN, Formula: m.Formula}
		e.SQL = append(e.SQL, "queries/sql/"+m.Numerator.Query+".sql")
		if m.Denominator != nil && m.Denominator.Query != m.Numerator.Query {
			e.SQL = append(e.SQL, "queries/sql/"+m.Denominator.Query+".sql")
		}
		out = append(out, e)
	}
	switch format {
	case "json":
		return a.printJSON(out)
	case "table":
		t := newTextTable("ID", "AREA", "UNIT", "NAME", "NAME (JA)", "FORMULA", "SQL")
		for _, e := range out {
			t.add(e.ID, fmt.Sprint(e.Area), fmt.Sprint(e.Unit), e.NameEN, e.NameJA, e.Formula, strings.Join(e.SQL, ", "))
		}
		return t.write(a.stdout)
	}
	return usage(fmt.Errorf("--format %q: table or json", format))
}

func (a *app) printResult(res *metrics.Result, format string) error {
	m := res.Metric
	dims := res.By
	rows := res.Rows
	if res.Breakdown() {
		rows = append(append([]metrics.Row{}, res.Rows...), res.Totals...)
	}
	keyOf := func(r metrics.Row) []string { return padKey(r.Key, len(dims), "(total)") }
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	switch format {
	case "json":
		type jsonRow struct {
			Key         map[string]string `json:"key,omitempty"`
			Value       *float64          `json:"value"`
			Numerator   *float64          `json:"numerator"`
			Denominator *float64          `json:"denominator"`
			Respondents *int              `json:"respondents,omitempty"`
			Target      *float64          `json:"target,omitempty"`
			Previous    *float64          `json:"previous,omitempty"`
			Change      *float64          `json:"change,omitempty"`
			Withheld    bool              `json:"withheld,omitempty"`
			Reason      string            `json:"reason,omitempty"`
		}
		out := struct {
			Metric    string    `json:"metric"`
			Unit      string    `json:"unit"`
			Period    string    `json:"period"`
			Start     string    `json:"start"`
			End       string    `json:"end"`
			By        []string  `json:"by,omitempty"`
			Filters   []string  `json:"filters,omitempty"`
			Program   string    `json:"program,omitempty"`
			Previous  string    `json:"previous_period,omitempty"`
			Threshold *int      `json:"anonymity_threshold,omitempty"`
			Rows      []jsonRow `json:"rows"`
		}{Metric: m.ID, Unit: string(m.Unit), Period: res.Period.Label, Start: res.Period.Start.Format("2006-01-02"), End: res.Period.End.Format("2006-01-02"),
			By: dims, Program: res.Program, Rows: []jsonRow{}}
		for _, f := range res.Filters {
			out.Filters = append(out.Filters, f.String())
		}
		if res.Previous != nil {
			out.Previous = res.Previous.Label
		}
		if m.Survey {
			out.Threshold = &res.Threshold
		}
		for _, r := range rows {
			jr := jsonRow{Value: r.Value, Denominator: r.Denominator, Target: r.Target, Previous: r.Previous, Change: r.Change, Withheld: r.Withheld, Reason: r.Reason}
			if !r.Withheld {
				n := r.Numerator
				jr.Numerator = &n
			}
			if m.Survey && !r.Withheld {
				n := r.Respondents
				jr.Respondents = &n
			}
			if len(dims) > 0 {
				jr.Key = map[string]string{}
				for i, d := range dims {
					jr.Key[d] = keyOf(r)[i]
				}
			}
			out.Rows = append(out.Rows, jr)
		}
		return a.printJSON(out)
	case "csv":
		w := csv.NewWriter(a.stdout)
		w.Write(append(append([]string{}, dims...), "value", "numerator", "denominator", "respondents", "target", "previous", "change", "withheld"))
		for _, r := range rows {
			resp, n := "", ""
			if !r.Withheld {
				n = num(&r.Numerator)
				if m.Survey {
					resp = strconv.Itoa(r.Respondents)
				}
			}
			w.Write(append(keyOf(r), num(r.Value), n, num(r.Denominator), resp, num(r.Target), num(r.Previous), num(r.Change), r.Reason))
		}
		w.Flush()
		return w.Error()
	}
	fmt.Fprintf(a.stdout, "%s — %s (%s), %s (%s to %s)\n", m.NameEN, m.NameJA, m.ID, res.Period.Label,
		res.Period.Start.Format("2006-01-02"), res.Period.End.Format("2006-01-02"))
	if len(res.Filters) > 0 {
		var fs []string
		for _, f := range res.Filters {
			fs = append(fs, f.String())
		}
		fmt.Fprintf(a.stdout, "filters: %s\n", strings.Join(fs, " AND "))
	}
	head := append(append([]string{}, dims...), "VALUE", "NUMERATOR", "DENOMINATOR")
	if m.Survey {
		head = append(head, "RESPONDENTS")
	}
	head = append(head, "TARGET")
	if res.Previous != nil {
		head = append(head, strings.ToUpper(res.Previous.Label), "CHANGE")
	}
	t := newTextTable(head...)
	t.alignRight()
	for _, r := range rows {
		cells := keyOf(r)
		for i, c := range cells {
			if c == "" {
				cells[i] = "(not recorded)" // e.g. the division of an anonymous survey's respondents
			}
		}
		if r.Withheld {
			cells = append(cells, r.Reason, "", "")
			if m.Survey {
				cells = append(cells, "")
			}
		} else {
			cells = append(cells, m.Format(r.Value), readable(&r.Numerator), readable(r.Denominator))
			if m.Survey {
				cells = append(cells, strconv.Itoa(r.Respondents))
			}
		}
		cells = append(cells, m.Format(r.Target))
		if res.Previous != nil {
			cells = append(cells, m.Format(r.Previous), m.FormatChange(r.Change))
		}
		t.add(cells...)
	}
	if err := t.write(a.stdout); err != nil {
		return err
	}
	if m.Survey {
		fmt.Fprintf(a.stdout, "figures from fewer than %d respondents are withheld\n", res.Threshold)
	}
	return nil
}

// readable writes a numerator or denominator for people to read: at most two
// decimals (an average headcount of 52.153846… as 52.15), nothing for none.
// JSON and CSV keep every digit.
func readable(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(math.Round(*f*100)/100, 'f', -1, 64)
}

// checkFormat refuses a --format that is not one of those a command writes.
func checkFormat(format string, formats ...string) error {
	if slices.Contains(formats, format) {
		return nil
	}
	last := len(formats) - 1
	return usage(fmt.Errorf("--format %q: %s or %s", format, strings.Join(formats[:last], ", "), formats[last]))
}
