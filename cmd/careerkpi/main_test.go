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
	if path, ok := os.LookupEnv(engineInsertVariable); ok {
		os.Exit(runEngineInsert(path))
	}
	querytest.Main(m)
}

// careerkpi runs careerkpi in a new process, in a folder of its own, and
// returns its output and exit status.
func careerkpi(t *testing.T, env []string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	return careerkpiIn(t, t.TempDir(), env, args...)
}

// careerkpiIn runs careerkpi in dir (where ./data is its data folder).
func careerkpiIn(t *testing.T, dir string, env []string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), argsVariable+"="+strings.Join(args, "\n")), env...)
	cmd.Dir = dir
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
	badBenchmark, err := filepath.Abs(filepath.Join("testdata", "bad_benchmark.csv"))
	if err != nil {
		t.Fatal(err)
	}
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
		{name: "load without files", args: []string{"load", "employees"}, status: 2, err: "requires at least 2 arg(s)"},
		{name: "load of no dataset", args: []string{"load", "salaries", "x.csv"}, status: 2, err: `no dataset "salaries"`},
		{name: "publish without period", args: []string{"publish"}, status: 2, err: "give the fiscal year to publish"},
		{name: "report without year", args: []string{"report"}, status: 2, err: "give the fiscal year"},
		{name: "report of an unpublished year", env: []string{lib}, args: []string{"report", "--fy", "2025", "-o", "r.xlsx"}, status: 1,
			err: "careerkpi: FY2025 has not been published (`careerkpi publish --period FY2025`); --live writes the live figures"},
		{name: "metrics list", args: []string{"metrics", "list"}, out: "engagement_index"},
		{name: "metrics list json", args: []string{"metrics", "list", "--format", "json"}, out: `"sql": [`},
		{name: "metrics get without period", env: []string{lib}, args: []string{"metrics", "get", "attrition_rate"}, status: 2, err: "give the period"},
		{name: "metrics get unknown", env: []string{lib}, args: []string{"metrics", "get", "atrition_rate", "--fy", "2025"}, status: 1, err: "did you mean attrition_rate"},
		{name: "metrics get bad dimension", env: []string{lib}, args: []string{"metrics", "get", "attrition_rate", "--fy", "2025", "--by", "theme"}, status: 1, err: "cannot be cut by \"theme\""},
		{name: "metrics impact without year", args: []string{"metrics", "impact", "--program", "side_job"}, status: 2, err: "give the fiscal year"},
		{name: "metrics impact", env: []string{lib}, args: []string{"metrics", "impact", "--program", "side_job", "--fy", "2024"}, out: "not a cause"},
		{name: "metrics get", env: []string{lib}, args: []string{"metrics", "get", "headcount", "--period", "FY2025Q1", "--format", "csv"}, out: "value,numerator"},
		{name: "metrics impact adjusted", env: []string{lib}, args: []string{"metrics", "impact", "--category", "challenge", "--fy", "2024"}, out: "(Mantel–Haenszel)"},
		{name: "metrics cohorts", env: []string{lib}, args: []string{"metrics", "cohorts", "--from", "2022", "--to", "2025"}, out: "2022-03    all        12.1%   11.9%   9.9%    33.8%"},
		{name: "metrics funnels", env: []string{lib}, args: []string{"metrics", "funnels", "--fy", "2025"}, out: "Side job (副業・兼業)\nSTEP      APPLICATIONS  FROM PREVIOUS"},
		{name: "metrics funnels without year", args: []string{"metrics", "funnels"}, status: 2, err: "give the fiscal year of the applications"},
		{name: "metrics funnels bad dimension", env: []string{lib}, args: []string{"metrics", "funnels", "--fy", "2025", "--by", "gender"}, status: 1, err: `cannot break down by "gender"`},
		{name: "metrics disclosure without year", args: []string{"metrics", "disclosure"}, status: 2, err: "give the fiscal year: --fy 2025"},
		{name: "metrics disclosure unpublished", env: []string{lib}, args: []string{"metrics", "disclosure", "--fy", "2025"}, status: 1,
			err: "FY2025 has not been published (`careerkpi publish --period FY2025`); --live gives the live figures"},
		{name: "metrics disclosure live", env: []string{lib}, args: []string{"metrics", "disclosure", "--fy", "2025", "--live"},
			out: "turnover: separations ÷ average headcount\nFIGURE                           指標                                  VALUE"},
		{name: "metrics cohorts without years", args: []string{"metrics", "cohorts"}, status: 2, err: "give the fiscal years of hire"},
		{name: "bad benchmark file", env: []string{lib, "CAREERKPI_NEW_GRADUATE_BENCHMARK=" + badBenchmark}, args: []string{"metrics", "cohorts", "--from", "2022", "--to", "2025"}, status: 1, err: "bad_benchmark.csv: metrics: benchmark: line 2"},
		{name: "bad turnover formula", env: []string{lib, "CAREERKPI_TURNOVER_FORMULA=per_head"}, args: []string{"metrics", "list"}, status: 1, err: "turnover_formula: \"per_head\" is not average_headcount"},
		{name: "migrate", env: []string{lib}, args: []string{"migrate"}, out: "applied 0016_published_metric_values.sql"},
		{name: "access on the embedded engine", env: []string{lib}, args: []string{"access", "grant"}, status: 1, err: "direct access needs a ClickHouse server"},
		{name: "access statements", env: []string{lib}, args: []string{"access", "grant", "--print"}, out: "GRANT SELECT ON `careerkpi`.`published_figures` TO `careerkpi_analyst`;"},
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

