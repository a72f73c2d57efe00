package queries

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"sync"
	"time"
)

// A derived table holds what a view computes from the committed batches of
// some datasets, so that queries read rows instead of recomputing them. It
// is rebuilt whenever those batches change — a load, an undo, a replace —
// or a setting it is built for, and never read stale: RefreshDerived
// compares the committed batches and the settings with the ones the table
// was built from before a metric is computed.
type derived struct {
	Table    string   // the table queries read
	View     string   // the view that computes its rows
	Datasets []string // the datasets whose batches it is built from
	Settings []string // the settings its view reads from derived_settings
}

var derivedTables = []derived{
	{Table: "employee_spans", View: "employee_span_source", Datasets: []string{"employees"}},
	// After employee_spans, which it reads.
	{Table: "survey_answers", View: "survey_answer_source", Datasets: []string{"employees", "surveys", "responses"}},
	{Table: "program_use_years", View: "program_use_source", Datasets: []string{"events"}},
	// After employee_spans and program_use_years, which they read.
	{Table: "program_event_facts", View: "program_event_fact_source", Datasets: []string{"employees", "events"}},
	{Table: "employee_months", View: "employee_month_source", Datasets: []string{"employees", "events", "programs"}},
	// After employee_months, which it reads.
	{Table: "one_on_one_cells", View: "one_on_one_cell_source", Datasets: []string{"employees", "events", "programs"}},
	// After survey_answers, which it reads.
	{Table: "survey_respondents", View: "survey_respondent_source", Datasets: []string{"employees", "surveys", "responses"}},
	// After survey_respondents, which it reads.
	{Table: "driver_cells", View: "driver_cell_source", Datasets: []string{"employees", "surveys", "responses"}},
	{Table: "employee_fiscal_years", View: "employee_fiscal_year_source", Datasets: []string{"employees", "events", "programs"},
		Settings: []string{SettingFiscalYearStart}},
	{Table: "survey_populations", View: "survey_population_source", Datasets: []string{"employees", "surveys"}},
	{Table: "workforce_fiscal_years", View: "workforce_fiscal_year_source", Datasets: []string{"employees", "events"},
		Settings: []string{SettingFiscalYearStart}},
	// After workforce_fiscal_years, which it reads.
	{Table: "workforce_cells", View: "workforce_cell_source", Datasets: []string{"employees", "events"},
		Settings: []string{SettingFiscalYearStart}},
}

// SettingFiscalYearStart names the month (1-12) fiscal years start in, as
// a derived setting: employee_fiscal_years is built for it.
const SettingFiscalYearStart = "fiscal_year_start"

// settingDefaults are the values the views take for settings never
// recorded (employee_fiscal_year_source reads '4' too).
var settingDefaults = map[string]string{SettingFiscalYearStart: "4"}

// Setting is the value of a setting some derived tables are built for.
type Setting struct {
	Name, Value string
}

// refreshMu keeps one rebuild at a time in a process.
var refreshMu sync.Mutex

// RefreshDerived rebuilds every derived table whose batches changed since it
// was built. A rebuild fills a new table and exchanges it with the old one
// in one step, so readers see the old rows or the new ones, never a
// half-built table. When nothing changed it costs one small query and
// takes no lock, so concurrent computations do not wait on each other.
//
// Settings given that differ from the ones recorded are recorded first, and
// the tables built for them rebuilt; without them a table is built for the
// recorded settings. Metrics that read such a table check what it was built
// for, and compute from other tables when it does not fit.
func RefreshDerived(ctx context.Context, s Store, settings ...Setting) error {
	_, err := Current(ctx, s, settings...)
	return err
}

