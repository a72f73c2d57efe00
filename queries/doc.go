// Package queries owns careerkpi's store: ClickHouse behind one interface.
//
// It holds the Store interface (this file's neighbour queries.go), the schema
// as numbered migrations (migrations/*.sql), the SQL of every query as
// embedded .sql files, the batch mechanism that makes a load visible all at
// once, and the helpers shared by both backends: parameter binding, struct
// scanning and struct sources for bulk inserts.
//
// The backends live in sub-packages: embedded (chDB, the default) and server
// (clickhouse-go v2). Package querytest opens stores for tests, including a
// real clickhouse-server that it starts itself.
package queries
