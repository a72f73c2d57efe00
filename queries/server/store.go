package server

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"time"

	sqldriver "database/sql/driver"
	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/ClickHouse/clickhouse-go/v2/lib/proto"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

// Options configure a server store.
type Options struct {
	// DSN is the server's address in clickhouse-go's form, such as
	// clickhouse://user:password@host:9000/careerkpi?secure=true.
	DSN string
	// Password, when set, replaces the DSN's password (so that it need not
	// appear in a DSN on a command line).
	Password string
	// CAFile is a PEM file of certificate authorities to trust for TLS;
	// setting it turns TLS on.
	CAFile string
	// Database is used when the DSN names none; default "careerkpi".
	Database string
	// Connections is the most connections the store opens; default 8.
	Connections int
	// InsertBlockRows is the rows sent per INSERT of a bulk insert; default 100,000.
	InsertBlockRows int
	// Cluster, when set, names the cluster in the servers' remote_servers
	// that careerkpi lays its tables out on (see queries.Cluster); the DSN
	// names the node careerkpi talks to.
	Cluster string
}

// minParametersRevision is the native protocol revision that carries
// {name:Type} query parameters (ClickHouse 22.8).
const minParametersRevision = 54459

// Store is a ClickHouse server or cluster as a queries.Store.
type Store struct {
	conn   driver.Conn
	info   queries.Info
	params bool // the server takes query parameters
	opts   Options
	co     *clickhouse.Options // the entry node's options, for the other nodes

	cluster *queries.Cluster // nil on a single server
	nodesMu sync.Mutex
	nodes   map[string]driver.Conn // by host:port, opened on first DDL
}

var _ queries.Store = (*Store)(nil)

