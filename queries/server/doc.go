// Package server is the store on a ClickHouse server or cluster, reached
// through clickhouse-go v2 over the native protocol. It takes the same SQL
// and returns the same Go values as the embedded engine.
package server
