package table

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// asciiRows is n CSV rows of ASCII, each of width bytes with its LF.
func asciiRows(n, width int) []byte {
	row := strings.Repeat("x", width-3) + ",y\n"
	return bytes.Repeat([]byte(row), n)
}

func TestEncodingFarIntoTheFile(t *testing.T) {
	header := []byte("id,name\n")
	// pad makes the text before a character end exactly at a chunk
	// boundary, less back bytes, so that the character straddles it.
	pad := func(back int) []byte {
		n := chunkSize - len(header) - back
		rows := asciiRows(n/64, 64)
		return append(rows, bytes.Repeat([]byte("z"), n-len(rows))...)
	}
	join := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	tests := []struct {
		name     string
		data     []byte
		encoding string
		suffix   string // of the last field of the last record
		err      string
	}{
		{"Shift_JIS only after the first chunk", join(header, asciiRows(10000, 40), []byte("E9,"), sjis(t, "山田\n")), "Shift_JIS", "山田", ""},
		{"UTF-8 rune across a chunk boundary", join(header, pad(1), []byte("社員\n")), "UTF-8", "z社員", ""},
		{"Shift_JIS pair across a chunk boundary", join(header, pad(1), sjis(t, "社員\n")), "Shift_JIS", "z社員", ""},
		{"UTF-8 BOM and a rune across a chunk boundary", join(utf8BOM, header, pad(1+len(utf8BOM)), []byte("社員\n")), "UTF-8 with BOM", "z社員", ""},
		{"bad byte after the first chunk", join(header, asciiRows(10000, 40), []byte("E9,社員\xff\n")), "", "",
			fmt.Sprintf(":10002: neither UTF-8 nor Shift_JIS: byte 0xFF at offset %d is not valid UTF-8", len(header)+400000+9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := open("a.csv", bytesOpener(tt.data), Options{})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Encoding() != tt.encoding {
				t.Errorf("encoding = %s, want %s", f.Encoding(), tt.encoding)
			}
			recs, err := readAll(t, f)
			if err != nil {
				t.Fatal(err)
			}
			last := recs[len(recs)-1].Fields
			if !strings.HasSuffix(last[len(last)-1], tt.suffix) {
				t.Errorf("last field = %q, want it to end in %q", last[len(last)-1], tt.suffix)
			}
		})
	}
}

// feedUTF8 feeds p to a utf8Check in pieces of size n and returns the offset of
// the first bad byte, or -1.
func feedUTF8(p []byte, n int) int64 {
	c := utf8Check{bad: -1}
	for len(p) > 0 {
		k := min(n, len(p))
		c.feed(p[:k])
		p = p[k:]
	}
	c.end()
	return c.bad
}

func feedSJIS(p []byte, n int) int64 {
	c := sjisCheck{bad: -1}
	for len(p) > 0 {
		k := min(n, len(p))
		c.feed(p[:k])
		p = p[k:]
	}
	c.end()
	return c.bad
}

func TestChecksAgreeWithTheDecoders(t *testing.T) {
	dec := japanese.ShiftJIS.NewDecoder()
	sjisValid := func(p []byte) bool {
		out, err := dec.Bytes(p)
		return err == nil && !bytes.ContainsRune(out, utf8.RuneError)
	}
	t.Run("every one and two bytes", func(t *testing.T) {
		for a := range 256 {
			for b := -1; b < 256; b++ {
				p := []byte{byte(a), byte(b)}
				if b < 0 {
					p = p[:1]
				}
				if got, want := feedSJIS(p, 1) < 0, sjisValid(p); got != want {
					t.Errorf("Shift_JIS % X: valid = %v, decoder says %v", p, got, want)
				}
				if got, want := feedUTF8(p, 1) < 0, utf8.Valid(p); got != want {
					t.Errorf("UTF-8 % X: valid = %v, want %v", p, got, want)
				}
			}
		}
	})
	samples := [][]byte{
		[]byte("社員番号,氏名\n山田,髙橋①\n"),
		sjis(t, "社員番号,氏名\nｶﾀｶﾅ,髙橋①\n"),
		[]byte("a\xe7\xa4"),
		[]byte("a\xe7\xa4\xbe\xf0\x9f\x98\x80b\xed\xa0\x80c"),
		[]byte("abc\x81"),
		[]byte("\x81\x39x"),
		[]byte("abcdefgh\x82\xa0ijklmnop\xa0"),
		append(sjis(t, strings.Repeat("あいう", 9)), 0xFD),
		[]byte(strings.Repeat("あいう", 9) + "\xc0\xaf"),
	}
	for i, p := range samples {
		t.Run(fmt.Sprint("sample ", i), func(t *testing.T) {
			wantU, wantS := feedUTF8(p, len(p)), feedSJIS(p, len(p))
			if (wantU < 0) != utf8.Valid(p) {
				t.Errorf("UTF-8: bad at %d, utf8.Valid says %v", wantU, utf8.Valid(p))
			}
			if (wantS < 0) != sjisValid(p) {
				t.Errorf("Shift_JIS: bad at %d, the decoder says valid = %v", wantS, sjisValid(p))
			}
			for n := 1; n < len(p); n++ {
				if got := feedUTF8(p, n); got != wantU {
					t.Errorf("UTF-8 in pieces of %d: bad at %d, want %d", n, got, wantU)
				}
				if got := feedSJIS(p, n); got != wantS {
					t.Errorf("Shift_JIS in pieces of %d: bad at %d, want %d", n, got, wantS)
				}
			}
		})
	}
}

