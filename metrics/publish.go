package metrics

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/careerkpi/careerkpi/queries"
)

// StandardCuts are the breakdowns a published version freezes, each for
// every metric that can be cut by it: the total, each attribute, the
// quarters and months of the period, and a survey metric's themes and
// items.
var StandardCuts = [][]string{nil, {"department"}, {"division"}, {"grade"}, {"employment_type"}, {"tenure_band"},
	{"hire_type"}, {"gender"}, {"quarter"}, {"month"}, {"theme"}, {"item"}}

// Publication is a published version: every metric at every standard cut
// of a period, frozen.
type Publication struct {
	Version     int       `json:"version"`
	Period      Period    `json:"period"`
	PublishedAt time.Time `json:"published_at"`
	PublishedBy string    `json:"published_by"`
	// Settings shaped the figures: the calendar and the anonymity
	// threshold.
	Settings PublishedSettings `json:"settings"`
}

// PublishedSettings are the settings a version's figures were computed
// with.
type PublishedSettings struct {
	FiscalYearStart int    `json:"fiscal_year_start"`
	TimeZone        string `json:"time_zone"`
	Threshold       int    `json:"anonymity_threshold"`
	// TurnoverFormula divided the version's attrition rates; versions
	// published before it was a choice used the default.
	TurnoverFormula TurnoverFormula `json:"turnover_formula"`
}

// ErrNotPublished reports figures a published version does not hold.
// The errors that match it with errors.Is say which, and what to ask for
// instead.
var ErrNotPublished = errors.New("metrics: not published")

// notPublished is an ErrNotPublished whose message is only what is
// missing, fit to show an HR user or an analyst as it is.
type notPublished struct{ msg string }

func (e *notPublished) Error() string        { return e.msg }
func (e *notPublished) Is(target error) bool { return target == ErrNotPublished }

// NotPublishedf returns an ErrNotPublished with the message given.
func NotPublishedf(format string, args ...any) error {
	return &notPublished{msg: fmt.Sprintf(format, args...)}
}

// publishParallel is how many figures publishing computes at once.
const publishParallel = 3

// PublishRequests returns every request a version of period p freezes:
// each metric at each standard cut it takes (compared with the period
// before, but for the time cuts); a metric of one program for each of
// programs, in total and by department.
func (e *Engine) PublishRequests(p Period, programs []string) []Request {
	var reqs []Request
	for _, m := range e.Registry.All() {
		for _, cut := range StandardCuts {
			if m.Per != "" && !slices.Contains(cut, m.Per) {
				continue
			}
			if !slices.ContainsFunc(cut, func(d string) bool { return !slices.Contains(m.Dimensions, d) }) {
				time := len(cut) == 1 && (cut[0] == "quarter" || cut[0] == "month")
				req := Request{Metric: m.ID, Period: p, By: cut, Compare: !time}
				if !m.NeedsProgram {
					reqs = append(reqs, req)
					continue
				}
				if len(cut) > 1 || len(cut) == 1 && cut[0] != "department" {
					continue
				}
				for _, prog := range programs {
					req.Program = prog
					reqs = append(reqs, req)
				}
			}
		}
	}
	return reqs
}

// publishedRow is a row of published_figures.
type publishedRow struct {
	Version       uint32     `ch:"version"`
	Metric        string     `ch:"metric_id"`
	Program       string     `ch:"program"`
	Cut           string     `ch:"cut"`
	Total         bool       `ch:"total"`
	Position      uint32     `ch:"position"`
	Key           []string   `ch:"dimension_values"`
	Value         *float64   `ch:"value"`
	Numerator     float64    `ch:"numerator"`
	Denominator   *float64   `ch:"denominator"`
	Respondents   uint32     `ch:"respondents"`
	Withheld      bool       `ch:"withheld"`
	Reason        string     `ch:"reason"`
	Target        *float64   `ch:"target"`
	Previous      *float64   `ch:"previous"`
	Change        *float64   `ch:"change"`
	PreviousKind  string     `ch:"previous_kind"`
	PreviousLabel string     `ch:"previous_label"`
	PreviousStart *time.Time `ch:"previous_start"`
	PreviousEnd   *time.Time `ch:"previous_end"`
}

