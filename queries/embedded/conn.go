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

// queryFunc is the signature chdb_query_with_params_n and
// chdb_stream_query_with_params_n share.
type queryFunc func(conn unsafe.Pointer, query *byte, queryLen uintptr, format *byte, formatLen uintptr, names **byte, nameLens *uintptr, values **byte, valueLens *uintptr, count uintptr) unsafe.Pointer

// query runs one statement to completion and returns its result.
func (c *conn) query(sql string, names, values []string, format string) (result, error) {
	return c.call(c.lib.queryWithParams, sql, names, values, format)
}

// stream starts a streaming query; fetch its chunks with fetch.
func (c *conn) stream(sql string, names, values []string, format string) (result, error) {
	return c.call(c.lib.streamWithParams, sql, names, values, format)
}

// call passes sql, format and the parameters to f as the parallel arrays chDB
// takes. The arrays and the bytes they point to are Go memory, pinned for the
// duration of the call.
func (c *conn) call(f queryFunc, sql string, names, values []string, format string) (result, error) {
	var pin runtime.Pinner
	defer pin.Unpin()
	n := len(names)
	var np, vp **byte
	var nl, vl *uintptr
	if n > 0 {
		nameP, valueP := make([]*byte, n), make([]*byte, n)
		nameL, valueL := make([]uintptr, n), make([]uintptr, n)
		for i := range names {
			nameP[i], nameL[i] = cString(names[i]), uintptr(len(names[i]))
			valueP[i], valueL[i] = cString(values[i]), uintptr(len(values[i]))
			pin.Pin(nameP[i])
			pin.Pin(valueP[i])
		}
		np, vp, nl, vl = &nameP[0], &valueP[0], &nameL[0], &valueL[0]
		pin.Pin(np)
		pin.Pin(vp)
		pin.Pin(nl)
		pin.Pin(vl)
	}
	r := result{lib: c.lib, ptr: f(c.handle, cString(sql), uintptr(len(sql)), cString(format), uintptr(len(format)), np, nl, vp, vl, uintptr(n))}
	runtime.KeepAlive(sql)
	runtime.KeepAlive(format)
	runtime.KeepAlive(names)
	runtime.KeepAlive(values)
	if r.ptr == nil {
		return r, fmt.Errorf("embedded: chDB returned no result for the statement")
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
