package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/careerkpi/careerkpi/config"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/server"
)

// staleLoad is how long a load into a shared server may run before a
// starting careerkpi treats it as dead and removes its rows. The embedded
// engine needs no such guess: its folder lock proves no load is running.
const staleLoad = 6 * time.Hour

// storeHandle is an open store whose schema is up to date.
type storeHandle struct {
	queries.Store
	migrated []queries.Migration
}

// Unwrap returns the store, for what needs more than queries.Store (a
// cluster's DDL).
func (h *storeHandle) Unwrap() queries.Store { return h.Store }

// openStore opens the store the configuration selects, applies pending
// migrations and removes the rows of loads that died unfinished.
func openStore(ctx context.Context, cfg *config.Config) (*storeHandle, error) {
	var s queries.Store
	var err error
	if cfg.Embedded() {
		s, err = embedded.Open(ctx, embedded.Options{
			Dir:         cfg.DataDir,
			Library:     cfg.ChDBLibrary,
			Database:    cfg.Database,
			Connections: cfg.Connections,
		})
	} else {
		s, err = server.Open(ctx, server.Options{
			DSN:         cfg.ClickHouse.DSN,
			Password:    cfg.ClickHouse.Password,
			CAFile:      cfg.ClickHouse.CAFile,
			Cluster:     cfg.ClickHouse.Cluster,
			Database:    cfg.Database,
			Connections: cfg.Connections,
		})
	}
	if err != nil {
		return nil, err
	}
	migrated, err := queries.MigrateSchema(ctx, s)
	if err != nil {
		s.Close()
		return nil, err
	}
	for _, m := range migrated {
		slog.Debug("migration_applied", "migration", m.Name)
	}
	if len(migrated) > 0 {
		slog.Info("schema_migrated", "applied", len(migrated), "latest", migrated[len(migrated)-1].Name)
	}
	info := s.Info()
	before := info.OpenedAt
	if !info.Exclusive {
		before = before.Add(-staleLoad)
	}
	recovered, err := queries.RecoverBatches(ctx, s, before)
	if err != nil {
		s.Close()
		return nil, err
	}
	for _, b := range recovered {
		slog.Warn("unfinished_load_removed", "batch", b.ID, "dataset", b.Dataset, "source", b.Source, "started_at", b.StartedAt)
	}
	return &storeHandle{Store: s, migrated: migrated}, nil
}
