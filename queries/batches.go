package queries

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// A batch is one load. Its rows carry its batch_id, and the views that every
// query reads (employee_snapshots, program_events, …) show only the rows of
// committed batches. A batch is therefore visible all at once or not at all,
// whatever happens to the process that loads it: rows written before a crash
// stay invisible, and RecoverBatches deletes them on the next start.
//
// load_batches keeps every state a batch passed through; the row with the
// highest revision is its state now. Revisions rank by state first —
// loading, then committed, then the final states (aborted, undone,
// replaced) — and by time second, so a final state always wins: a load that
// another process aborted cannot come back by committing afterwards.

// Batch states, as stored in load_batches.state.
const (
	BatchLoading   = "loading"
	BatchCommitted = "committed"
	BatchAborted   = "aborted"
	BatchUndone    = "undone"
	BatchReplaced  = "replaced"
)

// stateRank orders the states; a revision is the rank, then the time.
var stateRank = map[string]uint64{
	BatchLoading:   1,
	BatchCommitted: 2,
	BatchAborted:   3,
	BatchUndone:    3,
	BatchReplaced:  3,
}

// revision returns the revision of a batch entering state at time at: the
// state's rank in the top byte, microseconds since the epoch below.
func revision(state string, at time.Time) uint64 {
	return stateRank[state]<<56 | uint64(at.UnixMicro())&(1<<56-1)
}

// Batch is a row of load_batches: one revision of a batch's state.
type Batch struct {
	ID          uuid.UUID  `ch:"batch_id"`
	Revision    uint64     `ch:"revision"`
	Dataset     string     `ch:"dataset"`
	State       string     `ch:"state"`
	ContentHash string     `ch:"content_hash"`
	SourceHash  string     `ch:"source_hash"`
	Source      string     `ch:"source"`
	Rows        uint64     `ch:"rows"`
	Rejected    uint64     `ch:"rejected"`
	Replaces    *uuid.UUID `ch:"replaces"`
	LoadedBy    string     `ch:"loaded_by"`
	StartedAt   time.Time  `ch:"started_at"`
	UpdatedAt   time.Time  `ch:"updated_at"`
}

// Final reports whether the batch is in a state it never leaves.
func (b Batch) Final() bool { return stateRank[b.State] == 3 }

// BeginBatch records a new batch of b.Dataset in state loading and returns
// it with its ID set. Rows inserted with that ID stay invisible until Commit.
func BeginBatch(ctx context.Context, s Store, b Batch) (Batch, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return Batch{}, fmt.Errorf("queries: new batch id: %w", err)
	}
	now := time.Now().UTC()
	b.ID, b.State, b.Revision, b.StartedAt, b.UpdatedAt = id, BatchLoading, revision(BatchLoading, now), now, now
	if _, err := s.Insert(ctx, "load_batches", Slice([]Batch{b})); err != nil {
		return Batch{}, fmt.Errorf("queries: record batch: %w", err)
	}
	return b, nil
}

// StateChange is a batch entering a new state.
type StateChange struct {
	Batch Batch
	State string
}

// ErrBatchState reports a state change a batch cannot make: it is already in
// a final state, or the change goes back (committed to loading).
var ErrBatchState = errors.New("queries: the batch cannot change to that state")

// ChangeStates records the changes in one insert, so that they take effect
// together: committing a batch and marking the one it replaces, say. It
// returns the batches in their new states.
func ChangeStates(ctx context.Context, s Store, changes ...StateChange) ([]Batch, error) {
	now := time.Now().UTC()
	out := make([]Batch, len(changes))
	for i, c := range changes {
		b := c.Batch
		if _, ok := stateRank[c.State]; !ok || b.Final() || stateRank[c.State] < stateRank[b.State] {
			return nil, fmt.Errorf("%w: batch %s from %s to %s", ErrBatchState, b.ID, b.State, c.State)
		}
		b.State, b.Revision, b.UpdatedAt = c.State, revision(c.State, now), now
		out[i] = b
	}
	if _, err := s.Insert(ctx, "load_batches", Slice(out)); err != nil {
		return nil, fmt.Errorf("queries: record batch states: %w", err)
	}
	return out, nil
}

// Commit makes batch b visible, together with the other changes (a batch it
// replaces), and checks afterwards that the commit stands: a batch that
// another process aborted meanwhile stays aborted, and Commit says so.
func Commit(ctx context.Context, s Store, b Batch, with ...StateChange) (Batch, error) {
	changed, err := ChangeStates(ctx, s, append([]StateChange{{Batch: b, State: BatchCommitted}}, with...)...)
	if err != nil {
		return Batch{}, err
	}
	now, err := GetBatch(ctx, s, b.ID)
	if err != nil {
		return Batch{}, fmt.Errorf("queries: check the commit of batch %s: %w", b.ID, err)
	}
	if now.State != BatchCommitted {
		return now, fmt.Errorf("%w: batch %s was %s by another process before it could commit", ErrBatchState, b.ID, now.State)
	}
	return changed[0], nil
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
	// On a cluster the rows are in the local tables (the Distributed ones
	// are not MergeTree and are not listed): they are deleted on every node.
	on := ""
	if c := ClusterOf(s); c != nil {
		on = c.OnCluster()
	}
	for _, t := range tables {
		q, err := QuoteIdentifier(t)
		if err != nil {
			return err
		}
		sql := "ALTER TABLE " + q + on + " DELETE WHERE batch_id IN {ids:Array(UUID)} SETTINGS mutations_sync = 1"
		if err := ExecDDL(ctx, s, sql, Params{"ids": ids}); err != nil {
			return fmt.Errorf("queries: delete the rows of batches from %s: %w", t, err)
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
	// Abort first: from then on no commit can make the rows visible.
	changes := make([]StateChange, len(stale))
	ids := make([]uuid.UUID, len(stale))
	for i, b := range stale {
		changes[i] = StateChange{Batch: b, State: BatchAborted}
		ids[i] = b.ID
	}
	aborted, err := ChangeStates(ctx, s, changes...)
	if err != nil {
		return nil, err
	}
	if err := DeleteBatchRows(ctx, s, ids); err != nil {
		return nil, err
	}
	return aborted, nil
}
