package metrics

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/careerkpi/careerkpi/queries"
)

// Fast paths. A metric SQL file computes its figures for any periods, cuts
// and filters, choosing at run time among the rollups (derived tables) and
// the events themselves; that choice, and the branches it leaves unused,
// cost the engine as much as the rows. For the periods pages ask for most —
// fiscal years — a lean file reads the rollup alone. The plan picks it when
// the rollup answers every period of the request (fastQuery), and the tests
// compare its figures with those of the raw SQL (Engine.NoRollups).

// fastFiles are the lean files, by the file they stand in for.
var fastFiles = map[string]string{
	sqlUtilization:   "metrics/utilization_fy",
	sqlEvents:        "metrics/events_facts",
	sqlWorkforce:     "metrics/workforce_fy",
	sqlOneOnOne:      "metrics/one_on_one_months",
	sqlEngagement:    "metrics/engagement_respondents",
	sqlDrivers:       "metrics/drivers_respondents",
	sqlConcentration: "metrics/concentration_fy",
	sqlResponseRate:  "metrics/response_rate_populations",
}

// fiscalYearTables are the rollups that answer whole fiscal years, by the
// file whose lean counterpart reads them.
var fiscalYearTables = map[string]string{
	sqlUtilization:   "employee_fiscal_years",
	sqlConcentration: "employee_fiscal_years",
	sqlWorkforce:     "workforce_fiscal_years",
}

// rollupRanges is what the rollups answer at a data version: the fiscal
// years of each fiscal-year rollup and the month they start in, and the
// program catalog, to resolve a term's programs to their ids.
type rollupRanges struct {
	version     string
	fiscalYears map[string]fiscalYearRange // by table
	// firstMonth and lastMonth are the months of employee_months; zero
	// when it is empty.
	firstMonth, lastMonth time.Time
	catalog               []catalogProgram
	// items are every survey item with its bit in survey_respondents'
	// masks (survey_item_bits).
	items []itemBit
	// mixed counts the rows of survey_respondents of a respondent who
	// counts under more than one set of attributes.
	mixed uint64
}

type itemBit struct {
	Survey          string `ch:"survey_id"`
	Item            string `ch:"item_id"`
	Bit             uint64 `ch:"bit"`
	Items           uint16 `ch:"items"`
	Scale           string `ch:"scale"`
	Theme           string `ch:"theme"`
	EngagementIndex bool   `ch:"engagement_index"`
}

// fiscalYearRange is the fiscal years a rollup answers.
type fiscalYearRange struct {
	Start       uint8 // the month; 0 when the table is empty
	First, Last uint16
}

type catalogProgram struct {
	ID       string `ch:"program_id"`
	Kind     string `ch:"kind"`
	Category string `ch:"category"`
}

// rangesCache keeps the rollupRanges of the latest data version.
type rangesCache struct {
	mu     sync.Mutex
	latest *rollupRanges
}

// rollupRanges returns what the rollups answer at the data version.
func (e *Engine) rollupRanges(ctx context.Context, version string) (*rollupRanges, error) {
	e.ranges.mu.Lock()
	defer e.ranges.mu.Unlock()
	if r := e.ranges.latest; r != nil && r.version == version && version != "" {
		return r, nil
	}
	type row struct {
		Table string `ch:"table"`
		Start uint8  `ch:"fiscal_year_start"`
		First uint16 `ch:"first_fiscal_year"`
		Last  uint16 `ch:"last_fiscal_year"`
	}
	r := &rollupRanges{version: version, fiscalYears: map[string]fiscalYearRange{}}
	got, err := queries.Select[row](ctx, e.Store, queries.SQL("metrics/rollup_ranges"), nil)
	if err != nil {
		return nil, fmt.Errorf("metrics: read the rollups' ranges: %w", err)
	}
	for _, g := range got {
		r.fiscalYears[g.Table] = fiscalYearRange{Start: g.Start, First: g.First, Last: g.Last}
	}
	months, err := queries.Get[struct {
		First  time.Time `ch:"first_month"`
		Last   time.Time `ch:"last_month"`
		Months uint64    `ch:"months"`
	}](ctx, e.Store, queries.SQL("metrics/month_range"), nil)
	if err != nil {
		return nil, fmt.Errorf("metrics: read the months of employee_months: %w", err)
	}
	if months.Months > 0 {
		r.firstMonth, r.lastMonth = months.First, months.Last
	}
	if r.catalog, err = queries.Select[catalogProgram](ctx, e.Store, queries.SQL("metrics/program_ids"), nil); err != nil {
		return nil, fmt.Errorf("metrics: read the program catalog: %w", err)
	}
	if r.items, err = queries.Select[itemBit](ctx, e.Store, queries.SQL("metrics/item_bits"), nil); err != nil {
		return nil, fmt.Errorf("metrics: read the survey items: %w", err)
	}
	if r.mixed, err = queries.Get[uint64](ctx, e.Store, queries.SQL("metrics/mixed_respondents"), nil); err != nil {
		return nil, fmt.Errorf("metrics: read survey_respondents: %w", err)
	}
	e.ranges.latest = r
	return r, nil
}

