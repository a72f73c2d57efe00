package server_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/queries/server"
)

// clusterSchema is careerkpi's layout in miniature, in SQL that Debian's
// ClickHouse 18.16 holds: a batch log whose committed rows make a batch's
// events visible, sharded events (raw_program_events has careerkpi's
// sharding key, by employee), a small catalogue on the first shard, and
// every kind of statement the layout takes.
var clusterSchema = fstest.MapFS{
	"m/0001_batches.sql":     {Data: []byte("CREATE TABLE IF NOT EXISTS batches\n(\n    batch_id UInt64,\n    revision UInt64,\n    state    String -- 'loading' or 'committed'\n)\nENGINE = ReplacingMergeTree(revision)\nORDER BY batch_id")},
	"m/0002_committed.sql":   {Data: []byte("CREATE VIEW IF NOT EXISTS committed AS SELECT batch_id FROM batches FINAL WHERE state = 'committed'")},
	"m/0003_raw_events.sql":  {Data: []byte("CREATE TABLE IF NOT EXISTS raw_program_events (batch_id UInt64, employee_id String, department String, hours Float64) ENGINE = MergeTree ORDER BY employee_id")},
	"m/0004_events.sql":      {Data: []byte("CREATE VIEW IF NOT EXISTS program_events AS SELECT * FROM raw_program_events WHERE batch_id IN (SELECT batch_id FROM committed)")},
	"m/0005_departments.sql": {Data: []byte("CREATE TABLE IF NOT EXISTS departments (department String, division String) ENGINE = MergeTree ORDER BY department")},
	"m/0006_name_en.sql":     {Data: []byte("ALTER TABLE departments ADD COLUMN name_en String")},
	"m/0007_scratch.sql":     {Data: []byte("CREATE TABLE IF NOT EXISTS scratch (x UInt8) ENGINE = MergeTree ORDER BY x")},
	"m/0008_no_scratch.sql":  {Data: []byte("DROP TABLE IF EXISTS scratch")},
}

type event struct {
	BatchID    uint64  `ch:"batch_id"`
	EmployeeID string  `ch:"employee_id"`
	Department string  `ch:"department"`
	Hours      float64 `ch:"hours"`
}

type batchRow struct {
	BatchID  uint64 `ch:"batch_id"`
	Revision uint64 `ch:"revision"`
	State    string `ch:"state"`
}

type department struct {
	Department string `ch:"department"`
	Division   string `ch:"division"`
	NameEn     string `ch:"name_en"`
}

// load writes a batch of events and, when commit is set, its committed row.
func load(t *testing.T, s queries.Store, id uint64, events []event, commit bool) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Insert(ctx, "batches", queries.Slice([]batchRow{{id, 1, "loading"}})); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Insert(ctx, "raw_program_events", queries.Slice(events)); err != nil {
		t.Fatal(err)
	}
	if commit {
		if _, err := s.Insert(ctx, "batches", queries.Slice([]batchRow{{id, 2, "committed"}})); err != nil {
			t.Fatal(err)
		}
	}
}

func events(batch uint64, n int) []event {
	depts := []string{"D01", "D02", "D03", "D04", "D05"}
	out := make([]event, n)
	for i := range out {
		out[i] = event{BatchID: batch, EmployeeID: fmt.Sprintf("E%05d", i%1700), Department: depts[i%len(depts)], Hours: float64(i%8) + 0.5}
	}
	return out
}

type divisionTotal struct {
	Division  string  `ch:"division"`
	Events    uint64  `ch:"events"`
	Hours     float64 `ch:"hours"`
	Employees uint64  `ch:"employees"`
}

// The distributed aggregate: the events of committed batches joined with
// the catalogue, by division. The store sets distributed_product_mode on
// servers that take string settings; 18.16 takes them only in the SQL.
const byDivision = `SELECT division, count() AS events, sum(hours) AS hours, uniqExact(employee_id) AS employees
FROM program_events
ALL INNER JOIN departments USING (department)
GROUP BY division
ORDER BY division
SETTINGS distributed_product_mode = 'global'`