func TestLongRecords(t *testing.T) {
	long := strings.Repeat("長い備考。\n", bufferSize/8) // more than a buffer, with line ends
	wide := strings.Repeat("w", 3*bufferSize)       // one unquoted field of three buffers
	quotes := strings.Repeat(`""`, bufferSize)      // escapes across the buffer's end
	data := "a,b\n1,\"" + long + "\"\n2," + wide + "\n3,\"" + quotes + "\"\n4,x\n"
	for _, enc := range []string{"UTF-8", "Shift_JIS"} {
		t.Run(enc, func(t *testing.T) {
			b := []byte(data)
			if enc == "Shift_JIS" {
				b = sjis(t, data)
			}
			f, err := open("a.csv", bytesOpener(b), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Encoding() != enc {
				t.Errorf("encoding = %s, want %s", f.Encoding(), enc)
			}
			recs, err := readAll(t, f)
			if err != nil {
				t.Fatal(err)
			}
			n := strings.Count(long, "\n")
			want := []Record{
				rec(2, "1", long),
				rec(3+n, "2", wide),
				rec(4+n, "3", strings.Repeat(`"`, bufferSize)),
				rec(5+n, "4", "x"),
			}
			if !slices.EqualFunc(recs, want, func(a, b Record) bool { return a.Line == b.Line && slices.Equal(a.Fields, b.Fields) }) {
				for i := range min(len(recs), len(want)) {
					t.Errorf("record %d: line %d, %d fields of %v bytes; want line %d", i, recs[i].Line, len(recs[i].Fields), lens(recs[i].Fields), want[i].Line)
				}
				t.Fatalf("%d records, want %d", len(recs), len(want))
			}
		})
	}
}

func lens(s []string) []int {
	var n []int
	for _, v := range s {
		n = append(n, len(v))
	}
	return n
}

// testCSV is rows of CSV with quoted fields, escapes and Japanese text.
func testCSV(rows int) []byte {
	var b bytes.Buffer
	b.WriteString("社員番号,氏名,所属,入社日,退職日,雇用区分,勤務地,年齢,評価,備考\r\n")
	for i := range rows {
		note := ""
		switch i % 10 {
		case 3:
			note = `"メモ, あり"`
		case 7:
			note = `"引用 ""x"" と` + "\r\n" + `改行"`
		}
		fmt.Fprintf(&b, "E%07d,山田 太郎,営業部,2019-04-%02d,,正社員,東京,%d,%d.%d,%s\r\n", i, i%28+1, 20+i%40, i%5, i%10, note)
	}
	return b.Bytes()
}

func TestNoAllocationPerRecord(t *testing.T) {
	data := testCSV(20000)
	for _, enc := range []string{"UTF-8", "Shift_JIS"} {
		t.Run(enc, func(t *testing.T) {
			b := data
			if enc == "Shift_JIS" {
				b = sjis(t, string(data))
			}
			f, err := open("a.csv", bytesOpener(b), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for range 100 {
				if _, err := f.Next(); err != nil {
					t.Fatal(err)
				}
			}
			var err2 error
			allocs := testing.AllocsPerRun(10000, func() {
				if _, err := f.Next(); err != nil {
					err2 = err
				}
			})
			if err2 != nil {
				t.Fatal(err2)
			}
			if allocs != 0 {
				t.Errorf("%v allocations per record, want 0", allocs)
			}
		})
	}
}

func TestOffset(t *testing.T) {
	data := testCSV(50000)
	// ends[line] is the offset just after the record that starts on line.
	ends := map[int]int64{}
	line, inQuotes := 1, false
	start := 1
	for i, c := range data {
		switch {
		case c == '"':
			inQuotes = !inQuotes
		case c == '\n':
			line++
			if !inQuotes {
				ends[start] = int64(i + 1)
				start = line
			}
		}
	}
	for _, enc := range []string{"UTF-8", "Shift_JIS"} {
		t.Run(enc, func(t *testing.T) {
			b := data
			if enc == "Shift_JIS" {
				b = sjis(t, string(data))
			}
			f, err := open("a.csv", bytesOpener(b), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			prev := f.Offset()
			for {
				rec, err := f.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				off := f.Offset()
				if off < prev || off > f.Size() || rec.Line == 2 && off > f.Size()/4 {
					t.Fatalf("line %d: offset %d after %d, size %d", rec.Line, off, prev, f.Size())
				}
				if want := ends[rec.Line]; enc == "UTF-8" && off != want {
					t.Fatalf("line %d: offset %d, want %d", rec.Line, off, want)
				}
				prev = off
			}
			if f.Offset() != f.Size() || f.Size() != int64(len(b)) {
				t.Errorf("offset at the end = %d, size %d; want %d", f.Offset(), f.Size(), len(b))
			}
		})
	}
}
