package queries_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/uuid"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

// The contract suite: the same cases on the embedded engine and on a real
// ClickHouse server. Where the server is Debian's 18.16, too old for
// careerkpi's schema and SQL, a case checks what that server can do and says
// what it leaves to the embedded engine.

func TestMain(m *testing.M) {
	if role := os.Getenv(childRoleVariable); role != "" {
		os.Exit(runChild(role))
	}
	querytest.Main(m)
}

func forEachBackend(t *testing.T, f func(t *testing.T, s queries.Store)) {
	for _, b := range querytest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f(t, b.Open(t))
		})
	}
}

// oldSchema is a migration set any ClickHouse can hold, for the runner's
// cases on servers too old for careerkpi's own schema.
var oldSchema = fstest.MapFS{
	"m/0001_people.sql": {Data: []byte("CREATE TABLE IF NOT EXISTS people (id UInt64, name String) ENGINE = MergeTree ORDER BY id")},
	"m/0002_places.sql": {Data: []byte("-- a comment first\nCREATE TABLE IF NOT EXISTS places (id UInt64, at Date) ENGINE = MergeTree ORDER BY id;\n")},
}

func TestMigrateTwice(t *testing.T) {
	ctx := context.Background()
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		if lacks, why := querytest.Lacks(s); lacks {
			_, err := queries.MigrateSchema(ctx, s)
			if !errors.Is(err, queries.ErrUnsupported) || !strings.Contains(err.Error(), queries.MinServerVersion) {
				t.Fatalf("MigrateSchema on ClickHouse %s: err = %v, want ErrUnsupported naming %s", s.Info().Version, err, queries.MinServerVersion)
			}
			if applied, _ := queries.AppliedMigrations(ctx, s); len(applied) != 0 {
				t.Fatalf("a refused schema left %d migrations recorded", len(applied))
			}
			t.Logf("careerkpi's schema: %s", why)
			ms, err := queries.ReadMigrations(oldSchema, "m")
			if err != nil {
				t.Fatal(err)
			}
			checkMigrateTwice(t, s, ms)
			return
		}
		ran, err := queries.MigrateSchema(ctx, s)
		if err != nil {
			t.Fatalf("first MigrateSchema: %v", err)
		}
		if want := len(queries.Schema()); len(ran) != want {
			t.Fatalf("first MigrateSchema applied %d migrations, want %d", len(ran), want)
		}
		ran, err = queries.MigrateSchema(ctx, s)
		if err != nil || len(ran) != 0 {
			t.Fatalf("second MigrateSchema applied %d migrations (err %v), want 0", len(ran), err)
		}
		for _, table := range []string{"load_batches", "raw_employee_snapshots", "employee_snapshots", "raw_programs", "raw_program_events",
			"program_events", "raw_surveys", "raw_survey_items", "raw_survey_responses", "survey_responses", "publications", "published_figures"} {
			n, err := queries.Get[uint64](ctx, s, "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = {t:String}", queries.Params{"t": table})
			if err != nil || n != 1 {
				t.Errorf("table %s: count %d, err %v", table, n, err)
			}
		}
		// A crash between applying a migration and recording it applies it
		// again on the next start: every migration must take that.
		for _, m := range queries.Schema() {
			if err := s.Exec(ctx, m.SQL, nil); err != nil {
				t.Errorf("migration %s applied a second time: %v", m.Name, err)
			}
		}
	})
}

func checkMigrateTwice(t *testing.T, s queries.Store, ms []queries.Migration) {
	t.Helper()
	ctx := context.Background()
	ran, err := queries.Migrate(ctx, s, ms)
	if err != nil || len(ran) != len(ms) {
		t.Fatalf("first Migrate applied %d of %d (err %v)", len(ran), len(ms), err)
	}
	ran, err = queries.Migrate(ctx, s, ms)
	if err != nil || len(ran) != 0 {
		t.Fatalf("second Migrate applied %d (err %v), want 0", len(ran), err)
	}
	applied, err := queries.AppliedMigrations(ctx, s)
	if err != nil || len(applied) != len(ms) || applied[1].Name != ms[1].Name {
		t.Fatalf("recorded migrations = %+v (err %v)", applied, err)
	}
}

func TestMigrationRules(t *testing.T) {
	ctx := context.Background()
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		ms, err := queries.ReadMigrations(oldSchema, "m")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := queries.Migrate(ctx, s, ms); err != nil {
			t.Fatal(err)
		}
		edited := append([]queries.Migration(nil), ms...)
		edited[0].SQL += " SETTINGS index_granularity = 1024"
		edited[0].Checksum = "changed"
		if _, err := queries.Migrate(ctx, s, edited); err == nil || !strings.Contains(err.Error(), "was changed after it was applied") {
			t.Errorf("edited migration: err = %v", err)
		}
		if _, err := queries.Migrate(ctx, s, ms[:1]); err == nil || !strings.Contains(err.Error(), "newer than this careerkpi knows") {
			t.Errorf("store ahead of the code: err = %v", err)
		}
	})
}

