package embedded

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

// A bulk insert is staged through RowBinary files in the data folder's
// staging directory and read by the engine with INSERT … SELECT … FROM
// file(): binary data is never sent inline (chDB cuts it off). The rows are
// encoded into chunk files while the engine inserts the previous chunk, so
// the Go side's work overlaps the engine's.
//
// Every INSERT writes a part per partition, and the engine starts merging
// parts as soon as a table has several, on the same cores that insert: so a
// load goes in as few INSERTs as it can. Loads under the first chunk's size
// (64 MiB, some 2.5 million narrow rows) are one INSERT. Larger loads are
// pipelined: encoding runs about five times faster than the engine inserts,
// so each next chunk can be four times larger and the engine never waits; a
// 10-million-row insert takes two INSERTs. BENCHMARKS.md has the measurements.

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

// insertStatement builds the INSERT that reads a staged chunk file.
func insertStatement(table string, cols []string, types []*rowbinary.Type) (sql, structure string, err error) {
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
		fields[i] = "c" + strconv.Itoa(i+1) + " " + types[i].String()
	}
	sql = "INSERT INTO " + qt + " (" + strings.Join(qcols, ", ") + ") SELECT * FROM file({path:String}, 'RowBinary', {structure:String})"
	return sql, strings.Join(fields, ", "), nil
}

type chunk struct {
	path string
	rows int64
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
	sql, structure, err := insertStatement(table, cols, types)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan chunk, 1)
	stageErr := make(chan error, 1)
	go func() {
		defer close(chunks)
		stageErr <- s.stage(ctx, src, types, chunks)
	}()

	var written int64
	var insertErr error
	for ch := range chunks {
		if insertErr == nil {
			insertErr = s.Exec(ctx, sql, queries.Params{"path": ch.path, "structure": structure})
			if insertErr == nil {
				written += ch.rows
			} else {
				cancel()
			}
		}
		os.Remove(ch.path)
	}
	if err := <-stageErr; err != nil && (insertErr == nil || !errors.Is(err, context.Canceled)) {
		return written, err
	}
	if insertErr != nil {
		return written, fmt.Errorf("embedded: insert into %s: %w", table, insertErr)
	}
	return written, nil
}

// stage encodes the rows of src into chunk files of growing size and sends
// each on chunks once it is complete.
func (s *Store) stage(ctx context.Context, src queries.Source, types []*rowbinary.Type, chunks chan<- chunk) error {
	dir := filepath.Join(s.opts.Dir, "staging")
	var (
		f     *os.File
		w     *bufio.Writer
		rows  int64
		size  int64
		limit = int64(s.opts.InsertChunkBytes)
	)
	// finish closes the current chunk file and sends it.
	finish := func() error {
		if f == nil {
			return nil
		}
		err := w.Flush()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		name, n := f.Name(), rows
		f, rows, size = nil, 0, 0
		limit = min(limit*4, int64(s.opts.InsertChunkMaxBytes))
		if err != nil {
			os.Remove(name)
			return unwritable(s.opts.Dir, err)
		}
		select {
		case chunks <- chunk{path: name, rows: n}:
			return nil
		case <-ctx.Done():
			os.Remove(name)
			return ctx.Err()
		}
	}
	emit := func(row []byte) error {
		if f == nil {
			var err error
			if f, err = os.CreateTemp(dir, "insert-*.rowbinary"); err != nil {
				return unwritable(s.opts.Dir, err)
			}
			if w == nil {
				w = bufio.NewWriterSize(f, 1<<20)
			} else {
				w.Reset(f)
			}
		}
		if _, err := w.Write(row); err != nil {
			return unwritable(s.opts.Dir, err)
		}
		rows++
		size += int64(len(row))
		if size >= limit {
			return finish()
		}
		return nil
	}
	err := src.WriteRows(types, emit)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		if f != nil {
			f.Close()
			os.Remove(f.Name())
		}
		return err
	}
	return finish()
}