// TestTwoShardCluster starts two Debian clickhouse-server processes as the
// two shards of a cluster without Keeper, lays a schema out on them, loads
// batches through the Distributed tables and checks that what the cluster
// answers equals what one node answers for the same loads, that the rows
// really are spread over both shards, that an uncommitted batch stays
// invisible, and that deleting a batch reaches every shard.
func TestTwoShardCluster(t *testing.T) {
	ctx := context.Background()
	nodes, err := querytest.StartCluster("careerkpi_two", 2)
	if err != nil {
		t.Fatalf("start the cluster: %v", err)
	}
	t.Cleanup(func() {
		for _, n := range nodes {
			n.Stop()
		}
	})
	db := querytest.DatabaseName(t)
	dsn := func(n *querytest.Server) string {
		return fmt.Sprintf("clickhouse://default@127.0.0.1:%d/%s?dial_timeout=5s", n.TCPPort, db)
	}

	if _, err := server.Open(ctx, server.Options{DSN: dsn(nodes[0]), Cluster: "no_such_cluster"}); err == nil || !strings.Contains(err.Error(), "no cluster named no_such_cluster") {
		t.Fatalf("unknown cluster: %v", err)
	}
	cs, err := server.Open(ctx, server.Options{DSN: dsn(nodes[0]), Cluster: "careerkpi_two"})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	c := cs.Cluster()
	if c == nil || c.Keeper || c.Shards() != 2 || len(c.Nodes) != 2 || c.Nodes[1].Port != nodes[1].TCPPort {
		t.Fatalf("cluster = %+v", c)
	}
	single := querytest.OnServer(t, nodes[0].DSN(), server.Options{})

	ms, err := queries.ReadMigrations(clusterSchema, "m")
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]queries.Store{"cluster": cs, "single": single} {
		ran, err := queries.Migrate(ctx, s, ms)
		if err != nil || len(ran) != len(ms) {
			t.Fatalf("%s: Migrate applied %d of %d: %v", name, len(ran), len(ms), err)
		}
		if ran, err := queries.Migrate(ctx, s, ms); err != nil || len(ran) != 0 {
			t.Fatalf("%s: second Migrate applied %d: %v", name, len(ran), err)
		}
	}
	// Every node has the local tables, the Distributed ones and the views;
	// the dropped table is gone from each.
	perNode := make([]*server.Store, len(nodes))
	for i, n := range nodes {
		s, err := server.Open(ctx, server.Options{DSN: dsn(n)})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		perNode[i] = s
		tables, err := queries.Select[string](ctx, s, "SELECT concat(name, ' ', engine) FROM system.tables WHERE database = currentDatabase() ORDER BY name", nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"batches Distributed", "batches_local ReplacingMergeTree", "committed View", "departments Distributed", "departments_local MergeTree",
			"program_events View", "raw_program_events Distributed", "raw_program_events_local MergeTree", "schema_migrations Distributed", "schema_migrations_local MergeTree"}
		if !reflect.DeepEqual(tables, want) {
			t.Fatalf("node %d tables:\n%q\nwant\n%q", i+1, tables, want)
		}
	}

	depts := []department{{"D01", "Business", "Sales"}, {"D02", "Business", "Marketing"}, {"D03", "Corporate", "HR"}, {"D04", "Corporate", "Finance"}, {"D05", "Technology", "Platform"}}
	for _, s := range []queries.Store{cs, single} {
		if _, err := s.Insert(ctx, "departments", queries.Slice(depts)); err != nil {
			t.Fatal(err)
		}
		load(t, s, 1, events(1, 12000), true)
		load(t, s, 2, events(2, 5000), true)
		load(t, s, 3, events(3, 3000), false) // never committed: invisible
	}
	want, err := queries.Select[divisionTotal](ctx, single, byDivision, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := queries.Select[divisionTotal](ctx, cs, byDivision, nil)
	if err != nil {
		t.Fatalf("distributed aggregate: %v", err)
	}
	if len(want) != 3 || !reflect.DeepEqual(got, want) {
		t.Fatalf("cluster by division:\n%+v\nsingle node:\n%+v", got, want)
	}
	var total uint64
	for _, d := range got {
		total += d.Events
	}
	if total != 17000 {
		t.Fatalf("visible events = %d, want 17000 (batches 1 and 2, not 3)", total)
	}

	// The events are spread over both shards by employee; the batch log and
	// the catalogue are all on the first.
	count := func(s queries.Store, table string) uint64 {
		t.Helper()
		n, err := queries.Get[uint64](ctx, s, "SELECT count() FROM "+table, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	e1, e2 := count(perNode[0], "raw_program_events_local"), count(perNode[1], "raw_program_events_local")
	if e1 == 0 || e2 == 0 || e1+e2 != 20000 {
		t.Fatalf("events per shard = %d + %d, want both > 0 and 20000 in all", e1, e2)
	}
	if n := count(perNode[1], "batches_local") + count(perNode[1], "departments_local"); n != 0 {
		t.Fatalf("%d rows of the batch log and catalogue on the second shard, want 0", n)
	}
	if n := count(perNode[0], "batches_local"); n != 5 {
		t.Fatalf("batch rows on the first shard = %d, want 5", n)
	}
	// The second node, asked the same, answers the same.
	if got2, err := queries.Select[divisionTotal](ctx, perNode[1], byDivision, nil); err != nil || !reflect.DeepEqual(got2, want) {
		t.Fatalf("from the second node: %+v, %v", got2, err)
	}

	// Deleting the unfinished batch reaches the local tables of every node.
	if err := cs.ExecDDL(ctx, "ALTER TABLE raw_program_events_local DELETE WHERE batch_id = 3", nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		left := count(cs, "raw_program_events WHERE batch_id = 3")
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d rows of batch 3 left after 30s", left)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if n := count(perNode[0], "raw_program_events_local") + count(perNode[1], "raw_program_events_local"); n != 17000 {
		t.Fatalf("rows left on the shards = %d, want 17000", n)
	}
}
