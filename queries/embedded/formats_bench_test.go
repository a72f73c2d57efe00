package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/ClickHouse/ch-go/proto"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/rowbinary"
)

// The result formats measured before choosing RowBinaryWithNamesAndTypes:
// each benchmark reads the same million rows into Go structs.

type scanned struct {
	ID       uint64    `ch:"id"`
	Employee string    `ch:"employee_id"`
	Day      time.Time `ch:"day"`
	Hours    float64   `ch:"hours"`
}

const scanQuery = "SELECT id, employee_id, day, hours FROM rows_1m"

func openScanStore(b *testing.B) *Store {
	b.Helper()
	ctx := context.Background()
	s, err := Open(ctx, Options{Dir: b.TempDir(), Library: os.Getenv("CAREERKPI_CHDB_LIBRARY")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	for _, sql := range []string{
		"CREATE TABLE rows_1m (id UInt64, employee_id String, day Date32, hours Float64) ENGINE = MergeTree ORDER BY id",
		"INSERT INTO rows_1m SELECT number, concat('E', leftPad(toString(number % 100000), 6, '0')), toDate32('2021-04-01') + number % 1826, (number % 16) / 2 FROM numbers(1000000)",
		"OPTIMIZE TABLE rows_1m FINAL",
	} {
		if err := s.Exec(ctx, sql, nil); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// raw runs scanQuery in format on one connection and hands the whole result
// to decode before freeing it.
func raw(b *testing.B, s *Store, format string, decode func([]byte) int) {
	b.Helper()
	c, err := s.acquire(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer s.release(c)
	r, err := c.query(scanQuery, nil, nil, format)
	if err != nil {
		b.Fatal(err)
	}
	defer r.destroy()
	data := r.data()
	b.SetBytes(int64(len(data)))
	if n := decode(data); n != 1_000_000 {
		b.Fatalf("%s: %d rows", format, n)
	}
}

func BenchmarkScan(b *testing.B) {
	s := openScanStore(b)
	ctx := context.Background()
	b.Run("format=RowBinaryWithNamesAndTypes/streamed", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			out := make([]scanned, 0, 1_000_000)
			for v, err := range queries.Each[scanned](ctx, s, scanQuery, nil) {
				if err != nil {
					b.Fatal(err)
				}
				out = append(out, v)
			}
			if len(out) != 1_000_000 {
				b.Fatalf("%d rows", len(out))
			}
		}
		b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("format=RowBinaryWithNamesAndTypes/whole", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			raw(b, s, "RowBinaryWithNamesAndTypes", decodeRowBinary(b))
		}
		b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("format=Native", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			raw(b, s, "Native", decodeNative(b))
		}
		b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("format=JSONEachRow", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			raw(b, s, "JSONEachRow", decodeJSON(b))
		}
		b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("engine-only", func(b *testing.B) {
		// The engine producing the rows, with nothing read: the floor.
		for i := 0; i < b.N; i++ {
			raw(b, s, "Null", func([]byte) int { return 1_000_000 })
		}
	})
}

func decodeRowBinary(b *testing.B) func([]byte) int {
	return func(data []byte) int {
		cols, off, err := rowbinary.ReadHeader(data)
		if err != nil {
			b.Fatal(err)
		}
		sc := rowbinary.NewRowScanner(cols)
		var v scanned
		dest := []any{&v.ID, &v.Employee, &v.Day, &v.Hours}
		out := make([]scanned, 0, 1_000_000)
		for off < len(data) {
			if off, err = sc.Scan(data, off, dest); err != nil {
				b.Fatal(err)
			}
			out = append(out, v)
		}
		return len(out)
	}
}

func decodeNative(b *testing.B) func([]byte) int {
	return func(data []byte) int {
		rd := proto.NewReader(bytes.NewReader(data))
		var (
			id    proto.ColUInt64
			emp   proto.ColStr
			day   proto.ColDate32
			hours proto.ColFloat64
		)
		results := proto.Results{{Name: "id", Data: &id}, {Name: "employee_id", Data: &emp}, {Name: "day", Data: &day}, {Name: "hours", Data: &hours}}
		out := make([]scanned, 0, 1_000_000)
		for {
			var blk proto.Block
			id.Reset()
			emp.Reset()
			day.Reset()
			hours.Reset()
			if err := blk.DecodeRawBlock(rd, 0, results); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				b.Fatal(err)
			}
			for i := 0; i < blk.Rows; i++ {
				out = append(out, scanned{ID: id[i], Employee: emp.Row(i), Day: day.Row(i), Hours: hours[i]})
			}
		}
		return len(out)
	}
}

func decodeJSON(b *testing.B) func([]byte) int {
	type row struct {
		ID       uint64  `json:"id"`
		Employee string  `json:"employee_id"`
		Day      string  `json:"day"`
		Hours    float64 `json:"hours"`
	}
	return func(data []byte) int {
		dec := json.NewDecoder(bytes.NewReader(data))
		out := make([]scanned, 0, 1_000_000)
		for {
			var r row
			if err := dec.Decode(&r); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				b.Fatal(err)
			}
			day, err := time.Parse(time.DateOnly, r.Day)
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, scanned{ID: r.ID, Employee: r.Employee, Day: day, Hours: r.Hours})
		}
		return len(out)
	}
}
