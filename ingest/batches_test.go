package ingest_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
)

// TestLoadingTwiceAddsNothing: the same file, or the same rows in another
// order and encoding, adds nothing and says where the content already is.
func TestLoadingTwiceAddsNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	first := writeFile(t, dir, "e.csv", "社員番号,所属,入社日\nE1,営業部,2020/4/1\nE2,人事部,2021/4/1\n")
	rep := mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{first}})
	batch := rep.Batch
	again := load(t, s, ingest.Request{Dataset: "employees", Files: []string{first}})
	if again.Outcome != ingest.Duplicate || again.Existing != batch || !again.OK() {
		t.Fatalf("same file: %s (existing %s), want duplicate of %s", again.Outcome, again.Existing, batch)
	}
	reordered := writeFile(t, dir, "e2.csv", "employee_id,hire_date,department\nE2,2021-04-01,人事部\nE1,2020-04-01,営業部\n")
	again = load(t, s, ingest.Request{Dataset: "employees", Files: []string{reordered}})
	if again.Outcome != ingest.Duplicate || again.Existing != batch {
		t.Fatalf("same rows reordered: %s, want duplicate of %s", again.Outcome, batch)
	}
	if !strings.Contains(again.Summary(), "nothing added") {
		t.Errorf("summary %q", again.Summary())
	}
	n, _ := queries.Get[uint64](ctx, s, "SELECT count() FROM employee_snapshots", nil)
	all, _ := queries.Batches(ctx, s)
	if n != 2 || len(all) != 2 { // the first, and the aborted duplicate by content
		t.Fatalf("%d rows, %d batches", n, len(all))
	}
}

// TestReplaceAndUndo: a corrected file replaces the batch it corrects in
// one step; an undo takes a batch back.
func TestReplaceAndUndo(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	count := func(where string) uint64 {
		n, err := queries.Get[uint64](ctx, s, "SELECT count() FROM employee_snapshots WHERE "+where, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	v1 := writeFile(t, dir, "master.csv", "社員番号,所属,入社日\nE1,営業部,2020/4/1\nE2,人事部,2021/4/1\n")
	first := mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{v1}})
	other := mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{writeFile(t, dir, "other.csv", "社員番号,所属,入社日,基準日\nE9,開発部,2019/4/1,2025/4/1\n")}})

	// A corrected master.csv replaces the batch loaded from master.csv.
	if err := os.WriteFile(v1, []byte("社員番号,所属,入社日\nE1,営業一課,2020/4/1\nE2,人事部,2021/4/1\nE3,開発部,2022/4/1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{v1}, Replace: ingest.ReplaceSameSource})
	if rep.Replaced != first.Batch {
		t.Fatalf("replaced %q, want %q", rep.Replaced, first.Batch)
	}
	if count("1") != 4 || count("department = '営業部'") != 0 || count("department = '営業一課'") != 1 {
		t.Fatalf("after the replace: %d rows", count("1"))
	}
	old, _ := ingest.FindBatch(ctx, s, first.Batch)
	if old.State != queries.BatchReplaced {
		t.Fatalf("replaced batch is %s", old.State)
	}
	// Nothing to replace: the load says so and loads nothing.
	nothing := load(t, s, ingest.Request{Dataset: "employees", Files: []string{writeFile(t, dir, "new.csv", "社員番号,所属,入社日\nE5,営業部,2020/4/1\n")}, Replace: ingest.ReplaceSameSource})
	if nothing.Outcome != ingest.Invalid || !containsReason(nothing, "nothing to replace") {
		t.Fatalf("replace without a target: %s %v", nothing.Outcome, nothing.Errors)
	}
	// Replace a batch named by a prefix of its id.
	fix := writeFile(t, dir, "other-fixed.csv", "社員番号,所属,入社日,基準日\nE9,開発二部,2019/4/1,2025/4/1\n")
	rep = mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{fix}, Replace: other.Batch[len(other.Batch)-12:]})
	if rep.Replaced != other.Batch || count("employee_id = 'E9' AND department = '開発二部'") != 1 || count("employee_id = 'E9'") != 1 {
		t.Fatalf("replace by id: replaced %s", rep.Replaced)
	}
	// Undo the corrected master: its rows are gone at once.
	undone, err := ingest.Undo(ctx, s, rep.Batch)
	if err != nil || undone.State != queries.BatchUndone || count("employee_id = 'E9'") != 0 {
		t.Fatalf("undo: %+v %v", undone, err)
	}
	if _, err := ingest.Undo(ctx, s, rep.Batch); err == nil || !strings.Contains(err.Error(), "nothing to undo") {
		t.Fatalf("undo twice: %v", err)
	}
	if _, err := ingest.FindBatch(ctx, s, "ffffffff"); !errors.Is(err, ingest.ErrNoBatch) {
		t.Fatalf("unknown batch: %v", err)
	}
}
