package queries

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// On a ClickHouse cluster, careerkpi's schema is laid out the way ClickHouse
// spreads a table over shards: every table of a migration becomes a local
// table on every node (name_local, MergeTree — or ReplicatedMergeTree when
// the cluster has Keeper, so that a shard's replicas hold the same rows) and
// a Distributed table under the table's own name, which is what every
// statement reads and writes. Views are created on every node and read the
// Distributed tables, so the SQL is the same on one node and on a cluster.
//
// Loads keep their promises across shards because of how a batch becomes
// visible (see Batch): rows are written through the Distributed tables with
// insert_distributed_sync, so an INSERT returns only once every shard holds
// its rows, and they stay invisible until the batch's one committed row is
// written. That row, like every row of the small tables that hold state
// (load_batches, users, publications, …), goes to the first shard — their
// sharding key is constant — so a state change is one insert on one shard,
// as atomic as on a single server. An aborted batch's rows are deleted on
// every node. The content hash in load_batches, read through its
// Distributed table, keeps a file from being loaded twice whichever node
// careerkpi is connected to.

// Cluster is the ClickHouse cluster a server store lays its tables out on,
// as the server's remote_servers and system.clusters describe it.
type Cluster struct {
	// Name is the cluster's name in the servers' remote_servers.
	Name string
	// Keeper is true when the servers have ClickHouse Keeper (or ZooKeeper):
	// local tables are then Replicated and DDL runs ON CLUSTER; without it
	// the local tables are plain MergeTree and careerkpi runs each DDL
	// statement on every node itself.
	Keeper bool
	// Nodes are every replica of every shard.
	Nodes []Node
}

// Node is one server of a cluster.
type Node struct {
	Shard, Replica int
	Host           string
	Port           int
}

// Shards returns the number of shards.
func (c *Cluster) Shards() int {
	n := 0
	for _, node := range c.Nodes {
		n = max(n, node.Shard)
	}
	return n
}

// A ClusterStore is a store on a cluster (package server with a cluster
// configured). Migrate, the derived tables and the removal of a batch's rows
// use it for the statements that create, change or delete local tables.
type ClusterStore interface {
	Store
	// Cluster describes the cluster.
	Cluster() *Cluster
	// ExecDDL runs a statement made by the cluster's layout on every node:
	// once, when it carries ON CLUSTER (the cluster has Keeper), else on each
	// node in turn, in the store's database.
	ExecDDL(ctx context.Context, sql string, params Params) error
}

// ClusterOf returns the cluster s lays its tables out on, or nil for a
// single node.
func ClusterOf(s Store) *Cluster {
	if cs := clusterStore(s); cs != nil {
		return cs.Cluster()
	}
	return nil
}

// A Wrapper is a Store that adds to another, which Unwrap returns.
type Wrapper interface {
	Unwrap() Store
}

// clusterStore returns s, or the store s wraps, as a ClusterStore when it
// is on a cluster; nil on a single node.
func clusterStore(s Store) ClusterStore {
	for s != nil {
		if cs, ok := s.(ClusterStore); ok && cs.Cluster() != nil {
			return cs
		}
		w, ok := s.(Wrapper)
		if !ok {
			return nil
		}
		s = w.Unwrap()
	}
	return nil
}

// ExecDDL runs a statement of the cluster's layout on every node of the
// cluster s is on (ClusterStore.ExecDDL), or on s alone on a single node.
func ExecDDL(ctx context.Context, s Store, sql string, params Params) error {
	if cs := clusterStore(s); cs != nil {
		return cs.ExecDDL(ctx, sql, params)
	}
	return s.Exec(ctx, sql, params)
}

// LocalSuffix ends the name of a table's local part on every node.
const LocalSuffix = "_local"

// shardingKeys say which shard a row of a table goes to. Rows about one
// employee (or one survey respondent) stay together; the tables not named
// here hold state or small catalogues and live on the first shard.
var shardingKeys = map[string]string{
	"raw_employee_snapshots": "cityHash64(employee_id)",
	"raw_program_events":     "cityHash64(employee_id)",
	"raw_survey_responses":   "cityHash64(survey_id, respondent_id)",
	"employee_spans":         "cityHash64(employee_id)",
	"survey_answers":         "cityHash64(survey_id, respondent_id)",
	"program_use_years":      "cityHash64(employee_id)",
	"program_event_facts":    "cityHash64(employee_id)",
	"employee_months":        "cityHash64(employee_id)",
	"employee_fiscal_years":  "cityHash64(employee_id)",
	"survey_respondents":     "cityHash64(survey_id, respondent)",
	"workforce_fiscal_years": "rand()",
	"survey_populations":     "cityHash64(employee_id)",
	"driver_cells":           "rand()",
	"workforce_cells":        "rand()",
	"one_on_one_cells":       "rand()",
}

// ShardingKey returns the sharding expression of table on a cluster.
func ShardingKey(table string) string {
	if k, ok := shardingKeys[table]; ok {
		return k
	}
	return "0"
}

