package embedded

import (
	"context"
	"fmt"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

// Results travel as RowBinaryWithNamesAndTypes, streamed in chunks of about
// a megabyte; every chunk starts with the header. See BENCHMARKS.md for the
// formats measured before choosing it.
const resultFormat = "RowBinaryWithNamesAndTypes"

// Query runs one statement and streams its rows.
func (s *Store) Query(ctx context.Context, sql string, params queries.Params) (queries.Rows, error) {
	names, values, err := queries.Bind(sql, params)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	c, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	sql, t := tag(sql)
	stop := s.watch(ctx, t)
	stream, err := c.stream(sql, names, values, resultFormat)
	if err != nil {
		stop()
		s.release(c)
		return nil, ctxErr(ctx, err)
	}
	r := &rows{s: s, c: c, ctx: ctx, stream: stream, stop: stop, row: -1}
	// Read the first chunk now, so that errors surface here and the
	// columns are known before the first row.
	if err := r.nextChunk(); err != nil {
		r.Close()
		return nil, ctxErr(ctx, err)
	}
	return r, nil
}

type rows struct {
	s      *Store
	c      *conn
	ctx    context.Context
	stop   func() // stops the watch that kills the query when ctx ends
	stream result
	chunk  result
	buf    []byte
	cols   []rowbinary.Column
	scan   *rowbinary.RowScanner

	row    int // offset of the current row in buf, or -1 before the first
	next   int // offset after the current row, once known; else -1
	ended  bool
	closed bool
	failed bool // the stream ended in an error: its connection is discarded
	err    error
}

// nextChunk replaces the current chunk with the next one of the stream,
// reading its header; at the end of the stream it marks the rows ended.
func (r *rows) nextChunk() error {
	r.chunk.destroy()
	r.chunk, r.buf = result{}, nil
	for {
		if err := r.ctx.Err(); err != nil {
			return fmt.Errorf("embedded: %w", err)
		}
		ch, err := r.c.fetch(r.stream)
		if err != nil {
			if r.cols != nil && isStreamDone(err) {
				// chDB ends a result without rows with a header-only
				// chunk and then this error instead of an empty chunk.
				r.ended = true
				return nil
			}
			r.failed = true
			return err
		}
		data := ch.data()
		if len(data) == 0 {
			ch.destroy()
			r.ended = true
			return nil
		}
		cols, off, err := rowbinary.ReadHeader(data)
		if err != nil {
			ch.destroy()
			return fmt.Errorf("embedded: read result header: %w", err)
		}
		if r.cols == nil {
			r.cols = cols
			r.scan = rowbinary.NewRowScanner(cols)
		} else if len(cols) != len(r.cols) {
			ch.destroy()
			return fmt.Errorf("embedded: result chunk has %d columns, expected %d", len(cols), len(r.cols))
		}
		if off == len(data) {
			ch.destroy() // a header without rows
			continue
		}
		r.chunk, r.buf, r.row, r.next = ch, data, -1, off
		return nil
	}
}

func (r *rows) Columns() []rowbinary.Column { return r.cols }

func (r *rows) Next() bool {
	if r.closed || r.err != nil {
		return false
	}
	if r.row >= 0 && r.next < 0 {
		end, err := r.scan.Skip(r.buf, r.row)
		if err != nil {
			r.fail(fmt.Errorf("embedded: skip row: %w", err))
			return false
		}
		r.next = end
	}
	if !r.ended && r.next >= len(r.buf) {
		if err := r.nextChunk(); err != nil {
			r.fail(ctxErr(r.ctx, err))
			return false
		}
	}
	if r.ended {
		r.Close()
		return false
	}
	r.row, r.next = r.next, -1
	return true
}

func (r *rows) Scan(dest ...any) error {
	if r.closed || r.row < 0 {
		return fmt.Errorf("embedded: Scan called without a row")
	}
	end, err := r.scan.Scan(r.buf, r.row, dest)
	if err != nil {
		return err
	}
	r.next = end
	return nil
}

func (r *rows) fail(err error) {
	r.err = err
	r.Close()
}

func (r *rows) Err() error { return r.err }

func (r *rows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	r.chunk.destroy()
	r.chunk, r.buf = result{}, nil
	if !r.ended {
		r.c.cancel(r.stream)
	}
	r.stream.destroy()
	r.stop()
	if r.failed {
		r.s.discard(r.c)
	} else {
		r.s.release(r.c)
	}
	return nil
}