func TestReadMigrationsRejects(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"gap":      {"m/0001_a.sql": {Data: []byte("SELECT 1")}, "m/0003_c.sql": {Data: []byte("SELECT 1")}},
		"bad name": {"m/1_a.sql": {Data: []byte("SELECT 1")}},
		"empty":    {"m/0001_a.sql": {Data: []byte(" ;\n")}},
		"two":      {"m/0001_a.sql": {Data: []byte("CREATE TABLE a (x UInt8) ENGINE = Memory;\nCREATE TABLE b (x UInt8) ENGINE = Memory")}},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := queries.ReadMigrations(fsys, "m"); err == nil {
				t.Error("ReadMigrations accepted it")
			}
		})
	}
}

func TestCheckSingleStatement(t *testing.T) {
	for sql, single := range map[string]bool{
		"SELECT 1":                                 true,
		"SELECT 1;":                                true,
		"SELECT 1; -- done\n":                      true,
		"SELECT 1; /* done; */ ":                   true,
		"SELECT ';' AS semi":                       true,
		"SELECT 'it\\'s; fine'":                    true,
		"SELECT `a;b` FROM t":                      true,
		"-- first; still a comment\nSELECT 1":      true,
		"SELECT 1; SELECT 2":                       false,
		"SELECT 1;\n# comment\nDROP TABLE x":       false,
		"SELECT 'x'; DROP TABLE users; --":         false,
		"CREATE TABLE t (a String COMMENT 'a;b');": true,
		"SELECT 'it''s; fine'":                     true,
		"SELECT $$a;b$$":                           true,
		"SELECT $tag$it's; $$ fine$tag$":           true,
		"SELECT 1 /* a /* b */ ; */":               true,
		"SELECT $t$a'b$t$; DROP TABLE h":           false,
		"SELECT 1 /* a /* b */ */; SELECT 2":       false,
	} {
		err := queries.CheckSingleStatement(sql)
		if (err == nil) != single {
			t.Errorf("CheckSingleStatement(%q) = %v, want single %v", sql, err, single)
		}
	}
}

// TestOneStatement checks that ClickHouse refuses two statements in one
// text: a migration file is one statement, so it applies whole or not at all.
func TestOneStatement(t *testing.T) {
	ctx := context.Background()
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		err := s.Exec(ctx, "CREATE TABLE one (x UInt8) ENGINE = Memory; CREATE TABLE two (x UInt8) ENGINE = Memory", nil)
		if err == nil {
			t.Fatal("two statements in one Exec ran")
		}
		n, err := queries.Get[uint64](ctx, s, "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name IN ('one', 'two')", nil)
		if err != nil || n != 0 {
			t.Fatalf("a refused text left %d tables (err %v)", n, err)
		}
	})
}

