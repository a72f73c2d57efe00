package embedded

import (
	"debug/elf"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"

	"github.com/careerkpi/careerkpi/queries"
)

// LibraryVersion is the chDB release careerkpi is built and tested against:
// npm package @chdb/lib-linux-x64-gnu at this version (the engine inside
// reports ClickHouse 26.5).
const LibraryVersion = "26.5.3"

// engineSeries is the ClickHouse major.minor the library must report.
const engineSeries = "26.5"

// fixCommand is what a user runs to fetch or repair the library.
const fixCommand = "run `make engine` to fetch it (or set CAREERKPI_CHDB_LIBRARY to a libchdb.so " + LibraryVersion + ")"

// DefaultLibraryPaths returns where careerkpi looks for libchdb.so when no
// path is configured: the cache folder `make engine` fills, then the folder
// of the careerkpi executable.
func DefaultLibraryPaths() []string {
	var paths []string
	if dir, err := os.UserCacheDir(); err == nil {
		paths = append(paths, filepath.Join(dir, "careerkpi", "chdb-"+LibraryVersion, "libchdb.so"))
	}
	if exe, err := os.Executable(); err == nil {
		paths = append(paths, filepath.Join(filepath.Dir(exe), "libchdb.so"))
	}
	return paths
}

// library holds the functions of libchdb.so that careerkpi calls. The
// signatures follow chdb.h; handles are opaque C pointers.
type library struct {
	path string

	connect          func(argc int32, argv **byte) unsafe.Pointer
	closeConn        func(connp unsafe.Pointer)
	queryWithParams  func(conn unsafe.Pointer, query *byte, queryLen uintptr, format *byte, formatLen uintptr, names **byte, nameLens *uintptr, values **byte, valueLens *uintptr, count uintptr) unsafe.Pointer
	streamWithParams func(conn unsafe.Pointer, query *byte, queryLen uintptr, format *byte, formatLen uintptr, names **byte, nameLens *uintptr, values **byte, valueLens *uintptr, count uintptr) unsafe.Pointer
	streamFetch      func(conn unsafe.Pointer, result unsafe.Pointer) unsafe.Pointer
	streamCancel     func(conn unsafe.Pointer, result unsafe.Pointer)
	destroyResult    func(result unsafe.Pointer)
	resultBuffer     func(result unsafe.Pointer) unsafe.Pointer
	resultLength     func(result unsafe.Pointer) uintptr
	resultError      func(result unsafe.Pointer) unsafe.Pointer
}

var (
	libMu sync.Mutex
	lib   *library
)

// loadLibrary loads libchdb.so once per process: a process cannot unload the
// engine and load another. A failed load is retried on the next call, so a
// user who fixes the library need not restart a long-running process.
func loadLibrary(configured string) (*library, error) {
	libMu.Lock()
	defer libMu.Unlock()
	if lib != nil {
		if configured != "" && configured != lib.path {
			return nil, fmt.Errorf("embedded: this process already loaded %s and cannot switch to %s", lib.path, configured)
		}
		return lib, nil
	}
	l, err := openLibrary(configured)
	if err != nil {
		return nil, err
	}
	lib = l
	return lib, nil
}

func openLibrary(configured string) (*library, error) {
	candidates := DefaultLibraryPaths()
	if configured != "" {
		candidates = []string{configured}
	}
	path := ""
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			path = c
			break
		}
	}
	if path == "" {
		return nil, queries.Unavailable("embedded: the chDB engine library libchdb.so is not installed (looked in %s); %s",
			strings.Join(candidates, ", "), fixCommand)
	}
	if err := checkELF(path); err != nil {
		return nil, queries.Unavailable("embedded: the chDB engine library %s is damaged (%v); %s", path, err, fixCommand)
	}
	// The library's initialisers probe CPU features by catching SIGILL and
	// put the old handler back through libc, with libc's trampoline: restore
	// Go's dispositions exactly, as after every connect.
	saved := saveSignals()
	h, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_GLOBAL)
	saved.restore()
	if err != nil {
		return nil, queries.Unavailable("embedded: cannot load the chDB engine library %s (%v); it may be damaged or for another system: %s",
			path, err, fixCommand)
	}
	l := &library{path: path}
	syms := []struct {
		fn   any
		name string
	}{
		{&l.connect, "chdb_connect"},
		{&l.closeConn, "chdb_close_conn"},
		{&l.queryWithParams, "chdb_query_with_params_n"},
		{&l.streamWithParams, "chdb_stream_query_with_params_n"},
		{&l.streamFetch, "chdb_stream_fetch_result"},
		{&l.streamCancel, "chdb_stream_cancel_query"},
		{&l.destroyResult, "chdb_destroy_query_result"},
		{&l.resultBuffer, "chdb_result_buffer"},
		{&l.resultLength, "chdb_result_length"},
		{&l.resultError, "chdb_result_error"},
	}
	var missing []string
	for _, s := range syms {
		addr, err := purego.Dlsym(h, s.name)
		if err != nil || addr == 0 {
			missing = append(missing, s.name)
			continue
		}
		purego.RegisterFunc(s.fn, addr)
	}
	if len(missing) > 0 {
		return nil, queries.Unavailable("embedded: %s lacks %s, so it is not chDB %s; %s",
			path, strings.Join(missing, ", "), LibraryVersion, fixCommand)
	}
	return l, nil
}

// checkELF checks that path is a shared library for this machine whose
// loadable segments all lie within the file. dlopen of a truncated library
// (an interrupted download or copy) does not fail: it maps pages past the end
// of the file and the process dies of SIGBUS.
func checkELF(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	ef, err := elf.NewFile(f)
	if err != nil {
		return fmt.Errorf("not an ELF shared library: %v", err)
	}
	want := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}[runtime.GOARCH]
	if ef.Type != elf.ET_DYN || ef.Machine != want {
		return fmt.Errorf("an ELF file of type %v for %v, not a shared library for %s", ef.Type, ef.Machine, runtime.GOARCH)
	}
	for _, p := range ef.Progs {
		if p.Type == elf.PT_LOAD && p.Off+p.Filesz > uint64(st.Size()) {
			return fmt.Errorf("truncated: %d bytes, but its segments need %d", st.Size(), p.Off+p.Filesz)
		}
	}
	return nil
}

// checkEngineVersion reports a library whose engine is not the ClickHouse
// series careerkpi was built against.
func checkEngineVersion(path, version string) error {
	if version == engineSeries || strings.HasPrefix(version, engineSeries+".") {
		return nil
	}
	return queries.Unavailable("embedded: %s is ClickHouse %s, but careerkpi needs chDB %s (ClickHouse %s); %s",
		path, version, LibraryVersion, engineSeries, fixCommand)
}

// cString returns a pointer to s's bytes for a call that also takes the
// length. The caller keeps s alive across the call.
func cString(s string) *byte {
	if s == "" {
		return &zeroByte
	}
	return unsafe.StringData(s)
}

var zeroByte byte

// goString copies the NUL-terminated C string at p.
func goString(p unsafe.Pointer) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(p, n)) != 0 {
		n++
	}
	return string(unsafe.Slice((*byte)(p), n))
}
