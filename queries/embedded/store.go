package embedded

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"github.com/careerkpi/careerkpi/queries"
)

// Options configure an embedded store.
type Options struct {
	// Dir is the data folder; the engine keeps its files in Dir/clickhouse.
	// Default "./data".
	Dir string
	// Library is the path of libchdb.so; empty means DefaultLibraryPaths.
	Library string
	// Database is the database the store works in; default "careerkpi".
	Database string
	// Connections is the most connections the store opens; default 4.
	Connections int
	// InsertChunkBytes is the size of the first staged file of a bulk
	// insert; each next one is four times larger, up to InsertChunkMaxBytes.
	// Defaults 64 MiB and 256 MiB; see insert.go.
	InsertChunkBytes    int
	InsertChunkMaxBytes int
}

func (o *Options) defaults() error {
	if o.Dir == "" {
		o.Dir = "data"
	}
	abs, err := filepath.Abs(o.Dir)
	if err != nil {
		return fmt.Errorf("embedded: data folder %s: %w", o.Dir, err)
	}
	o.Dir = abs
	if o.Database == "" {
		o.Database = "careerkpi"
	}
	if _, err := queries.QuoteIdentifier(o.Database); err != nil {
		return fmt.Errorf("embedded: database name: %w", err)
	}
	if o.Connections <= 0 {
		o.Connections = 4
	}
	if o.InsertChunkBytes <= 0 {
		o.InsertChunkBytes = 64 << 20
	}
	if o.InsertChunkMaxBytes < o.InsertChunkBytes {
		o.InsertChunkMaxBytes = max(o.InsertChunkBytes, 256<<20)
	}
	return nil
}

// engine is chDB in this process: one data folder, shared by every store
// opened on it. chDB allows one folder per process at a time.
type engine struct {
	lib      *library
	dir      string
	lock     *folderLock
	stores   int
	openedAt time.Time

	connMu  sync.Mutex // serialises chdb_connect with the signal restore around it
	version string
}

var (
	engineMu sync.Mutex
	current  *engine
)

// Store is the embedded ClickHouse engine (chDB) as a queries.Store.
type Store struct {
	eng  *engine
	opts Options
	info queries.Info

	idle  chan *conn
	slots chan struct{}

	mu     sync.Mutex
	closed bool
	open   map[*conn]bool
}

var _ queries.Store = (*Store)(nil)

// Open opens the embedded engine on opts.Dir, loading libchdb.so on first
// use, and creates the database if needed. Several stores may be open on the
// same folder at once (each with its own connections and database); a store
// on another folder must wait until they are all closed.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	eng, err := acquireEngine(opts)
	if err != nil {
		return nil, err
	}
	s := &Store{
		eng:   eng,
		opts:  opts,
		idle:  make(chan *conn, opts.Connections),
		slots: make(chan struct{}, opts.Connections),
		open:  map[*conn]bool{},
	}
	c, err := s.acquire(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.release(c)
	s.info = queries.Info{
		Backend:   "embedded",
		Version:   eng.version,
		Database:  opts.Database,
		Location:  opts.Dir,
		Exclusive: true,
		OpenedAt:  eng.openedAt,
	}
	return s, nil
}

func acquireEngine(opts Options) (*engine, error) {
	engineMu.Lock()
	defer engineMu.Unlock()
	if current != nil {
		if current.dir != opts.Dir {
			return nil, fmt.Errorf("embedded: this process already has data folder %s open; close it before opening %s", current.dir, opts.Dir)
		}
		current.stores++
		return current, nil
	}
	l, err := loadLibrary(opts.Library)
	if err != nil {
		return nil, err
	}
	lock, err := lockFolder(opts.Dir)
	if err != nil {
		return nil, err
	}
	staging := filepath.Join(opts.Dir, "staging")
	if err := os.RemoveAll(staging); err != nil {
		lock.release()
		return nil, unwritable(opts.Dir, err)
	}
	if err := os.MkdirAll(staging, 0o750); err != nil {
		lock.release()
		return nil, unwritable(opts.Dir, err)
	}
	current = &engine{lib: l, dir: opts.Dir, lock: lock, stores: 1, openedAt: time.Now()}
	return current, nil
}

func releaseEngine(e *engine) {
	engineMu.Lock()
	defer engineMu.Unlock()
	e.stores--
	if e.stores == 0 {
		e.lock.release()
		if current == e {
			current = nil
		}
	}
}