func TestParams(t *testing.T) {
	ctx := context.Background()
	tricky := []string{
		"O'Reilly", `back\slash`, "new\nline", "tab\there", "'); DROP TABLE x; --", "全角ＡＢＣ１２３ 社員", "", `\N`, "nul\x00byte", "{x:String}",
	}
	day := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	old := time.Date(1955, 7, 9, 0, 0, 0, 0, time.UTC)
	at := time.Date(2025, 4, 1, 9, 30, 15, 0, time.UTC)
	atMilli := time.Date(2025, 4, 1, 9, 30, 15, 123e6, time.UTC)
	id := uuid.MustParse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		if lacks, why := querytest.Lacks(s); lacks {
			_, err := queries.Get[string](ctx, s, "SELECT {s:String}", queries.Params{"s": "x"})
			if !errors.Is(err, queries.ErrUnsupported) {
				t.Fatalf("parameters on ClickHouse %s: err = %v, want ErrUnsupported", s.Info().Version, err)
			}
			t.Logf("parameters: %s", why)
			return
		}
		for i, str := range tricky {
			t.Run(fmt.Sprintf("String%d", i), func(t *testing.T) {
				type row struct {
					S string `ch:"s"`
					N uint64 `ch:"n"`
				}
				got, err := queries.Get[row](ctx, s, "SELECT {s:String} AS s, length({s:String}) AS n", queries.Params{"s": str})
				if err != nil || got.S != str || got.N != uint64(len(str)) {
					t.Fatalf("String %q came back as %q (length %d), err %v", str, got.S, got.N, err)
				}
			})
		}
		cases := []struct {
			name string
			sql  string
			in   any
			out  any // what the query returns; in when nil
		}{
			{"Date", "SELECT {v:Date}", day, nil},
			{"Date32 before 1970", "SELECT {v:Date32}", old, nil},
			{"DateTime", "SELECT {v:DateTime('UTC')}", at, nil},
			{"DateTime64", "SELECT {v:DateTime64(3, 'UTC')}", atMilli, nil},
			{"Float64", "SELECT {v:Float64}", 0.1, nil},
			{"Float64 tiny", "SELECT {v:Float64}", 1e-300, nil},
			{"Float64 from int", "SELECT {v:Float64}", 3, 3.0},
			{"Int64", "SELECT {v:Int64}", int64(math.MinInt64), nil},
			{"UInt64", "SELECT {v:UInt64}", uint64(math.MaxUint64), nil},
			{"UInt8", "SELECT {v:UInt8}", uint8(255), nil},
			{"Bool", "SELECT {v:Bool}", true, nil},
			{"UUID", "SELECT {v:UUID}", id, nil},
			{"Nullable null", "SELECT {v:Nullable(String)}", nil, (*string)(nil)},
			{"Nullable value", "SELECT {v:Nullable(String)}", "x", ptr("x")},
			{"Nullable pointer", "SELECT {v:Nullable(Date32)}", &day, &day},
			{"Array(String)", "SELECT {v:Array(String)}", tricky, nil},
			{"Array(UInt32)", "SELECT {v:Array(UInt32)}", []uint32{1, 2, 4000000000}, nil},
			{"Array(Nullable(Int8))", "SELECT {v:Array(Nullable(Int8))}", []*int8{ptr(int8(-1)), nil}, nil},
			{"Array(Date)", "SELECT {v:Array(Date)}", []time.Time{day, day.AddDate(0, 0, 1)}, nil},
			{"Array(UUID)", "SELECT {v:Array(UUID)}", []uuid.UUID{id}, nil},
			{"Enum", "SELECT CAST({v:Enum8('know' = 1, 'learn' = 3)} AS String)", "learn", nil},
			{"LowCardinality", "SELECT {v:LowCardinality(String)}", "営業部", nil},
			{"DateTime near the epoch", "SELECT {v:DateTime('UTC')}", time.Unix(5, 0).UTC(), nil},
			{"DateTime in a zone", "SELECT {v:DateTime('Asia/Tokyo')}", at, nil},
			{"DateTime64 before 1970", "SELECT {v:DateTime64(3, 'UTC')}", time.Date(1955, 7, 9, 8, 30, 0, 250e6, time.UTC), nil},
			{"Array(DateTime)", "SELECT {v:Array(DateTime('UTC'))}", []time.Time{time.Unix(1000, 0).UTC(), at}, nil},
			{"Array of nullable through any", "SELECT {v:Array(Nullable(String))}", []any{(*string)(nil), "x"}, []*string{nil, ptr("x")}},
			{"pointer to a nil pointer", "SELECT {v:Nullable(String)}", ptr((*string)(nil)), (*string)(nil)},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				want := c.out
				if want == nil {
					want = c.in
				}
				dst := reflect.New(reflect.TypeOf(want))
				rows, err := s.Query(ctx, c.sql, queries.Params{"v": c.in})
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				if !rows.Next() {
					t.Fatalf("no row (err %v)", rows.Err())
				}
				if err := rows.Scan(dst.Interface()); err != nil {
					t.Fatal(err)
				}
				if got := dst.Elem().Interface(); !equal(got, want) {
					t.Fatalf("got %#v, want %#v", got, want)
				}
			})
		}
		t.Run("placeholders in strings and comments", func(t *testing.T) {
			got, err := queries.Get[string](ctx, s, "SELECT '{x:String}' /* {y:UInt8} */ -- {z:Date}\n", nil)
			if err != nil || got != "{x:String}" {
				t.Fatalf("got %q, %v", got, err)
			}
		})
		t.Run("Identifier", func(t *testing.T) {
			if err := s.Exec(ctx, "CREATE TABLE {t:Identifier} (x UInt8) ENGINE = Memory", queries.Params{"t": "weird name; DROP"}); err != nil {
				t.Fatal(err)
			}
			n, err := queries.Get[uint64](ctx, s, "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = {t:String}", queries.Params{"t": "weird name; DROP"})
			if err != nil || n != 1 {
				t.Fatalf("table named by an Identifier parameter: %d, %v", n, err)
			}
		})
	})
}

func ptr[T any](v T) *T { return &v }