// publicationRow is a row of publications.
type publicationRow struct {
	Version     uint32    `ch:"version"`
	Period      string    `ch:"period"`
	PeriodStart time.Time `ch:"period_start"`
	PeriodEnd   time.Time `ch:"period_end"`
	PublishedAt time.Time `ch:"published_at"`
	PublishedBy string    `ch:"published_by"`
	Settings    string    `ch:"settings"`
}

// publishMu keeps one publish at a time in a process, so that two never
// take the same version number.
var publishMu sync.Mutex

// Publish freezes every metric at every standard cut of fiscal-year period
// p (PublishRequests, for every program of the catalog) as a new version,
// published by by. The version exists once all its figures are written:
// a publish that fails part-way leaves no version. progress, if set, is
// called after each figure with how many are done of how many.
func (e *Engine) Publish(ctx context.Context, p Period, by string, progress func(done, total int)) (Publication, error) {
	if p.Kind != KindFiscalYear {
		return Publication{}, fmt.Errorf("metrics: publish a fiscal year (such as FY2025), not %s", p.Label)
	}
	publishMu.Lock()
	defer publishMu.Unlock()
	version, err := e.Current(ctx)
	if err != nil {
		return Publication{}, fmt.Errorf("metrics: publish: %w", err)
	}
	ctx = AtVersion(ctx, version) // every figure from the same data
	programs, err := queries.Select[string](ctx, e.Store, queries.SQL("publication_programs"), nil)
	if err != nil {
		return Publication{}, fmt.Errorf("metrics: publish: %w", err)
	}
	next, err := queries.Get[uint32](ctx, e.Store, queries.SQL("publication_next"), nil)
	if err != nil {
		return Publication{}, fmt.Errorf("metrics: publish: %w", err)
	}
	reqs := e.PublishRequests(p, programs)
	results := make([]*Result, len(reqs))
	var mu sync.Mutex
	done := 0
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(publishParallel)
	for i, req := range reqs {
		g.Go(func() error {
			res, err := e.Compute(gctx, req)
			if err != nil {
				return fmt.Errorf("metrics: publish %s by %s: %w", req.Metric, strings.Join(req.By, ","), err)
			}
			results[i] = res
			if progress != nil {
				mu.Lock()
				done++
				progress(done, len(reqs))
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return Publication{}, err
	}
	var rows []publishedRow
	for i, res := range results {
		rows = appendPublished(rows, next, reqs[i], res)
	}
	if _, err := e.Store.Insert(ctx, "published_figures", queries.Slice(rows)); err != nil {
		return Publication{}, fmt.Errorf("metrics: publish: write the figures: %w", err)
	}
	pub := Publication{Version: int(next), Period: p, PublishedAt: time.Now().UTC().Truncate(time.Millisecond), PublishedBy: by,
		Settings: PublishedSettings{FiscalYearStart: int(e.Calendar.StartMonth), TimeZone: e.Calendar.Location.String(), Threshold: e.threshold(), TurnoverFormula: e.Turnover.ID()}}
	settings, _ := json.Marshal(pub.Settings)
	rec := []publicationRow{{Version: next, Period: p.Label, PeriodStart: p.Start, PeriodEnd: p.End, PublishedAt: pub.PublishedAt,
		PublishedBy: by, Settings: string(settings)}}
	if _, err := e.Store.Insert(ctx, "publications", queries.Slice(rec)); err != nil {
		return Publication{}, fmt.Errorf("metrics: publish: record version %d: %w", next, err)
	}
	return pub, nil
}

func appendPublished(rows []publishedRow, version uint32, req Request, res *Result) []publishedRow {
	add := func(r Row, total bool, pos int) {
		pr := publishedRow{Version: version, Metric: req.Metric, Program: req.Program, Cut: strings.Join(req.By, ","), Total: total,
			Position: uint32(pos), Key: r.Key, Value: r.Value, Numerator: r.Numerator, Denominator: r.Denominator,
			Respondents: uint32(r.Respondents), Withheld: r.Withheld, Reason: r.Reason, Target: r.Target, Previous: r.Previous, Change: r.Change}
		if pr.Key == nil {
			pr.Key = []string{}
		}
		if res.Previous != nil {
			start, end := res.Previous.Start, res.Previous.End
			pr.PreviousKind, pr.PreviousLabel, pr.PreviousStart, pr.PreviousEnd = string(res.Previous.Kind), res.Previous.Label, &start, &end
		}
		rows = append(rows, pr)
	}
	for i, r := range res.Rows {
		add(r, false, i)
	}
	if res.breakdown {
		for i, r := range res.Totals {
			add(r, true, i)
		}
	}
	return rows
}

// Publications returns the published versions, newest first.
func Publications(ctx context.Context, s queries.Store) ([]Publication, error) {
	rows, err := queries.Select[publicationRow](ctx, s, queries.SQL("publications_list"), nil)
	if err != nil {
		return nil, fmt.Errorf("metrics: list the published versions: %w", err)
	}
	out := make([]Publication, len(rows))
	for i, r := range rows {
		out[i] = Publication{Version: int(r.Version), PublishedAt: r.PublishedAt, PublishedBy: r.PublishedBy,
			Period: Period{Kind: KindFiscalYear, Label: r.Period, Start: r.PeriodStart, End: r.PeriodEnd}}
		if err := json.Unmarshal([]byte(r.Settings), &out[i].Settings); err != nil {
			return nil, fmt.Errorf("metrics: version %d: settings: %w", r.Version, err)
		}
	}
	return out, nil
}

// Published is a published version's figures.
type Published struct {
	Publication
	store queries.Store
	// registry holds the metrics as the version defined them.
	registry *Registry
	calendar Calendar
}

var _ Figures = (*Published)(nil)

// Registry returns the metrics as the version defined them: its attrition
// rates under the turnover formula it was published with.
func (p *Published) Registry() *Registry { return p.registry }

// Published returns a published version: version 0 is the latest one of
// period, or of any period when period is nil.
func (e *Engine) Published(ctx context.Context, version int, period *Period) (*Published, error) {
	pubs, err := Publications(ctx, e.Store)
	if err != nil {
		return nil, err
	}
	for _, p := range pubs {
		if version != 0 && p.Version != version {
			continue
		}
		if version == 0 && period != nil && !samePeriod(p.Period, *period) {
			continue
		}
		// The version's rates divide by the formula it was published
		// with, and its definitions say so, whatever the formula now.
		reg := e.Registry
		if p.Settings.TurnoverFormula = p.Settings.TurnoverFormula.ID(); p.Settings.TurnoverFormula != e.Turnover.ID() {
			reg = RegistryFor(p.Settings.TurnoverFormula)
		}
		return &Published{Publication: p, store: e.Store, registry: reg, calendar: e.Calendar}, nil
	}
	switch {
	case version != 0:
		return nil, NotPublishedf("there is no version %d (`careerkpi publish` makes one)", version)
	case period != nil:
		return nil, NotPublishedf("%s has not been published (`careerkpi publish --period %s`)", period.Label, period.Label)
	}
	return nil, NotPublishedf("nothing has been published yet (`careerkpi publish --period FY2025`)")
}

func samePeriod(a, b Period) bool { return a.Start.Equal(b.Start) && a.End.Equal(b.End) }

// Compute returns the figures the version froze for req: its period, at a
// standard cut. A published version holds no filtered figures, but for
// the departments of a breakdown by department or division, which a
// filter on department or division picks from it.
func (p *Published) Compute(ctx context.Context, req Request) (*Result, error) {
	m, err := p.registry.Lookup(req.Metric)
	if err != nil {
		return nil, err
	}
	if !samePeriod(req.Period, p.Period) {
		return nil, NotPublishedf("version %d holds %s, not %s; ask for the live figures or another version", p.Version, p.Period.Label, req.Period.Label)
	}
	cut := strings.Join(req.By, ",")
	if !slices.ContainsFunc(StandardCuts, func(c []string) bool { return strings.Join(c, ",") == cut }) {
		return nil, NotPublishedf("version %d holds %s by %s only; ask for the live figures", p.Version, m.ID, standardCutNames())
	}
	for _, f := range req.Filters {
		if f.Dimension != cut && (cut != "department" || f.Dimension != "division") {
			return nil, NotPublishedf("version %d holds no figures filtered by %s; ask for the live figures", p.Version, f.Dimension)
		}
	}
	rows, err := queries.Select[publishedRow](ctx, p.store, queries.SQL("published_figures"),
		queries.Params{"version": uint32(p.Version), "metric": m.ID, "program": req.Program, "cut": cut})
	if err != nil {
		return nil, fmt.Errorf("metrics: read version %d: %w", p.Version, err)
	}
	if len(rows) == 0 {
		return nil, NotPublishedf("version %d holds no figures of %s%s by %s", p.Version, m.ID, programNote(req.Program), cutName(cut))
	}
	res := &Result{Metric: m, Period: p.Period, By: req.By, Filters: req.Filters, Program: req.Program, Threshold: p.Settings.Threshold}
	d, _ := DimensionByID(firstOr(req.By, ""))
	for _, r := range rows {
		row := Row{Key: r.Key, Value: r.Value, Numerator: r.Numerator, Denominator: r.Denominator, Respondents: int(r.Respondents),
			Withheld: r.Withheld, Reason: r.Reason, Target: r.Target}
		if req.Compare {
			row.Previous, row.Change = r.Previous, r.Change
			if r.PreviousKind != "" && res.Previous == nil {
				res.Previous = &Period{Kind: PeriodKind(r.PreviousKind), Label: r.PreviousLabel, Start: *r.PreviousStart, End: *r.PreviousEnd}
			}
		}
		if d.Time != "" && !r.Total {
			row.period = int(r.Position) // a time cut's rows are its periods, in order
		}
		if r.Total {
			res.Totals = append(res.Totals, row)
		} else {
			res.Rows = append(res.Rows, row)
		}
	}
	res.breakdown = len(req.By) > 0 && d.Time == ""
	if !res.breakdown {
		res.Totals = res.Rows
	}
	if len(req.Filters) > 0 {
		res.Rows = slices.DeleteFunc(res.Rows, func(r Row) bool { return !p.inFilters(ctx, req, r.Key[0]) })
	}
	return res, nil
}

// inFilters reports whether a department (or division) of a breakdown
// passes the request's department and division filters.
func (p *Published) inFilters(ctx context.Context, req Request, value string) bool {
	for _, f := range req.Filters {
		if f.Dimension == req.By[0] && !slices.Contains(f.Values, value) {
			return false
		}
		if f.Dimension != req.By[0] { // a division filter on a department breakdown
			div, err := queries.Get[string](ctx, p.store, queries.SQL("publication_division"), queries.Params{"department": value})
			if err != nil || !slices.Contains(f.Values, div) {
				return false
			}
		}
	}
	return true
}

func firstOr(s []string, def string) string {
	if len(s) > 0 {
		return s[0]
	}
	return def
}

func programNote(p string) string {
	if p == "" {
		return ""
	}
	return " of " + p
}

func cutName(cut string) string {
	if cut == "" {
		return "the total"
	}
	return cut
}

func standardCutNames() string {
	names := []string{"the total"}
	for _, c := range StandardCuts[1:] {
		names = append(names, strings.Join(c, ","))
	}
	return strings.Join(names, ", ")
}

// YearFigures are the figures of one fiscal year as the report and the
// disclosure read them, with the definitions and the turnover formula
// they were computed with.
type YearFigures struct {
	Figures  Figures
	Registry *Registry
	Turnover TurnoverFormula
	// Published is the version read; nil for the live figures.
	Published *Published
}

// FiguresOfYear returns the figures of fiscal year fy: its latest
// published version, version (which must hold fy), or with live the data
// as it is, pinned to its current version in the returned context so that
// every figure read through it comes from the same data. A year or version
// not published is ErrNotPublished.
func (e *Engine) FiguresOfYear(ctx context.Context, fy, version int, live bool) (context.Context, YearFigures, error) {
	if live {
		v, err := e.Current(ctx)
		if err != nil {
			return ctx, YearFigures{}, err
		}
		return AtVersion(ctx, v), YearFigures{Figures: e, Registry: e.Registry, Turnover: e.Turnover}, nil
	}
	var period *Period
	if version == 0 {
		p := e.Calendar.FiscalYear(fy)
		period = &p
	}
	pub, err := e.Published(ctx, version, period)
	if err != nil {
		return ctx, YearFigures{}, err
	}
	if got := e.Calendar.FiscalYearOf(pub.Period.Start); got != fy {
		return ctx, YearFigures{}, NotPublishedf("version %d holds FY%d, not FY%d", pub.Version, got, fy)
	}
	return ctx, YearFigures{Figures: pub, Registry: pub.Registry(), Turnover: pub.Settings.TurnoverFormula, Published: pub}, nil
}
