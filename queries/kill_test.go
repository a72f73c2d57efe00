package queries_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/queries/server"
)

// A load killed with SIGKILL half-way through its bulk insert must leave
// nothing visible, and the batches before it intact. The test binary runs
// itself twice more: once as a writer that is killed mid-insert, once as a
// verifier that opens the store afterwards. (One process can hold only one
// embedded data folder, so the killed folder is never opened by this one.)

const (
	childRoleVariable = "CAREERKPI_TEST_CHILD_ROLE"
	childBackend      = "CAREERKPI_TEST_CHILD_BACKEND"
	childLocation     = "CAREERKPI_TEST_CHILD_LOCATION"
	committedRows     = 10_000
)

func TestKillMidInsert(t *testing.T) {
	for _, backend := range []string{"embedded", "server"} {
		t.Run(backend, func(t *testing.T) {
			var location string
			switch backend {
			case "embedded":
				location = t.TempDir()
			case "server":
				s := querytest.ServerStore(t)
				if lacks, why := querytest.Lacks(s); lacks {
					t.Skipf("the batch mechanism needs careerkpi's schema: %s", why)
				}
				location = querytest.WithDatabase(querytest.ServerDSN(t), s.Info().Database)
			}
			writer := child(t, "writer", backend, location)
			stdout, err := writer.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := writer.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stdout)
			var committed, killed string
			for lines.Scan() {
				f := strings.Fields(lines.Text())
				if len(f) == 2 && f[0] == "COMMITTED" {
					committed = f[1]
				}
				if len(f) == 2 && f[0] == "MID-INSERT" {
					killed = f[1]
					break
				}
			}
			if killed == "" {
				writer.Process.Kill()
				writer.Wait()
				t.Fatalf("the writer never reached the middle of its insert (committed %q)", committed)
			}
			if err := writer.Process.Kill(); err != nil { // SIGKILL
				t.Fatal(err)
			}
			writer.Wait()

			verifier := child(t, "verifier", backend, location)
			verifier.Env = append(verifier.Env, "CAREERKPI_TEST_KILLED_BATCH="+killed, "CAREERKPI_TEST_COMMITTED_BATCH="+committed)
			out, err := verifier.Output()
			if err != nil {
				t.Fatalf("verifier: %v\n%s", err, out)
			}
			var got verdict
			if err := json.Unmarshal(lastLine(out), &got); err != nil {
				t.Fatalf("verifier output %q: %v", out, err)
			}
			t.Logf("after the kill: %+v", got)
			if got.KilledRowsBefore == 0 {
				t.Errorf("the killed batch had no rows on disk: the kill did not land mid-insert")
			}
			if got.VisibleBefore != committedRows || got.VisibleAfter != committedRows {
				t.Errorf("visible rows = %d before recovery, %d after; want %d (the committed batch only)", got.VisibleBefore, got.VisibleAfter, committedRows)
			}
			if got.KilledRowsAfter != 0 || got.KilledState != queries.BatchAborted || got.Recovered != 1 {
				t.Errorf("after recovery the killed batch has %d rows, state %q (%d recovered); want 0, aborted, 1", got.KilledRowsAfter, got.KilledState, got.Recovered)
			}
			if got.CommittedRows != committedRows || got.CommittedState != queries.BatchCommitted {
				t.Errorf("the earlier batch has %d rows in state %q; want %d, committed", got.CommittedRows, got.CommittedState, committedRows)
			}
		})
	}
}

func lastLine(b []byte) []byte {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return []byte(lines[len(lines)-1])
}

func child(t *testing.T, role, backend, location string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childRoleVariable+"="+role, childBackend+"="+backend, childLocation+"="+location)
	cmd.Stderr = os.Stderr
	return cmd
}

type verdict struct {
	KilledRowsBefore uint64 `json:"killed_rows_before"`
	KilledRowsAfter  uint64 `json:"killed_rows_after"`
	VisibleBefore    uint64 `json:"visible_before"`
	VisibleAfter     uint64 `json:"visible_after"`
	KilledState      string `json:"killed_state"`
	CommittedRows    uint64 `json:"committed_rows"`
	CommittedState   string `json:"committed_state"`
	Recovered        int    `json:"recovered"`
}

// programEvent is a row of raw_program_events.
type programEvent struct {
	BatchID    uuid.UUID `ch:"batch_id"`
	EventID    string    `ch:"event_id"`
	EmployeeID string    `ch:"employee_id"`
	ProgramID  string    `ch:"program_id"`
	EventDate  time.Time `ch:"event_date"`
	Action     string    `ch:"action"`
	Hours      *float64  `ch:"hours"`
	SourceLine uint32    `ch:"source_line"`
}

