package queries

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"
)

// A derived table holds what a view computes from the committed batches of
// some datasets, so that queries read rows instead of recomputing them. It
// is rebuilt whenever those batches change — a load, an undo, a replace —
// and never read stale: RefreshDerived compares the committed batches with
// the ones the table was built from before a metric is computed.
type derived struct {
	Table    string   // the table queries read
	View     string   // the view that computes its rows
	Datasets []string // the datasets whose batches it is built from
}

var derivedTables = []derived{
	{Table: "employee_spans", View: "employee_span_source", Datasets: []string{"employees"}},
	// After employee_spans, which it reads.
	{Table: "survey_answers", View: "survey_answer_source", Datasets: []string{"employees", "surveys", "responses"}},
	{Table: "program_use_years", View: "program_use_source", Datasets: []string{"events"}},
}

// refreshMu keeps one rebuild at a time in a process.
var refreshMu sync.Mutex

// RefreshDerived rebuilds every derived table whose batches changed since it
// was built. A rebuild fills a new table and exchanges it with the old one
// in one step, so readers see the old rows or the new ones, never a
// half-built table. It costs one small query when nothing changed.
func RefreshDerived(ctx context.Context, s Store) error {
	refreshMu.Lock()
	defer refreshMu.Unlock()
	type entry struct {
		Kind  string `ch:"kind"`
		Name  string `ch:"name"`
		Value string `ch:"value"`
	}
	entries, err := Select[entry](ctx, s, SQL("derived_check"), nil)
	if err != nil {
		return fmt.Errorf("queries: check the derived tables: %w", err)
	}
	batches, built := map[string]string{}, map[string]string{}
	for _, e := range entries {
		if e.Kind == "dataset" {
			batches[e.Name] = e.Value
		} else {
			built[e.Name] = e.Value
		}
	}
	for _, d := range derivedTables {
		h := sha256.New()
		for _, ds := range d.Datasets {
			fmt.Fprintf(h, "%s:%s;", ds, batches[ds])
		}
		current := hex.EncodeToString(h.Sum(nil))
		if current == built[d.Table] {
			continue
		}
		if err := rebuild(ctx, s, d); err != nil {
			return err
		}
		// The batches read before the rebuild: one committed during it makes
		// the next check rebuild again.
		type state struct {
			Name        string    `ch:"name"`
			Fingerprint string    `ch:"fingerprint"`
			RefreshedAt time.Time `ch:"refreshed_at"`
		}
		rec := []state{{Name: d.Table, Fingerprint: current, RefreshedAt: time.Now().UTC()}}
		if _, err := s.Insert(ctx, "derived_state", Slice(rec)); err != nil {
			return fmt.Errorf("queries: record the rebuild of %s: %w", d.Table, err)
		}
	}
	return nil
}

func rebuild(ctx context.Context, s Store, d derived) (err error) {
	fail := func(err error) error { return fmt.Errorf("queries: rebuild %s: %w", d.Table, err) }
	var suffix [6]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		return fail(err)
	}
	table, err1 := QuoteIdentifier(d.Table)
	view, err2 := QuoteIdentifier(d.View)
	next, err3 := QuoteIdentifier(d.Table + "__next_" + hex.EncodeToString(suffix[:]))
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
	if err := s.Exec(ctx, "INSERT INTO "+next+" SELECT * FROM "+view, nil); err != nil {
		return fail(err)
	}
	if err := s.Exec(ctx, "EXCHANGE TABLES "+table+" AND "+next, nil); err != nil {
		return fail(err)
	}
	return nil
}
