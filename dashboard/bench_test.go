package dashboard_test

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
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

// large is the large demo company loaded once per process, with an
// executive and the head of one division.
var large struct {
	once sync.Once
	s    queries.Store
	err  error
}

func largeDemo(b *testing.B) queries.Store {
	b.Helper()
	large.once.Do(func() {
		ctx := context.Background()
		start := time.Now()
		s, err := embedded.Open(ctx, embedded.Options{Dir: querytest.DataDir(b), Database: "bench_large",
			Library: os.Getenv(querytest.LibraryVariable), Connections: 4})
		if err != nil {
			large.err = err
			return
		}
		large.s = s
		if _, large.err = queries.MigrateSchema(ctx, s); large.err != nil {
			return
		}
		dir, err := os.MkdirTemp(querytest.DataDir(b), "large-")
		if err != nil {
			large.err = err
			return
		}
		defer os.RemoveAll(dir)
		if large.err = demo.Load(ctx, s, demo.Options{Size: demo.Large, Seed: 1, Dir: dir}, "demo"); large.err != nil {
			return
		}
		b.Logf("large demo company generated and loaded in %s", time.Since(start).Round(time.Second))
		division, err := queries.Get[string](ctx, s, "SELECT toString(division) FROM employee_spans WHERE division != '' ORDER BY division LIMIT 1", nil)
		if err != nil {
			large.err = err
			return
		}
		for _, a := range []account{{"exec", users.Executive, ""}, {"divhead", users.DepartmentHead, division}, {"analyst", users.Analyst, ""}} {
			if _, large.err = users.Add(ctx, s, users.New{Name: a.name, Role: a.role, Scope: a.scope, Password: password}); large.err != nil {
				return
			}
		}
	})
	if large.err != nil {
		b.Fatal(large.err)
	}
	return large.s
}

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
	s := largeDemo(b)
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

// BenchmarkAPI publishes FY2025 of the large demo company (timed once, as
// publish-s) and then times GET /api/v1/metrics/attrition_rate by
// department with an analyst's token: published (the default), live with
// the result cache warm, and live computed every time. Twenty samples per
// shape.
func BenchmarkAPI(b *testing.B) {
	ctx := context.Background()
	s := largeDemo(b)
	for _, cached := range []bool{true, false} {
		eng, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: metrics.DefaultThreshold})
		if err != nil {
			b.Fatal(err)
		}
		if cached {
			eng.EnableCache(1 << 14)
			start := time.Now()
			if _, err := eng.Publish(ctx, eng.Calendar.FiscalYear(2025), "bench", nil); err != nil {
				b.Fatal(err)
			}
			b.Logf("FY2025 published in %s", time.Since(start).Round(time.Second))
		}
		opts := dashboard.Options{Store: s, Engine: eng, EChartsFile: os.Getenv("CAREERKPI_ECHARTS_FILE"), UploadDir: b.TempDir()}
		if !cached {
			opts.ResultCache = -1
		}
		app, err := dashboard.New(opts)
		if err != nil {
			b.Fatal(err)
		}
		token, err := users.NewToken(ctx, s, "analyst", "bench")
		if err != nil {
			b.Fatal(err)
		}
		shapes := map[string]string{"live-uncached": "&live=1"}
		if cached {
			shapes = map[string]string{"published": "", "live-warm": "&live=1"}
		}
		for shape, q := range shapes {
			b.Run(shape, func(b *testing.B) {
				path := "/api/v1/metrics/attrition_rate?period=FY2025&by=department" + q
				get := func() {
					req := httptest.NewRequest("GET", path, nil)
					req.Header.Set("Authorization", "Bearer "+token)
					resp, err := app.Test(req, -1)
					if err != nil || resp.StatusCode != 200 {
						b.Fatalf("%s: %v %v", path, err, resp)
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				get()
				var times []time.Duration
				b.ResetTimer()
				for range b.N {
					for range 20 {
						t0 := time.Now()
						get()
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
