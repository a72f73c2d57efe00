package queries_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

func TestBatchStates(t *testing.T) {
	ctx := context.Background()
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		if lacks, why := querytest.Lacks(s); lacks {
			t.Skipf("batches need careerkpi's schema: %s", why)
		}
		if _, err := queries.MigrateSchema(ctx, s); err != nil {
			t.Fatal(err)
		}
		visible := func(id uuid.UUID) uint64 {
			n, err := queries.Get[uint64](ctx, s, "SELECT count() FROM committed_batches WHERE batch_id = {b:UUID}", queries.Params{"b": id})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		// A commit that comes after another process aborted the batch
		// leaves it aborted, and says so.
		b, err := queries.BeginBatch(ctx, s, queries.Batch{Dataset: "employees", Source: "a.csv"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := queries.ChangeStates(ctx, s, queries.StateChange{Batch: b, State: queries.BatchAborted}); err != nil {
			t.Fatal(err)
		}
		if _, err := queries.Commit(ctx, s, b); !errors.Is(err, queries.ErrBatchState) {
			t.Fatalf("commit after abort: err = %v, want ErrBatchState", err)
		}
		if got, _ := queries.GetBatch(ctx, s, b.ID); got.State != queries.BatchAborted || visible(b.ID) != 0 {
			t.Fatalf("after the late commit the batch is %s, visible %d", got.State, visible(b.ID))
		}

		// Replacing: the new batch commits and the old one is marked
		// replaced in one insert.
		old, _ := queries.BeginBatch(ctx, s, queries.Batch{Dataset: "employees", Source: "b.csv"})
		old, err = queries.Commit(ctx, s, old)
		if err != nil {
			t.Fatal(err)
		}
		corrected, _ := queries.BeginBatch(ctx, s, queries.Batch{Dataset: "employees", Source: "b.csv", Replaces: &old.ID})
		if _, err := queries.Commit(ctx, s, corrected, queries.StateChange{Batch: old, State: queries.BatchReplaced}); err != nil {
			t.Fatal(err)
		}
		if visible(old.ID) != 0 || visible(corrected.ID) != 1 {
			t.Fatalf("after the replace: old visible %d, new visible %d", visible(old.ID), visible(corrected.ID))
		}
		if got, _ := queries.GetBatch(ctx, s, old.ID); got.State != queries.BatchReplaced {
			t.Fatalf("old batch is %s", got.State)
		}

		// Final states are final, and states never go back.
		replaced, _ := queries.GetBatch(ctx, s, old.ID)
		if _, err := queries.ChangeStates(ctx, s, queries.StateChange{Batch: replaced, State: queries.BatchCommitted}); !errors.Is(err, queries.ErrBatchState) {
			t.Fatalf("replaced to committed: err = %v", err)
		}
		current, _ := queries.GetBatch(ctx, s, corrected.ID)
		if _, err := queries.ChangeStates(ctx, s, queries.StateChange{Batch: current, State: queries.BatchLoading}); !errors.Is(err, queries.ErrBatchState) {
			t.Fatalf("committed to loading: err = %v", err)
		}
		all, err := queries.Batches(ctx, s)
		if err != nil || len(all) != 3 {
			t.Fatalf("Batches = %d, %v", len(all), err)
		}
	})
}
