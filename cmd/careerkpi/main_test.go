package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

// The test binary is also careerkpi: run with argsVariable set, it runs the
// command line in it (one argument per line) and exits, so that tests can run
// careerkpi in a process of its own, as a user does.
const argsVariable = "CAREERKPI_TEST_ARGS"

func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv(argsVariable); ok {
		os.Exit(run(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	querytest.Main(m)
}

// careerkpi runs careerkpi in a new process and returns its output and exit status.
func careerkpi(t *testing.T, env []string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), argsVariable+"="+strings.Join(args, "\n")), env...)
	cmd.Dir = t.TempDir()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	status = 0
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), status
}

func TestCommands(t *testing.T) {
	lib := "CAREERKPI_CHDB_LIBRARY=" + os.Getenv("CAREERKPI_CHDB_LIBRARY")
	tests := []struct {
		name   string
		env    []string
		args   []string
		status int
		out    string // in stdout
		err    string // in stderr
	}{
		{name: "version", args: []string{"version"}, out: "embedded engine: chDB 26.5.3"},
		{name: "help", args: []string{"help"}, out: "serve"},
		{name: "unknown command", args: []string{"frobnicate"}, status: 2, err: `unknown command "frobnicate"`},
		{name: "unknown flag", args: []string{"migrate", "--frobnicate"}, status: 2, err: "unknown flag: --frobnicate"},
		{name: "bad setting", args: []string{"migrate", "--connections", "0"}, status: 1, err: "connections: 0 is not between 1 and 64"},
		{name: "load not yet", args: []string{"load", "employees", "x.csv"}, status: 1, err: "careerkpi load: not yet available"},
		{name: "demo not yet", args: []string{"demo"}, status: 1, err: "not yet available"},
		{name: "publish not yet", args: []string{"publish"}, status: 1, err: "not yet available"},
		{name: "report not yet", args: []string{"report"}, status: 1, err: "not yet available"},
		{name: "metrics not yet", args: []string{"metrics", "list"}, status: 1, err: "not yet available"},
		{name: "migrate", env: []string{lib}, args: []string{"migrate"}, out: "applied 0016_published_metric_values.sql"},
		{name: "missing library", env: []string{"CAREERKPI_CHDB_LIBRARY=/nonexistent/libchdb.so"}, args: []string{"migrate"}, status: 1, err: "run `make engine` to fetch it"},
		{name: "library not chDB", env: []string{"CAREERKPI_CHDB_LIBRARY=/etc/hostname"}, args: []string{"migrate"}, status: 1, err: "run `make engine` to fetch it"},
		{name: "wrong DSN", args: []string{"migrate", "--clickhouse", "postgres://localhost/x"}, status: 1, err: "must start with clickhouse://"},
		{name: "server down", args: []string{"migrate", "--clickhouse", "clickhouse://default@127.0.0.1:1/x"}, status: 1, err: "cannot reach ClickHouse at 127.0.0.1:1"},
		{name: "unwritable data folder", env: []string{lib}, args: []string{"migrate", "--data-dir", "/proc/self/careerkpi"}, status: 1, err: "cannot be written"},
		{name: "config file", env: []string{lib, "CAREERKPI_CONFIG=/nonexistent.yml"}, args: []string{"migrate"}, status: 1, err: "config: open /nonexistent.yml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := careerkpi(t, tt.env, tt.args...)
			if status != tt.status || !strings.Contains(out, tt.out) || !strings.Contains(errOut, tt.err) {
				t.Fatalf("careerkpi %s: status %d, want %d\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), status, tt.status, out, errOut)
			}
			if strings.Contains(errOut, "goroutine ") {
				t.Fatalf("careerkpi crashed:\n%s", errOut)
			}
		})
	}
}

// TestOldServer: on a server too old for the schema, migrate says so and
// leaves no schema behind.
func TestOldServer(t *testing.T) {
	s := querytest.ServerStore(t)
	if lacks, _ := querytest.Lacks(s); !lacks {
		t.Skipf("the test server, ClickHouse %s, is recent enough to hold the schema: TestCommands/migrate covers it", s.Info().Version)
	}
	dsn := querytest.ServerDSN(t)
	db := s.Info().Database
	_, errOut, status := careerkpi(t, nil, "migrate", "--clickhouse", dsn, "--database", db)
	if status != 1 || !strings.Contains(errOut, "older than "+queries.MinServerVersion) {
		t.Fatalf("status %d, stderr %s", status, errOut)
	}
	n, err := queries.Get[uint64](context.Background(), s, "SELECT count() FROM system.tables WHERE database = currentDatabase()", nil)
	if err != nil || n != 0 {
		t.Fatalf("%d tables left in %s (err %v)", n, db, err)
	}
}

// TestServe starts `careerkpi serve`, checks its health page and stops it
// with SIGTERM.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), argsVariable+"="+strings.Join([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", filepath.Join(dir, "data")}, "\n"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v\n%s", err, stderr.String())
	}
	addr, _, ok := strings.Cut(strings.TrimPrefix(line, "careerkpi is serving on "), " ")
	if !ok || !strings.HasPrefix(addr, "http://127.0.0.1:") {
		t.Fatalf("start line %q", line)
	}
	resp, err := http.Get(addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Status     string `json:"status"`
		Backend    string `json:"backend"`
		Version    string `json:"version"`
		Migrations int    `json:"migrations"`
	}
	json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if resp.StatusCode != 200 || h.Status != "ok" || h.Backend != "embedded" || !strings.HasPrefix(h.Version, "26.5") || h.Migrations != len(queries.Schema()) {
		t.Fatalf("healthz: %d %+v", resp.StatusCode, h)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve ended with %v after SIGTERM\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30s of SIGTERM")
	}
	if !strings.Contains(stderr.String(), "shutting_down") {
		t.Errorf("no shutdown logged:\n%s", stderr.String())
	}
}