var (
	reCreateTable = regexp.MustCompile(`(?is)^\s*CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+([a-z_][a-z0-9_]*)\b`)
	reEngine      = regexp.MustCompile(`(?is)\bENGINE\s*=\s*([A-Za-z]*MergeTree)\s*(\(([^()]*)\))?`)
	reCreateView  = regexp.MustCompile(`(?is)^\s*CREATE\s+VIEW\s+IF\s+NOT\s+EXISTS\s+([a-z_][a-z0-9_]*)\b`)
	reReplaceView = regexp.MustCompile(`(?is)^\s*CREATE\s+OR\s+REPLACE\s+VIEW\s+([a-z_][a-z0-9_]*)\b`)
	reAlterTable  = regexp.MustCompile(`(?is)^\s*ALTER\s+TABLE\s+([a-z_][a-z0-9_]*)\b`)
	reDropTable   = regexp.MustCompile(`(?is)^\s*DROP\s+TABLE\s+IF\s+EXISTS\s+([a-z_][a-z0-9_]*)\s*$`)
)

// Layout returns the statements that apply one statement of careerkpi's
// schema — CREATE TABLE, CREATE [OR REPLACE] VIEW, ALTER TABLE or DROP
// TABLE — to the
// cluster, for the database db, in the order they must run: the local
// tables first, then the Distributed table over them. Every statement can
// run again, as the migrations can.
func (c *Cluster) Layout(sql, db string) ([]string, error) {
	code := MaskSQL(sql) // comments and strings blanked, offsets kept
	if _, err := QuoteIdentifier(c.Name); err != nil {
		return nil, fmt.Errorf("queries: cluster name: %w", err)
	}
	on, _ := c.onCluster()
	qdb, err := QuoteIdentifier(db)
	if err != nil {
		return nil, err
	}
	if m := reCreateTable.FindStringSubmatchIndex(code); m != nil {
		name := sql[m[2]:m[3]]
		e := reEngine.FindStringSubmatchIndex(code)
		if e == nil {
			return nil, fmt.Errorf("queries: table %s: a cluster needs a MergeTree engine", name)
		}
		engine := sql[e[2]:e[3]]
		var args string
		if e[6] >= 0 {
			args = strings.TrimSpace(sql[e[6]:e[7]])
		}
		local := name + LocalSuffix
		localEngine := engine
		if args != "" {
			localEngine += "(" + args + ")"
		}
		if c.Keeper {
			localEngine = c.replicated(engine, args)
		}
		createLocal := "CREATE TABLE IF NOT EXISTS " + qdb + ".`" + local + "`" + on +
			sql[m[3]:e[0]] + "ENGINE = " + localEngine + "\n" + strings.TrimLeft(sql[e[1]:], " \t\r\n")
		createDist := "CREATE TABLE IF NOT EXISTS " + qdb + ".`" + name + "`" + on + " AS " + qdb + ".`" + local + "`" +
			"\nENGINE = " + c.distributed(db, local, ShardingKey(name))
		return []string{createLocal, createDist}, nil
	}
	if m := reCreateView.FindStringSubmatchIndex(code); m != nil {
		return []string{"CREATE VIEW IF NOT EXISTS " + qdb + ".`" + sql[m[2]:m[3]] + "`" + on + sql[m[3]:]}, nil
	}
	if m := reReplaceView.FindStringSubmatchIndex(code); m != nil {
		return []string{"CREATE OR REPLACE VIEW " + qdb + ".`" + sql[m[2]:m[3]] + "`" + on + sql[m[3]:]}, nil
	}
	if m := reAlterTable.FindStringSubmatchIndex(code); m != nil {
		name, rest := sql[m[2]:m[3]], sql[m[3]:]
		return []string{
			"ALTER TABLE " + qdb + ".`" + name + LocalSuffix + "`" + on + rest,
			"ALTER TABLE " + qdb + ".`" + name + "`" + on + rest,
		}, nil
	}
	if m := reDropTable.FindStringSubmatchIndex(code); m != nil {
		name := sql[m[2]:m[3]]
		return []string{
			"DROP TABLE IF EXISTS " + qdb + ".`" + name + "`" + on,
			"DROP TABLE IF EXISTS " + qdb + ".`" + name + LocalSuffix + "`" + on,
		}, nil
	}
	return nil, fmt.Errorf("queries: a cluster takes CREATE TABLE IF NOT EXISTS, CREATE VIEW IF NOT EXISTS, CREATE OR REPLACE VIEW, ALTER TABLE and DROP TABLE IF EXISTS in the schema, not %.40q", strings.TrimSpace(sql))
}

// OnCluster returns the ON CLUSTER clause DDL carries on this cluster: one
// when it has Keeper, none when careerkpi runs DDL on each node itself.
func (c *Cluster) OnCluster() string {
	on, _ := c.onCluster()
	return on
}

func (c *Cluster) onCluster() (string, error) {
	if !c.Keeper {
		return "", nil
	}
	q, err := QuoteIdentifier(c.Name)
	if err != nil {
		return "", fmt.Errorf("queries: cluster name: %w", err)
	}
	return " ON CLUSTER " + q, nil
}

// replicated returns the Replicated form of a MergeTree engine: its data in
// Keeper under the table's UUID and the shard, one replica per node (the
// {shard} and {replica} macros each server defines).
func (c *Cluster) replicated(engine, args string) string {
	out := "Replicated" + engine + "('/clickhouse/tables/{uuid}/{shard}', '{replica}'"
	if args != "" {
		out += ", " + args
	}
	return out + ")"
}

// distributed returns the Distributed engine over local on every shard.
func (c *Cluster) distributed(db, local, key string) string {
	return fmt.Sprintf("Distributed('%s', '%s', '%s', %s)", c.Name, db, local, key)
}

// DistributedEngine returns the engine clause of a Distributed table over the
// local table local of db, sharded as table is.
func (c *Cluster) DistributedEngine(db, local, table string) string {
	return c.distributed(db, local, ShardingKey(table))
}
