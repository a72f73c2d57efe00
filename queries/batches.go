package queries

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// A batch is one load. Its rows carry its batch_id, and the views that every
// query reads (employee_snapshots, program_events, …) show only the rows of
// committed batches. A batch is therefore visible all at once or not at all,
// whatever happens to the process that loads it: rows written before a crash
// stay invisible, and RecoverBatches deletes them on the next start.

// Batch states, as stored in load_batches.state.
const (
	BatchLoading   = "loading"
	BatchCommitted = "committed"
	BatchAborted   = "aborted"
	BatchUndone    = "undone"
	BatchReplaced  = "replaced"
)

// Batch is a row of load_batches: one revision of a batch's state.
type Batch struct {
	ID          uuid.UUID  `ch:"batch_id"`
	Revision    uint64     `ch:"revision"`
	Dataset     string     `ch:"dataset"`
	State       string     `ch:"state"`
	ContentHash string     `ch:"content_hash"`
	Source      string     `ch:"source"`
	Rows        uint64     `ch:"rows"`
	Rejected    uint64     `ch:"rejected"`
	Replaces    *uuid.UUID `ch:"replaces"`
	LoadedBy    string     `ch:"loaded_by"`
	StartedAt   time.Time  `ch:"started_at"`
	UpdatedAt   time.Time  `ch:"updated_at"`
}

// BeginBatch records a new batch of b.Dataset in state loading and returns
// it with its ID set. Rows inserted with that ID stay invisible until Commit.
func BeginBatch(ctx context.Context, s Store, b Batch) (Batch, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return Batch{}, fmt.Errorf("queries: new batch id: %w", err)
	}
	now := time.Now().UTC()
	b.ID, b.Revision, b.State, b.StartedAt, b.UpdatedAt = id, 1, BatchLoading, now, now
	if err := writeBatch(ctx, s, b); err != nil {
		return Batch{}, err
	}
	return b, nil
}

// SetBatchState records a new state of batch b (committing, aborting, undoing
// or replacing it) and returns the new revision. The change is one row
// insert, so it is atomic. Extra revisions written in the same call (for
// instance, the batch that b replaces) change state in the same insert.
func SetBatchState(ctx context.Context, s Store, b Batch, state string, with ...Batch) (Batch, error) {
	b.Revision++
	b.State = state
	b.UpdatedAt = time.Now().UTC()
	for i := range with {
		with[i].Revision++
		with[i].UpdatedAt = b.UpdatedAt
	}
	if err := writeBatch(ctx, s, append([]Batch{b}, with...)...); err != nil {
		return Batch{}, err
	}
	return b, nil
}

func writeBatch(ctx context.Context, s Store, bs ...Batch) error {
	if _, err := s.Insert(ctx, "load_batches", Slice(bs)); err != nil {
		return fmt.Errorf("queries: record batch %s as %s: %w", bs[0].ID, bs[0].State, err)
	}
	return nil
}

var (
	sqlBatchTables = SQL("batch_tables")
	sqlBatchGet    = SQL("batch_get")
	sqlBatchList   = SQL("batch_list")
	sqlBatchStale  = SQL("batch_stale")
)

// GetBatch returns the current state of batch id, or ErrNoRows.
func GetBatch(ctx context.Context, s Store, id uuid.UUID) (Batch, error) {
	return Get[Batch](ctx, s, sqlBatchGet, Params{"batch_id": id})
}

// Batches returns the current state of every batch, newest first.
func Batches(ctx context.Context, s Store) ([]Batch, error) {
	return Select[Batch](ctx, s, sqlBatchList, nil)
}

// DeleteBatchRows deletes the rows of the given batches from every table that
// holds loaded rows, and waits until they are gone.
func DeleteBatchRows(ctx context.Context, s Store, ids []uuid.UUID) error {
	if len(ids) == 0 {
		return nil
	}
	tables, err := Select[string](ctx, s, sqlBatchTables, nil)
	if err != nil {
		return fmt.Errorf("queries: list batch tables: %w", err)
	}
	for _, t := range tables {
		q, err := QuoteIdentifier(t)
		if err != nil {
			return err
		}
		sql := "ALTER TABLE " + q + " DELETE WHERE batch_id IN {ids:Array(UUID)} SETTINGS mutations_sync = 1"
		if err := s.Exec(ctx, sql, Params{"ids": ids}); err != nil {
			return fmt.Errorf("queries: delete rows of aborted batches from %s: %w", t, err)
		}
	}
	return nil
}

// RecoverBatches aborts the batches that began loading before the given time
// and never finished (their process died), deleting whatever rows they wrote.
// The embedded engine calls it with the time it opened the data folder: no
// other process can be loading into it. It returns the aborted batches.
func RecoverBatches(ctx context.Context, s Store, before time.Time) ([]Batch, error) {
	stale, err := Select[Batch](ctx, s, sqlBatchStale, Params{"before": before.UTC()})
	if err != nil {
		return nil, fmt.Errorf("queries: find unfinished batches: %w", err)
	}
	if len(stale) == 0 {
		return nil, nil
	}
	ids := make([]uuid.UUID, len(stale))
	for i, b := range stale {
		ids[i] = b.ID
	}
	if err := DeleteBatchRows(ctx, s, ids); err != nil {
		return nil, err
	}
	for i, b := range stale {
		if stale[i], err = SetBatchState(ctx, s, b, BatchAborted); err != nil {
			return nil, err
		}
	}
	return stale, nil
}