// Current brings the derived tables up to date, as RefreshDerived does, and
// returns the version of the data: a digest of every dataset's committed
// batches and the recorded settings, which changes with every load, undo
// and replace. Figures computed at one version stay true for as long as
// Current returns it.
func Current(ctx context.Context, s Store, settings ...Setting) (version string, err error) {
	stale, recorded, version, err := staleDerived(ctx, s)
	if err != nil {
		return "", err
	}
	changed := slices.ContainsFunc(settings, func(set Setting) bool { return recorded[set.Name] != set.Value })
	if len(stale) == 0 && !changed {
		return version, nil
	}
	refreshMu.Lock()
	defer refreshMu.Unlock()
	if changed {
		if err := recordSettings(ctx, s, settings); err != nil {
			return "", err
		}
	}
	if stale, _, version, err = staleDerived(ctx, s); err != nil { // another may have rebuilt them meanwhile
		return "", err
	}
	type state struct {
		Name        string    `ch:"name"`
		Fingerprint string    `ch:"fingerprint"`
		RefreshedAt time.Time `ch:"refreshed_at"`
	}
	began := time.Now()
	threads := insertThreads(ctx, s)
	for _, d := range stale {
		start := time.Now()
		if err := rebuild(ctx, s, d.derived, threads); err != nil {
			return "", err
		}
		slog.Debug("derived_rebuilt", "table", d.Table, "elapsed", time.Since(start).Round(time.Millisecond))
		// The batches read before the rebuild: one committed during it makes
		// the next check rebuild again.
		rec := []state{{Name: d.Table, Fingerprint: d.fingerprint, RefreshedAt: time.Now().UTC()}}
		if _, err := s.Insert(ctx, "derived_state", Slice(rec)); err != nil {
			return "", fmt.Errorf("queries: record the rebuild of %s: %w", d.Table, err)
		}
	}
	if len(stale) > 0 {
		slog.Debug("derived_refreshed", "tables", len(stale), "insert_threads", threads, "elapsed", time.Since(began).Round(time.Millisecond))
	}
	return version, nil
}

// staleTable is a derived table to rebuild, with the fingerprint of the
// batches it is to be built from.
type staleTable struct {
	derived
	fingerprint string
}

// recordSettings records the settings whose recorded values differ.
func recordSettings(ctx context.Context, s Store, settings []Setting) error {
	_, recorded, _, err := staleDerived(ctx, s)
	if err != nil {
		return err
	}
	type row struct {
		Name  string    `ch:"name"`
		Value string    `ch:"value"`
		SetAt time.Time `ch:"set_at"`
	}
	var rows []row
	for _, set := range settings {
		if recorded[set.Name] != set.Value {
			rows = append(rows, row{Name: set.Name, Value: set.Value, SetAt: time.Now().UTC()})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if _, err := s.Insert(ctx, "derived_settings", Slice(rows)); err != nil {
		return fmt.Errorf("queries: record the derived settings: %w", err)
	}
	return nil
}

// staleDerived returns the derived tables, in build order, whose datasets'
// committed batches or settings differ from the ones they were built
// from, the recorded settings, and the version of the data (see Current).
func staleDerived(ctx context.Context, s Store) ([]staleTable, map[string]string, string, error) {
	type entry struct {
		Kind  string `ch:"kind"`
		Name  string `ch:"name"`
		Value string `ch:"value"`
	}
	entries, err := Select[entry](ctx, s, SQL("derived_check"), nil)
	if err != nil {
		return nil, nil, "", fmt.Errorf("queries: check the derived tables: %w", err)
	}
	batches, settings, built := map[string]string{}, maps.Clone(settingDefaults), map[string]string{}
	for _, e := range entries {
		switch e.Kind {
		case "dataset":
			batches[e.Name] = e.Value
		case "setting":
			settings[e.Name] = e.Value
		default:
			built[e.Name] = e.Value
		}
	}
	var stale []staleTable
	for _, d := range derivedTables {
		h := sha256.New()
		for _, ds := range d.Datasets {
			fmt.Fprintf(h, "%s:%s;", ds, batches[ds])
		}
		for _, name := range d.Settings { // a table without settings keeps its fingerprint
			fmt.Fprintf(h, "setting %s:%s;", name, settings[name])
		}
		if fp := hex.EncodeToString(h.Sum(nil)); fp != built[d.Table] {
			stale = append(stale, staleTable{d, fp})
		}
	}
	all := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(batches)) {
		fmt.Fprintf(all, "%s:%s;", name, batches[name])
	}
	for _, name := range slices.Sorted(maps.Keys(settings)) {
		fmt.Fprintf(all, "setting %s=%s;", name, settings[name])
	}
	return stale, settings, hex.EncodeToString(all.Sum(nil)), nil
}

func rebuild(ctx context.Context, s Store, d derived, threads uint64) (err error) {
	fail := func(err error) error { return fmt.Errorf("queries: rebuild %s: %w", d.Table, err) }
	var suffix [6]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		return fail(err)
	}
	nextName := d.Table + "__next_" + hex.EncodeToString(suffix[:])
	if cs := clusterStore(s); cs != nil {
		if err := rebuildOnCluster(ctx, cs, d, nextName, threads); err != nil {
			return fail(err)
		}
		return nil
	}
	table, err1 := QuoteIdentifier(d.Table)
	view, err2 := QuoteIdentifier(d.View)
	next, err3 := QuoteIdentifier(nextName)
	if err := errors.Join(err1, err2, err3); err != nil {
		return fail(err)
	}
	if err := s.Exec(ctx, "CREATE TABLE "+next+" AS "+table, nil); err != nil {
		return fail(err)
	}
	defer func() {
		if derr := s.Exec(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS "+next, nil); derr != nil && err == nil {
			err = fail(derr)
		}
	}()
	if err := s.Exec(ctx, "INSERT INTO "+next+" SELECT * FROM "+view+insertSettings(threads), nil); err != nil {
		return fail(err)
	}
	if err := s.Exec(ctx, "EXCHANGE TABLES "+table+" AND "+next, nil); err != nil {
		return fail(err)
	}
	return nil
}