func openChild(ctx context.Context) (queries.Store, error) {
	loc := os.Getenv(childLocation)
	switch os.Getenv(childBackend) {
	case "embedded":
		return embedded.Open(ctx, embedded.Options{Dir: loc, InsertBlockRows: 10_000, InsertPartRows: 10_000, Library: os.Getenv(querytest.LibraryVariable)})
	default:
		return server.Open(ctx, server.Options{DSN: loc, InsertBlockRows: 20_000})
	}
}

// runChild runs a role of TestKillMidInsert and returns the exit code.
func runChild(role string) int {
	ctx := context.Background()
	s, err := openChild(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	switch role {
	case "writer":
		err = write(ctx, s)
	case "verifier":
		err = verify(ctx, s)
	default:
		err = fmt.Errorf("unknown role %q", role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	return 0
}

func events(batch uuid.UUID, n int) func(yield func(programEvent, error) bool) {
	return func(yield func(programEvent, error) bool) {
		for i := 0; i < n; i++ {
			h := 1.5
			if !yield(programEvent{BatchID: batch, EventID: fmt.Sprint(i), EmployeeID: fmt.Sprintf("E%04d", i%3000), ProgramID: "training",
				EventDate: time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365), Action: "participated", Hours: &h, SourceLine: uint32(i + 2)}, nil) {
				return
			}
		}
	}
}

func write(ctx context.Context, s queries.Store) error {
	if _, err := queries.MigrateSchema(ctx, s); err != nil {
		return err
	}
	b1, err := queries.BeginBatch(ctx, s, queries.Batch{Dataset: "program_events", Source: "first.csv"})
	if err != nil {
		return err
	}
	if _, err := s.Insert(ctx, "raw_program_events", queries.Structs(events(b1.ID, committedRows))); err != nil {
		return err
	}
	if _, err := queries.Commit(ctx, s, b1); err != nil {
		return err
	}
	fmt.Println("COMMITTED", b1.ID)
	b2, err := queries.BeginBatch(ctx, s, queries.Batch{Dataset: "program_events", Source: "second.csv"})
	if err != nil {
		return err
	}
	// The second batch is large; once part of it is in the table, say so and
	// stop producing rows until the parent's SIGKILL arrives.
	all := events(b2.ID, 5_000_000)
	src := queries.Structs(func(yield func(programEvent, error) bool) {
		n := 0
		for e, err := range all {
			if !yield(e, err) {
				return
			}
			if n++; n >= 200_000 && n%10_000 == 0 {
				got, err := queries.Get[uint64](ctx, s, "SELECT count() FROM raw_program_events WHERE batch_id = {b:UUID}", queries.Params{"b": b2.ID})
				if err != nil {
					yield(e, err)
					return
				}
				if got == 0 {
					continue
				}
				fmt.Println("MID-INSERT", b2.ID)
				select {} // the kill comes here, with the INSERT in flight
			}
		}
	})
	_, err = s.Insert(ctx, "raw_program_events", src)
	return fmt.Errorf("the insert ended (%v) instead of being killed", err)
}

func verify(ctx context.Context, s queries.Store) error {
	killed, err1 := uuid.Parse(os.Getenv("CAREERKPI_TEST_KILLED_BATCH"))
	committed, err2 := uuid.Parse(os.Getenv("CAREERKPI_TEST_COMMITTED_BATCH"))
	if err1 != nil || err2 != nil {
		return fmt.Errorf("bad batch ids: %v %v", err1, err2)
	}
	count := func(sql string, id uuid.UUID) uint64 {
		n, err := queries.Get[uint64](ctx, s, sql, queries.Params{"b": id})
		if err != nil {
			panic(err)
		}
		return n
	}
	const raw = "SELECT count() FROM raw_program_events WHERE batch_id = {b:UUID}"
	const visible = "SELECT count() FROM program_events WHERE batch_id != {b:UUID}"
	var v verdict
	v.KilledRowsBefore = count(raw, killed)
	v.VisibleBefore = count(visible, uuid.Nil)
	recovered, err := queries.RecoverBatches(ctx, s, s.Info().OpenedAt)
	if err != nil {
		return err
	}
	v.Recovered = len(recovered)
	v.KilledRowsAfter = count(raw, killed)
	v.VisibleAfter = count(visible, uuid.Nil)
	v.CommittedRows = count(raw, committed)
	kb, err := queries.GetBatch(ctx, s, killed)
	if err != nil {
		return err
	}
	cb, err := queries.GetBatch(ctx, s, committed)
	if err != nil {
		return err
	}
	v.KilledState, v.CommittedState = kb.State, cb.State
	return json.NewEncoder(os.Stdout).Encode(v)
}