// TestLoadCommands loads, lists and undoes as a user would.
func TestLoadCommands(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "社員.csv"), []byte("社員番号,所属,入社日\nE1,営業部,2020/4/1\nE2,人事部,2021/4/1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.csv"), []byte("社員番号,所属,入社日\nE1,営業部,2020/13/1\n"), 0o644)
	out, errOut, status := careerkpiIn(t, dir, nil, "load", "employees", "社員.csv")
	if status != 0 || !strings.Contains(out, "loaded 2 rows of employees as batch ") {
		t.Fatalf("load: %d\n%s%s", status, out, errOut)
	}
	batch := strings.Fields(strings.SplitAfter(out, "as batch ")[1])[0]
	out, _, status = careerkpiIn(t, dir, nil, "load", "employees", "社員.csv")
	if status != 0 || !strings.Contains(out, "nothing added") {
		t.Fatalf("load again: %d %s", status, out)
	}
	out, _, status = careerkpiIn(t, dir, nil, "load", "--json", "--dry-run", "employees", "社員.csv")
	var rep struct {
		Outcome string `json:"outcome"`
		Rows    int    `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &rep); status != 0 || err != nil || rep.Outcome != "checked" || rep.Rows != 2 {
		t.Fatalf("load --json: %d %s %v", status, out, err)
	}
	out, _, status = careerkpiIn(t, dir, nil, "load", "employees", "bad.csv")
	if status != 1 || !strings.Contains(out, `bad.csv:2:入社日: "2020/13/1" is not a date`) || !strings.Contains(out, "nothing loaded") {
		t.Fatalf("bad load: %d %s", status, out)
	}
	out, _, status = careerkpiIn(t, dir, nil, "loads")
	if status != 0 || !strings.Contains(out, batch) || !strings.Contains(out, "committed") || !strings.Contains(out, "aborted") {
		t.Fatalf("loads: %d %s", status, out)
	}
	out, _, status = careerkpiIn(t, dir, nil, "loads", "undo", batch[len(batch)-12:])
	if status != 0 || !strings.Contains(out, "undid batch "+batch) {
		t.Fatalf("undo: %d %s", status, out)
	}
	if _, errOut, status := careerkpiIn(t, dir, nil, "loads", "undo", batch); status != 1 || !strings.Contains(errOut, "nothing to undo") {
		t.Fatalf("undo again: %d %s", status, errOut)
	}
}

// TestUsersCommands adds, lists and removes users as an administrator
// would.
func TestUsersCommands(t *testing.T) {
	dir := t.TempDir()
	out, errOut, status := careerkpiIn(t, dir, nil, "users", "add", "sato", "--role", "department_head", "--scope", "営業本部", "--display-name", "佐藤 花子", "--generate")
	if status != 0 || !strings.Contains(out, "user sato (department_head, scope 営業本部) can log in with the password ") {
		t.Fatalf("add: %d\n%s%s", status, out, errOut)
	}
	if _, errOut, status := careerkpiIn(t, dir, nil, "users", "add", "sato", "--role", "executive", "--generate"); status != 1 || !strings.Contains(errOut, "the user exists") {
		t.Fatalf("add twice: %d %s", status, errOut)
	}
	if _, errOut, status := careerkpiIn(t, dir, nil, "users", "add", "ito", "--role", "boss", "--generate"); status != 2 || !strings.Contains(errOut, `"boss" is not a role`) {
		t.Fatalf("unknown role: %d %s", status, errOut)
	}
	if _, errOut, status := careerkpiIn(t, dir, nil, "users", "add", "ito", "--role", "executive"); status != 2 || !strings.Contains(errOut, "give the password on standard input") {
		t.Fatalf("no password: %d %s", status, errOut)
	}
	out, _, status = careerkpiIn(t, dir, nil, "users", "list")
	if status != 0 || !strings.Contains(out, "sato") || !strings.Contains(out, "佐藤 花子") || strings.Contains(out, "ito") {
		t.Fatalf("list: %d %s", status, out)
	}
	// No data puts a department in 営業本部 yet: sato's role shows nothing.
	out, errOut, status = careerkpiIn(t, dir, nil, "access", "grant", "--print")
	if status != 0 || !strings.Contains(out, "CREATE ROW POLICY OR REPLACE `"+queries.HeadRole("sato")+"` ON `careerkpi`.`published_figures` FOR SELECT USING 0") ||
		!strings.Contains(errOut, "department_head_scope_unknown") {
		t.Fatalf("access grant --print: %d\n%s%s", status, out, errOut)
	}
	if out, _, status := careerkpiIn(t, dir, nil, "users", "passwd", "sato", "--generate"); status != 0 || !strings.Contains(out, "set the password of sato to ") {
		t.Fatalf("passwd: %d %s", status, out)
	}
	if out, _, status := careerkpiIn(t, dir, nil, "users", "remove", "sato"); status != 0 || !strings.Contains(out, "removed user sato") {
		t.Fatalf("remove: %d %s", status, out)
	}
	if out, _, _ := careerkpiIn(t, dir, nil, "users", "list"); strings.Contains(out, "sato") {
		t.Fatalf("list after remove: %s", out)
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

// TestReadable: the table output rounds numerators and denominators to two
// decimals and writes nothing for a missing one.
func TestReadable(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		in   *float64
		want string
	}{{f(52.15384615384615), "52.15"}, {f(124), "124"}, {f(0.005), "0.01"}, {f(20.5), "20.5"}, {nil, ""}} {
		if got := readable(c.in); got != c.want {
			t.Errorf("readable(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}
