package queries

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

// Store is ClickHouse as careerkpi uses it: the embedded engine (package
// embedded) or a ClickHouse server or cluster (package server). Both take the
// same SQL and return the same Go values.
//
// A Store is safe for concurrent use. Values never enter SQL text: they travel
// as {name:Type} parameters, and the few identifiers that vary (database and
// table names) come from allow-lists and are quoted by QuoteIdentifier.
type Store interface {
	// Exec runs one statement that returns no rows.
	Exec(ctx context.Context, sql string, params Params) error
	// Query runs one statement and streams its rows. The caller must Close
	// the rows; they hold a connection until then.
	Query(ctx context.Context, sql string, params Params) (Rows, error)
	// Insert appends the rows of src to table and returns the number of rows
	// written. A large input reaches the table in several blocks, so a
	// failure part-way may leave some of its rows there: loads stay
	// invisible until their batch commits (see Batch).
	Insert(ctx context.Context, table string, src Source) (int64, error)
	// Info describes the backend.
	Info() Info
	// Close releases the store's connections.
	Close() error
}

// Info describes a store's backend.
type Info struct {
	// Backend is "embedded" or "server".
	Backend string
	// Version is the ClickHouse version, such as "26.5.1.1".
	Version string
	// Database is the database the store works in.
	Database string
	// Location is the data folder of the embedded engine or the server's address.
	Location string
	// Exclusive is true when no other process can write to the store (the
	// embedded engine locks its folder), so a load left unfinished when the
	// store opened can never finish.
	Exclusive bool
	// OpenedAt is when the store was opened.
	OpenedAt time.Time
}

// Rows is the result of a query, read one row at a time.
type Rows interface {
	// Columns returns the names and types of the result's columns.
	Columns() []rowbinary.Column
	// Next advances to the next row; it returns false at the end or on error.
	Next() bool
	// Scan copies the current row into dest, one pointer per column, with the
	// conversions documented in package rowbinary.
	Scan(dest ...any) error
	// Err returns the error that ended the iteration, if any.
	Err() error
	// Close releases the rows. It is safe to call more than once.
	Close() error
}

// Params are the values of a statement's {name:Type} placeholders.
type Params map[string]any

// Source is a stream of rows for Store.Insert.
type Source interface {
	// Columns names the table columns each row fills, in order.
	Columns() ([]string, error)
	// WriteRows encodes each row in RowBinary, for types, the types the table
	// declares for Columns, and passes it to emit, which must not keep the
	// bytes after it returns. It stops at the first error of its own or of emit.
	WriteRows(types []*rowbinary.Type, emit func(row []byte) error) error
}

// BlockSource is a Source that can also encode its rows straight into the
// columns of Native blocks, skipping the RowBinary row; the embedded engine
// uses it when a Source offers it. Structs and Slice do.
type BlockSource interface {
	Source
	// WriteBlocks adds every row to bw (WriteFields), for types, as
	// WriteRows would encode them, calling each after every 65,536 rows
	// with the count so far; it stops at the first error of its own, of bw
	// or of each. It does not flush bw.
	WriteBlocks(types []*rowbinary.Type, bw *rowbinary.BlockWriter, each func(rows int64) error) (int64, error)
}

// Error is an error ClickHouse reported for a statement.
type Error struct {
	// Code is ClickHouse's error code, such as 60.
	Code int
	// Name is the code's name, such as UNKNOWN_TABLE, when known.
	Name string
	// Message is ClickHouse's message.
	Message string
}

func (e *Error) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("clickhouse error %d (%s): %s", e.Code, e.Name, e.Message)
	}
	return fmt.Sprintf("clickhouse error %d: %s", e.Code, e.Message)
}

// Code returns the ClickHouse error code in err's chain, or 0 if there is none.
func Code(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// ErrUnavailable reports that the store cannot be reached or opened: the
// engine library is missing, the data folder is locked or not writable, or
// the server is down.
var ErrUnavailable = errors.New("store unavailable")

// ErrUnsupported reports a feature the connected ClickHouse lacks.
var ErrUnsupported = errors.New("not supported by this ClickHouse version")

// Unavailable returns an error of kind ErrUnavailable with the message of
// fmt.Errorf(format, args...), which is written for the person reading it.
func Unavailable(format string, args ...any) error {
	return &kindError{kind: ErrUnavailable, err: fmt.Errorf(format, args...)}
}

// Unsupported returns an error of kind ErrUnsupported, as Unavailable does.
func Unsupported(format string, args ...any) error {
	return &kindError{kind: ErrUnsupported, err: fmt.Errorf(format, args...)}
}

// kindError is an error of a kind (errors.Is(err, kind)) whose text is its
// own message alone.
type kindError struct {
	kind error
	err  error
}

func (e *kindError) Error() string        { return e.err.Error() }
func (e *kindError) Unwrap() error        { return e.err }
func (e *kindError) Is(target error) bool { return target == e.kind }

// ErrNoRows reports a query that returned no rows where one was expected.
var ErrNoRows = errors.New("queries: no rows")
