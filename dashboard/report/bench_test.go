package report_test

import (
	"bufio"
	"cmp"
	"context"
	"io"
	"maps"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/dashboard/report"
	"github.com/careerkpi/careerkpi/demo"
	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

// BenchmarkReport writes the whole report of FY2025 for the large demo
// company (`careerkpi demo --size large`, seed 1), end to end: live, from
// the engine without a result cache, so that every figure is computed as
// for the first report after a load; then published, from a version of
// the same data. Each reports the seconds from the call to the last byte,
// the peak resident memory of the process while the report is made (VmHWM,
// reset before each report; the embedded engine runs in the process, so
// its memory counts too) and the Go heap's peak. Targets: ≤ 10 s and
// ≤ 1 GiB. Run it with -benchtime 1x.
func BenchmarkReport(b *testing.B) {
	ctx := context.Background()
	start := time.Now()
	s, err := embedded.Open(ctx, embedded.Options{Dir: querytest.DataDir(b), Database: "bench_report",
		Library: os.Getenv(querytest.LibraryVariable), Connections: 4})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := queries.MigrateSchema(ctx, s); err != nil {
		b.Fatal(err)
	}
	if err := demo.Load(ctx, s, demo.Options{Size: demo.Large, Seed: 1, Dir: b.TempDir()}, "demo"); err != nil {
		b.Fatal(err)
	}
	b.Logf("large demo company generated and loaded in %s", time.Since(start).Round(time.Second))
	eng, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: metrics.DefaultThreshold})
	if err != nil {
		b.Fatal(err)
	}
	version, err := eng.Current(ctx) // the derived tables are built here, not in the timed report
	if err != nil {
		b.Fatal(err)
	}
	progs, items, err := companyNames(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	opts := report.Options{FiscalYear: 2025, Source: "live figures", Calendar: eng.Calendar, Now: time.Now(), Programs: progs, Items: items}
	b.Run("live", func(b *testing.B) {
		timed := &timer{Figures: eng}
		timeReport(b, metrics.AtVersion(ctx, version), timed, eng.Registry, opts)
		timed.log(b)
	})
	// The same report from a version published of the same data, as HR
	// hands it to the board.
	t0 := time.Now()
	pub, err := eng.Publish(metrics.AtVersion(ctx, version), eng.Calendar.FiscalYear(2025), "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("FY2025 published as version %d in %s", pub.Version, time.Since(t0).Round(time.Second))
	published, err := eng.Published(ctx, pub.Version, nil)
	if err != nil {
		b.Fatal(err)
	}
	opts.Source = "published version " + strconv.Itoa(pub.Version)
	b.Run("published", func(b *testing.B) {
		timeReport(b, ctx, published, eng.Registry, opts)
	})
}

// timeReport writes the report b.N times and reports the slowest time and
// the highest peaks of memory.
func timeReport(b *testing.B, ctx context.Context, figs metrics.Figures, reg *metrics.Registry, opts report.Options) {
	var secs, rss, heap float64
	var size int64
	for range b.N {
		resetPeakRSS(b)
		stop := sampleHeap()
		t0 := time.Now()
		w := &counter{}
		if err := report.Write(ctx, w, figs, reg, opts); err != nil {
			b.Fatal(err)
		}
		secs = max(secs, time.Since(t0).Seconds())
		heap = max(heap, float64(stop())/(1<<20))
		rss = max(rss, float64(peakRSS(b))/(1<<20))
		size = w.n
	}
	b.StopTimer()
	b.Logf("report of %d bytes, %d programs, %d items", size, len(opts.Programs), len(opts.Items))
	b.ReportMetric(secs, "s/report")
	b.ReportMetric(rss, "peak-rss-MiB")
	b.ReportMetric(heap, "go-heap-peak-MiB")
	b.ReportMetric(0, "ns/op")
}

// timer passes requests on to the figures and adds up the time each cut
// takes, for the benchmark's log.
type timer struct {
	metrics.Figures
	mu    sync.Mutex
	byCut map[string]time.Duration
	count map[string]int
	slow  []timed
}

type timed struct {
	what string
	took time.Duration
}

func (t *timer) Compute(ctx context.Context, req metrics.Request) (*metrics.Result, error) {
	t0 := time.Now()
	res, err := t.Figures.Compute(ctx, req)
	took := time.Since(t0)
	cut := strings.Join(req.By, ",")
	switch {
	case req.Program != "":
		cut = "program"
	case cut == "":
		cut = "total"
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byCut == nil {
		t.byCut, t.count = map[string]time.Duration{}, map[string]int{}
	}
	t.byCut[cut] += took
	t.count[cut]++
	t.slow = append(t.slow, timed{req.Metric + " " + cut + " " + req.Program, took})
	return res, err
}

// log writes the time of each cut, and the slowest requests.
func (t *timer) log(b *testing.B) {
	var sum time.Duration
	for _, cut := range slices.Sorted(maps.Keys(t.byCut)) {
		b.Logf("%-10s %3d requests, %6.2f s of computation", cut, t.count[cut], t.byCut[cut].Seconds())
		sum += t.byCut[cut]
	}
	b.Logf("%d requests, %.2f s of computation in all", len(t.slow), sum.Seconds())
	slices.SortFunc(t.slow, func(a, b timed) int { return cmp.Compare(b.took, a.took) })
	for _, r := range t.slow[:min(8, len(t.slow))] {
		b.Logf("slow: %s %s", r.what, r.took.Round(time.Millisecond))
	}
}

// counter is a writer that counts the bytes written to it.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*counter)(nil)

// resetPeakRSS resets the process's peak resident memory (VmHWM) to its
// current one.
func resetPeakRSS(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("peak RSS not reset (%v): it counts from the start of the process", err)
	}
}

// peakRSS returns the process's peak resident memory in bytes (VmHWM).
func peakRSS(b *testing.B) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb << 10
		}
	}
	b.Fatal("no VmHWM in /proc/self/status")
	return 0
}

// sampleHeap samples the Go heap in use every 10 ms until the function
// it returns is called, which returns the largest sample.
func sampleHeap() func() uint64 {
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		peak = max(peak, ms.HeapInuse)
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		sample()
		return peak
	}
}
