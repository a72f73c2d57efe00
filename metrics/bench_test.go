package metrics_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/demo"
	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

// largeStore is the large demo company loaded into a database of its own,
// once per process: every benchmark run reads the same data.
var largeStore struct {
	once sync.Once
	s    queries.Store
	err  error
}

// largeDirVariable names a data folder that already holds the large demo
// (careerkpi demo --size large --data-dir DIR): the benchmarks then read it
// instead of generating and loading the company again.
const largeDirVariable = "CAREERKPI_BENCH_LARGE_DIR"

func largeDemo(b *testing.B) queries.Store {
	b.Helper()
	ls := &largeStore
	ls.once.Do(func() {
		ctx := context.Background()
		start := time.Now()
		if dir := os.Getenv(largeDirVariable); dir != "" {
			ls.s, ls.err = embedded.Open(ctx, embedded.Options{Dir: dir, Library: os.Getenv(querytest.LibraryVariable)})
			if ls.err == nil {
				_, ls.err = queries.MigrateSchema(ctx, ls.s)
			}
			if ls.err == nil {
				ls.err = queries.RefreshDerived(ctx, ls.s)
			}
			return
		}
		s, err := embedded.Open(ctx, embedded.Options{Dir: querytest.DataDir(b), Database: "bench_large",
			Library: os.Getenv(querytest.LibraryVariable)})
		if err != nil {
			ls.err = err
			return
		}
		ls.s = s
		if _, ls.err = queries.MigrateSchema(ctx, s); ls.err != nil {
			return
		}
		dir, err := os.MkdirTemp(querytest.DataDir(b), "large-demo-")
		if err != nil {
			ls.err = err
			return
		}
		defer os.RemoveAll(dir)
		files, err := demo.Generate(demo.Options{Size: demo.Large, Seed: 1, Dir: dir})
		if err != nil {
			ls.err = err
			return
		}
		for _, f := range files {
			rep, err := ingest.Load(ctx, s, ingest.Request{Dataset: f.Dataset, Files: []string{f.Path}, Mapping: f.Mapping,
				Survey: f.Survey, Sheet: f.Sheet, AsOf: f.AsOf, DeferDerived: true})
			if err == nil && rep.Outcome != ingest.Loaded {
				err = fmt.Errorf("%s: %s", f.Path, rep.Summary())
			}
			if err != nil {
				ls.err = err
				return
			}
		}
		if ls.err = queries.RefreshDerived(ctx, s); ls.err != nil {
			return
		}
		b.Logf("large demo company generated and loaded in %s", time.Since(start).Round(time.Second))
	})
	if ls.err != nil {
		b.Fatal(ls.err)
	}
	return ls.s
}

// BenchmarkMetrics computes every metric of the catalog on the large demo
// company, by department for FY2025 and as a five-year trend (FY2021-FY2025
// by fiscal year), warm. Each iteration times ten computations; the
// reported p50 and p95 are over all of them (run it with -benchtime 1x:
// ten samples per metric and shape). engine-p50 is the engine's own
// time for the same SQL statements with the same parameters, run directly
// through the store, and ratio is careerkpi's p50 over it: what computing,
// anonymity and the result cost beyond the SQL. raw-p50 is the engine's time
// for the raw SQL of the same figures — no rollup, from the spans, events
// and answers themselves (Engine.NoRollups) — and vs-raw careerkpi's p50
// over it.
func BenchmarkMetrics(b *testing.B) {
	s := largeDemo(b)
	ctx := context.Background()
	e, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: metrics.DefaultThreshold})
	if err != nil {
		b.Fatal(err)
	}
	// The raw SQL: the same figures with no rollup, from the spans, the
	// events and the answers themselves (what testRollups compares with).
	raw, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: metrics.DefaultThreshold})
	if err != nil {
		b.Fatal(err)
	}
	raw.NoRollups = true
	trend, err := e.Calendar.Custom(e.Calendar.FiscalYear(2021).Start, e.Calendar.FiscalYear(2025).End)
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range e.Registry.All() {
		for _, shape := range []struct {
			name string
			req  metrics.Request
		}{
			{"department", metrics.Request{Period: e.Calendar.FiscalYear(2025), By: []string{"department"}}},
			{"trend", metrics.Request{Period: trend, By: []string{"fiscal_year"}}},
		} {
			req := shape.req
			req.Metric = m.ID
			if m.NeedsProgram {
				req.Program = "side_job"
			}
			if m.Per != "" {
				req.By = append(req.By, m.Per)
				if shape.name == "department" {
					req.By = []string{m.Per}
					req.Filters = []metrics.Filter{{Dimension: "department", Values: []string{"人事部"}}}
				}
			}
			b.Run(m.ID+"/"+shape.name, func(b *testing.B) {
				sts, err := e.Statements(req)
				if err != nil {
					b.Fatal(err)
				}
				rawSts, err := raw.Statements(req)
				if err != nil {
					b.Fatal(err)
				}
				run := func(sts []metrics.Statement) error {
					for _, st := range sts {
						rows, err := s.Query(ctx, st.SQL, st.Params)
						if err != nil {
							return err
						}
						for rows.Next() {
						}
						err = rows.Err()
						rows.Close()
						if err != nil {
							return err
						}
					}
					return nil
				}
				engineOnce := func() error { return run(sts) }
				// Warm both.
				if _, err := e.Compute(ctx, req); err != nil {
					b.Fatal(err)
				}
				if err := engineOnce(); err != nil {
					b.Fatal(err)
				}
				var ours, engine []time.Duration
				b.ResetTimer()
				for range b.N {
					for range 10 {
						start := time.Now()
						if _, err := e.Compute(ctx, req); err != nil {
							b.Fatal(err)
						}
						ours = append(ours, time.Since(start))
						start = time.Now()
						if err := engineOnce(); err != nil {
							b.Fatal(err)
						}
						engine = append(engine, time.Since(start))
					}
				}
				b.StopTimer()
				// The raw SQL, three times after a warm-up: it is slow.
				var rawTimes []time.Duration
				for i := range 4 {
					start := time.Now()
					if err := run(rawSts); err != nil {
						b.Fatal(err)
					}
					if i > 0 {
						rawTimes = append(rawTimes, time.Since(start))
					}
				}
				p50, p95, e50 := percentile(ours, 50), percentile(ours, 95), percentile(engine, 50)
				r50 := percentile(rawTimes, 50)
				b.ReportMetric(ms(r50), "raw-p50-ms")
				b.ReportMetric(float64(p50)/float64(r50), "vs-raw")
				b.ReportMetric(ms(p50), "p50-ms")
				b.ReportMetric(ms(p95), "p95-ms")
				b.ReportMetric(ms(e50), "engine-p50-ms")
				b.ReportMetric(float64(p50)/float64(e50), "ratio")
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(i-1, 0)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