// insertThreads is how many threads a rebuild's INSERT … SELECT writes
// with: the engine's max_threads, where by default it writes with one
// while the SELECT runs on all. On the large demo that took about 17% off
// the rebuilds after a load (BENCHMARKS.md). One when the engine does not
// say (getSetting is ClickHouse 20.7's).
func insertThreads(ctx context.Context, s Store) uint64 {
	n, err := Get[uint64](ctx, s, "SELECT toUInt64(getSetting('max_threads'))", nil)
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// insertSettings is the SETTINGS clause of a rebuild's INSERT … SELECT:
// none for one thread, the engine's default.
func insertSettings(threads uint64) string {
	if threads <= 1 {
		return ""
	}
	return " SETTINGS max_insert_threads = " + strconv.FormatUint(threads, 10)
}

// rebuildOnCluster rebuilds a derived table laid out on a cluster: a new
// local table on every node with a Distributed table over it is filled from
// the view, then exchanged with the local table on every node. The
// exchange happens node by node (or through Keeper's DDL queue), so for the
// moment it takes a query may read one shard's new rows beside another's
// old ones; a rebuild follows a load, undo or replace, not a page view.
func rebuildOnCluster(ctx context.Context, cs ClusterStore, d derived, nextName string, threads uint64) (err error) {
	c := cs.Cluster()
	on := c.OnCluster()
	db, err1 := QuoteIdentifier(cs.Info().Database)
	view, err2 := QuoteIdentifier(d.View)
	local, err3 := QuoteIdentifier(d.Table + LocalSuffix)
	next, err4 := QuoteIdentifier(nextName)
	nextLocal, err5 := QuoteIdentifier(nextName + LocalSuffix)
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		return err
	}
	if err := cs.ExecDDL(ctx, "CREATE TABLE "+db+"."+nextLocal+on+" AS "+db+"."+local, nil); err != nil {
		return err
	}
	defer func() {
		for _, t := range []string{next, nextLocal} {
			if derr := cs.ExecDDL(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS "+db+"."+t+on, nil); derr != nil && err == nil {
				err = derr
			}
		}
	}()
	engine := c.DistributedEngine(cs.Info().Database, nextName+LocalSuffix, d.Table)
	if err := cs.ExecDDL(ctx, "CREATE TABLE "+db+"."+next+on+" AS "+db+"."+nextLocal+" ENGINE = "+engine, nil); err != nil {
		return err
	}
	if err := cs.Exec(ctx, "INSERT INTO "+db+"."+next+" SELECT * FROM "+db+"."+view+insertSettings(threads), nil); err != nil {
		return err
	}
	return cs.ExecDDL(ctx, "EXCHANGE TABLES "+db+"."+local+" AND "+db+"."+nextLocal+on, nil)
}
