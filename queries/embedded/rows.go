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
	c, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	stream, err := c.stream(sql, names, values, resultFormat)
	if err != nil {
		s.release(c)
		return nil, err
	}
	r := &rows{s: s, c: c, ctx: ctx, stream: stream}
	// Read the first chunk now, so that errors surface here and the
	// columns are known before the first row.
	if err := r.nextChunk(); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

type rows struct {
	s      *Store
	c      *conn
	ctx    context.Context
	stream result
	chunk  result
	buf    []byte
	cols   []rowbinary.Column
	scan   *rowbinary.RowScanner

	row    int // offset of the current row in buf, or -1 before the first
	next   int // offset after the current row, once known; else -1
	ended  bool
	closed bool
	err    error
}

// nextChunk replaces the current chunk with the next one of the stream,
// reading its header; at the end of the stream it marks the rows ended.
func (r *rows) nextChunk() error {
	r.chunk.destroy()
	r.chunk, r.buf = result{}, nil
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		ch, err := r.c.fetch(r.stream)
		if err != nil {
			if r.cols != nil && isStreamDone(err) {
				// chDB ends a result without rows with a header-only
				// chunk and then this error instead of an empty chunk.
				r.ended = true
				return nil
			}
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
			r.fail(err)
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
	r.s.release(r.c)
	return nil
}

// isStreamDone reports the error chDB gives when a stream has already ended.
func isStreamDone(err error) bool {
	e, ok := err.(*queries.Error)
	return ok && e.Code == 0 && e.Message == "No active streaming query"
}
