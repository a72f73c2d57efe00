package server

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/careerkpi/careerkpi/queries"
)

var _ queries.ClusterStore = (*Store)(nil)

// joinCluster reads the cluster's nodes from system.clusters, finds out
// whether the servers have Keeper, and makes sure every node has the
// store's database.
func (s *Store) joinCluster(ctx context.Context, name string) error {
	type node struct {
		Shard   uint32 `ch:"shard_num"`
		Replica uint32 `ch:"replica_num"`
		Host    string `ch:"host_name"`
		Port    uint16 `ch:"port"`
	}
	// The name is an identifier (checked in Open), so it can be quoted as a
	// string here: servers before 22.8 take no query parameters.
	nodes, err := queries.Select[node](ctx, s,
		"SELECT shard_num, replica_num, host_name, port FROM system.clusters WHERE cluster = '"+name+"' ORDER BY shard_num, replica_num", nil)
	if err != nil {
		return fmt.Errorf("server: read cluster %s from system.clusters: %w", name, err)
	}
	if len(nodes) == 0 {
		return fmt.Errorf("server: ClickHouse at %s has no cluster named %s in its remote_servers (system.clusters)", s.info.Location, name)
	}
	c := &queries.Cluster{Name: name}
	for _, n := range nodes {
		c.Nodes = append(c.Nodes, queries.Node{Shard: int(n.Shard), Replica: int(n.Replica), Host: n.Host, Port: int(n.Port)})
	}
	// system.zookeeper answers only on a server that has Keeper (or ZooKeeper).
	if _, err := queries.Get[uint64](ctx, s, "SELECT count() FROM system.zookeeper WHERE path = '/'", nil); err == nil {
		c.Keeper = true
	}
	s.cluster = c
	s.info.Location += " (cluster " + name + ")"
	q, _ := queries.QuoteIdentifier(s.info.Database)
	if c.Keeper {
		if err := s.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+q+c.OnCluster(), nil); err != nil {
			return fmt.Errorf("server: create database %s on cluster %s: %w", s.info.Database, name, err)
		}
		return nil
	}
	for _, n := range c.Nodes {
		co := s.nodeOptions(n)
		co.Auth.Database = ""
		if err := createDatabase(ctx, co, s.info.Database); err != nil {
			return fmt.Errorf("server: node %s of cluster %s: %w", nodeAddr(n), name, convertError(err))
		}
	}
	return nil
}

// Cluster describes the cluster the store lays its tables out on, or nil.
func (s *Store) Cluster() *queries.Cluster { return s.cluster }

// ExecDDL runs a statement of the cluster's layout on every node: once when
// it goes ON CLUSTER (the servers have Keeper), else node by node, each in
// the store's database. A node that fails stops it there: the statements of
// the layout can all run again.
func (s *Store) ExecDDL(ctx context.Context, sql string, params queries.Params) error {
	if s.cluster == nil || s.cluster.Keeper {
		return s.Exec(ctx, sql, params)
	}
	ctx, err := s.bind(ctx, sql, params)
	if err != nil {
		return err
	}
	for _, n := range s.cluster.Nodes {
		conn, err := s.node(ctx, n)
		if err != nil {
			return err
		}
		if err := conn.Exec(ctx, sql); err != nil {
			return fmt.Errorf("server: node %s of cluster %s: %w", nodeAddr(n), s.cluster.Name, s.wrap(ctx, err))
		}
	}
	return nil
}

// node returns the connection to a node, opening it on first use.
func (s *Store) node(ctx context.Context, n queries.Node) (driver.Conn, error) {
	addr := nodeAddr(n)
	s.nodesMu.Lock()
	defer s.nodesMu.Unlock()
	if c, ok := s.nodes[addr]; ok {
		return c, nil
	}
	co := s.nodeOptions(n)
	c, err := connect(ctx, co)
	if err != nil {
		return nil, fmt.Errorf("server: node %s of cluster %s: %w", addr, s.cluster.Name, unavailable(co, err))
	}
	if s.nodes == nil {
		s.nodes = map[string]driver.Conn{}
	}
	s.nodes[addr] = c
	return c, nil
}

// nodeOptions are the entry node's options pointed at another node: the
// same user, password, TLS and settings, few connections.
func (s *Store) nodeOptions(n queries.Node) *clickhouse.Options {
	co := *s.co
	co.Addr = []string{nodeAddr(n)}
	co.MaxOpenConns, co.MaxIdleConns = 2, 1
	return &co
}

func nodeAddr(n queries.Node) string {
	return net.JoinHostPort(n.Host, strconv.Itoa(n.Port))
}
