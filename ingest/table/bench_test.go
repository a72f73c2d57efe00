package table

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// benchRows is the size of the benchmark's file: a 10-column CSV of 1 M
// rows is about 70 MB.
const benchRows = 1_000_000

var benchCSV = sync.OnceValue(func() []byte { return testCSV(benchRows) })

var benchSJIS = sync.OnceValue(func() []byte {
	b, err := japanese.ShiftJIS.NewEncoder().Bytes(benchCSV())
	if err != nil {
		panic(err)
	}
	return b
})

// BenchmarkCSV opens a 10-column CSV of 1 M rows and reads every record:
// the examining read (hash and encoding) and the parse, as a load does.
func BenchmarkCSV(b *testing.B) {
	for _, bench := range []struct {
		name string
		data func() []byte
	}{
		{"UTF-8", benchCSV},
		{"Shift_JIS", benchSJIS},
	} {
		b.Run(bench.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "employees.csv")
			if err := os.WriteFile(path, bench.data(), 0o644); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(bench.data())))
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			records := 0
			for b.Loop() {
				f, err := Open(path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				for {
					_, err := f.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					records++
				}
				f.Close()
			}
			runtime.ReadMemStats(&after)
			if records != b.N*benchRows {
				b.Fatalf("%d records, want %d", records, b.N*benchRows)
			}
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(records), "allocs/record")
		})
	}
}
