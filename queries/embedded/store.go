package embedded

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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
	// InsertBlockRows is the most rows in one Native block of a bulk
	// insert; default rowbinary.DefaultBlockRows. See insert.go.
	InsertBlockRows int
	// InsertPartRows, when set, is how many rows the engine gathers before
	// it writes them as a part; by default the engine's own setting (about a
	// million rows). Tests lower it to see rows arrive mid-insert.
	InsertPartRows int
	// InsertPartBytes bounds the bytes the engine gathers for a part;
	// default DefaultInsertPartBytes.
	InsertPartBytes int
	// ConfigFile, when set, is a ClickHouse configuration file the engine
	// reads at start (for example remote_servers for a cluster).
	ConfigFile string
}

// DefaultInsertPartBytes is a quarter of the engine's own
// min_insert_block_size_bytes. It bounds wide rows only: a part of the
// large demo's program events closes at about half a million rows, and the
// load of its ten million events peaks at about 0.8 GiB instead of up to
// 1.0 GiB; narrow rows still close a part at the engine's million rows,
// which the engine itself inserts from a file (BENCHMARKS.md).
const DefaultInsertPartBytes = 64 << 20

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
	if o.InsertPartBytes <= 0 {
		o.InsertPartBytes = DefaultInsertPartBytes
	}
	return nil
}

// engine is chDB in this process: one data folder, shared by every store
// opened on it. chDB allows one folder per process at a time.
type engine struct {
	lib      *library
	dir      string
	config   string
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
//
// Its connections form a pool: a slot is taken before a connection is
// opened and given back when it is closed, so the pool never holds more than
// Options.Connections. A statement that runs under a context that ends is
// stopped with KILL QUERY, sent on a connection of its own (control).
type Store struct {
	eng  *engine
	opts Options
	info queries.Info

	idle  chan *conn
	slots chan struct{}
	done  chan struct{} // closed by Close

	mu       sync.Mutex
	closed   bool
	live     int  // connections open or being opened, control included
	released bool // the engine was released
	control  *conn
	ctlMu    sync.Mutex // one KILL at a time on control
}

var _ queries.Store = (*Store)(nil)

// errClosed is the error of a store used after Close.
var errClosed = queries.Unavailable("embedded: store is closed")

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
		done:  make(chan struct{}),
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
	current = &engine{lib: l, dir: opts.Dir, config: opts.ConfigFile, lock: lock, stores: 1, openedAt: time.Now()}
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
	if e.config != "" {
		args = append(args, "--config-file="+e.config)
	}
	argv := make([]*byte, len(args)+1)
	var pin runtime.Pinner
	defer pin.Unpin()
	for i, a := range args {
		b := append([]byte(a), 0)
		argv[i] = &b[0]
		pin.Pin(argv[i])
	}
	pin.Pin(&argv[0])
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
	return strings.TrimSuffix(string(r.data()), "\n"), nil
}

// open opens a connection for the pool or for control, counting it as live
// until it is closed by closeConn.
func (s *Store) open() (*conn, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, errClosed
	}
	s.live++
	s.mu.Unlock()
	c, err := s.eng.connect(s.opts.Database)
	if err != nil {
		s.closeConn(nil)
		return nil, err
	}
	return c, nil
}

// closeConn closes c (if any) and, when it was the last live connection of
// a closed store, releases the engine.
func (s *Store) closeConn(c *conn) {
	if c != nil {
		c.close()
	}
	s.mu.Lock()
	s.live--
	last := s.closed && s.live == 0 && !s.released
	if last {
		s.released = true
	}
	s.mu.Unlock()
	if last {
		releaseEngine(s.eng)
	}
}

// acquire returns an idle connection, or opens one if the pool has a free
// slot, or waits for one to come back.
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
		c, err := s.open()
		if err != nil {
			<-s.slots
			return nil, err
		}
		return c, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("embedded: wait for a connection: %w", ctx.Err())
	case <-s.done:
		return nil, errClosed
	}
}

