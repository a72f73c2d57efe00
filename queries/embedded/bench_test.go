package embedded_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

// narrow is a narrow row, the shape of a program event.
type narrow struct {
	ID       uint64    `ch:"id"`
	Employee string    `ch:"employee_id"`
	Day      time.Time `ch:"day"`
	Hours    float64   `ch:"hours"`
}

const narrowTable = "CREATE TABLE narrow (id UInt64, employee_id String, day Date, hours Float64) ENGINE = MergeTree PARTITION BY toYear(day) ORDER BY (employee_id, day)"

// narrowRows yields n rows; the values are prepared so that producing a row
// costs next to nothing.
func narrowRows(n int) func(yield func(narrow, error) bool) {
	employees := make([]string, 100_000)
	for i := range employees {
		employees[i] = fmt.Sprintf("E%06d", i)
	}
	days := make([]time.Time, 1826)
	for i := range days {
		days[i] = time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
	}
	return func(yield func(narrow, error) bool) {
		for i := 0; i < n; i++ {
			if !yield(narrow{ID: uint64(i), Employee: employees[i%len(employees)], Day: days[i%len(days)], Hours: float64(i%16) / 2}, nil) {
				return
			}
		}
	}
}

// BenchmarkInsert compares a bulk insert through the store — encoding the
// rows and streaming them to the engine as Native blocks through a pipe —
// with the engine alone inserting the same rows from a Native file prepared
// beforehand, its fastest way in. Both run in every iteration, in
// alternating order; the ratio of their rates is the figure that holds on a
// noisy machine. For reference it also times the engine inserting the same
// rows from a RowBinary file.
func BenchmarkInsert(b *testing.B) {
	for _, n := range []int{1_000_000, 10_000_000} {
		b.Run(fmt.Sprintf("rows=%dM", n/1_000_000), func(b *testing.B) {
			ctx := context.Background()
			s := querytest.Embedded(b)
			if err := s.Exec(ctx, narrowTable, nil); err != nil {
				b.Fatal(err)
			}
			types := []*rowbinary.Type{rowbinary.MustParse("UInt64"), rowbinary.MustParse("String"), rowbinary.MustParse("Date"), rowbinary.MustParse("Float64")}
			// The engine writes the prepared file itself, from RowBinary.
			dir := b.TempDir()
			staged, prepared := filepath.Join(dir, "narrow.rowbinary"), filepath.Join(dir, "narrow.native")
			f, err := os.Create(staged)
			if err != nil {
				b.Fatal(err)
			}
			w := bufio.NewWriter(f)
			if err := queries.Structs(narrowRows(n)).WriteRows(types, func(row []byte) error { _, err := w.Write(row); return err }); err != nil {
				b.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
			f.Close()
			const structure = "id UInt64, employee_id String, day Date, hours Float64"
			if err := s.Exec(ctx, "INSERT INTO FUNCTION file({native:String}, 'Native', {structure:String}) SELECT * FROM file({staged:String}, 'RowBinary', {structure:String})",
				queries.Params{"native": prepared, "staged": staged, "structure": structure}); err != nil {
				b.Fatal(err)
			}
			rowBinaryInsert := func() {
				err := s.Exec(ctx, "INSERT INTO narrow (id, employee_id, day, hours) SELECT * FROM file({path:String}, 'RowBinary', {structure:String})",
					queries.Params{"path": staged, "structure": structure})
				if err != nil {
					b.Fatal(err)
				}
			}
			engineInsert := func() {
				err := s.Exec(ctx, "INSERT INTO narrow (id, employee_id, day, hours) SELECT * FROM file({path:String}, 'Native', {structure:String})",
					queries.Params{"path": prepared, "structure": structure})
				if err != nil {
					b.Fatal(err)
				}
			}
			storeInsert := func() {
				written, err := s.Insert(ctx, "narrow", queries.Structs(narrowRows(n)))
				if err != nil || written != int64(n) {
					b.Fatalf("Insert wrote %d rows: %v", written, err)
				}
			}
			timed := func(f func()) time.Duration {
				if err := s.Exec(ctx, "TRUNCATE TABLE narrow", nil); err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				f()
				return time.Since(start)
			}
			var engine, store, rowBinary time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%2 == 0 {
					engine += timed(engineInsert)
					store += timed(storeInsert)
				} else {
					store += timed(storeInsert)
					engine += timed(engineInsert)
				}
				rowBinary += timed(rowBinaryInsert)
			}
			b.StopTimer()
			rows := float64(n) * float64(b.N)
			b.ReportMetric(rows/store.Seconds(), "store_rows/s")
			b.ReportMetric(rows/engine.Seconds(), "engine_rows/s")
			b.ReportMetric(engine.Seconds()/store.Seconds(), "ratio")
			b.ReportMetric(rows/rowBinary.Seconds(), "engine_rowbinary_rows/s")
		})
	}
}