// fastQuery returns the lean file that computes query's figures for the
// plan's periods, with the parameters it takes beyond the file's own, or
// "" when there is none or the rollup does not answer the periods.
func (pl *plan) fastQuery(query string, tp queries.Params) (string, queries.Params) {
	fast, ok := fastFiles[query]
	if !ok || pl.noRollups || pl.ranges == nil {
		return "", nil
	}
	switch query {
	case sqlUtilization, sqlWorkforce, sqlConcentration:
		years, ok := pl.fiscalYears(pl.ranges.fiscalYears[fiscalYearTables[query]])
		if !ok {
			return "", nil
		}
		if query == sqlWorkforce && !byManager(tp) { // workforce_cells has every attribute but the manager
			fast = "metrics/workforce_cells"
		}
		return fast, queries.Params{"years": years, "program_ids": pl.ranges.programIDs(tp)}
	case sqlResponseRate: // any periods
		return fast, nil
	case sqlEvents: // program_event_facts holds every event: any periods
		return fast, queries.Params{"program_ids": pl.ranges.eventProgramIDs(tp)}
	case sqlEngagement:
		return pl.ranges.chosenItems(tp)
	case sqlDrivers:
		fast, params := pl.ranges.indexItems()
		if fast == "" {
			return "", nil
		}
		if byManager(tp) { // driver_cells has every attribute but the manager
			return fast, params
		}
		return "metrics/drivers_cells", nil
	case sqlOneOnOne: // the table flags the programs of kind one_on_one
		programs, _ := tp["programs"].([]string)
		categories, _ := tp["categories"].([]string)
		if !slices.Equal(programs, []string{"one_on_one"}) || len(categories) > 0 || !pl.withinMonths() {
			return "", nil
		}
		if !byManager(tp) { // one_on_one_cells has every attribute but the manager
			return "metrics/one_on_one_cells", nil
		}
		return fast, nil
	}
	return "", nil
}

// byManager reports whether a metric SQL file's parameters cut or filter
// it by manager, which the cell rollups (driver_cells, workforce_cells,
// one_on_one_cells) cannot answer: they have every attribute but the
// manager.
func byManager(tp queries.Params) bool {
	cut, _ := tp["cut"].([]string)
	in, _ := tp["manager_id_in"].([]string)
	return slices.Contains(cut, "manager_id") || len(in) > 0
}

// fiscalYears returns the fiscal years of the plan's periods when every one
// is a whole fiscal year that a rollup answers.
func (pl *plan) fiscalYears(r fiscalYearRange) ([]uint16, bool) {
	if r.Start == 0 {
		return nil, false
	}
	years := make([]uint16, len(pl.periods))
	for i, p := range pl.periods {
		y := p.Start.Year()
		if p.Start.Day() != 1 || int(p.Start.Month()) != int(r.Start) || !p.End.Equal(p.Start.AddDate(1, 0, -1)) || y < int(r.First) || y > int(r.Last) {
			return nil, false
		}
		years[i] = uint16(y)
	}
	return years, true
}

