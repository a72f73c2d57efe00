package queries_test

import (
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/queries"
)

// TestLayout: every statement of careerkpi's schema, schema_migrations
// included, lays out on a cluster with and without Keeper, and each kind of
// statement comes out as ClickHouse takes it there.
func TestLayout(t *testing.T) {
	plain := &queries.Cluster{Name: "hr"}
	keeper := &queries.Cluster{Name: "hr", Keeper: true}
	for _, m := range queries.Schema() {
		for _, c := range []*queries.Cluster{plain, keeper} {
			stmts, err := c.Layout(m.SQL, "careerkpi")
			if err != nil {
				t.Fatalf("%s (Keeper %v): %v", m.Name, c.Keeper, err)
			}
			for _, s := range stmts {
				if err := queries.CheckSingleStatement(s); err != nil {
					t.Fatalf("%s: %v", m.Name, err)
				}
				if c.Keeper != strings.Contains(s, " ON CLUSTER `hr`") {
					t.Fatalf("%s (Keeper %v): %s", m.Name, c.Keeper, s)
				}
			}
		}
	}

	table := "CREATE TABLE IF NOT EXISTS load_batches\n(\n    batch_id UUID COMMENT 'ENGINE = Memory is not the engine',\n    revision UInt64\n)\nENGINE = ReplacingMergeTree(revision)\nORDER BY batch_id"
	for _, tc := range []struct {
		c    *queries.Cluster
		sql  string
		want []string
	}{
		{plain, table, []string{
			"CREATE TABLE IF NOT EXISTS `careerkpi`.`load_batches_local`\n(\n    batch_id UUID COMMENT 'ENGINE = Memory is not the engine',\n    revision UInt64\n)\nENGINE = ReplacingMergeTree(revision)\nORDER BY batch_id",
			"CREATE TABLE IF NOT EXISTS `careerkpi`.`load_batches` AS `careerkpi`.`load_batches_local`\nENGINE = Distributed('hr', 'careerkpi', 'load_batches_local', 0)",
		}},
		{keeper, table, []string{
			"CREATE TABLE IF NOT EXISTS `careerkpi`.`load_batches_local` ON CLUSTER `hr`\n(\n    batch_id UUID COMMENT 'ENGINE = Memory is not the engine',\n    revision UInt64\n)\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', revision)\nORDER BY batch_id",
			"CREATE TABLE IF NOT EXISTS `careerkpi`.`load_batches` ON CLUSTER `hr` AS `careerkpi`.`load_batches_local`\nENGINE = Distributed('hr', 'careerkpi', 'load_batches_local', 0)",
		}},
		{keeper, "CREATE TABLE IF NOT EXISTS raw_program_events (employee_id String) ENGINE = MergeTree ORDER BY employee_id", []string{
			"CREATE TABLE IF NOT EXISTS `careerkpi`.`raw_program_events_local` ON CLUSTER `hr` (employee_id String) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')\nORDER BY employee_id",
			"CREATE TABLE IF NOT EXISTS `careerkpi`.`raw_program_events` ON CLUSTER `hr` AS `careerkpi`.`raw_program_events_local`\nENGINE = Distributed('hr', 'careerkpi', 'raw_program_events_local', cityHash64(employee_id))",
		}},
		{keeper, "CREATE VIEW IF NOT EXISTS programs AS\nSELECT * FROM raw_programs", []string{
			"CREATE VIEW IF NOT EXISTS `careerkpi`.`programs` ON CLUSTER `hr` AS\nSELECT * FROM raw_programs",
		}},
		{keeper, "CREATE OR REPLACE VIEW employee_month_source AS SELECT 1", []string{
			"CREATE OR REPLACE VIEW `careerkpi`.`employee_month_source` ON CLUSTER `hr` AS SELECT 1",
		}},
		{keeper, "ALTER TABLE load_batches ADD COLUMN IF NOT EXISTS source_hash String AFTER content_hash", []string{
			"ALTER TABLE `careerkpi`.`load_batches_local` ON CLUSTER `hr` ADD COLUMN IF NOT EXISTS source_hash String AFTER content_hash",
			"ALTER TABLE `careerkpi`.`load_batches` ON CLUSTER `hr` ADD COLUMN IF NOT EXISTS source_hash String AFTER content_hash",
		}},
		{plain, "DROP TABLE IF EXISTS published_metric_values", []string{
			"DROP TABLE IF EXISTS `careerkpi`.`published_metric_values`",
			"DROP TABLE IF EXISTS `careerkpi`.`published_metric_values_local`",
		}},
	} {
		got, err := tc.c.Layout(tc.sql, "careerkpi")
		if err != nil {
			t.Fatalf("%.40q: %v", tc.sql, err)
		}
		if strings.Join(got, "\n;\n") != strings.Join(tc.want, "\n;\n") {
			t.Errorf("layout of %.40q:\n%s\nwant\n%s", tc.sql, strings.Join(got, "\n;\n"), strings.Join(tc.want, "\n;\n"))
		}
	}
	for _, bad := range []string{
		"CREATE TABLE IF NOT EXISTS kept (x UInt8) ENGINE = Memory",
		"INSERT INTO load_batches SELECT * FROM load_batches",
		"CREATE TABLE unguarded (x UInt8) ENGINE = MergeTree ORDER BY x",
	} {
		if _, err := plain.Layout(bad, "careerkpi"); err == nil {
			t.Errorf("Layout(%q) succeeded", bad)
		}
	}
	for _, keeper := range []bool{false, true} {
		if _, err := (&queries.Cluster{Name: "hr-1", Keeper: keeper}).Layout(table, "careerkpi"); err == nil {
			t.Errorf("a cluster name that is not an identifier was taken (Keeper %v)", keeper)
		}
	}
}
