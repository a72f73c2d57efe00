package embedded_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

const secondProcessVariable = "CAREERKPI_TEST_OPEN_FOLDER"

// zero is a variable, so that dividing by it is a run-time division.
var zero = 0

func TestMain(m *testing.M) {
	if dir := os.Getenv(secondProcessVariable); dir != "" {
		// The second process: try to open a folder another process holds.
		_, err := embedded.Open(context.Background(), embedded.Options{Dir: dir, Library: os.Getenv(querytest.LibraryVariable)})
		if err == nil {
			fmt.Println("opened")
			os.Exit(0)
		}
		fmt.Println(err)
		os.Exit(3)
	}
	querytest.Main(m)
}

// TestGoPanicsStayGoPanics: chDB installs its own handlers for SIGSEGV and
// friends on connect; after the engine is up a nil-pointer dereference and a
// division by zero must still be ordinary, recoverable Go panics.
func TestGoPanicsStayGoPanics(t *testing.T) {
	s := querytest.Embedded(t)
	if _, err := queries.Get[uint8](context.Background(), s, "SELECT 1", nil); err != nil {
		t.Fatal(err)
	}
	// More connections, on this store and another one.
	querytest.Embedded(t)
	var nilMap map[string]*int
	for name, f := range map[string]func(){
		"nil pointer":      func() { fmt.Println(*nilMap["x"]) },
		"integer division": func() { fmt.Println(10 / zero) },
	} {
		t.Run(name, func(t *testing.T) {
			// Each panic runs on a goroutine of its own, some pinned to a
			// fresh thread: if chDB's handler takes the signal, that
			// goroutine hangs, and the test says so instead of hanging too.
			for _, pinned := range []bool{false, true} {
				got := make(chan any, 1)
				go func() {
					if pinned {
						runtime.LockOSThread()
					}
					defer func() { got <- recover() }()
					f()
				}()
				select {
				case r := <-got:
					if _, ok := r.(runtime.Error); !ok {
						t.Fatalf("recovered %v (%T), want a runtime.Error", r, r)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("the panic never arrived: a foreign signal handler took the signal")
				}
			}
		})
	}
}

// TestSecondProcess: a second process opening a folder this one holds gets
// a clear error naming the folder and this process, and no crash.
func TestSecondProcess(t *testing.T) {
	querytest.Embedded(t) // holds the folder
	dir := querytest.DataDir(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), secondProcessVariable+"="+dir)
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 3 {
		t.Fatalf("second process: %v\n%s", err, out)
	}
	msg := string(out)
	for _, want := range []string{"data folder " + dir + " is in use by process " + strconv.Itoa(os.Getpid()), "--data-dir"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

// TestOneFolderAtATime: the process can move to another folder once every
// store on the first is closed, not before.
func TestOneFolderAtATime(t *testing.T) {
	ctx := context.Background()
	a, err := embedded.Open(ctx, embedded.Options{Dir: t.TempDir(), Library: os.Getenv(querytest.LibraryVariable)})
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	if _, err := embedded.Open(ctx, embedded.Options{Dir: other, Library: os.Getenv(querytest.LibraryVariable)}); err == nil || !strings.Contains(err.Error(), "already has data folder") {
		t.Fatalf("second folder while the first is open: %v", err)
	}
	// Rows keep their connection, and the folder, until they are closed.
	rows, err := a.Query(ctx, "SELECT number FROM system.numbers LIMIT 10", nil)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	if _, err := embedded.Open(ctx, embedded.Options{Dir: other, Library: os.Getenv(querytest.LibraryVariable)}); err == nil {
		t.Fatal("opened another folder while rows of the first were open")
	}
	n := 0
	for rows.Next() {
		n++
	}
	if n != 10 || rows.Err() != nil {
		t.Fatalf("rows after their store closed: %d, %v", n, rows.Err())
	}
	b, err := embedded.Open(ctx, embedded.Options{Dir: other, Library: os.Getenv(querytest.LibraryVariable)})
	if err != nil {
		t.Fatalf("another folder after closing the first: %v", err)
	}
	b.Close()
}

// rowsOnly hides a Source's other ways of writing rows than WriteRows.
type rowsOnly struct{ src queries.Source }

func (r rowsOnly) Columns() ([]string, error) { return r.src.Columns() }
func (r rowsOnly) WriteRows(types []*rowbinary.Type, emit func([]byte) error) error {
	return r.src.WriteRows(types, emit)
}

// TestInsertStreams: a bulk insert goes to the engine in Native blocks
// through a pipe, as one INSERT however many blocks it takes, with every
// column type careerkpi's tables use; a bad row or a failing source stops it
// with an error and leaves no pipe behind.
func TestInsertStreams(t *testing.T) {
	ctx := context.Background()
	s := querytest.EmbeddedWith(t, embedded.Options{InsertBlockRows: 1000})
	if err := s.Exec(ctx, `CREATE TABLE c (n UInt32, s String, l LowCardinality(String), ln LowCardinality(Nullable(String)),
		h Nullable(Float64), d Date32, t DateTime64(3, 'Asia/Tokyo'), e Enum8('a' = 1, 'b' = 2), tags Array(String),
		u UUID) ENGINE = MergeTree ORDER BY n`, nil); err != nil {
		t.Fatal(err)
	}
	type row struct {
		N    int       `ch:"n"`
		S    string    `ch:"s"`
		L    string    `ch:"l"`
		LN   *string   `ch:"ln"`
		H    *float64  `ch:"h"`
		D    time.Time `ch:"d"`
		T    time.Time `ch:"t"`
		E    string    `ch:"e"`
		Tags []string  `ch:"tags"`
		U    uuid.UUID `ch:"u"`
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	rowAt := func(i int) row {
		r := row{N: i, S: strings.Repeat("x", i%20), L: []string{"知る", "挑む", "学ぶ"}[i%3], E: "ab"[i%2 : i%2+1],
			D: time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), T: time.Date(2025, 4, 1, 9, 0, 0, i%1000*int(time.Millisecond), tokyo),
			Tags: strings.Fields(strings.Repeat("t ", i%4)), U: uuid.NewSHA1(uuid.Nil, []byte(strconv.Itoa(i)))}
		if i%3 != 0 {
			h, ln := float64(i)/4, "ln"+strconv.Itoa(i%5)
			r.H, r.LN = &h, &ln
		}
		return r
	}
	const n = 100_000
	rows := func(bad, fail int) queries.Source {
		return queries.Structs(func(yield func(row, error) bool) {
			for i := 0; i < n; i++ {
				r := rowAt(i)
				if i == bad {
					r.N = -1
				}
				if i == fail {
					yield(r, errors.New("the source broke"))
					return
				}
				if !yield(r, nil) {
					return
				}
			}
		})
	}
	written, err := s.Insert(ctx, "c", rows(-1, -1))
	if err != nil || written != n {
		t.Fatalf("Insert = %d, %v", written, err)
	}
	got, err := queries.Select[row](ctx, s, "SELECT * FROM c ORDER BY n", nil)
	if err != nil || len(got) != n {
		t.Fatalf("read back %d rows: %v", len(got), err)
	}
	for i, r := range got {
		if want := rowAt(i); !reflect.DeepEqual(r, want) && !(len(r.Tags) == 0 && len(want.Tags) == 0 && r.N == want.N) {
			t.Fatalf("row %d = %+v, want %+v", i, r, want)
		}
	}
	// A Source that only writes RowBinary rows (as the ingesters' do) gets
	// the same table as one whose values go straight into columns.
	if err := s.Exec(ctx, "CREATE TABLE c2 AS c", nil); err != nil {
		t.Fatal(err)
	}
	if written, err := s.Insert(ctx, "c2", rowsOnly{rows(-1, -1)}); err != nil || written != n {
		t.Fatalf("Insert of RowBinary rows = %d, %v", written, err)
	}
	if diff, err := queries.Get[uint64](ctx, s, "SELECT count() FROM (SELECT * FROM c EXCEPT SELECT * FROM c2)", nil); err != nil || diff != 0 {
		t.Fatalf("%d rows differ between the two ways in (err %v)", diff, err)
	}
	if _, err = s.Insert(ctx, "c2", rowsOnly{rows(70_000, -1)}); err == nil || !strings.Contains(err.Error(), "row 70001") {
		t.Fatalf("bad RowBinary row: err %v", err)
	}
	// One INSERT takes one block number: the part's name says how many
	// INSERTs (merged or not) made the table.
	parts, err := queries.Get[[]string](ctx, s, "SELECT groupArray(name) FROM system.parts WHERE database = currentDatabase() AND table = 'c' AND active", nil)
	if err != nil || len(parts) != 1 || parts[0] != "all_1_1_0" {
		t.Fatalf("parts %v (err %v), want one part from one INSERT, all_1_1_0", parts, err)
	}
	// A bad row stops the insert with its row number, a failing source with
	// its error; what came before may be in the table (loads make it
	// invisible through their batch), and the INSERT fails rather than
	// taking part of the rows for the whole.
	if _, err = s.Insert(ctx, "c", rows(70_000, -1)); err == nil || !strings.Contains(err.Error(), "row 70001") {
		t.Fatalf("bad row: err %v", err)
	}
	if _, err = s.Insert(ctx, "c", rows(-1, 500)); err == nil || !strings.Contains(err.Error(), "the source broke") {
		t.Fatalf("failing source: err %v", err)
	}
	if total, err := queries.Get[uint64](ctx, s, "SELECT count() FROM c", nil); err != nil || total != n {
		t.Fatalf("%d rows after the failed inserts (err %v), want %d", total, err, n)
	}
	// The engine refusing the rows ends the insert with the engine's error.
	type narrow struct {
		N int `ch:"n"`
	}
	if err := s.Exec(ctx, "CREATE TABLE strict (n UInt32, CONSTRAINT small CHECK n < 10) ENGINE = MergeTree ORDER BY n", nil); err != nil {
		t.Fatal(err)
	}
	big := queries.Structs(func(yield func(narrow, error) bool) {
		for i := 0; i < 2_000_000 && yield(narrow{i}, nil); i++ {
		}
	})
	if _, err := s.Insert(ctx, "strict", big); queries.Code(err) != 469 {
		t.Fatalf("rows the engine refuses: err %v, want code 469", err)
	}
	staged, _ := filepath.Glob(filepath.Join(querytest.DataDir(t), "staging", "*"))
	if len(staged) != 0 {
		t.Fatalf("pipes left behind: %v", staged)
	}
}

func TestInfo(t *testing.T) {
	s := querytest.Embedded(t)
	info := s.Info()
	if info.Backend != "embedded" || !strings.HasPrefix(info.Version, "26.5.") || info.Location != querytest.DataDir(t) || !info.Exclusive {
		t.Fatalf("Info = %+v", info)
	}
}

// TestCloseWakesWaiters: a caller waiting for a connection when the store
// closes gets an error instead of waiting for ever.
func TestCloseWakesWaiters(t *testing.T) {
	s, err := embedded.Open(context.Background(), embedded.Options{Dir: t.TempDir(), Connections: 1, Library: os.Getenv(querytest.LibraryVariable)})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Query(context.Background(), "SELECT number FROM system.numbers LIMIT 10", nil) // holds the only connection
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan error, 1)
	go func() { waiting <- s.Exec(context.Background(), "SELECT 1", nil) }()
	time.Sleep(100 * time.Millisecond)
	s.Close()
	select {
	case err := <-waiting:
		if !errors.Is(err, queries.ErrUnavailable) || !strings.Contains(err.Error(), "closed") {
			t.Fatalf("waiter got %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the waiter was still waiting 30s after Close")
	}
	rows.Close()
}

// TestCloseWhileBusy: closing a store while its goroutines open, use and
// return connections releases the folder exactly once, so it opens again.
func TestCloseWhileBusy(t *testing.T) {
	dir := t.TempDir()
	lib := os.Getenv(querytest.LibraryVariable)
	for round := 0; round < 5; round++ {
		s, err := embedded.Open(context.Background(), embedded.Options{Dir: dir, Connections: 3, Library: lib})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		var wg sync.WaitGroup
		for g := 0; g < 6; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 5; i++ {
					s.Exec(context.Background(), "SELECT sum(number) FROM numbers(10000)", nil)
				}
			}()
		}
		time.Sleep(time.Duration(round*20) * time.Millisecond)
		s.Close()
		wg.Wait()
	}
	s, err := embedded.Open(context.Background(), embedded.Options{Dir: dir, Library: lib})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	s.Close()
}
