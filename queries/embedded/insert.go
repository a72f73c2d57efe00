package embedded

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

// A bulk insert streams the rows to the engine through a named pipe in the
// data folder's staging directory: the engine runs INSERT … SELECT … FROM
// file(pipe, 'Native') while this process writes Native blocks into the
// pipe, so encoding and inserting overlap, the rows never touch the disk
// before the engine has them, and a load of any size is one INSERT (every
// INSERT writes parts, and the engine merges parts on the same two cores
// that insert). Binary data is never sent inline: chDB cuts it off
// (ENGINE.md). Native is the engine's own columnar format; for rows like
// program events it inserts one and a half to two times as fast as
// RowBinary (BENCHMARKS.md).

var sqlTableColumns = queries.SQL("table_columns")

type columnInfo struct {
	Name string `ch:"name"`
	Type string `ch:"type"`
}

// columnTypes returns the types table declares for cols.
func columnTypes(ctx context.Context, s queries.Store, table string, cols []string) ([]*rowbinary.Type, error) {
	info, err := queries.Select[columnInfo](ctx, s, sqlTableColumns, queries.Params{"table": table})
	if err != nil {
		return nil, err
	}
	if len(info) == 0 {
		return nil, &queries.Error{Code: 60, Name: "UNKNOWN_TABLE", Message: fmt.Sprintf("insert into %s: no such table in database %s", table, s.Info().Database)}
	}
	byName := map[string]string{}
	for _, c := range info {
		byName[c.Name] = c.Type
	}
	types := make([]*rowbinary.Type, len(cols))
	for i, c := range cols {
		t, ok := byName[c]
		if !ok {
			return nil, &queries.Error{Code: 16, Name: "NO_SUCH_COLUMN_IN_TABLE", Message: fmt.Sprintf("insert into %s: the table has no column %s", table, c)}
		}
		if types[i], err = rowbinary.Parse(t); err != nil {
			return nil, fmt.Errorf("embedded: insert into %s: %w", table, err)
		}
	}
	return types, nil
}

// insertStatement builds the INSERT that reads the pipe.
func insertStatement(table string, cols []string, types []*rowbinary.Type, partRows, partBytes int) (sql, structure string, err error) {
	qt, err := queries.QuoteIdentifier(table)
	if err != nil {
		return "", "", err
	}
	qcols := make([]string, len(cols))
	fields := make([]string, len(cols))
	for i, c := range cols {
		if qcols[i], err = queries.QuoteIdentifier(c); err != nil {
			return "", "", err
		}
		fields[i] = "c" + strconv.Itoa(i+1) + " " + rowbinary.NativeType(types[i])
	}
	sql = "INSERT INTO " + qt + " (" + strings.Join(qcols, ", ") + ") SELECT * FROM file({path:String}, 'Native', {structure:String})"
	sql += " SETTINGS min_insert_block_size_bytes = " + strconv.Itoa(partBytes)
	if partRows > 0 {
		sql += ", min_insert_block_size_rows = " + strconv.Itoa(partRows)
	}
	return sql, strings.Join(fields, ", "), nil
}

// Insert appends the rows of src to table.
func (s *Store) Insert(ctx context.Context, table string, src queries.Source) (int64, error) {
	cols, err := src.Columns()
	if err != nil {
		return 0, err
	}
	if _, err := queries.QuoteIdentifier(table); err != nil {
		return 0, err
	}
	types, err := columnTypes(ctx, s, table, cols)
	if err != nil {
		return 0, err
	}
	sql, structure, err := insertStatement(table, cols, types, s.opts.InsertPartRows, s.opts.InsertPartBytes)
	if err != nil {
		return 0, err
	}
	names := make([]string, len(cols))
	for i := range names {
		names[i] = "c" + strconv.Itoa(i+1)
	}
	path, err := s.makePipe()
	if err != nil {
		return 0, err
	}
	defer os.Remove(path)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	inserted := make(chan error, 1)
	go func() { inserted <- s.Exec(ctx, sql, queries.Params{"path": path, "structure": structure}) }()

	pipe, err := openPipe(path, inserted)
	if err != nil {
		return 0, fmt.Errorf("embedded: insert into %s: %w", table, err)
	}
	poison := func() {
		// Make the engine fail the INSERT rather than take what it has
		// read for the whole: a block that ends after its header.
		pipe.Write(truncatedBlock(len(cols)))
		pipe.Close()
	}
	done := false
	defer func() {
		if !done { // src panicked
			poison()
		}
	}()
	aw := newAsyncWriter(pipe, 4)
	rows, werr := writeBlocks(ctx, aw, names, types, src, s.opts.InsertBlockRows)
	if cerr := aw.Close(); werr == nil {
		werr = cerr
	}
	done = true
	if werr != nil && !isPipeError(werr) {
		poison()
	} else {
		pipe.Close() // the end of the rows, or the engine stopped reading and its error says why
	}
	ierr := <-inserted
	switch {
	case werr != nil && (ierr == nil || !isPipeError(werr)):
		return 0, werr
	case ierr != nil:
		return 0, fmt.Errorf("embedded: insert into %s: %w", table, ierr)
	}
	return rows, nil
}

