package embedded

import (
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"unsafe"

	"github.com/careerkpi/careerkpi/queries"
)

// conn is one chDB connection. It runs one statement at a time; the store's
// pool hands it to one goroutine at a time.
type conn struct {
	lib *library
	// ptr is the chdb_connection* that chdb_connect returned and
	// chdb_close_conn takes; handle is *ptr, which the query functions take.
	ptr    unsafe.Pointer
	handle unsafe.Pointer
}

func (c *conn) close() {
	if c.ptr != nil {
		c.lib.closeConn(c.ptr)
		c.ptr, c.handle = nil, nil
	}
}

// cparams holds a statement's parameters as the parallel arrays chDB takes.
type cparams struct {
	names, values         []*byte
	nameLens, valueLens   []uintptr
	keepNames, keepValues []string
}

func newCParams(names, values []string) *cparams {
	p := &cparams{keepNames: names, keepValues: values}
	for i := range names {
		p.names = append(p.names, cString(names[i]))
		p.nameLens = append(p.nameLens, uintptr(len(names[i])))
		p.values = append(p.values, cString(values[i]))
		p.valueLens = append(p.valueLens, uintptr(len(values[i])))
	}
	return p
}

func (p *cparams) args() (names **byte, nameLens *uintptr, values **byte, valueLens *uintptr, n uintptr) {
	if len(p.names) == 0 {
		return nil, nil, nil, nil, 0
	}
	return &p.names[0], &p.nameLens[0], &p.values[0], &p.valueLens[0], uintptr(len(p.names))
}

func (p *cparams) keepAlive() {
	runtime.KeepAlive(p.names)
	runtime.KeepAlive(p.values)
	runtime.KeepAlive(p.nameLens)
	runtime.KeepAlive(p.valueLens)
	runtime.KeepAlive(p.keepNames)
	runtime.KeepAlive(p.keepValues)
}

// result is a chDB result that the caller must destroy.
type result struct {
	lib *library
	ptr unsafe.Pointer
}

// data returns the result's bytes, valid until destroy.
func (r result) data() []byte {
	n := r.lib.resultLength(r.ptr)
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(r.lib.resultBuffer(r.ptr)), n)
}

func (r result) err() error {
	if p := r.lib.resultError(r.ptr); p != nil {
		return parseError(goString(p))
	}
	return nil
}

func (r result) destroy() {
	if r.ptr != nil {
		r.lib.destroyResult(r.ptr)
	}
}

// query runs one statement to completion and returns its result.
func (c *conn) query(sql string, names, values []string, format string) (result, error) {
	p := newCParams(names, values)
	n, nl, v, vl, count := p.args()
	r := result{lib: c.lib, ptr: c.lib.queryWithParams(c.handle, cString(sql), uintptr(len(sql)), cString(format), uintptr(len(format)), n, nl, v, vl, count)}
	runtime.KeepAlive(sql)
	runtime.KeepAlive(format)
	p.keepAlive()
	if r.ptr == nil {
		return r, fmt.Errorf("embedded: chDB returned no result for the statement")
	}
	if err := r.err(); err != nil {
		r.destroy()
		return result{}, err
	}
	return r, nil
}

// stream starts a streaming query; fetch its chunks with fetch.
func (c *conn) stream(sql string, names, values []string, format string) (result, error) {
	p := newCParams(names, values)
	n, nl, v, vl, count := p.args()
	r := result{lib: c.lib, ptr: c.lib.streamWithParams(c.handle, cString(sql), uintptr(len(sql)), cString(format), uintptr(len(format)), n, nl, v, vl, count)}
	runtime.KeepAlive(sql)
	runtime.KeepAlive(format)
	p.keepAlive()
	if r.ptr == nil {
		return r, fmt.Errorf("embedded: chDB returned no stream for the statement")
	}
	if err := r.err(); err != nil {
		r.destroy()
		return result{}, err
	}
	return r, nil
}

// fetch returns the next chunk of a stream; an empty chunk ends it.
func (c *conn) fetch(stream result) (result, error) {
	r := result{lib: c.lib, ptr: c.lib.streamFetch(c.handle, stream.ptr)}
	if r.ptr == nil {
		return r, fmt.Errorf("embedded: chDB returned no chunk")
	}
	if err := r.err(); err != nil {
		r.destroy()
		return result{}, err
	}
	return r, nil
}

func (c *conn) cancel(stream result) {
	c.lib.streamCancel(c.handle, stream.ptr)
}

// errorText matches chDB's error text: "Code: 60. DB::Exception: … (UNKNOWN_TABLE)".
var errorText = regexp.MustCompile(`(?s)^\s*Code:\s*(\d+)\.\s*(?:DB::Exception:\s*)?(.*?)(?:\s*\(([A-Z][A-Z0-9_]*)\))?(?:\s*\(version [^)]*\))?\s*$`)

// parseError turns chDB's error text into a *queries.Error.
func parseError(text string) error {
	m := errorText.FindStringSubmatch(text)
	if m == nil {
		return &queries.Error{Message: strings.TrimSpace(text)}
	}
	code, _ := strconv.Atoi(m[1])
	return &queries.Error{Code: code, Name: m[3], Message: strings.TrimSpace(m[2])}
}
