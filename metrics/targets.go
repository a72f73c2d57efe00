package metrics

import (
	"context"
	"fmt"
	"maps"
	"math"
	"time"

	"github.com/careerkpi/careerkpi/queries"
)

// TargetChange sets (or, with a nil Value, clears) the target of a metric
// for a fiscal year.
type TargetChange struct {
	Metric     string
	FiscalYear int
	Value      *float64
}

// storedTarget is a row of the targets table.
type storedTarget struct {
	Metric     string    `ch:"metric_id"`
	FiscalYear uint16    `ch:"fiscal_year"`
	Value      *float64  `ch:"value"`
	Revision   uint64    `ch:"revision"`
	UpdatedBy  string    `ch:"updated_by"`
	UpdatedAt  time.Time `ch:"updated_at"`
}

// StoredTarget is a target set on the targets page: who set it and when.
type StoredTarget struct {
	Metric     string
	FiscalYear int
	Value      *float64
	UpdatedBy  string
	UpdatedAt  time.Time
}

// StoredTargets returns the targets set on the targets page, cleared ones
// included.
func StoredTargets(ctx context.Context, s queries.Store) ([]StoredTarget, error) {
	rows, err := queries.Select[storedTarget](ctx, s, queries.SQL("targets_list"), nil)
	if err != nil {
		return nil, fmt.Errorf("metrics: read the targets: %w", err)
	}
	out := make([]StoredTarget, len(rows))
	for i, r := range rows {
		out[i] = StoredTarget{Metric: r.Metric, FiscalYear: int(r.FiscalYear), Value: r.Value, UpdatedBy: r.UpdatedBy, UpdatedAt: r.UpdatedAt}
	}
	return out, nil
}

// MergeTargets returns the targets of the configuration file with the
// stored ones over them: a stored value replaces the file's, a cleared one
// removes it.
func MergeTargets(file Targets, stored []StoredTarget) Targets {
	out := Targets{}
	for id, years := range file {
		out[id] = maps.Clone(years)
	}
	for _, st := range stored {
		if st.Value == nil {
			delete(out[st.Metric], st.FiscalYear)
			continue
		}
		if out[st.Metric] == nil {
			out[st.Metric] = map[int]float64{}
		}
		out[st.Metric][st.FiscalYear] = *st.Value
	}
	return out
}

// SaveTargets records changes made by a user. Every metric must exist and
// take targets, every year be a fiscal year from 2000 to 2100 and every
// value a finite number; nothing is written otherwise.
func (e *Engine) SaveTargets(ctx context.Context, changes []TargetChange, by string) error {
	now := time.Now().UTC()
	rows := make([]storedTarget, 0, len(changes))
	for _, ch := range changes {
		if _, err := e.Registry.Lookup(ch.Metric); err != nil {
			return err
		}
		if ch.FiscalYear < 2000 || ch.FiscalYear > 2100 {
			return fmt.Errorf("metrics: target of %s: %d is not a fiscal year from 2000 to 2100", ch.Metric, ch.FiscalYear)
		}
		if ch.Value != nil && (math.IsNaN(*ch.Value) || math.IsInf(*ch.Value, 0)) {
			return fmt.Errorf("metrics: target of %s for FY%d is not a number", ch.Metric, ch.FiscalYear)
		}
		rows = append(rows, storedTarget{Metric: ch.Metric, FiscalYear: uint16(ch.FiscalYear), Value: ch.Value,
			Revision: uint64(now.UnixMicro()), UpdatedBy: by, UpdatedAt: now})
	}
	if len(rows) == 0 {
		return nil
	}
	if _, err := e.Store.Insert(ctx, "targets", queries.Slice(rows)); err != nil {
		return fmt.Errorf("metrics: save the targets: %w", err)
	}
	return nil
}

// UseStoredTargets sets the engine's targets to those of the configuration
// file (file) with the stored ones over them.
func (e *Engine) UseStoredTargets(ctx context.Context, file Targets) error {
	stored, err := StoredTargets(ctx, e.Store)
	if err != nil {
		return err
	}
	e.SetTargets(MergeTargets(file, stored))
	return nil
}