// release returns a connection to the pool, or closes it if the store is
// closed.
func (s *Store) release(c *conn) {
	s.mu.Lock()
	if !s.closed {
		s.idle <- c // never blocks: there are as many places as slots
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	<-s.slots
	s.closeConn(c)
}

// discard closes a connection that must not be used again and frees its
// slot: a stream that ended in an error leaves the start of its output in
// the connection, which the next statement's result would begin with.
func (s *Store) discard(c *conn) {
	<-s.slots
	s.closeConn(c)
}

// Close closes the store's idle connections at once and the busy ones as
// their rows close; the data folder is released when the last store on it
// has closed its last connection. Callers waiting for a connection get an
// error.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.done)
	var idle []*conn
	for drained := false; !drained; {
		select {
		case c := <-s.idle:
			idle = append(idle, c)
		default:
			drained = true
		}
	}
	control := s.control
	s.control = nil
	noneLive := s.live == 0 && !s.released
	if noneLive {
		s.released = true
	}
	s.mu.Unlock()
	for _, c := range idle {
		<-s.slots
		s.closeConn(c)
	}
	if control != nil {
		s.closeConn(control)
	}
	if noneLive {
		releaseEngine(s.eng)
	}
	return nil
}

// Info describes the engine.
func (s *Store) Info() queries.Info { return s.info }

// tag appends to a statement the comment by which KILL QUERY finds it, and
// returns the tagged text and the tag. A trailing semicolon is dropped, as
// chDB would take the comment after it for a second, empty statement.
func tag(sql string) (string, string) {
	b := make([]byte, 8)
	rand.Read(b)
	t := "careerkpi-query-" + hex.EncodeToString(b)
	sql = strings.TrimRight(sql, " \t\r\n")
	if code := strings.TrimRight(queries.MaskSQL(sql), " \t\r\n"); strings.HasSuffix(code, ";") {
		sql = sql[:len(code)-1]
	}
	return sql + "\n/* " + t + " */", t
}

// watch kills the statement tagged t if ctx ends before stop is called.
func (s *Store) watch(ctx context.Context, t string) (stop func()) {
	if ctx.Done() == nil {
		return func() {}
	}
	stopped := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			if err := s.kill(t); err != nil {
				slog.Warn("embedded_kill_failed", "error", err)
			}
		case <-stopped:
		}
	}()
	return func() { close(stopped) }
}

// kill stops the statement tagged t, on the control connection.
func (s *Store) kill(t string) error {
	s.ctlMu.Lock()
	defer s.ctlMu.Unlock()
	s.mu.Lock()
	c := s.control
	s.mu.Unlock()
	if c == nil {
		var err error
		if c, err = s.open(); err != nil {
			return err
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			s.closeConn(c)
			return errClosed
		}
		s.control = c
		s.mu.Unlock()
	}
	r, err := c.query("KILL QUERY WHERE position(query, {tag:String}) > 0 ASYNC", []string{"tag"}, []string{t}, "Null")
	if err != nil {
		return err
	}
	r.destroy()
	return nil
}

// ctxErr returns the context's error in place of err when ctx ended: the
// statement failed because it was killed.
func ctxErr(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("embedded: %w", ctx.Err())
	}
	return err
}

// Exec runs one statement that returns no rows. If ctx ends first, the
// statement is killed and Exec returns ctx's error.
func (s *Store) Exec(ctx context.Context, sql string, params queries.Params) error {
	names, values, err := queries.Bind(sql, params)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("embedded: %w", err)
	}
	c, err := s.acquire(ctx)
	if err != nil {
		return err
	}
	defer s.release(c)
	sql, t := tag(sql)
	stop := s.watch(ctx, t)
	r, err := c.query(sql, names, values, "Null")
	stop()
	if err != nil {
		return ctxErr(ctx, err)
	}
	r.destroy()
	return nil
}

// isStreamDone reports the error chDB gives when a stream has already ended.
func isStreamDone(err error) bool {
	var e *queries.Error
	return errors.As(err, &e) && e.Code == 0 && e.Message == "No active streaming query"
}
