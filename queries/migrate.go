package queries

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// MinServerVersion is the oldest ClickHouse server that holds careerkpi's
// schema and runs its SQL: 22.8 is the first to take {name:Type} query
// parameters over the native protocol, and the schema uses Date32 (21.9) and
// Bool (21.12).
const MinServerVersion = "22.8"

// Migration is one numbered step of the schema: a single statement, so that
// a failure never leaves half a migration applied. A statement can run again
// (CREATE … IF NOT EXISTS): a crash between applying a migration and
// recording it applies it a second time on the next start.
type Migration struct {
	Version  int
	Name     string
	SQL      string
	Checksum string
}

// AppliedMigration is a migration recorded in schema_migrations.
type AppliedMigration struct {
	Version   uint32    `ch:"version"`
	Name      string    `ch:"name"`
	Checksum  string    `ch:"checksum"`
	AppliedAt time.Time `ch:"applied_at"`
}

var migrationName = regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)

// Schema returns careerkpi's migrations in order.
func Schema() []Migration {
	ms, err := ReadMigrations(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the files are embedded: a bad one fails every test
	}
	return ms
}

// ReadMigrations reads the NNNN_name.sql files in dir of fsys. Versions must
// start at 1 and have no gaps.
func ReadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("queries: read migrations: %w", err)
	}
	var ms []Migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("queries: migration file %q is not named NNNN_name.sql", e.Name())
		}
		v, _ := strconv.Atoi(m[1])
		if v != len(ms)+1 {
			return nil, fmt.Errorf("queries: migration %s: expected version %04d", e.Name(), len(ms)+1)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("queries: read migration %s: %w", e.Name(), err)
		}
		sql := strings.TrimSuffix(strings.TrimSpace(string(b)), ";")
		if sql == "" {
			return nil, fmt.Errorf("queries: migration %s is empty", e.Name())
		}
		if err := CheckSingleStatement(sql); err != nil {
			return nil, fmt.Errorf("queries: migration %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256([]byte(sql))
		ms = append(ms, Migration{Version: v, Name: e.Name(), SQL: sql, Checksum: hex.EncodeToString(sum[:])})
	}
	return ms, nil
}

var (
	sqlMigrationsCreate  = SQL("schema_migrations_create")
	sqlMigrationsApplied = SQL("schema_migrations_applied")
)

// AppliedMigrations returns the migrations recorded in the store, none if
// it was never migrated. It only reads.
func AppliedMigrations(ctx context.Context, s Store) ([]AppliedMigration, error) {
	applied, err := Select[AppliedMigration](ctx, s, sqlMigrationsApplied, nil)
	if Code(err) == codeUnknownTable {
		return []AppliedMigration{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("queries: read schema_migrations: %w", err)
	}
	return applied, nil
}

// codeUnknownTable is ClickHouse's UNKNOWN_TABLE.
const codeUnknownTable = 60

// Migrate applies the migrations of ms not yet recorded in the store, in
// order, and returns those it applied. It refuses to run if a recorded
// migration's checksum differs from its file (migrations are never edited
// after they land) or if the store records a version ms does not know (the
// store was migrated by a newer careerkpi).
//
// On a cluster (a ClusterStore), each migration is laid out as Cluster.Layout
// says — local tables on every node, a Distributed table over them — and
// schema_migrations too, so that every node sees the same record.
func Migrate(ctx context.Context, s Store, ms []Migration) ([]Migration, error) {
	if err := execSchema(ctx, s, sqlMigrationsCreate); err != nil {
		return nil, fmt.Errorf("queries: create schema_migrations: %w", err)
	}
	applied, err := AppliedMigrations(ctx, s)
	if err != nil {
		return nil, err
	}
	done := map[int]bool{}
	for _, a := range applied {
		v := int(a.Version)
		if v < 1 {
			return nil, fmt.Errorf("queries: schema_migrations records version %d, which no migration has", v)
		}
		if v > len(ms) {
			return nil, fmt.Errorf("queries: the store has migration %04d (%s), newer than this careerkpi knows: upgrade careerkpi", v, a.Name)
		}
		if m := ms[v-1]; a.Checksum != m.Checksum {
			return nil, fmt.Errorf("queries: migration %s was changed after it was applied (recorded checksum %.12s, file %.12s): add a new migration instead", m.Name, a.Checksum, m.Checksum)
		}
		done[v] = true
	}
	// Apply the pending migrations, then record them in one insert. Every
	// migration can run twice, so a crash before the record only means
	// applying again on the next start.
	var ran []Migration
	record := func() error {
		if len(ran) == 0 {
			return nil
		}
		now := time.Now().UTC()
		recs := make([]AppliedMigration, len(ran))
		for i, m := range ran {
			recs[i] = AppliedMigration{Version: uint32(m.Version), Name: m.Name, Checksum: m.Checksum, AppliedAt: now}
		}
		if _, err := s.Insert(ctx, "schema_migrations", Slice(recs)); err != nil {
			return fmt.Errorf("queries: record migrations: %w", err)
		}
		return nil
	}
	for _, m := range ms {
		if done[m.Version] {
			continue
		}
		err := ctx.Err()
		if err == nil {
			if err = execSchema(ctx, s, m.SQL); err != nil {
				err = fmt.Errorf("queries: apply migration %s: %w", m.Name, err)
			}
		}
		if err != nil {
			if rerr := record(); rerr != nil {
				err = errors.Join(err, rerr)
			}
			return ran, err
		}
		ran = append(ran, m)
	}
	if err := record(); err != nil {
		return nil, err
	}
	return ran, nil
}

// execSchema applies one statement of the schema: as it is on one node, or
// laid out on the cluster.
func execSchema(ctx context.Context, s Store, sql string) error {
	cs := clusterStore(s)
	if cs == nil {
		return s.Exec(ctx, sql, nil)
	}
	stmts, err := cs.Cluster().Layout(sql, s.Info().Database)
	if err != nil {
		return err
	}
	for _, stmt := range stmts {
		if err := cs.ExecDDL(ctx, stmt, nil); err != nil {
			return err
		}
	}
	return nil
}

// MigrateSchema brings the store's schema up to date, after checking that
// the server is recent enough to hold it.
func MigrateSchema(ctx context.Context, s Store) ([]Migration, error) {
	if err := CheckVersion(s.Info().Version); err != nil {
		return nil, err
	}
	return Migrate(ctx, s, Schema())
}

// CheckVersion reports ErrUnsupported if version is older than MinServerVersion.
func CheckVersion(version string) error {
	older, err := versionLess(version, MinServerVersion)
	if err != nil {
		return fmt.Errorf("queries: %w", err)
	}
	if older {
		return Unsupported("queries: ClickHouse %s is older than %s, the oldest that holds careerkpi's schema (it needs query parameters over the native protocol, Date32 and Bool)",
			version, MinServerVersion)
	}
	return nil
}

// versionLess reports whether dotted version a is older than b.
func versionLess(a, b string) (bool, error) {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pb); i++ {
		if i >= len(pa) {
			return true, nil
		}
		x, err := strconv.Atoi(pa[i])
		if err != nil {
			return false, fmt.Errorf("unreadable ClickHouse version %q", a)
		}
		y, _ := strconv.Atoi(pb[i])
		if x != y {
			return x < y, nil
		}
	}
	return false, nil
}
