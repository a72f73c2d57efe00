package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/demo"
	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

// engineInsertVariable, set in a child process of the benchmark to a file()
// path (a glob) of program-event CSVs, makes it open the embedded engine in
// ./data, insert the files with the engine alone (engineInsert), print how
// long that took (in nanoseconds) and the rows of raw_program_events, and
// exit.
const engineInsertVariable = "CAREERKPI_BENCH_ENGINE_INSERT"

// engineInsert is the engine's own insert of program-event CSVs, which
// checks nothing.
const engineInsert = `INSERT INTO raw_program_events
    (batch_id, event_id, employee_id, program_id, event_date, action, hours, cost_jpy, counterpart_id, source_line)
SELECT generateUUIDv4(), event_id, employee_id, program, event_date, action, hours, cost_jpy, counterpart_id, 0
FROM file({path:String}, 'CSVWithNames', 'employee_id String, program String, event_date Date32, action String, hours Nullable(Float64), cost_jpy Nullable(Int64), counterpart_id String, event_id String')`

// runEngineInsert inserts the files of path with engineInsert and prints the
// time it took and the rows of raw_program_events after it.
func runEngineInsert(path string) int {
	ctx := context.Background()
	s, err := embedded.Open(ctx, embedded.Options{Dir: "data"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	start := time.Now()
	if err := s.Exec(ctx, engineInsert, queries.Params{"path": path}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	took := time.Since(start)
	n, err := queries.Get[struct {
		N uint64 `ch:"n"`
	}](ctx, s, "SELECT count() AS n FROM raw_program_events", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(took.Nanoseconds(), n.N)
	return 0
}

// largeCompany is the large demo company, generated once per process, and
// a data folder with its HR master and programs loaded.
var largeCompany struct {
	once   sync.Once
	err    error
	base   string // the folder holding ./data with the master loaded
	events []string
}

func largeDemo(b *testing.B) (base string, events []string) {
	b.Helper()
	lc := &largeCompany
	lc.once.Do(func() {
		root := filepath.Join(querytest.DataDir(b), "bench-large")
		lc.base = filepath.Join(root, "base")
		start := time.Now()
		files, err := demo.Generate(demo.Options{Size: demo.Large, Seed: 1, Dir: filepath.Join(root, "files")})
		if err != nil {
			lc.err = err
			return
		}
		if err := os.MkdirAll(lc.base, 0o755); err != nil {
			lc.err = err
			return
		}
		for _, f := range files {
			switch f.Dataset {
			case "events":
				lc.events = append(lc.events, f.Path)
				continue
			case "employees", "programs":
			default:
				continue
			}
			args := []string{"load", f.Dataset, f.Path}
			for flag, v := range map[string]string{"--mapping": f.Mapping, "--as-of": f.AsOf, "--sheet": f.Sheet} {
				if v != "" {
					args = append(args, flag+"="+v)
				}
			}
			if out, _, err := benchChild(lc.base, careerkpiArgs(args...)); err != nil {
				lc.err = fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, out)
				return
			}
		}
		b.Logf("large demo company generated and its master loaded in %s", time.Since(start).Round(time.Second))
	})
	if lc.err != nil {
		b.Fatal(lc.err)
	}
	return lc.base, lc.events
}

// benchChild runs the test binary in dir, a process of its own, with env
// added to its environment, and returns its standard output and resource
// usage; its standard error goes into the error when it fails.
func benchChild(dir string, env ...string) ([]byte, *syscall.Rusage, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, nil, fmt.Errorf("%w\n%s", err, stderr.Bytes())
	}
	return out, cmd.ProcessState.SysUsage().(*syscall.Rusage), nil
}

// careerkpiArgs is the environment that makes the test binary run careerkpi
// with args.
func careerkpiArgs(args ...string) string {
	return argsVariable + "=" + strings.Join(args, "\n")
}

// BenchmarkLoadEvents loads the large demo company's program events, about
// ten million rows in five CSV files (one with CRLF line ends), with
// `careerkpi load events` in a process of its own, as a user would, into a
// copy of a data folder that holds the company's HR master and programs:
// every row is read, normalised, checked against the master and inserted
// as one batch. The baseline is the engine inserting the same files itself
// (INSERT … SELECT … FROM file(…, CSVWithNames)) into the same table in
// another copy, in the same iteration, in alternating order. Each side is
// timed from the start of its work to its end, without process start-up.
//
// Reported: rows/s of each, the ratio (careerkpi ÷ engine; target ≥ 0.8),
// and the peak resident memory of the load process (target ≤ 1 GiB) and of
// the engine's.
func BenchmarkLoadEvents(b *testing.B) {
	base, events := largeDemo(b)
	var names []string
	for _, f := range events {
		names = append(names, filepath.Base(f))
	}
	glob := filepath.Join(filepath.Dir(events[0]), "{"+strings.Join(names, ",")+"}")

	var ours, engine time.Duration
	var rows, engineRows, peak, enginePeak int64
	work := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runOurs := func() {
			dir := copyData(b, base, filepath.Join(work, "ours"))
			out, ru, err := benchChild(dir, careerkpiArgs(append([]string{"load", "events", "--json"}, events...)...))
			if err != nil {
				b.Fatalf("careerkpi load events: %v\n%s", err, out)
			}
			var rep ingest.Report
			if err := json.Unmarshal(out, &rep); err != nil {
				b.Fatalf("careerkpi load events --json: %v\n%s", err, out)
			}
			if rep.Outcome != ingest.Loaded || rep.Rejected != 0 {
				b.Fatalf("careerkpi load events: %s, %d rejected", rep.Outcome, rep.Rejected)
			}
			ours += rep.Duration
			rows += rep.Rows
			peak = max(peak, ru.Maxrss*1024)
		}
		runEngine := func() {
			dir := copyData(b, base, filepath.Join(work, "engine"))
			out, ru, err := benchChild(dir, engineInsertVariable+"="+glob)
			if err != nil {
				b.Fatalf("engine insert: %v", err)
			}
			var ns, n int64
			if _, err := fmt.Sscan(string(out), &ns, &n); err != nil {
				b.Fatalf("engine insert: %v: %q", err, out)
			}
			engine += time.Duration(ns)
			engineRows += n
			enginePeak = max(enginePeak, ru.Maxrss*1024)
		}
		b.StartTimer()
		if i%2 == 0 {
			runOurs()
			runEngine()
		} else {
			runEngine()
			runOurs()
		}
	}
	b.StopTimer()
	if rows != engineRows {
		b.Fatalf("careerkpi loaded %d rows, the engine inserted %d", rows, engineRows)
	}
	perRun := float64(rows) / float64(b.N)
	oursRate := float64(rows) / ours.Seconds()
	engineRate := float64(engineRows) / engine.Seconds()
	b.ReportMetric(perRun, "rows")
	b.ReportMetric(oursRate, "rows/s")
	b.ReportMetric(engineRate, "engine_rows/s")
	b.ReportMetric(oursRate/engineRate, "ratio")
	b.ReportMetric(float64(peak)/(1<<20), "peak_MiB")
	b.ReportMetric(float64(enginePeak)/(1<<20), "engine_peak_MiB")
}

// copyData makes dst a copy of the folder src, for a run to load into.
func copyData(b *testing.B, src, dst string) string {
	b.Helper()
	if err := os.RemoveAll(dst); err != nil {
		b.Fatal(err)
	}
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		b.Fatalf("copy %s: %v\n%s", src, err, out)
	}
	return dst
}
