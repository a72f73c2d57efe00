package demo_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/demo"
)

// BenchmarkGenerate writes the demo company of each size and reports the
// bytes written, the rows of events and of survey answers, and the peak
// resident memory of the process. The large size is the workload of the
// other benchmarks: about 100,000 employees and ten million events.
func BenchmarkGenerate(b *testing.B) {
	for _, size := range []demo.Size{demo.Small, demo.Large} {
		b.Run(string(size), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "out")
			var files []demo.File
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				if err := os.RemoveAll(dir); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				var err error
				files, err = demo.Generate(demo.Options{Size: size, Seed: 1, Dir: dir})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			var total int64
			var events, answers, respondents int
			var sizes []string
			for _, f := range files {
				info, err := os.Stat(f.Path)
				if err != nil {
					b.Fatal(err)
				}
				total += info.Size()
				sizes = append(sizes, fmt.Sprintf("%s %.1f MB", filepath.Base(f.Path), float64(info.Size())/1e6))
				switch {
				case f.Dataset == "events":
					events += countRows(b, f.Path)
				case f.Dataset == "responses" && f.Survey != "":
					// Wide: one row per respondent, one answer per item.
					n := countRows(b, f.Path)
					respondents += n
					answers += n * 6
				case f.Dataset == "responses":
					answers += countRows(b, f.Path)
				}
			}
			b.ReportMetric(float64(total)/1e6, "MB")
			b.ReportMetric(float64(events), "events")
			b.ReportMetric(float64(answers), "answers")
			if rss := peakRSS(); rss > 0 {
				b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
			}
			b.Logf("%d files, %.0f MB: %s", len(files), float64(total)/1e6, strings.Join(sizes, ", "))
			b.Logf("%d events, about %d survey answers (%d pulse respondents answering six items)", events, answers, respondents)
		})
	}
}

// countRows counts the lines of a CSV file after its header (the free-text
// answers with line breaks count twice: a few).
func countRows(b *testing.B, path string) int {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	buf := make([]byte, 1<<20)
	n := 0
	for {
		k, err := r.Read(buf)
		n += bytes.Count(buf[:k], []byte("\r\n"))
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return n - 1
}

// peakRSS returns the peak resident memory of the process (Linux), or 0.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