// Open connects to the server, creating the database if it does not exist.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if opts.DSN == "" {
		return nil, queries.Unavailable("server: no ClickHouse DSN; set --clickhouse or CAREERKPI_CLICKHOUSE_DSN")
	}
	if !strings.HasPrefix(opts.DSN, "clickhouse://") {
		return nil, fmt.Errorf("server: DSN %q must start with clickhouse:// (the native protocol, port 9000 or 9440 with TLS)", redact(opts.DSN))
	}
	co, err := clickhouse.ParseDSN(opts.DSN)
	if err != nil {
		return nil, fmt.Errorf("server: DSN %q: %w", redact(opts.DSN), err)
	}
	if opts.Password != "" {
		co.Auth.Password = opts.Password
	}
	if co.Auth.Database == "" {
		co.Auth.Database = opts.Database
		if co.Auth.Database == "" {
			co.Auth.Database = "careerkpi"
		}
	}
	if _, err := queries.QuoteIdentifier(co.Auth.Database); err != nil {
		return nil, fmt.Errorf("server: database name: %w", err)
	}
	if opts.CAFile != "" {
		pem, err := os.ReadFile(opts.CAFile)
		if err != nil {
			return nil, fmt.Errorf("server: read CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("server: CA file %s holds no PEM certificates", opts.CAFile)
		}
		if co.TLS == nil {
			co.TLS = &tls.Config{}
		}
		co.TLS.RootCAs = pool
	}
	if opts.Connections <= 0 {
		opts.Connections = 8
	}
	if opts.InsertBlockRows <= 0 {
		opts.InsertBlockRows = 100_000
	}
	co.MaxOpenConns = opts.Connections
	co.MaxIdleConns = opts.Connections
	if co.DialTimeout == 0 || co.DialTimeout > 10*time.Second {
		co.DialTimeout = 5 * time.Second
	}
	if opts.Cluster != "" {
		if _, err := queries.QuoteIdentifier(opts.Cluster); err != nil {
			return nil, fmt.Errorf("server: cluster name: %w", err)
		}
		if co.Settings == nil {
			co.Settings = clickhouse.Settings{}
		}
		// An INSERT through a Distributed table returns once every shard
		// holds its rows, so a batch commits only after all of them.
		co.Settings["insert_distributed_sync"] = 1
	}

	conn, err := connect(ctx, co)
	var ex *proto.Exception
	if errors.As(err, &ex) && ex.Code == 81 { // UNKNOWN_DATABASE: create it, then connect again
		db := co.Auth.Database
		boot := *co
		boot.Auth.Database = ""
		if err = createDatabase(ctx, &boot, db); err == nil {
			conn, err = connect(ctx, co)
		}
	}
	if err != nil {
		return nil, unavailable(co, err)
	}
	sv, err := conn.ServerVersion()
	if err != nil {
		conn.Close()
		return nil, unavailable(co, err)
	}
	if opts.Cluster != "" && sv.Revision > proto.DBMS_MIN_REVISION_WITH_SETTINGS_SERIALIZED_AS_STRINGS {
		// A subquery or JOIN over a Distributed table inside a distributed
		// query is computed once and sent to the shards: the same result
		// as on one node, whatever the sharding key. The setting is a
		// string, which clickhouse-go sends only to servers that take
		// settings as strings (20.x on: every server that holds careerkpi's
		// schema).
		conn.Close()
		co.Settings["distributed_product_mode"] = "global"
		if conn, err = connect(ctx, co); err != nil {
			return nil, unavailable(co, err)
		}
	}
	s := &Store{
		conn:   conn,
		params: sv.Revision >= minParametersRevision,
		opts:   opts,
		co:     co,
		info: queries.Info{
			Backend:  "server",
			Version:  fmt.Sprintf("%d.%d.%d", sv.Version.Major, sv.Version.Minor, sv.Version.Patch),
			Database: co.Auth.Database,
			Location: strings.Join(co.Addr, ","),
			OpenedAt: time.Now(),
		},
	}
	if opts.Cluster != "" {
		if err := s.joinCluster(ctx, opts.Cluster); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

func connect(ctx context.Context, co *clickhouse.Options) (driver.Conn, error) {
	conn, err := clickhouse.Open(co)
	if err != nil {
		return nil, err
	}
	if err := conn.Ping(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

func createDatabase(ctx context.Context, co *clickhouse.Options, db string) error {
	conn, err := connect(ctx, co)
	if err != nil {
		return err
	}
	defer conn.Close()
	q, _ := queries.QuoteIdentifier(db)
	if err := conn.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+q); err != nil {
		return fmt.Errorf("create database %s: %w", db, convertError(err))
	}
	return nil
}

// unavailable explains a failure to reach the server.
func unavailable(co *clickhouse.Options, err error) error {
	var ex *proto.Exception
	if errors.As(err, &ex) {
		return fmt.Errorf("server: ClickHouse at %s refused the connection: %w", strings.Join(co.Addr, ","), convertError(err))
	}
	return queries.Unavailable("server: cannot reach ClickHouse at %s (%v); check the DSN given with --clickhouse or CAREERKPI_CLICKHOUSE_DSN, and that the server is up",
		strings.Join(co.Addr, ","), err)
}

// redact hides the password of a DSN in messages.
func redact(dsn string) string {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return dsn
	}
	userinfo, host, ok := strings.Cut(rest, "@")
	if !ok {
		return dsn
	}
	if user, _, hasPass := strings.Cut(userinfo, ":"); hasPass {
		return scheme + "://" + user + ":***@" + host
	}
	return dsn
}

// convertError turns a server exception into a *queries.Error.
func convertError(err error) error {
	var ex *proto.Exception
	if errors.As(err, &ex) {
		return &queries.Error{Code: int(ex.Code), Name: ex.CodeName, Message: strings.TrimSpace(ex.Message)}
	}
	return err
}

// isConnError reports an error of the connection rather than of the
// statement. (A context's deadline error also looks like a net.Error: check
// the context first.)
func isConnError(err error) bool {
	var ne net.Error
	return errors.Is(err, sqldriver.ErrBadConn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.As(err, &ne)
}

// ctxDone returns the context's error, counting a deadline that has passed
// as exceeded even before the context notices: clickhouse-go turns the
// deadline into the socket's, whose timeout can come first.
func ctxDone(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if dl, ok := ctx.Deadline(); ok && !time.Now().Before(dl) {
		return context.DeadlineExceeded
	}
	return nil
}

// bind checks the parameters and attaches them to the context.
func (s *Store) bind(ctx context.Context, sql string, params queries.Params) (context.Context, error) {
	names, values, err := queries.Bind(sql, params)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return ctx, nil
	}
	if !s.params {
		return nil, queries.Unsupported("server: ClickHouse %s cannot take query parameters ({name:Type}) over the native protocol; careerkpi needs %s or newer",
			s.info.Version, queries.MinServerVersion)
	}
	p := make(clickhouse.Parameters, len(names))
	for i, n := range names {
		p[n] = values[i]
	}
	return clickhouse.Context(ctx, clickhouse.WithParameters(p)), nil
}

// Exec runs one statement that returns no rows.
func (s *Store) Exec(ctx context.Context, sql string, params queries.Params) error {
	ctx, err := s.bind(ctx, sql, params)
	if err != nil {
		return err
	}
	if err := s.conn.Exec(ctx, sql); err != nil {
		return s.wrap(ctx, err)
	}
	return nil
}

// wrap explains an error of a statement: the context's end, a lost
// connection, or ClickHouse's own error.
func (s *Store) wrap(ctx context.Context, err error) error {
	if err := ctxDone(ctx); err != nil {
		return fmt.Errorf("server: %w", err)
	}
	if isConnError(err) {
		return queries.Unavailable("server: lost the connection to ClickHouse at %s (%v)", s.info.Location, err)
	}
	return convertError(err)
}

// Query runs one statement and streams its rows. A query that fails because
// a pooled connection broke (the server restarted) is retried once on a new
// connection: reading twice changes nothing.
func (s *Store) Query(ctx context.Context, sql string, params queries.Params) (queries.Rows, error) {
	ctx, err := s.bind(ctx, sql, params)
	if err != nil {
		return nil, err
	}
	r, err := s.conn.Query(ctx, sql)
	if err != nil && isConnError(err) && ctxDone(ctx) == nil {
		r, err = s.conn.Query(ctx, sql)
	}
	if err != nil {
		return nil, s.wrap(ctx, err)
	}
	rows, err := newRows(r)
	if err != nil {
		r.Close()
		return nil, err
	}
	rows.ctx, rows.s = ctx, s
	return rows, nil
}

// Insert appends the rows of src to table in INSERTs of InsertBlockRows rows.
func (s *Store) Insert(ctx context.Context, table string, src queries.Source) (int64, error) {
	cols, err := src.Columns()
	if err != nil {
		return 0, err
	}
	qt, err := queries.QuoteIdentifier(table)
	if err != nil {
		return 0, err
	}
	qcols := make([]string, len(cols))
	for i, c := range cols {
		if qcols[i], err = queries.QuoteIdentifier(c); err != nil {
			return 0, err
		}
	}
	// The column list is required: without it the server expects no columns.
	sql := "INSERT INTO " + qt + " (" + strings.Join(qcols, ", ") + ")"
	prepare := func() (driver.Batch, error) {
		b, err := s.conn.PrepareBatch(ctx, sql)
		if err != nil && isConnError(err) && ctxDone(ctx) == nil {
			b, err = s.conn.PrepareBatch(ctx, sql)
		}
		if err != nil {
			return nil, fmt.Errorf("server: insert into %s: %w", table, s.wrap(ctx, err))
		}
		return b, nil
	}
	batch, err := prepare()
	if err != nil {
		return 0, err
	}
	defer func() {
		if batch != nil && !batch.IsSent() {
			batch.Abort()
		}
	}()
	types := make([]*rowbinary.Type, len(cols))
	for i, c := range batch.Columns() {
		if i >= len(types) {
			break
		}
		if types[i], err = rowbinary.Parse(string(c.Type())); err != nil {
			return 0, fmt.Errorf("server: insert into %s: column %s: %w", table, cols[i], err)
		}
	}
	var written int64
	values := make([]any, len(cols))
	emit := func(row []byte) error {
		off := 0
		for i, t := range types {
			v, n, err := rowbinary.Decode(t, row, off)
			if err != nil {
				return fmt.Errorf("server: insert into %s: column %s: %w", table, cols[i], err)
			}
			values[i], off = v, n
		}
		if err := batch.Append(values...); err != nil {
			return fmt.Errorf("server: insert into %s: %w", table, err)
		}
		if batch.Rows() >= s.opts.InsertBlockRows {
			n := int64(batch.Rows())
			if err := batch.Send(); err != nil {
				return fmt.Errorf("server: insert into %s: %w", table, s.wrap(ctx, err))
			}
			written += n
			if batch, err = prepare(); err != nil {
				return err
			}
		}
		return nil
	}
	if err := src.WriteRows(types, emit); err != nil {
		return written, err
	}
	if n := int64(batch.Rows()); n > 0 {
		if err := batch.Send(); err != nil {
			return written, fmt.Errorf("server: insert into %s: %w", table, s.wrap(ctx, err))
		}
		written += n
	}
	return written, nil
}

// Info describes the server.
func (s *Store) Info() queries.Info { return s.info }

// Close closes the store's connections.
func (s *Store) Close() error {
	s.nodesMu.Lock()
	defer s.nodesMu.Unlock()
	errs := []error{s.conn.Close()}
	for addr, c := range s.nodes {
		errs = append(errs, c.Close())
		delete(s.nodes, addr)
	}
	return errors.Join(errs...)
}

// rows adapts clickhouse-go's rows to queries.Rows, converting each value
// with rowbinary.Convert so that both backends scan alike.
type rows struct {
	ctx     context.Context
	s       *Store
	r       driver.Rows
	cols    []rowbinary.Column
	holders []reflect.Value
	direct  []bool // the driver's value can be copied as it is
	ptrs    []any
	closed  bool
}

// newRows wraps r. A column of a type careerkpi does not read (Decimal,
// Tuple, Map, …) is refused here, as the embedded engine refuses it.
func newRows(r driver.Rows) (*rows, error) {
	cts := r.ColumnTypes()
	out := &rows{r: r, cols: make([]rowbinary.Column, len(cts)), holders: make([]reflect.Value, len(cts)), direct: make([]bool, len(cts)), ptrs: make([]any, len(cts))}
	for i, ct := range cts {
		t, err := rowbinary.Parse(ct.DatabaseTypeName())
		if err != nil {
			return nil, fmt.Errorf("server: column %s: %w", ct.Name(), err)
		}
		out.cols[i] = rowbinary.Column{Name: ct.Name(), Type: t}
		out.holders[i] = reflect.New(ct.ScanType())
		out.ptrs[i] = out.holders[i].Interface()
		// Times come from the driver in the server's time zone; they go
		// through Convert, which gives dates at midnight UTC as the
		// embedded engine does.
		out.direct[i] = !holdsTime(ct.ScanType())
	}
	return out, nil
}

var timeType = reflect.TypeFor[time.Time]()

// holdsTime reports whether values of t contain a time.Time.
func holdsTime(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsTime(t.Elem())
	}
	return t == timeType
}

func (r *rows) Columns() []rowbinary.Column { return r.cols }

func (r *rows) Next() bool {
	if r.closed {
		return false
	}
	if !r.r.Next() {
		r.Close()
		return false
	}
	return true
}

func (r *rows) Scan(dest ...any) error {
	if len(dest) != len(r.cols) {
		return fmt.Errorf("server: %d destinations for %d columns", len(dest), len(r.cols))
	}
	if err := r.r.Scan(r.ptrs...); err != nil {
		return r.s.wrap(r.ctx, err)
	}
	for i, d := range dest {
		h := r.holders[i]
		dv := reflect.ValueOf(d)
		if r.direct[i] && dv.Kind() == reflect.Pointer && !dv.IsNil() && dv.Type() == h.Type() {
			dv.Elem().Set(h.Elem()) // the destination has the driver's own type
			continue
		}
		if err := rowbinary.Convert(r.cols[i].Type, h.Elem().Interface(), d); err != nil {
			return fmt.Errorf("column %s: %w", r.cols[i].Name, err)
		}
	}
	return nil
}

func (r *rows) Err() error {
	if err := r.r.Err(); err != nil {
		return r.s.wrap(r.ctx, err)
	}
	return nil
}

func (r *rows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	return r.r.Close()
}
