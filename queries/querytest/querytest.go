// Package querytest opens real ClickHouse stores for tests: the embedded
// engine on a temporary data folder, and a ClickHouse server — the one named
// by CAREERKPI_TEST_CLICKHOUSE_DSN, or else a Debian clickhouse-server that
// this package starts on free loopback ports. Every store gets a database of
// its own, dropped when the test ends. There are no mocks of the store.
//
// A package whose tests use it calls Main from its TestMain, which removes
// the temporary folders and stops the server when the tests are done.
package querytest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/server"
)

// LibraryVariable names the libchdb.so to load, as in the product's
// configuration; empty means the default places (see embedded.DefaultLibraryPaths).
const LibraryVariable = "CAREERKPI_CHDB_LIBRARY"

// DSNVariable names the ClickHouse server the server cases run against
// instead of a server started here.
const DSNVariable = "CAREERKPI_TEST_CLICKHOUSE_DSN"

// ClusterVariable, beside DSNVariable, names a cluster of that server's
// remote_servers: the server cases then lay their schema out on it.
const ClusterVariable = "CAREERKPI_TEST_CLICKHOUSE_CLUSTER"

var (
	mu         sync.Mutex
	dataDir    string
	srv        *Server
	srvErr     error
	srvStarted bool
)

// Main runs the tests and then releases what the package's tests started.
func Main(m *testing.M) {
	code := m.Run()
	mu.Lock()
	if srv != nil {
		srv.Stop()
	}
	if dataDir != "" {
		os.RemoveAll(dataDir)
	}
	mu.Unlock()
	os.Exit(code)
}

// DataDir returns the embedded engine's data folder for this test process.
func DataDir(t testing.TB) string {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if dataDir == "" {
		d, err := os.MkdirTemp("", "careerkpi-test-data-")
		if err != nil {
			t.Fatalf("querytest: make data folder: %v", err)
		}
		dataDir = d
	}
	return dataDir
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// DatabaseName returns a fresh database name for t.
func DatabaseName(t testing.TB) string {
	b := make([]byte, 4)
	rand.Read(b)
	name := strings.Trim(unsafeChars.ReplaceAllString(t.Name(), "_"), "_")
	if len(name) > 40 {
		name = name[:40]
	}
	return "t_" + name + "_" + hex.EncodeToString(b)
}

// Embedded opens an embedded store with a database of its own.
func Embedded(t testing.TB) *embedded.Store {
	t.Helper()
	return EmbeddedWith(t, embedded.Options{})
}

// EmbeddedWith is like Embedded with options; Dir and Database are set here.
func EmbeddedWith(t testing.TB, opts embedded.Options) *embedded.Store {
	t.Helper()
	opts.Dir, opts.Database = DataDir(t), DatabaseName(t)
	if opts.Library == "" {
		opts.Library = os.Getenv(LibraryVariable)
	}
	if opts.Connections == 0 {
		opts.Connections = 4
	}
	s, err := embedded.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("querytest: open the embedded engine: %v", err)
	}
	t.Cleanup(func() {
		dropDatabase(t, s)
		s.Close()
	})
	return s
}

// ServerDSN returns the DSN of the test server, starting one if needed. It
// fails the test loudly when no server can be had.
func ServerDSN(t testing.TB) string {
	t.Helper()
	if dsn := os.Getenv(DSNVariable); dsn != "" {
		return dsn
	}
	return StartedServer(t).DSN()
}

// StartedServer returns the clickhouse-server this package started, starting
// it on first use. Tests that restart it or use its TLS port need it even when
// CAREERKPI_TEST_CLICKHOUSE_DSN names another server.
func StartedServer(t testing.TB) *Server {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if !srvStarted {
		srvStarted = true
		srv, srvErr = StartServer()
	}
	if srvErr != nil {
		t.Fatalf("querytest: %v", srvErr)
	}
	return srv
}

// OnServer opens a server store on dsn with a database of its own.
func OnServer(t testing.TB, dsn string, opts server.Options) *server.Store {
	t.Helper()
	opts.DSN = WithDatabase(dsn, DatabaseName(t))
	if opts.Connections == 0 {
		opts.Connections = 4
	}
	s, err := server.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("querytest: open the server store: %v", err)
	}
	t.Cleanup(func() {
		dropDatabase(t, s)
		s.Close()
	})
	return s
}

// ServerStore opens a store on the test server with a database of its own
// (on the cluster ClusterVariable names, when it and DSNVariable are set).
func ServerStore(t testing.TB) *server.Store {
	t.Helper()
	var opts server.Options
	if os.Getenv(DSNVariable) != "" {
		opts.Cluster = os.Getenv(ClusterVariable)
	}
	return OnServer(t, ServerDSN(t), opts)
}

// WithDatabase returns dsn, a clickhouse:// DSN, with its database set to db.
func WithDatabase(dsn, db string) string {
	base, query, _ := strings.Cut(dsn, "?")
	scheme, rest, _ := strings.Cut(base, "://")
	host, _, _ := strings.Cut(rest, "/")
	out := scheme + "://" + host + "/" + db
	if query != "" {
		out += "?" + query
	}
	return out
}

func dropDatabase(t testing.TB, s queries.Store) {
	q, err := queries.QuoteIdentifier(s.Info().Database)
	if err != nil {
		return
	}
	if c := queries.ClusterOf(s); c != nil {
		q += c.OnCluster()
	}
	if err := queries.ExecDDL(context.Background(), s, "DROP DATABASE IF EXISTS "+q, nil); err != nil {
		t.Logf("querytest: drop database %s: %v", s.Info().Database, err)
	}
}

// Backend is one store implementation under test.
type Backend struct {
	Name string
	Open func(t testing.TB) queries.Store
}

// Backends returns the embedded engine and the server, for contract tests
// that must pass on both.
func Backends() []Backend {
	return []Backend{
		{Name: "embedded", Open: func(t testing.TB) queries.Store { return Embedded(t) }},
		{Name: "server", Open: func(t testing.TB) queries.Store { return ServerStore(t) }},
	}
}

// Lacks reports whether s is a server older than the oldest that runs
// careerkpi's schema and SQL, giving the reason; contract cases that need
// the full SQL say so and leave the case to the backends that can run it.
func Lacks(s queries.Store) (bool, string) {
	if err := queries.CheckVersion(s.Info().Version); err != nil {
		return true, fmt.Sprintf("ClickHouse %s predates %s (no query parameters over the native protocol, no Date32 or Bool); the embedded engine covers this case, and %s=clickhouse://… runs it on a current server",
			s.Info().Version, queries.MinServerVersion, DSNVariable)
	}
	return false, ""
}
