package ingest

import (
	"errors"
	"io"
	"iter"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/careerkpi/careerkpi/ingest/table"
)

// Parsing a record — normalising its cells, reading dates and numbers,
// resolving programs, checking it against the HR master — costs several
// times what reading it does, and the engine inserts on the same cores. So
// the records of a large stream are parsed by several workers: one goroutine
// reads the files into chunks of records, the workers parse whole chunks,
// and the chunks are taken back in file order, so the report, the rejects
// file and the rows are the same as from one worker.
//
// A record's fields point into the reader's buffer until the next record,
// so the reader copies each chunk's fields into a buffer the chunk owns; the
// parsed rows point into it until they are written, and then the chunk and
// its buffers are used again, which spares the garbage collector millions
// of objects.

const (
	chunkRecords = 2048
	chunkBytes   = 1 << 20
)

// parallel reports whether the run's records are divided among workers:
// on more than one core, and unless a file is JSON Lines, whose header can
// grow as it is read.
func parallel(ru *run) bool {
	if runtime.GOMAXPROCS(0) < 2 {
		return false
	}
	for _, in := range ru.inputs {
		if in.f.Format() == table.JSONLines {
			return false
		}
	}
	return true
}

// chunk is a run of records of one file and, once a worker has been at
// it, what they parse into.
type chunk[R any] struct {
	in     *input
	recs   []table.Record
	read   int64 // the file's offset after the chunk
	err    error // the read error that ended the file or the load, after recs
	parsed chan struct{}

	text   []byte   // the fields' bytes
	fields []string // the fields, pointing into text
	spans  []int    // per record, its number of fields and their lengths
	lines  []int

	rows   []R
	ends   []int // record i's rows are rows[ends[i-1]:ends[i]]
	issues [][]Issue
	bad    []bool
	hash   *contentHash // the valid rows, for the content hash
}

func parallelRows[R any](ru *run, s stream[R]) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		workers := min(runtime.GOMAXPROCS(0), 4)
		work := make(chan *chunk[R], workers)
		order := make(chan *chunk[R], 2*workers)
		free := make(chan *chunk[R], 3*workers+2) // more than can be in flight
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(work)
			defer close(order)
			readChunks(ru, work, order, free, stop)
		}()
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				parseChunks(ru, s.fork(), s.key, work)
			}()
		}
		defer func() {
			close(stop)
			for range order { // let the reader see stop
			}
			wg.Wait()
		}()

		t := newTally[R](ru, nil)
		for c := range order {
			<-c.parsed
			ru.hash.merge(c.hash)
			for i, rec := range c.recs {
				c.in.report.Rows++
				c.in.read = c.read
				if !t.record(c.in, rec, c.rows[c.start(i):c.ends[i]], c.issues[i], c.bad[i], yield) {
					return
				}
			}
			c.in.read = c.read
			if c.err != nil && !t.readError(c.in, c.err, yield) {
				return
			}
			select {
			case free <- c:
			default:
			}
		}
		ru.progress(true)
	}
}

func (c *chunk[R]) start(i int) int {
	if i == 0 {
		return 0
	}
	return c.ends[i-1]
}

// readChunks reads the run's files into chunks and hands each to the
// workers and, in file order, to the tally.
func readChunks[R any](ru *run, work, order chan<- *chunk[R], free <-chan *chunk[R], stop <-chan struct{}) {
	send := func(c *chunk[R]) bool {
		c.parsed = make(chan struct{})
		select {
		case order <- c:
		case <-stop:
			return false
		}
		select {
		case work <- c:
			return true
		case <-stop:
			return false
		}
	}
	for _, in := range ru.inputs {
		for {
			var c *chunk[R]
			select {
			case c = <-free:
			default:
				c = &chunk[R]{hash: newContentHash()}
			}
			c.in, c.err = in, nil
			c.text, c.spans, c.lines = c.text[:0], c.spans[:0], c.lines[:0]
			for len(c.lines) < chunkRecords && len(c.text) < chunkBytes {
				rec, err := in.f.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					c.err = err
					break
				}
				c.lines = append(c.lines, rec.Line)
				c.spans = append(c.spans, len(rec.Fields))
				for _, f := range rec.Fields {
					c.text = append(c.text, f...)
					c.spans = append(c.spans, len(f))
				}
			}
			c.read = in.f.Offset()
			c.cut()
			if len(c.recs) == 0 && c.err == nil {
				break // the end of the file
			}
			if !send(c) {
				return
			}
			if c.err != nil {
				var te *table.Error
				if !errors.As(c.err, &te) {
					return // the load ends
				}
				break // the file ends
			}
		}
	}
}

// cut rebuilds the records copied into the chunk's text.
func (c *chunk[R]) cut() {
	c.recs, c.fields = c.recs[:0], c.fields[:0]
	off, j := 0, 0
	for _, line := range c.lines {
		n := c.spans[j]
		j++
		start := len(c.fields)
		for range n {
			c.fields = append(c.fields, unsafe.String(unsafe.SliceData(c.text[off:]), c.spans[j]))
			off += c.spans[j]
			j++
		}
		c.recs = append(c.recs, table.Record{Line: line, Fields: c.fields[start:len(c.fields):len(c.fields)]})
	}
}

// parseChunks parses the chunks it is given with parse, and adds the
// valid rows to each chunk's content hash.
func parseChunks[R any](ru *run, parse func(*row, func(R)), key func(*R, []byte) []byte, work <-chan *chunk[R]) {
	var r row
	var emit func(R)
	buf := make([]byte, 0, 256)
	for c := range work {
		if r.p != c.in.plan {
			r = row{p: c.in.plan}
			if ru.asOf != nil {
				r.asOf = *ru.asOf
			}
		}
		emit = func(x R) { c.rows = append(c.rows, x) }
		n := len(c.recs)
		c.rows = c.rows[:0]
		c.ends = slices.Grow(c.ends[:0], n)[:n]
		c.issues = slices.Grow(c.issues[:0], n)[:n]
		c.bad = slices.Grow(c.bad[:0], n)[:n]
		c.hash.reset()
		for i, rec := range c.recs {
			r.reset(rec)
			parse(&r, emit)
			c.ends[i] = len(c.rows)
			c.issues[i] = nil
			if len(r.issues) > 0 {
				c.issues[i] = slices.Clone(r.issues)
			}
			c.bad[i] = r.bad
			if !r.bad {
				for j := c.start(i); j < c.ends[i]; j++ {
					buf = key(&c.rows[j], buf[:0])
					c.hash.add(buf)
				}
			}
		}
		close(c.parsed)
	}
}
