package table

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// readFuzz opens data and reads it all. Any error must be an *Error: bad
// input is reported, never anything else, and nothing panics. Lines must
// go up, and a CSV or XLSX record has fields.
func readFuzz(t *testing.T, name string, data []byte, opts Options) (*File, []Record, bool) {
	t.Helper()
	f, err := open(name, bytesOpener(data), opts)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Open: %v (%T), want an *Error", err, err)
		}
		return nil, nil, false
	}
	recs, err := readAll(t, f)
	f.Close()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Next: %v (%T), want an *Error", err, err)
		}
		return f, recs, false
	}
	line := 0
	for _, r := range recs {
		if r.Line <= line || len(r.Fields) == 0 && opts.Format != JSONLines {
			t.Fatalf("record on line %d with %d fields after line %d", r.Line, len(r.Fields), line)
		}
		line = r.Line
	}
	return f, recs, true
}

func addFixtures(f *testing.F, pattern string, extra ...any) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds in testdata/%s", pattern)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append([]any{data}, extra...)...)
	}
}

func FuzzCSV(f *testing.F) {
	addFixtures(f, "*.csv", uint8(3))
	addFixtures(f, "*.tsv", uint8(1))
	for i, s := range []string{
		"a,b\n1,\"x\ny\"\n", "a;b\r\n\"1;2\";3\r\n", "a\tb\r1\t2\r", "\"", "\"\"\"", "a,\"b\"c\"\n",
		",,\n,,\n", "\n\n", "a\n\"\"\n", "\xef\xbb\xbfa\n\xef\xbb\xbf\n", "\x8e\xd0,\x88\xf5\n", "a,b\r",
	} {
		f.Add([]byte(s), uint8(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, d uint8) {
		delim := []rune{',', '\t', ';', 0}[d%4]
		file, recs, ok := readFuzz(t, "fuzz.csv", data, Options{Format: CSV, Delimiter: delim})
		if !ok {
			return
		}
		// Write the records back with encoding/csv and read them again: the
		// same fields. A record of nothing but empty fields is written as
		// "" and delimiters, since an empty line or a line of delimiters is
		// blank.
		rows := append([][]string{file.Header()}, fieldsOf(recs)...)
		var buf bytes.Buffer
		buf.Write(utf8BOM) // keeps a U+FEFF that starts the first cell
		w := csv.NewWriter(&buf)
		w.Comma = file.Delimiter()
		for _, row := range rows {
			if slices.IndexFunc(row, func(s string) bool { return s != "" }) < 0 {
				w.Flush()
				buf.WriteString(`""`)
				buf.Write(bytes.Repeat([]byte(string(w.Comma)), len(row)-1))
				buf.WriteByte('\n')
				continue
			}
			if err := w.Write(row); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		again, recs2, ok := readFuzz(t, "again.csv", buf.Bytes(), Options{Format: CSV, Delimiter: file.Delimiter()})
		if !ok {
			t.Fatalf("reading the records written back failed:\n%q", buf.Bytes())
		}
		got := append([][]string{again.Header()}, fieldsOf(recs2)...)
		if !slices.EqualFunc(got, rows, slices.Equal) {
			t.Fatalf("written back and read again:\n%q\nwant\n%q\nfile:\n%q", got, rows, buf.Bytes())
		}
	})
}

func fieldsOf(recs []Record) [][]string {
	rows := make([][]string, len(recs))
	for i, r := range recs {
		rows[i] = r.Fields
	}
	return rows
}

func FuzzJSONLines(f *testing.F) {
	addFixtures(f, "*.jsonl")
	for _, s := range []string{
		`{"a":1}`, "{\"a\":{}}\n", `[1]`, `{"a":1} {"b":2}`, `{"a":"\ud800"}`, `{"a":1e999}`, "{}\n{}\n",
		`{"a":null,"b":true,"c":-0.0}`, "\xef\xbb\xbf{\"社員\":\"\"}\r\n\r\n", "{\"\x82\xa0\":1}\n", `{"a":`, "{\"a\":1,\"a\":2}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, recs, ok := readFuzz(t, "fuzz.jsonl", data, Options{Format: JSONLines})
		if !ok {
			return
		}
		header := file.Header()
		// Write the records back as objects of strings and read them
		// again: the same header and fields.
		var buf bytes.Buffer
		for _, r := range recs {
			if len(r.Fields) > len(header) {
				t.Fatalf("line %d: %d fields, %d header cells", r.Line, len(r.Fields), len(header))
			}
			buf.WriteByte('{')
			for i, v := range r.Fields {
				if i > 0 {
					buf.WriteByte(',')
				}
				k, _ := json.Marshal(header[i])
				s, _ := json.Marshal(v)
				buf.Write(k)
				buf.WriteByte(':')
				buf.Write(s)
			}
			buf.WriteString("}\n")
		}
		again, recs2, ok := readFuzz(t, "again.jsonl", buf.Bytes(), Options{Format: JSONLines})
		if !ok {
			t.Fatalf("reading the records written back failed:\n%s", buf.Bytes())
		}
		if !slices.Equal(again.Header(), header) || !slices.EqualFunc(fieldsOf(recs2), fieldsOf(recs), slices.Equal) {
			t.Fatalf("written back and read again: %q %q\nwant %q %q", again.Header(), fieldsOf(recs2), header, fieldsOf(recs))
		}
	})
}

func FuzzXLSX(f *testing.F) {
	book := makeXLSX(f)
	f.Add(book, false)
	f.Add(book, true)
	f.Add(book[:len(book)/2], false)
	f.Add([]byte("PK\x03\x04"), false)
	f.Add([]byte{}, false)
	f.Fuzz(func(t *testing.T, data []byte, second bool) {
		opts := Options{Format: XLSX}
		if second {
			opts.Sheet = "回答"
		}
		file, _, ok := readFuzz(t, "fuzz.xlsx", data, opts)
		if ok && file.Offset() != int64(len(data)) {
			t.Fatalf("offset at the end = %d, want %d", file.Offset(), len(data))
		}
	})
}
