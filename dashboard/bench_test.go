package dashboard_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/dashboard"
	"github.com/careerkpi/careerkpi/demo"
	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/users"
)

// BenchmarkPages serves every chart page of the large demo company
// (`careerkpi demo --size large`, seed 1) as an executive and as the head
// of one division, and times the server's side of each: from the request
// to the last byte of the page, through Fiber's app.Test. Warm: the page
// is asked for once before it is timed, so the engine's caches are warm
// and the page's figures are in the result cache, as for every viewer
// after the first while the data is unchanged. Uncached: the same with the
// result cache off, so every figure is computed again — what the first
// viewer of a page waits after a load. Twenty samples per page and shape
// (run it with -benchtime 1x).
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	start := time.Now()
	s, err := embedded.Open(ctx, embedded.Options{Dir: querytest.DataDir(b), Database: "bench_pages",
		Library: os.Getenv(querytest.LibraryVariable), Connections: 4})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := queries.MigrateSchema(ctx, s); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := demo.Load(ctx, s, demo.Options{Size: demo.Large, Seed: 1, Dir: dir}, "demo"); err != nil {
		b.Fatal(err)
	}
	b.Logf("large demo company generated and loaded in %s", time.Since(start).Round(time.Second))
	division, err := queries.Get[string](ctx, s, "SELECT toString(division) FROM employee_spans WHERE division != '' ORDER BY division LIMIT 1", nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, a := range []account{{"exec", users.Executive, ""}, {"divhead", users.DepartmentHead, division}} {
		if _, err := users.Add(ctx, s, users.New{Name: a.name, Role: a.role, Scope: a.scope, Password: password}); err != nil {
			b.Fatal(err)
		}
	}
	for _, cached := range []bool{true, false} {
		eng, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: metrics.DefaultThreshold})
		if err != nil {
			b.Fatal(err)
		}
		opts := dashboard.Options{Store: s, Engine: eng, EChartsFile: os.Getenv("CAREERKPI_ECHARTS_FILE"), UploadDir: b.TempDir()}
		shape := "warm"
		if !cached {
			opts.ResultCache, shape = -1, "uncached"
		}
		app, err := dashboard.New(opts)
		if err != nil {
			b.Fatal(err)
		}
		for _, who := range []string{"exec", "divhead"} {
			c := loggedIn(b, app, who)
			for _, p := range chartPages {
				b.Run(shape+"/"+who+"/"+pageName(p), func(b *testing.B) {
					path := p + "?fy=2025"
					if r := c.get(path); r.status != 200 {
						b.Fatalf("%s: status %d", path, r.status)
					}
					var times []time.Duration
					b.ResetTimer()
					for range b.N {
						for range 20 {
							t0 := time.Now()
							if r := c.get(path); r.status != 200 {
								b.Fatalf("%s: status %d", path, r.status)
							}
							times = append(times, time.Since(t0))
						}
					}
					b.StopTimer()
					b.ReportMetric(ms(percentile(times, 50)), "p50-ms")
					b.ReportMetric(ms(percentile(times, 95)), "p95-ms")
					b.ReportMetric(0, "ns/op")
				})
			}
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