func equal(a, b any) bool {
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb)
	}
	if pa, ok := a.(*time.Time); ok {
		pb, ok := b.(*time.Time)
		return ok && (pa == nil) == (pb == nil) && (pa == nil || pa.Equal(*pb))
	}
	if ta, ok := a.([]time.Time); ok {
		tb, ok := b.([]time.Time)
		if !ok || len(ta) != len(tb) {
			return false
		}
		for i := range ta {
			if !ta[i].Equal(tb[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// TestBindRejects checks the errors Bind raises before anything is sent.
func TestBindRejects(t *testing.T) {
	tests := []struct {
		name   string
		sql    string
		params queries.Params
		err    string
	}{
		{"missing", "SELECT {a:UInt8}", nil, "{a:UInt8} has no value"},
		{"unused", "SELECT 1", queries.Params{"a": 1}, `"a" is not used`},
		{"wraps", "SELECT {a:UInt8}", queries.Params{"a": 300}, "300 is out of range for UInt8"},
		{"negative unsigned", "SELECT {a:UInt32}", queries.Params{"a": -1}, "out of range"},
		{"Int8", "SELECT {a:Int8}", queries.Params{"a": 128}, "out of range"},
		{"null", "SELECT {a:String}", queries.Params{"a": nil}, "NULL for String"},
		{"type", "SELECT {a:Date}", queries.Params{"a": "2025-04-01"}, "cannot be a string"},
		{"date range", "SELECT {a:Date}", queries.Params{"a": time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)}, "outside the range of Date"},
		{"enum", "SELECT {a:Enum8('x' = 1)}", queries.Params{"a": "y"}, "not a value"},
		{"uuid", "SELECT {a:UUID}", queries.Params{"a": "nope"}, "not a UUID"},
		{"unknown type", "SELECT {a:Map(String, String)}", queries.Params{"a": "x"}, "unsupported type"},
		{"Float32 overflow", "SELECT {a:Float32}", queries.Params{"a": 1e300}, "out of range for Float32"},
		{"nil inside an array", "SELECT {a:Array(String)}", queries.Params{"a": []any{(*string)(nil)}}, "NULL for String"},
		{"early zoneless DateTime", "SELECT {a:DateTime}", queries.Params{"a": time.Unix(5, 0)}, "needs a zone"},
		{"zoneless DateTime64", "SELECT {a:DateTime64(3)}", queries.Params{"a": time.Now()}, "needs a zone"},
		{"two statements", "SELECT 1; SELECT 2", nil, "more than one SQL statement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := queries.Bind(tt.sql, tt.params)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Bind error = %v, want it to contain %q", err, tt.err)
			}
		})
	}
	names, values, err := queries.Bind("SELECT {a:String}, {b:Array(String)}, {a:String}", queries.Params{"a": "x\ty", "b": []string{"it's", `c:\`}})
	if err != nil || len(names) != 2 || values[0] != `x\ty` || values[1] != `['it\'s','c:\\']` {
		t.Fatalf("Bind = %q %q %v", names, values, err)
	}
}

// TestInline checks that Inline replaces a parameter in the code only, every
// time it appears, and leaves the others to Bind.
func TestInline(t *testing.T) {
	sql := "SELECT {k:Identifier} AS k, toString({ k : Identifier }) AS s, {kk:String} AS kk, '{k:Identifier}' AS text -- {k:Identifier}\nFROM t GROUP BY k"
	want := "SELECT '' AS k, toString('') AS s, {kk:String} AS kk, '{k:Identifier}' AS text -- {k:Identifier}\nFROM t GROUP BY k"
	got := queries.Inline(sql, "k", "''")
	if got != want {
		t.Fatalf("Inline =\n%s\nwant\n%s", got, want)
	}
	if ph := queries.Placeholders(got); len(ph) != 1 || ph[0].Name != "kk" {
		t.Fatalf("placeholders left: %v, want only kk", ph)
	}
	if same := queries.Inline(sql, "absent", "1"); same != sql {
		t.Fatalf("Inline of an absent parameter changed the statement: %s", same)
	}
}

// event is a narrow row of the bulk-insert case; its table needs nothing
// that Debian's old server lacks.
type event struct {
	ID       uint64     `ch:"id"`
	Employee string     `ch:"employee_id"`
	Day      time.Time  `ch:"day"`
	Hours    *float64   `ch:"hours"`
	Tags     []string   `ch:"tags"`
	Batch    uuid.UUID  `ch:"batch_id"`
	At       time.Time  `ch:"at"`
	Action   string     `ch:"action"`
	Cost     *int64     `ch:"cost"`
	Note     string     `ch:"note"`
	Skipped  string     `ch:"-"`
	Reviewed *time.Time `ch:"reviewed"`
}

const eventsTable = `CREATE TABLE events (
    id UInt64, employee_id String, day Date, hours Nullable(Float64), tags Array(String), batch_id UUID,
    at DateTime('UTC'), action Enum8('applied' = 1, 'approved' = 2), cost Nullable(Int64), note String, reviewed Nullable(Date)
) ENGINE = MergeTree ORDER BY id`

func makeEvent(i int, batch uuid.UUID) event {
	e := event{
		ID:       uint64(i),
		Employee: fmt.Sprintf("E%05d", i%50000),
		Day:      time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%1826),
		Batch:    batch,
		At:       time.Unix(1700000000+int64(i), 0).UTC(),
		Action:   []string{"applied", "approved"}[i%2],
	}
	if i%3 != 0 {
		h := float64(i%8) / 2
		e.Hours = &h
	}
	if i%5 == 0 {
		c := int64(i) * 100
		e.Cost = &c
		e.Tags = []string{"ja:研修", fmt.Sprint(i % 7)}
		e.Note = "it's \"quoted\"\n\ttabbed\\"
		d := e.Day.AddDate(0, 1, 0)
		e.Reviewed = &d
	}
	return e
}

func TestBulkInsert(t *testing.T) {
	ctx := context.Background()
	const n = 1_000_000
	batch := uuid.New()
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		if err := s.Exec(ctx, eventsTable, nil); err != nil {
			t.Fatal(err)
		}
		src := queries.Structs(func(yield func(event, error) bool) {
			for i := 0; i < n; i++ {
				if !yield(makeEvent(i, batch), nil) {
					return
				}
			}
		})
		written, err := s.Insert(ctx, "events", src)
		if err != nil || written != n {
			t.Fatalf("Insert wrote %d rows (err %v), want %d", written, err, n)
		}
		type summary struct {
			Rows      uint64  `ch:"n_rows"`
			SumID     uint64  `ch:"sum_id"`
			Employees uint64  `ch:"n_employees"`
			NullHours uint64  `ch:"null_hours"`
			Hours     float64 `ch:"sum_hours"`
			Tagged    uint64  `ch:"n_tagged"`
			Approved  uint64  `ch:"n_approved"`
			Cost      int64   `ch:"sum_cost"`
			Batches   uint64  `ch:"n_batches"`
		}
		got, err := queries.Get[summary](ctx, s, `SELECT count() AS n_rows, sum(id) AS sum_id, uniqExact(employee_id) AS n_employees,
			countIf(isNull(hours)) AS null_hours, sum(ifNull(hours, 0)) AS sum_hours, countIf(notEmpty(tags)) AS n_tagged,
			countIf(action = 'approved') AS n_approved, sum(ifNull(cost, 0)) AS sum_cost, uniqExact(batch_id) AS n_batches FROM events`, nil)
		if err != nil {
			t.Fatal(err)
		}
		var want summary
		want.Rows, want.Employees, want.Batches = n, 50000, 1
		for i := 0; i < n; i++ {
			e := makeEvent(i, batch)
			want.SumID += e.ID
			if e.Hours == nil {
				want.NullHours++
			} else {
				want.Hours += *e.Hours
			}
			if len(e.Tags) > 0 {
				want.Tagged++
			}
			if e.Action == "approved" {
				want.Approved++
			}
			if e.Cost != nil {
				want.Cost += *e.Cost
			}
		}
		if got != want {
			t.Fatalf("summary = %+v\nwant      %+v", got, want)
		}
		// Every field of a sample of rows comes back as it went in.
		sample, err := queries.Select[event](ctx, s, "SELECT * FROM events WHERE id % 99991 = 0 ORDER BY id", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(sample) != n/99991+1 {
			t.Fatalf("sample has %d rows", len(sample))
		}
		for _, g := range sample {
			w := makeEvent(int(g.ID), batch)
			if !g.Day.Equal(w.Day) || !g.At.Equal(w.At) || (g.Reviewed == nil) != (w.Reviewed == nil) || g.Reviewed != nil && !g.Reviewed.Equal(*w.Reviewed) {
				t.Fatalf("row %d times: got %v %v %v, want %v %v %v", g.ID, g.Day, g.At, g.Reviewed, w.Day, w.At, w.Reviewed)
			}
			g.Day, g.At, g.Reviewed, w.Day, w.At, w.Reviewed = time.Time{}, time.Time{}, nil, time.Time{}, time.Time{}, nil
			if len(w.Tags) == 0 {
				w.Tags = nil
			}
			if len(g.Tags) == 0 {
				g.Tags = nil
			}
			if !reflect.DeepEqual(g, w) {
				t.Fatalf("row %d:\ngot  %+v\nwant %+v", g.ID, g, w)
			}
		}
	})
}

func TestInsertRejectsBadRows(t *testing.T) {
	ctx := context.Background()
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		if err := s.Exec(ctx, "CREATE TABLE small (n UInt8, s String) ENGINE = MergeTree ORDER BY n", nil); err != nil {
			t.Fatal(err)
		}
		type row struct {
			N int    `ch:"n"`
			S string `ch:"s"`
		}
		_, err := s.Insert(ctx, "small", queries.Slice([]row{{1, "a"}, {300, "b"}}))
		if err == nil || !strings.Contains(err.Error(), "row 2, column n") || !strings.Contains(err.Error(), "300 out of range for UInt8") {
			t.Fatalf("out-of-range row: err = %v", err)
		}
		type wrong struct {
			N  int    `ch:"n"`
			Zz string `ch:"zz"`
		}
		if _, err := s.Insert(ctx, "small", queries.Slice([]wrong{{1, "a"}})); queries.Code(err) != 16 {
			t.Fatalf("insert of an unknown column: err = %v, want code 16", err)
		}
		type untagged struct{ N int }
		if _, err := s.Insert(ctx, "small", queries.Slice([]untagged{{1}})); err == nil || !strings.Contains(err.Error(), "no fields tagged") {
			t.Fatalf("insert of an untagged struct: err = %v", err)
		}
		if _, err := s.Insert(ctx, "no_such_table", queries.Slice([]row{{1, "a"}})); queries.Code(err) != 60 {
			t.Fatalf("insert into a missing table: err = %v, want code 60", err)
		}
		if _, err := s.Insert(ctx, "small; DROP TABLE small", queries.Slice([]row{{1, "a"}})); err == nil || !strings.Contains(err.Error(), "not a valid identifier") {
			t.Fatalf("insert into a hostile table name: err = %v", err)
		}
	})
}

func TestTypedScan(t *testing.T) {
	ctx := context.Background()
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	u := uuid.MustParse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	cases := []struct {
		name   string
		sql    string
		modern bool // needs a ClickHouse newer than 18.16
		dest   any  // a pointer
		want   any
		err    string
	}{
		{name: "UInt8 into int", sql: "SELECT toUInt8(200)", dest: new(int), want: 200},
		{name: "UInt64 into uint64", sql: "SELECT toUInt64(18446744073709551615)", dest: new(uint64), want: uint64(math.MaxUint64)},
		{name: "UInt64 into int8 overflows", sql: "SELECT toUInt64(1000)", dest: new(int8), err: "out of range"},
		{name: "Int32 into float64", sql: "SELECT toInt32(-7)", dest: new(float64), want: -7.0},
		{name: "Float32", sql: "SELECT toFloat32(1.5)", dest: new(float32), want: float32(1.5)},
		{name: "String into []byte", sql: "SELECT 'bytes'", dest: new([]byte), want: []byte("bytes")},
		{name: "FixedString", sql: "SELECT toFixedString('ab', 3)", dest: new(string), want: "ab\x00"},
		{name: "Enum into string", sql: "SELECT CAST('b' AS Enum8('a' = 1, 'b' = 2))", dest: new(string), want: "b"},
		{name: "Date", sql: "SELECT toDate('2025-04-01')", dest: new(time.Time), want: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)},
		{name: "DateTime with zone", sql: "SELECT toDateTime('2025-04-01 09:00:00', 'Asia/Tokyo')", dest: new(time.Time), want: time.Date(2025, 4, 1, 9, 0, 0, 0, tokyo)},
		{name: "UUID", sql: "SELECT toUUID('6ba7b810-9dad-11d1-80b4-00c04fd430c8')", dest: new(uuid.UUID), want: u},
		{name: "UUID into string", sql: "SELECT toUUID('6ba7b810-9dad-11d1-80b4-00c04fd430c8')", dest: new(string), want: u.String()},
		{name: "NULL into pointer", sql: "SELECT CAST(NULL AS Nullable(String))", dest: new(*string), want: (*string)(nil)},
		{name: "value into pointer", sql: "SELECT CAST('x' AS Nullable(String))", dest: new(*string), want: ptr("x")},
		{name: "NULL into a value", sql: "SELECT CAST(NULL AS Nullable(String))", dest: new(string), err: "NULL"},
		{name: "Array", sql: "SELECT ['a', 'b']", dest: new([]string), want: []string{"a", "b"}},
		{name: "Array of nullable", sql: "SELECT [1, NULL, 3]", dest: new([]*uint8), want: []*uint8{ptr(uint8(1)), nil, ptr(uint8(3))}},
		{name: "nested Array", sql: "SELECT [[1], [2, 3]]", dest: new([][]int), want: [][]int{{1}, {2, 3}}},
		{name: "any", sql: "SELECT toUInt16(7)", dest: new(any), want: any(uint16(7))},
		{name: "String into int fails", sql: "SELECT 'x'", dest: new(int), err: "cannot scan String"},
		{name: "bare NULL into pointer", sql: "SELECT NULL", dest: new(*string), want: (*string)(nil)},
		{name: "bare NULL into value", sql: "SELECT NULL", dest: new(string), err: "NULL"},
		{name: "DateTime without zone", sql: "SELECT toDateTime(1700000000, 'UTC')", dest: new(time.Time), want: time.Unix(1700000000, 0)},
		{name: "Date of a server in another zone", sql: "SELECT toDate('2025-04-01') AS d", dest: new(time.Time), want: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)},
		{name: "Date32", sql: "SELECT toDate32('1955-07-09')", modern: true, dest: new(time.Time), want: time.Date(1955, 7, 9, 0, 0, 0, 0, time.UTC)},
		{name: "DateTime64", sql: "SELECT toDateTime64('2025-04-01 09:00:00.123', 3, 'UTC')", modern: true, dest: new(time.Time), want: time.Date(2025, 4, 1, 9, 0, 0, 123e6, time.UTC)},
		{name: "Bool", sql: "SELECT true", modern: true, dest: new(bool), want: true},
		{name: "LowCardinality", sql: "SELECT toLowCardinality('営業部')", modern: true, dest: new(string), want: "営業部"},
	}
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		lacks, why := querytest.Lacks(s)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				if c.modern && lacks {
					t.Skipf("%s; here: %s", c.sql, why)
				}
				rows, err := s.Query(ctx, c.sql, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				if !rows.Next() {
					t.Fatalf("no row: %v", rows.Err())
				}
				err = rows.Scan(c.dest)
				if c.err != "" {
					if err == nil || !strings.Contains(err.Error(), c.err) {
						t.Fatalf("Scan error = %v, want %q", err, c.err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				got := reflect.ValueOf(c.dest).Elem().Interface()
				if tw, ok := c.want.(time.Time); ok {
					tg := got.(time.Time)
					if !tg.Equal(tw) {
						t.Fatalf("got %v, want %v", tg, tw)
					}
					return
				}
				if !reflect.DeepEqual(got, c.want) {
					t.Fatalf("got %#v, want %#v", got, c.want)
				}
			})
		}
		t.Run("Select and Get", func(t *testing.T) {
			type pair struct {
				N uint64 `ch:"n"`
				S string `ch:"s"`
			}
			ps, err := queries.Select[pair](ctx, s, "SELECT number AS n, toString(number * 2) AS s FROM system.numbers LIMIT 300000", nil)
			if err != nil || len(ps) != 300000 || ps[299999] != (pair{299999, "599998"}) {
				t.Fatalf("Select = %d rows, last %+v, err %v", len(ps), ps[len(ps)-1], err)
			}
			if _, err := queries.Get[pair](ctx, s, "SELECT number AS n, toString(number) AS s FROM system.numbers LIMIT 0", nil); !errors.Is(err, queries.ErrNoRows) {
				t.Fatalf("Get of no rows: err = %v", err)
			}
			if _, err := queries.Select[pair](ctx, s, "SELECT 1 AS n, 'x' AS s, 2 AS extra", nil); err == nil || !strings.Contains(err.Error(), "column extra has no field") {
				t.Fatalf("extra column: err = %v", err)
			}
			n, err := queries.Get[uint64](ctx, s, "SELECT count() FROM (SELECT number FROM system.numbers LIMIT 0)", nil)
			if err != nil || n != 0 {
				t.Fatalf("count = %d, %v", n, err)
			}
			day, err := queries.Get[time.Time](ctx, s, "SELECT toDate('2025-04-01')", nil)
			if err != nil || !day.Equal(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)) || day.Location() != time.UTC {
				t.Fatalf("Get[time.Time] = %v, %v", day, err)
			}
			days, err := queries.Select[time.Time](ctx, s, "SELECT toDate('2025-04-01') + number FROM system.numbers LIMIT 3", nil)
			if err != nil || len(days) != 3 || !days[2].Equal(time.Date(2025, 4, 3, 0, 0, 0, 0, time.UTC)) {
				t.Fatalf("Select[time.Time] = %v, %v", days, err)
			}
		})
	})
}

func TestSQLErrors(t *testing.T) {
	ctx := context.Background()
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		for _, c := range []struct {
			sql  string
			code int
			text string
		}{
			{"SELECT * FROM no_such_table", 60, "no_such_table"},
			{"SELEC 1", 62, "Syntax error"},
			{"SELECT toUInt8('careerkpi')", 6, "careerkpi"},
		} {
			_, err := queries.Get[uint64](ctx, s, c.sql, nil)
			var ce *queries.Error
			if !errors.As(err, &ce) || ce.Code != c.code || !strings.Contains(ce.Message, c.text) {
				t.Errorf("%s: err = %v, want code %d with %q", c.sql, err, c.code, c.text)
			}
			if err := s.Exec(ctx, c.sql, nil); queries.Code(err) != c.code {
				t.Errorf("Exec %s: err = %v, want code %d", c.sql, err, c.code)
			}
		}
		// The store still works after errors.
		if n, err := queries.Get[uint8](ctx, s, "SELECT 1", nil); err != nil || n != 1 {
			t.Fatalf("after errors: %d, %v", n, err)
		}
	})
}

func TestConcurrentQueries(t *testing.T) {
	ctx := context.Background()
	queriesBySum := map[string]uint64{
		"SELECT sum(number) FROM numbers(1000)":   499500,
		"SELECT sum(number) FROM numbers(100000)": 4999950000,
		"SELECT sum(number) FROM numbers(7)":      21,
		"SELECT sum(number) FROM numbers(65536)":  2147450880,
	}
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		var wg sync.WaitGroup
		errs := make(chan error, 8*25)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 25; i++ {
					for sql, want := range queriesBySum {
						got, err := queries.Get[uint64](ctx, s, sql, nil)
						if err != nil || got != want {
							errs <- fmt.Errorf("%s = %d (err %v), want %d", sql, got, err, want)
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		// Four results open at once hold four connections at once; reading
		// them in turns interleaves four running queries.
		var open []queries.Rows
		for i := 0; i < 4; i++ {
			r, err := s.Query(ctx, "SELECT number FROM system.numbers LIMIT 200000", nil)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			open = append(open, r)
		}
		sums := make([]uint64, 4)
		for more := true; more; {
			more = false
			for i, r := range open {
				for k := 0; k < 1000 && r.Next(); k++ {
					var v uint64
					if err := r.Scan(&v); err != nil {
						t.Fatal(err)
					}
					sums[i] += v
					more = true
				}
			}
		}
		for i, r := range open {
			if r.Err() != nil || sums[i] != 199999*200000/2 {
				t.Errorf("result %d: sum %d, err %v", i, sums[i], r.Err())
			}
		}
	})
}

func TestUnsupportedTypes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		for _, sql := range []string{"SELECT toDecimal32(1.5, 2) AS d", "SELECT tuple(1, 'a') AS t"} {
			_, err := s.Query(context.Background(), sql, nil)
			if err == nil || !strings.Contains(err.Error(), "unsupported type") {
				t.Errorf("%s: err = %v, want the query refused for its column type", sql, err)
			}
		}
	})
}

// TestContextEndsStatement: a statement that would run for ever stops when
// its context ends, and says why.
func TestContextEndsStatement(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		for name, run := range map[string]func(ctx context.Context) error{
			"Exec": func(ctx context.Context) error {
				return s.Exec(ctx, "SELECT count() FROM system.numbers", nil)
			},
			"Query": func(ctx context.Context) error {
				rows, err := s.Query(ctx, "SELECT count() FROM system.numbers", nil)
				if err != nil {
					return err
				}
				defer rows.Close()
				for rows.Next() {
				}
				return rows.Err()
			},
		} {
			t.Run(name, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
				defer cancel()
				done := make(chan error, 1)
				go func() { done <- run(ctx) }()
				select {
				case err := <-done:
					if !errors.Is(err, context.DeadlineExceeded) {
						t.Fatalf("err = %v, want context.DeadlineExceeded", err)
					}
				case <-time.After(60 * time.Second):
					t.Fatal("the statement kept running after its context ended")
				}
				if v, err := queries.Get[uint8](context.Background(), s, "SELECT 3", nil); err != nil || v != 3 {
					t.Fatalf("after the cancelled statement: %d, %v", v, err)
				}
			})
		}
	})
}

func TestQueryCancel(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s queries.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rows, err := s.Query(ctx, "SELECT number FROM system.numbers LIMIT 50000000", nil)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if n++; n == 10 {
				cancel()
			}
		}
		rows.Close()
		if rows.Err() == nil || n >= 50000000 {
			t.Fatalf("cancelled query read %d rows, err %v", n, rows.Err())
		}
		// The connection is usable again.
		if v, err := queries.Get[uint8](context.Background(), s, "SELECT 2", nil); err != nil || v != 2 {
			t.Fatalf("after cancel: %d %v", v, err)
		}
	})
}