// connect opens a chDB connection on the engine's folder and makes db its
// current database.
func (e *engine) connect(db string) (*conn, error) {
	e.connMu.Lock()
	defer e.connMu.Unlock()
	args := []string{"careerkpi", "--path=" + filepath.Join(e.dir, "clickhouse")}
	argv := make([]*byte, len(args)+1)
	for i, a := range args {
		b := append([]byte(a), 0)
		argv[i] = &b[0]
	}
	saved := saveSignals()
	ptr := e.lib.connect(int32(len(args)), &argv[0])
	if restored := saved.restore(); len(restored) > 0 {
		slog.Debug("chdb_signals_restored", "signals", restored)
	}
	runtime.KeepAlive(argv)
	if ptr == nil {
		return nil, queries.Unavailable("embedded: chDB could not open data folder %s (the engine wrote its reason to standard error)", e.dir)
	}
	c := &conn{lib: e.lib, ptr: ptr, handle: *(*unsafe.Pointer)(ptr)}
	if e.version == "" {
		v, err := c.scalar("SELECT version()")
		if err != nil {
			c.close()
			return nil, fmt.Errorf("embedded: read engine version: %w", err)
		}
		if err := checkEngineVersion(e.lib.path, v); err != nil {
			c.close()
			return nil, err
		}
		e.version = v
	}
	q, _ := queries.QuoteIdentifier(db)
	for _, sql := range []string{"CREATE DATABASE IF NOT EXISTS " + q, "USE " + q} {
		r, err := c.query(sql, nil, nil, "TSV")
		if err != nil {
			c.close()
			return nil, fmt.Errorf("embedded: %s: %w", sql, err)
		}
		r.destroy()
	}
	return c, nil
}

// scalar runs a query returning one text value.
func (c *conn) scalar(sql string) (string, error) {
	r, err := c.query(sql, nil, nil, "TSVRaw")
	if err != nil {
		return "", err
	}
	defer r.destroy()
	s := string(r.data())
	if n := len(s); n > 0 && s[n-1] == '\n' {
		s = s[:n-1]
	}
	return s, nil
}

// acquire returns an idle connection, or opens one if the store has fewer
// than Options.Connections, or waits for one to come back.
func (s *Store) acquire(ctx context.Context) (*conn, error) {
	select {
	case c := <-s.idle:
		return c, nil
	default:
	}
	select {
	case c := <-s.idle:
		return c, nil
	case s.slots <- struct{}{}:
		s.mu.Lock()
		closed := s.closed
		s.mu.Unlock()
		if closed {
			<-s.slots
			return nil, errClosed
		}
		c, err := s.eng.connect(s.opts.Database)
		if err != nil {
			<-s.slots
			return nil, err
		}
		s.mu.Lock()
		s.open[c] = true
		s.mu.Unlock()
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

var errClosed = queries.Unavailable("embedded: store is closed")

// release returns a connection to the pool, or closes it if the store is
// closed; the last connection of a closed store releases the engine.
func (s *Store) release(c *conn) {
	s.mu.Lock()
	if !s.closed {
		s.idle <- c
		s.mu.Unlock()
		return
	}
	delete(s.open, c)
	c.close()
	last := len(s.open) == 0
	s.mu.Unlock()
	if last {
		releaseEngine(s.eng)
	}
}

// Exec runs one statement that returns no rows.
func (s *Store) Exec(ctx context.Context, sql string, params queries.Params) error {
	names, values, err := queries.Bind(sql, params)
	if err != nil {
		return err
	}
	c, err := s.acquire(ctx)
	if err != nil {
		return err
	}
	defer s.release(c)
	r, err := c.query(sql, names, values, "Null")
	if err != nil {
		return err
	}
	r.destroy()
	return nil
}

// Info describes the engine.
func (s *Store) Info() queries.Info { return s.info }

// Close closes the store's idle connections at once and the busy ones as
// their rows close; the data folder is released when the last store on it
// has closed its last connection.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	for drained := false; !drained; {
		select {
		case c := <-s.idle:
			delete(s.open, c)
			c.close()
		default:
			drained = true
		}
	}
	last := len(s.open) == 0
	s.mu.Unlock()
	if last {
		releaseEngine(s.eng)
	}
	return nil
}
