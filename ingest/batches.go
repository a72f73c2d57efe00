package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/google/uuid"

	"github.com/careerkpi/careerkpi/queries"
)

// ErrNoBatch reports a batch reference that names no batch, or several.
var ErrNoBatch = errors.New("ingest: no such batch")

// FindBatch returns the batch whose id is ref, starts with it or ends with
// it. Batch ids are UUIDv7: they start with the time of the load, so the
// end (random) tells batches of the same minute apart.
func FindBatch(ctx context.Context, s queries.Store, ref string) (queries.Batch, error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if len(ref) < 4 {
		return queries.Batch{}, fmt.Errorf("%w: give at least 4 characters of the batch id", ErrNoBatch)
	}
	if id, err := uuid.Parse(ref); err == nil {
		b, err := queries.GetBatch(ctx, s, id)
		if errors.Is(err, queries.ErrNoRows) {
			return queries.Batch{}, fmt.Errorf("%w: %s", ErrNoBatch, ref)
		}
		return b, err
	}
	all, err := queries.Batches(ctx, s)
	if err != nil {
		return queries.Batch{}, err
	}
	var found []queries.Batch
	for _, b := range all {
		if id := b.ID.String(); strings.HasPrefix(id, ref) || strings.HasSuffix(id, ref) {
			found = append(found, b)
		}
	}
	switch len(found) {
	case 0:
		return queries.Batch{}, fmt.Errorf("%w: no batch id starts or ends with %s (see `careerkpi loads`)", ErrNoBatch, ref)
	case 1:
		return found[0], nil
	}
	return queries.Batch{}, fmt.Errorf("%w: %d batch ids start or end with %s; give more of the id", ErrNoBatch, len(found), ref)
}

// Undo takes a committed batch back: its rows stop being visible at once and
// are then deleted.
func Undo(ctx context.Context, s queries.Store, ref string) (queries.Batch, error) {
	b, err := FindBatch(ctx, s, ref)
	if err != nil {
		return queries.Batch{}, err
	}
	if b.State != queries.BatchCommitted {
		return queries.Batch{}, fmt.Errorf("ingest: batch %s is %s, not committed: there is nothing to undo", b.ID, b.State)
	}
	changed, err := queries.ChangeStates(ctx, s, queries.StateChange{Batch: b, State: queries.BatchUndone})
	if err != nil {
		return queries.Batch{}, err
	}
	if err := queries.DeleteBatchRows(ctx, s, []uuid.UUID{b.ID}); err != nil {
		return queries.Batch{}, err
	}
	if err := queries.RefreshDerived(ctx, s); err != nil { // the next query rebuilds them
		slog.WarnContext(ctx, "derived_tables_not_rebuilt", "batch", b.ID, "err", err)
	}
	return changed[0], nil
}