// chosenItems returns the lean engagement file with each survey's chosen
// items as masks, as engagement.sql works them out from survey_item_bits:
// the items of the term (engagement-index items only, of its themes and
// scales) that the theme and item filters keep, free text never. None when
// the figures are cut by theme or item, or a survey has more than 64 items
// (survey_respondents has no bit for the 65th).
func (r *rollupRanges) chosenItems(tp queries.Params) (string, queries.Params) {
	cut, _ := tp["cut"].([]string)
	if slices.Contains(cut, "theme") || slices.Contains(cut, "item") {
		return "", nil
	}
	strs := func(name string) []string { v, _ := tp[name].([]string); return v }
	indexOnly, _ := tp["index_only"].(bool)
	themes, scales, themeIn, itemIn := strs("themes"), strs("scales"), strs("theme_in"), strs("item_in")
	in := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	ids, chosen, chosenNPS := []string{}, []uint64{}, []uint64{}
	for _, it := range r.items {
		if it.Items > 64 {
			return "", nil
		}
		if len(ids) == 0 || ids[len(ids)-1] != it.Survey {
			ids, chosen, chosenNPS = append(ids, it.Survey), append(chosen, 0), append(chosenNPS, 0)
		}
		if it.Scale != "text" && (!indexOnly || it.EngagementIndex) && in(themes, it.Theme) && in(scales, it.Scale) && in(themeIn, it.Theme) && in(itemIn, it.Item) {
			chosen[len(chosen)-1] |= it.Bit
			if it.Scale == "nps11" {
				chosenNPS[len(chosenNPS)-1] |= it.Bit
			}
		}
	}
	return fastFiles[sqlEngagement], queries.Params{"survey_ids": ids, "chosen": chosen, "chosen_nps": chosenNPS}
}

// indexItems returns the lean drivers file with each survey's index items
// (of the scales drivers correlate) as masks, as drivers.sql works them
// out; none when a survey has more than 64 items or a respondent counts
// under more than one set of attributes.
func (r *rollupRanges) indexItems() (string, queries.Params) {
	if r.mixed > 0 {
		return "", nil
	}
	ids, masks := []string{}, []uint64{}
	for _, it := range r.items {
		if it.Items > 64 {
			return "", nil
		}
		if len(ids) == 0 || ids[len(ids)-1] != it.Survey {
			ids, masks = append(ids, it.Survey), append(masks, 0)
		}
		if it.EngagementIndex && slices.Contains([]string{"likert4", "likert5", "likert7", "yesno"}, it.Scale) {
			masks[len(masks)-1] |= it.Bit
		}
	}
	return fastFiles[sqlDrivers], queries.Params{"survey_ids": ids, "index_items": masks}
}

// withinMonths reports whether every period of the plan is whole calendar
// months within those of employee_months.
func (pl *plan) withinMonths() bool {
	r := pl.ranges
	if r.firstMonth.IsZero() {
		return false
	}
	for _, p := range pl.periods {
		if p.Start.Day() != 1 || !p.End.Equal(monthOf(p.End).End) || p.Start.Before(r.firstMonth) || p.End.After(monthOf(r.lastMonth).End) {
			return false
		}
	}
	return true
}

// programIDs resolves a term's programs — ids or kinds, with the programs
// of its categories — to program ids, as the SQL files do from
// program_catalog; none when the term chooses by category alone. A choice
// that matches no program gives an id no program has.
func (r *rollupRanges) programIDs(tp queries.Params) []string {
	programs, _ := tp["programs"].([]string)
	if len(programs) == 0 {
		return []string{}
	}
	categories, _ := tp["categories"].([]string)
	var ids []string
	for _, p := range r.catalog {
		if slices.Contains(categories, p.Category) || slices.Contains(programs, p.ID) || slices.Contains(programs, p.Kind) {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) == 0 {
		return []string{noValue}
	}
	return ids
}

// eventProgramIDs resolves a term's programs, or its categories alone, to
// program ids: events are chosen by program in both cases.
func (r *rollupRanges) eventProgramIDs(tp queries.Params) []string {
	categories, _ := tp["categories"].([]string)
	programs, _ := tp["programs"].([]string)
	ids := []string{noValue}
	for _, p := range r.catalog {
		if slices.Contains(categories, p.Category) || slices.Contains(programs, p.ID) || slices.Contains(programs, p.Kind) {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// withRanges gives the plan what the rollups answer at the data version.
func (e *Engine) withRanges(ctx context.Context, pl *plan) error {
	if e.NoRollups {
		return nil
	}
	version, err := e.current(ctx)
	if err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	pl.ranges, err = e.rollupRanges(ctx, version)
	return err
}