// makePipe creates a named pipe in the staging directory.
func (s *Store) makePipe() (string, error) {
	var b [8]byte
	rand.Read(b[:])
	path := filepath.Join(s.opts.Dir, "staging", "insert-"+hex.EncodeToString(b[:])+".pipe")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		return "", unwritable(s.opts.Dir, err)
	}
	return path, nil
}

// openPipe opens the pipe for writing once the engine has opened it for
// reading. If the statement ends first — it failed before reading — the
// open is released by opening the pipe for reading here, and the
// statement's error returned.
func openPipe(path string, inserted chan error) (*os.File, error) {
	type result struct {
		f   *os.File
		err error
	}
	opened := make(chan result, 1)
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		opened <- result{f, err}
	}()
	select {
	case r := <-opened:
		return r.f, r.err
	case err := <-inserted:
		if r, rerr := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0); rerr == nil {
			if w := <-opened; w.f != nil {
				w.f.Close()
			}
			r.Close()
		}
		if err == nil {
			err = errors.New("the engine ended the insert without reading its rows")
		}
		return nil, err
	}
}

// writeBlocks encodes the rows of src into Native blocks on w and returns
// how many it wrote.
func writeBlocks(ctx context.Context, w io.Writer, names []string, types []*rowbinary.Type, src queries.Source, blockRows int) (int64, error) {
	bw, err := rowbinary.NewBlockWriter(w, names, types, blockRows, 0)
	if err != nil {
		return 0, err
	}
	var rows int64
	if bs, ok := src.(queries.BlockSource); ok {
		rows, err = bs.WriteBlocks(types, bw, func(int64) error { return ctx.Err() })
	} else {
		err = src.WriteRows(types, func(row []byte) error {
			if err := bw.WriteRow(row); err != nil {
				return err
			}
			if rows++; rows%(1<<16) == 0 {
				return ctx.Err()
			}
			return nil
		})
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = ctx.Err()
	}
	return rows, err
}

// truncatedBlock is the start of a block of n columns that never comes.
func truncatedBlock(n int) []byte {
	return binary.AppendUvarint(binary.AppendUvarint(nil, uint64(n)), 1)
}

// isPipeError reports whether err is the pipe closing under a write: the
// engine stopped reading, and its error says why.
func isPipeError(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed)
}

// asyncWriter hands what it is given to a goroutine that writes it to w, so
// that the encoder runs on while the engine is busy writing a part and
// reads nothing for a while: a pipe holds only 64 KiB.
type asyncWriter struct {
	w     io.Writer
	queue chan []byte
	free  chan []byte
	done  chan error
	err   error
}

func newAsyncWriter(w io.Writer, depth int) *asyncWriter {
	a := &asyncWriter{w: w, queue: make(chan []byte, depth), free: make(chan []byte, depth+1), done: make(chan error, 1)}
	go func() {
		var err error
		for b := range a.queue {
			if err == nil {
				_, err = a.w.Write(b)
			}
			select {
			case a.free <- b[:0]:
			default: // enough spare buffers already
			}
		}
		a.done <- err
	}()
	return a
}

func (a *asyncWriter) Write(p []byte) (int, error) {
	if a.err != nil {
		return 0, a.err
	}
	var b []byte
	select {
	case b = <-a.free:
	default:
	}
	a.queue <- append(b, p...)
	select {
	case err := <-a.done:
		a.err = err
		return len(p), err
	default:
	}
	return len(p), nil
}

// Close waits until everything given has been written.
func (a *asyncWriter) Close() error {
	if a.queue == nil {
		return a.err
	}
	close(a.queue)
	err := <-a.done
	a.queue = nil
	if a.err == nil {
		a.err = err
	}
	return a.err
}
