package embedded

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/careerkpi/careerkpi/queries"
)

// changed returns the signals whose disposition differs from st.
func (st signalState) changed() []int {
	var diff []int
	for _, s := range standardSignals {
		var cur sigaction
		if rtSigaction(s, nil, &cur) == 0 && cur != st[s] {
			diff = append(diff, s)
		}
	}
	return diff
}

// atStart is the signal dispositions of this test process before any chDB
// connection: Go's own.
var atStart = saveSignals()

// TestSignalsAreGos checks that after chDB connected (the other tests of
// this binary connect many times) every standard signal is handled as Go set
// it up.
func TestSignalsAreGos(t *testing.T) {
	s := openForTest(t)
	defer s.Close()
	if changed := atStart.changed(); len(changed) > 0 {
		t.Fatalf("signals whose disposition chDB left changed: %v", changed)
	}
}

func TestOpenLibraryErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "libchdb.so")
	if err := os.WriteFile(corrupt, []byte("\x7fELF this is not a library"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A truncated copy of the real library: dlopen would die of SIGBUS on it.
	truncated := filepath.Join(dir, "truncated.so")
	real := realLibrary(t)
	head := make([]byte, 1<<20)
	rf, err := os.Open(real)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := rf.Read(head)
	rf.Close()
	if err := os.WriteFile(truncated, head[:n], 0o644); err != nil {
		t.Fatal(err)
	}
	libc := ""
	for _, p := range []string{"/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/lib64/libc.so.6"} {
		if _, err := os.Stat(p); err == nil {
			libc = p
		}
	}
	tests := []struct {
		name, path string
		want       []string
	}{
		{"missing", filepath.Join(dir, "nope", "libchdb.so"), []string{"is not installed", "nope/libchdb.so", "make engine"}},
		{"corrupt", corrupt, []string{"is damaged", "not an ELF shared library", corrupt, "make engine"}},
		{"truncated", truncated, []string{"is damaged", "truncated", "make engine"}},
		{"not chDB", libc, []string{"lacks chdb_connect", "make engine"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.path == "" {
				t.Fatal("no libc.so.6 found to stand in for a library that is not chDB")
			}
			_, err := openLibrary(tt.path)
			if err == nil {
				t.Fatal("openLibrary succeeded")
			}
			if !errors.Is(err, queries.ErrUnavailable) {
				t.Errorf("error is not ErrUnavailable: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestCheckEngineVersion(t *testing.T) {
	for v, ok := range map[string]bool{"26.5.1.1": true, "26.5": true, "26.50.1": false, "25.8.1.1": false, "26.6.1": false, "": false} {
		err := checkEngineVersion("/x/libchdb.so", v)
		if (err == nil) != ok {
			t.Errorf("checkEngineVersion(%q) = %v, want ok %v", v, err, ok)
		}
		if err != nil && (!strings.Contains(err.Error(), "make engine") || !strings.Contains(err.Error(), "needs chDB "+LibraryVersion)) {
			t.Errorf("checkEngineVersion(%q) error does not say what to do: %v", v, err)
		}
	}
}

func TestLockFolder(t *testing.T) {
	dir := t.TempDir()
	l, err := lockFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Within this process a second lock on the same folder conflicts as well:
	// flock locks belong to open files, not to processes.
	_, err = lockFolder(dir)
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "process "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("second lock: %v", err)
	}
	l.release()
	l2, err := lockFolder(dir)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	l2.release()
}

func TestLockFolderSeesChDBLock(t *testing.T) {
	dir := t.TempDir()
	status := filepath.Join(dir, "clickhouse", "status")
	os.MkdirAll(filepath.Dir(status), 0o755)
	if err := os.WriteFile(status, []byte("PID: 4242\nStarted at: 2026-11-24 10:00:00\nRevision: 54510\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(status)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	_, err = lockFolder(dir)
	if err == nil || !strings.Contains(err.Error(), "process 4242") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("lock of a folder another engine holds: %v", err)
	}
}

func TestUnwritableFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(file, "data")
	_, err := lockFolder(dir)
	if err == nil || !strings.Contains(err.Error(), dir+" cannot be written") || !strings.Contains(err.Error(), "--data-dir") {
		t.Fatalf("unwritable folder: %v", err)
	}
}

func TestParseError(t *testing.T) {
	tests := []struct {
		text string
		want queries.Error
	}{
		{" Code: 60. DB::Exception: Unknown table expression identifier 'x' in scope SELECT * FROM x. (UNKNOWN_TABLE)",
			queries.Error{Code: 60, Name: "UNKNOWN_TABLE", Message: "Unknown table expression identifier 'x' in scope SELECT * FROM x."}},
		{"Code: 62. DB::Exception: Syntax error: failed at position 1 ('SELEC'): SELEC 1. (SYNTAX_ERROR) (version 26.5.1.1)",
			queries.Error{Code: 62, Name: "SYNTAX_ERROR", Message: "Syntax error: failed at position 1 ('SELEC'): SELEC 1."}},
		{"No active streaming query", queries.Error{Message: "No active streaming query"}},
	}
	for _, tt := range tests {
		var e *queries.Error
		if err := parseError(tt.text); !errors.As(err, &e) || *e != tt.want {
			t.Errorf("parseError(%q) = %#v, want %#v", tt.text, err, tt.want)
		}
	}
}

func TestDescribeHolder(t *testing.T) {
	got := describeHolder("pid 12\ncommand careerkpi serve\nsince 2026-11-24T10:00:00+09:00\n")
	if got != "process 12 (careerkpi serve, since 2026-11-24T10:00:00+09:00)" {
		t.Errorf("describeHolder = %q", got)
	}
	if got := describeHolder(""); got != "another process" {
		t.Errorf("describeHolder of nothing = %q", got)
	}
}

// realLibrary returns the path of the libchdb.so the tests use.
func realLibrary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CAREERKPI_CHDB_LIBRARY"); p != "" {
		return p
	}
	for _, p := range DefaultLibraryPaths() {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatal("libchdb.so is not installed: run `make engine`")
	return ""
}

// openForTest opens a store on a folder of the test's own; no other store of
// this process may be open at the time.
func openForTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), Options{Dir: t.TempDir(), Library: os.Getenv("CAREERKPI_CHDB_LIBRARY")})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
