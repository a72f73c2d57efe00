package table

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/zeebo/xxh3"

	"golang.org/x/text/encoding/japanese"
)

// bytesOpener serves data as a file's bytes, for tests that need no file.
func bytesOpener(data []byte) opener {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}

// readAll reads the rest of f, copying every record.
func readAll(t testing.TB, f *File) ([]Record, error) {
	t.Helper()
	var recs []Record
	for {
		rec, err := f.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, Record{Line: rec.Line, Fields: cloneStrings(rec.Fields)})
	}
}

// writeFile writes data to a file called name in a fresh directory.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func rec(line int, fields ...string) Record { return Record{Line: line, Fields: fields} }

// employeesRecords is testdata/employees.csv in every encoding.
var employeesRecords = []Record{
	rec(2, "E001", "山田 太郎", "営業部", "2019/04/01", ""),
	rec(3, "E002", "髙橋 ①子", "人事部, 採用課", "2020-10-01", "2023-03-31"),
	rec(4, "E003", "ｶﾀｶﾅ ﾃｽﾄ", "開発部", "2021/4/1", ""),
}

var employeesHeader = []string{"社員番号", "氏名", "所属", "入社日", "退職日"}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file      string
		opts      Options
		format    Format
		encoding  string
		delimiter rune
		header    []string
		records   []Record
	}{
		{"employees.csv", Options{}, CSV, "UTF-8", ',', employeesHeader, employeesRecords},
		{"employees_bom_crlf.csv", Options{}, CSV, "UTF-8 with BOM", ',', employeesHeader, employeesRecords},
		{"employees_sjis.csv", Options{}, CSV, "Shift_JIS", ',', employeesHeader, employeesRecords},
		{"english.csv", Options{}, CSV, "UTF-8", ',',
			[]string{"EmployeeID", "Name", "Department", "HireDate", "TerminationDate"},
			[]Record{
				rec(2, "1001", "Smith, Anna", "Sales", "4/1/2019", ""),
				rec(3, "1002", "Bob Jones", `R&D "Lab"`, "10/1/2020", "3/31/2023"),
			}},
		{"employees.tsv", Options{}, CSV, "UTF-8", '\t',
			[]string{"社員番号", "氏名", "所属", "入社日"},
			[]Record{
				rec(2, "E001", "山田 太郎", "営業部, 東京", "2019-04-01"),
				rec(3, "E002", "鈴木\t花子", "人事部", "2020-10-01"),
			}},
		{"tab_in.csv", Options{}, CSV, "UTF-8", '\t',
			[]string{"社員番号", "氏名", "備考"},
			[]Record{rec(2, "E001", "山田", "a,b")}},
		{"semicolon.csv", Options{}, CSV, "UTF-8", ';',
			[]string{"id", "name", "note"},
			[]Record{rec(2, "1", "Müller", "a;b"), rec(3, "2", "Ødegård", "c,d")}},
		{"semicolon.csv", Options{Delimiter: ','}, CSV, "UTF-8", ',',
			[]string{"id;name;note"},
			[]Record{rec(2, `1;Müller;"a;b"`), rec(3, "2;Ødegård;c", "d")}},
		{"quoted.csv", Options{}, CSV, "UTF-8", ',',
			[]string{"社員番号", "氏名", "備考"},
			[]Record{
				rec(2, "E001", "山田, 太郎", "1行目\r\n2行目\r\n3行目"),
				rec(5, "E002", `髙橋 "タカ" 次郎`, ""),
				rec(7, "E003", `plain"quote`, "tailafter"),
				rec(9, "E004", "lone\rCR", "x"),
				rec(11, "E005", "", ""),
			}},
		{"usage.jsonl", Options{}, JSONLines, "UTF-8", 0,
			[]string{"社員番号", "プログラム", "日時", "時間", "完了", "備考"},
			[]Record{
				rec(1, "E001", "メンタリング", "2024-04-01T10:00:00+09:00", "1.5"),
				rec(2, "E002", "研修", "", "2", "true"),
				rec(5, "E003", "", "", "1e2", "false", ""),
				rec(6, "E004", "", "", "", "", "改行\nと\"引用\""),
			}},
		{"employees.xlsx", Options{}, XLSX, "UTF-8", 0,
			[]string{"社員番号", "氏名", "入社日", "月給", "評価"},
			[]Record{
				rec(2, "E001", "山田 太郎", "43556", "300000", "4.5"),
				rec(3, "E002", "髙橋 ①子", "44105", "280000", "3"),
				rec(5, "E003", "", "44287", "1234.5"),
			}},
		{"employees.xlsx", Options{Sheet: "回答"}, XLSX, "UTF-8", 0,
			[]string{"回答ID", "設問", "回答"},
			[]Record{rec(2, "R1", "Q1", "5"), rec(3, "R2", "Q1", "とても良い")}},
	}
	for _, tt := range tests {
		name := tt.file
		if tt.opts != (Options{}) {
			name += fmt.Sprintf("/%+v", tt.opts)
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			f, err := Open(path, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Format() != tt.format || f.Encoding() != tt.encoding || f.Delimiter() != tt.delimiter {
				t.Errorf("format, encoding, delimiter = %s, %s, %q; want %s, %s, %q",
					f.Format(), f.Encoding(), f.Delimiter(), tt.format, tt.encoding, tt.delimiter)
			}
			records, err := readAll(t, f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(f.Header(), tt.header) {
				t.Errorf("header = %q, want %q", f.Header(), tt.header)
			}
			if !reflect.DeepEqual(records, tt.records) {
				t.Errorf("records =\n%s\nwant\n%s", show(records), show(tt.records))
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if f.Digest() != xxh3.Hash128(data).Bytes() || f.Size() != int64(len(data)) || f.Offset() != f.Size() {
				t.Errorf("digest, size, offset at the end = %x, %d, %d; want %x, %d, %d",
					f.Digest(), f.Size(), f.Offset(), xxh3.Hash128(data).Bytes(), len(data), len(data))
			}
			if _, err := f.Next(); err != io.EOF {
				t.Errorf("Next after the end = %v, want io.EOF", err)
			}
			if err := f.Close(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestRealExports(t *testing.T) {
	// The two public exports live outside the repository (see
	// /work/shared/data/README.md); they must be there.
	dir := filepath.Join("..", "..", "..", "shared", "data")
	tests := []struct {
		file    string
		records int
		fields  int
		first   string
		sha256  string
	}{
		{"HRDataset_v14.csv", 311, 36, "Employee_Name", "cb19996755c93c0a8d6527f59da4701c80aef65eff854906546dce286249813c"},
		{"WA_Fn-UseC_-HR-Employee-Attrition.csv", 1470, 35, "Age", "a5c31e38bd7fafc9bc333884eb181b06b41b8e5e488e8f7ccb27199fb3be7659"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := Open(filepath.Join(dir, tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Encoding() != "UTF-8 with BOM" || f.Delimiter() != ',' || f.Format() != CSV {
				t.Errorf("encoding, delimiter, format = %s, %q, %s", f.Encoding(), f.Delimiter(), f.Format())
			}
			if len(f.Header()) != tt.fields || f.Header()[0] != tt.first {
				t.Errorf("header = %q, want %d cells starting with %q", f.Header(), tt.fields, tt.first)
			}
			n := 0
			for {
				rec, err := f.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				n++
				if len(rec.Fields) != tt.fields {
					t.Errorf("line %d: %d fields, want %d", rec.Line, len(rec.Fields), tt.fields)
				}
				if rec.Line != n+1 {
					t.Errorf("record %d on line %d, want %d", n, rec.Line, n+1)
				}
			}
			if n != tt.records {
				t.Errorf("%d records, want %d", n, tt.records)
			}
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprintf("%x", sha256.Sum256(data)); got != tt.sha256 {
				t.Fatalf("%s has SHA-256 %s, not the documented export's %s", tt.file, got, tt.sha256)
			}
			if f.Digest() != xxh3.Hash128(data).Bytes() {
				t.Errorf("digest = %x, want %x", f.Digest(), xxh3.Hash128(data).Bytes())
			}
		})
	}
	t.Run("quoted names", func(t *testing.T) {
		f, err := Open(filepath.Join(dir, "HRDataset_v14.csv"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rec, err := f.Next()
		if err != nil {
			t.Fatal(err)
		}
		if rec.Fields[0] != "Adinolfi, Wilson  K" || rec.Fields[1] != "10026" {
			t.Errorf("first record starts %q, want [Adinolfi, Wilson  K, 10026]", rec.Fields[:2])
		}
	})
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		data      string
		delimiter rune
		header    []string
		records   []Record
	}{
		{"LF", "a.csv", "a,b\n1,2\n3,4\n", ',', []string{"a", "b"}, []Record{rec(2, "1", "2"), rec(3, "3", "4")}},
		{"CRLF", "a.csv", "a,b\r\n1,2\r\n3,4\r\n", ',', []string{"a", "b"}, []Record{rec(2, "1", "2"), rec(3, "3", "4")}},
		{"lone CR", "a.csv", "a,b\r1,2\r3,4\r", ',', []string{"a", "b"}, []Record{rec(2, "1", "2"), rec(3, "3", "4")}},
		{"mixed line ends", "a.csv", "a,b\r\n1,2\n3,4\r5,6", ',', []string{"a", "b"}, []Record{rec(2, "1", "2"), rec(3, "3", "4"), rec(4, "5", "6")}},
		{"no final line end", "a.csv", "a,b\n1,2", ',', []string{"a", "b"}, []Record{rec(2, "1", "2")}},
		{"blank lines", "a.csv", "\n\r\na,b\n\n1,2\r\n\r\n\n3,4\n\n\n", ',', []string{"a", "b"}, []Record{rec(5, "1", "2"), rec(8, "3", "4")}},
		{"lines of delimiters", "a.csv", "a,b,c\n1,,\n,,\n;;\n", ',', []string{"a", "b", "c"}, []Record{rec(2, "1", "", ""), rec(4, ";;")}},
		{"trailing empty fields", "a.csv", "a,b,c\n1,,\n,,2\n", ',', []string{"a", "b", "c"}, []Record{rec(2, "1", "", ""), rec(3, "", "", "2")}},
		{"ragged", "a.csv", "a,b,c\n1\n1,2,3,4\n", ',', []string{"a", "b", "c"}, []Record{rec(2, "1"), rec(3, "1", "2", "3", "4")}},
		{"header only", "a.csv", "a,b\r\n", ',', []string{"a", "b"}, nil},
		{"single column", "a.csv", "社員番号\nE001\n", ',', []string{"社員番号"}, []Record{rec(2, "E001")}},
		{"spaces kept", "a.csv", " a , b \n 1 ,\t2\t\n", ',', []string{" a ", " b "}, []Record{rec(2, " 1 ", "\t2\t")}},
		{"quoted", "a.csv", "a,b\n\"x\",\"y,z\"\n", ',', []string{"a", "b"}, []Record{rec(2, "x", "y,z")}},
		{"doubled quotes", "a.csv", "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", ',', []string{"a", "b"}, []Record{rec(2, `say "hi"`, `"`)}},
		{"empty quoted", "a.csv", "a\n\"\"\n", ',', []string{"a"}, []Record{rec(2, "")}},
		{"quote inside unquoted", "a.csv", "a,b\n5\" floppy,x\"y\"\n", ',', []string{"a", "b"}, []Record{rec(2, `5" floppy`, `x"y"`)}},
		{"text after closing quote", "a.csv", "a,b\n\"x\"y,\"p\"\"q\"r\"s\n", ',', []string{"a", "b"}, []Record{rec(2, "xy", `p"qr"s`)}},
		{"quote after a space", "a.csv", "a,b\n \"x,y\"\n", ',', []string{"a", "b"}, []Record{rec(2, ` "x`, `y"`)}},
		{"embedded newlines", "a.csv", "a,b\n1,\"x\ny\nz\"\n2,w\n", ',', []string{"a", "b"}, []Record{rec(2, "1", "x\ny\nz"), rec(5, "2", "w")}},
		{"embedded CRLF", "a.csv", "a,b\r\n1,\"x\r\ny\"\r\n2,\"\r\r\n\"\r\n3,w\r\n", ',', []string{"a", "b"}, []Record{rec(2, "1", "x\r\ny"), rec(4, "2", "\r\r\n"), rec(7, "3", "w")}},
		{"newline in the header", "a.csv", "\"a\nb\",c\n1,2\n", ',', []string{"a\nb", "c"}, []Record{rec(3, "1", "2")}},
		{"quoted field at the end", "a.csv", "a,b\n1,\"2\"", ',', []string{"a", "b"}, []Record{rec(2, "1", "2")}},
		{"CR at the very end", "a.csv", "a,b\n1,2\r", ',', []string{"a", "b"}, []Record{rec(2, "1", "2")}},
		{"tab sniffed", "a.csv", "a\tb,c\td\n1\t2,3\t4\n", '\t', []string{"a", "b,c", "d"}, []Record{rec(2, "1", "2,3", "4")}},
		{"semicolon sniffed", "a.csv", "a;b;c,d\n1;2;3,4\n", ';', []string{"a", "b", "c,d"}, []Record{rec(2, "1", "2", "3,4")}},
		{"delimiters in quotes not counted", "a.csv", "\"a;b;c\",d\n1,2\n", ',', []string{"a;b;c", "d"}, []Record{rec(2, "1", "2")}},
		{"tie goes to the comma", "a.csv", "a,b;c\n1,2;3\n", ',', []string{"a", "b;c"}, []Record{rec(2, "1", "2;3")}},
		{"no delimiter in the header", "a.csv", "a\n1;2\n", ',', []string{"a"}, []Record{rec(2, "1;2")}},
		{"sniffed from the first non-blank line", "a.csv", "\n\na;b\n1;2\n", ';', []string{"a", "b"}, []Record{rec(4, "1", "2")}},
		{".tsv is tab", "a.tsv", "a,b\tc\n1,2\t3\n", '\t', []string{"a,b", "c"}, []Record{rec(2, "1,2", "3")}},
		{".txt is CSV", "a.txt", "a;b\n1;2\n", ';', []string{"a", "b"}, []Record{rec(2, "1", "2")}},
		{"BOM stripped", "a.csv", "\uFEFF社員番号,氏名\nE001,山田\n", ',', []string{"社員番号", "氏名"}, []Record{rec(2, "E001", "山田")}},
		{"NUL bytes kept", "a.csv", "a,b\n\x00,x\x00y\n", ',', []string{"a", "b"}, []Record{rec(2, "\x00", "x\x00y")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Open(writeFile(t, tt.file, []byte(tt.data)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Format() != CSV || f.Delimiter() != tt.delimiter {
				t.Errorf("format, delimiter = %s, %q; want csv, %q", f.Format(), f.Delimiter(), tt.delimiter)
			}
			records, err := readAll(t, f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(f.Header(), tt.header) {
				t.Errorf("header = %q, want %q", f.Header(), tt.header)
			}
			if !reflect.DeepEqual(records, tt.records) {
				t.Errorf("records =\n%s\nwant\n%s", show(records), show(tt.records))
			}
		})
	}
}

func TestJSONLines(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		header  []string
		records []Record
	}{
		{"values", `{"s":"x","n":-1.50e3,"t":true,"f":false,"z":null,"e":""}`,
			[]string{"s", "n", "t", "f", "z", "e"}, []Record{rec(1, "x", "-1.50e3", "true", "false", "", "")}},
		{"keys in first-seen order", "{\"b\":1,\"a\":2}\n{\"a\":3,\"c\":4}\n{\"c\":5}\n",
			[]string{"b", "a", "c"}, []Record{rec(1, "1", "2"), rec(2, "", "3", "4"), rec(3, "", "", "5")}},
		{"CRLF and blank lines", "\r\n{\"a\":1}\r\n\r\n \t\r\n{\"a\":2}\r\n\r\n",
			[]string{"a"}, []Record{rec(2, "1"), rec(5, "2")}},
		{"no final line end", "{\"a\":1}\n{\"a\":2}", []string{"a"}, []Record{rec(1, "1"), rec(2, "2")}},
		{"spaces around", "  { \"a\" : \"x y\" }  \n", []string{"a"}, []Record{rec(1, "x y")}},
		{"escapes", `{"a":"\u793e\u54e1\t\"q\"\\"}`, []string{"a"}, []Record{rec(1, "社員\t\"q\"\\")}},
		{"duplicate key: the last wins", `{"a":1,"a":2}`, []string{"a"}, []Record{rec(1, "2")}},
		{"empty object", "{\"a\":1}\n{}\n", []string{"a"}, []Record{rec(1, "1"), rec(2, "")}},
		{"BOM", "\uFEFF{\"社員番号\":\"E001\"}\n", []string{"社員番号"}, []Record{rec(1, "E001")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Open(writeFile(t, "a.jsonl", []byte(tt.data)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			records, err := readAll(t, f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(f.Header(), tt.header) {
				t.Errorf("header = %q, want %q", f.Header(), tt.header)
			}
			if !reflect.DeepEqual(records, tt.records) {
				t.Errorf("records =\n%s\nwant\n%s", show(records), show(tt.records))
			}
		})
	}
	t.Run("the header grows as keys come", func(t *testing.T) {
		f, err := Open(writeFile(t, "a.jsonl", []byte("{\"a\":1}\n{\"b\":2}\n")), Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if !slices.Equal(f.Header(), []string{"a"}) {
			t.Errorf("header after Open = %q, want [a]", f.Header())
		}
		f.Next()
		f.Next()
		if !slices.Equal(f.Header(), []string{"a", "b"}) {
			t.Errorf("header after the second line = %q, want [a b]", f.Header())
		}
	})
}

func TestXLSX(t *testing.T) {
	book := makeXLSX(t)
	tests := []struct {
		name   string
		file   string
		opts   Options
		header []string
		lines  []int
	}{
		{"the first sheet by default", "book.xlsx", Options{}, []string{"社員番号", "氏名", "入社日", "月給", "評価"}, []int{2, 3, 5}},
		{"a named sheet", "book.xlsx", Options{Sheet: "回答"}, []string{"回答ID", "設問", "回答"}, []int{2, 3}},
		{"from the content", "book.bin", Options{}, []string{"社員番号", "氏名", "入社日", "月給", "評価"}, []int{2, 3, 5}},
		{"by option", "book.csv", Options{Format: XLSX}, []string{"社員番号", "氏名", "入社日", "月給", "評価"}, []int{2, 3, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Open(writeFile(t, tt.file, book), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Format() != XLSX || f.Encoding() != "UTF-8" {
				t.Errorf("format, encoding = %s, %s", f.Format(), f.Encoding())
			}
			if f.Offset() != 0 {
				t.Errorf("offset before the end = %d, want 0", f.Offset())
			}
			records, err := readAll(t, f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(f.Header(), tt.header) {
				t.Errorf("header = %q, want %q", f.Header(), tt.header)
			}
			var lines []int
			for _, r := range records {
				lines = append(lines, r.Line)
			}
			if !slices.Equal(lines, tt.lines) {
				t.Errorf("rows = %v, want %v", lines, tt.lines)
			}
			if f.Offset() != f.Size() || f.Size() != int64(len(book)) {
				t.Errorf("offset, size at the end = %d, %d; want %d", f.Offset(), f.Size(), len(book))
			}
		})
	}
}

func TestFormatFromContent(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		data   string
		opts   Options
		want   Format
		header string // the first header cell, which shows how the file was read
	}{
		{"extension csv", "a.CSV", "{\"a\":1}\n", Options{}, CSV, `{"a":1}`},
		{"extension jsonl", "a.jsonl", "{\"a\":1}\n", Options{}, JSONLines, "a"},
		{"extension ndjson", "a.ndjson", "{\"a\":1}\n", Options{}, JSONLines, "a"},
		{"extension txt", "a.txt", "{\"a\":1}\n", Options{}, CSV, `{"a":1}`},
		{"content object", "export", " \r\n{\"a\":1}\n", Options{}, JSONLines, "a"},
		{"content object after a BOM", "export.dat", "\uFEFF{\"a\":1}\n", Options{}, JSONLines, "a"},
		{"content text", "export", "a,b\n1,2\n", Options{}, CSV, "a"},
		{"option wins", "a.jsonl", "{\"a\":1}\n", Options{Format: CSV}, CSV, `{"a":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Open(writeFile(t, tt.file, []byte(tt.data)), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Format() != tt.want || f.Header()[0] != tt.header {
				t.Errorf("format, header = %s, %q; want %s, [%s]", f.Format(), f.Header(), tt.want, tt.header)
			}
		})
	}
	t.Run("extension jsonl on CSV content", func(t *testing.T) {
		_, err := Open(writeFile(t, "a.jsonl", []byte("a,b\n")), Options{})
		var e *Error
		if !errors.As(err, &e) || !strings.HasPrefix(e.Reason, "invalid JSON") {
			t.Errorf("error = %v, want invalid JSON", err)
		}
	})
}

func TestErrors(t *testing.T) {
	sheet := makeXLSX(t)
	tests := []struct {
		name    string
		file    string
		data    []byte
		opts    Options
		atOpen  bool   // the error comes from Open, not Next
		want    Error  // File is the file's base name
		message string // what Error() must contain
	}{
		{"unterminated quote", "employees.csv", []byte("社員番号,氏名,備考\nE001,山田,ok\nE002,鈴木,\"open\n\nstill open\n"), Options{}, false,
			Error{Line: 3, Column: "備考", Reason: "unterminated quoted field that starts on this line"},
			"employees.csv:3:備考: unterminated quoted field that starts on this line"},
		{"unterminated quote after a multi-line field", "a.csv", []byte("a,b\n1,\"x\ny\nz\"\n\"open,2\n3,4\n"), Options{}, false,
			Error{Line: 5, Column: "a", Reason: "unterminated quoted field that starts on this line"}, "a.csv:5:a:"},
		{"unterminated quote without a header cell", "a.csv", []byte("a\n1,\"x\n"), Options{}, false,
			Error{Line: 2, Column: "column 2", Reason: "unterminated quoted field that starts on this line"}, "a.csv:2:column 2:"},
		{"unterminated quote in the header", "a.csv", []byte("a,\"b\n1,2\n"), Options{}, true,
			Error{Line: 1, Column: "column 2", Reason: "unterminated quoted field that starts on this line"}, "a.csv:1:column 2:"},
		{"empty CSV", "a.csv", nil, Options{}, true, Error{Reason: "empty file: no header"}, "a.csv: empty file: no header"},
		{"only blank lines", "a.csv", []byte("\r\n\r\n,,\r\n"), Options{}, true, Error{Reason: "empty file: no header"}, "a.csv: empty file"},
		{"only a BOM", "a.csv", utf8BOM, Options{}, true, Error{Reason: "empty file: no header"}, "a.csv: empty file"},
		{"empty JSON Lines", "a.jsonl", []byte("\n \n"), Options{}, true, Error{Reason: "empty file: no header"}, "a.jsonl: empty file"},
		{"invalid JSON", "a.jsonl", []byte("{\"a\":1}\n{\"a\":2,}\n"), Options{}, false,
			Error{Line: 2, Reason: "invalid JSON: invalid character '}' looking for beginning of object key string"}, "a.jsonl:2: invalid JSON"},
		{"JSON cut short", "a.jsonl", []byte("{\"a\":1}\n{\"a\":2\n"), Options{}, false,
			Error{Line: 2, Reason: "invalid JSON: unexpected EOF"}, "a.jsonl:2: invalid JSON: unexpected EOF"},
		{"JSON array", "a.jsonl", []byte("{\"a\":1}\n[1,2]\n"), Options{}, false,
			Error{Line: 2, Reason: "not a JSON object but an array; each line must hold one object"}, "a.jsonl:2: not a JSON object"},
		{"JSON string", "a.jsonl", []byte("{\"a\":1}\n\n\"x\"\n"), Options{}, false,
			Error{Line: 3, Reason: "not a JSON object but a string; each line must hold one object"}, "a.jsonl:3: not a JSON object but a string"},
		{"JSON on the first line", "a.jsonl", []byte("{\"a\":1\n"), Options{}, true,
			Error{Line: 1, Reason: "invalid JSON: unexpected EOF"}, "a.jsonl:1: invalid JSON"},
		{"nested object", "a.jsonl", []byte("{\"a\":1}\n{\"a\":2,\"所属\":{\"部\":\"営業\"}}\n"), Options{}, false,
			Error{Line: 2, Column: "所属", Reason: "the value is an object; values must be strings, numbers, true, false or null"}, "a.jsonl:2:所属: the value is an object"},
		{"nested array", "a.jsonl", []byte("{\"tags\":[\"x\"]}\n"), Options{}, true,
			Error{Line: 1, Column: "tags", Reason: "the value is an array; values must be strings, numbers, true, false or null"}, "a.jsonl:1:tags: the value is an array"},
		{"two objects on a line", "a.jsonl", []byte("{\"a\":1} {\"a\":2}\n"), Options{}, true,
			Error{Line: 1, Reason: "an object after the object; each line must hold one object"}, "a.jsonl:1: an object after the object"},
		{"garbage after the object", "a.jsonl", []byte("{\"a\":1}\n{\"a\":1} x\n"), Options{}, false,
			Error{Line: 2, Reason: "invalid JSON: invalid character 'x' looking for beginning of value"}, "a.jsonl:2: invalid JSON"},
		{"not an XLSX", "a.xlsx", []byte("a,b\n1,2\n"), Options{}, true,
			Error{Reason: "cannot read the workbook: zip: not a valid zip file"}, "a.xlsx: cannot read the workbook"},
		{"a workbook named .csv", "a.csv", sheet, Options{}, true,
			Error{Reason: "a zip archive (an .xlsx workbook?), not csv text; name it .xlsx"}, "a.csv: a zip archive"},
		{"a damaged workbook", "a.xlsx", damage(t, sheet, "xl/styles.xml"), Options{}, true,
			Error{Reason: `cannot read the workbook: part "xl/styles.xml" is damaged: it claims 2147483647 bytes from ` + fmt.Sprint(compressedSize(t, sheet, "xl/styles.xml"))}, "a.xlsx: cannot read the workbook: part"},
		{"no such sheet", "a.xlsx", sheet, Options{Sheet: "Sheet1"}, true,
			Error{Reason: `no sheet "Sheet1"; the workbook has "社員", "回答"`}, `a.xlsx: no sheet "Sheet1"; the workbook has "社員", "回答"`},
		{"an .xls workbook", "a.xlsx", append(slices.Clone(oleMagic), make([]byte, 504)...), Options{}, true,
			Error{Reason: "an Excel 97-2003 workbook (.xls) or a workbook protected by a password; save it as .xlsx or CSV (UTF-8) without a password"}, "a.xlsx: an Excel 97-2003 workbook"},
		{"neither UTF-8 nor Shift_JIS", "a.csv", []byte("社員番号,氏名\r\nE001,山田\r\nE002,\xff\xfe\r\n"), Options{}, true,
			Error{Line: 3, Reason: "neither UTF-8 nor Shift_JIS: byte 0xFF at offset 39 is not valid UTF-8"}, "a.csv:3: neither UTF-8 nor Shift_JIS: byte 0xFF at offset 39"},
		{"Shift_JIS with a bad byte", "a.csv", append(sjis(t, "社員番号,氏名\nE001,山田\r\r"), "E002,\xa0\n"...), Options{}, true,
			Error{Line: 4, Reason: "neither UTF-8 nor Shift_JIS: byte 0xA0 at offset 30 is not valid Shift_JIS"}, "a.csv:4: neither UTF-8 nor Shift_JIS: byte 0xA0 at offset 30 is not valid Shift_JIS"},
		{"Shift_JIS cut short", "a.csv", append(sjis(t, "a\n1,山"), 0x81), Options{}, true,
			Error{Line: 2, Reason: "neither UTF-8 nor Shift_JIS: byte 0x81 at offset 6 is not valid Shift_JIS"}, "a.csv:2:"},
		{"UTF-8 cut short", "a.csv", []byte("a\n1,社\xe5"), Options{}, true,
			Error{Line: 2, Reason: "neither UTF-8 nor Shift_JIS: byte 0xE5 at offset 7 is not valid UTF-8"}, "a.csv:2:"},
		{"a BOM, then not UTF-8", "a.csv", append(slices.Clone(utf8BOM), sjis(t, "a\n社員\n")...), Options{}, true,
			Error{Line: 2, Reason: "invalid UTF-8 after the UTF-8 byte-order mark: byte 0x8E at offset 5"}, "a.csv:2: invalid UTF-8 after the UTF-8 byte-order mark"},
		{"UTF-16", "a.csv", []byte("\xff\xfea\x00,\x00b\x00"), Options{}, true,
			Error{Line: 1, Reason: `neither UTF-8 nor Shift_JIS: byte 0xFF at offset 0 is not valid UTF-8 (a UTF-16 file, as Excel's "Unicode text" writes; save it as CSV UTF-8)`}, "a.csv:1: neither UTF-8 nor Shift_JIS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.file, tt.data)
			f, err := Open(path, tt.opts)
			if !tt.atOpen {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				defer f.Close()
				_, err = readAll(t, f)
				if _, again := f.Next(); again != err {
					t.Errorf("Next after the error = %v, want the same error", again)
				}
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error = %v (%T), want an *Error", err, err)
			}
			want := tt.want
			want.File = path
			if *e != want {
				t.Errorf("error = %#v\nwant %#v", *e, want)
			}
			if msg := strings.TrimPrefix(e.Error(), filepath.Dir(path)+string(filepath.Separator)); !strings.HasPrefix(msg, tt.message) {
				t.Errorf("message = %q, want it to start with %q", msg, tt.message)
			}
		})
	}
	t.Run("no such file", func(t *testing.T) {
		_, err := Open(filepath.Join(t.TempDir(), "missing.csv"), Options{})
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("error = %v, want one that is os.ErrNotExist", err)
		}
	})
	t.Run("bad options", func(t *testing.T) {
		path := writeFile(t, "a.csv", []byte("a,b\n"))
		for _, opts := range []Options{{Format: "xls"}, {Delimiter: '"'}, {Delimiter: '\n'}, {Delimiter: '、'}} {
			if _, err := Open(path, opts); err == nil || !strings.HasPrefix(err.Error(), "table: ") {
				t.Errorf("Open with %+v: error = %v, want a table: error", opts, err)
			}
		}
	})
}

// damage makes the zip entry name of book claim 2 GiB uncompressed.
func damage(t *testing.T, book []byte, name string) []byte {
	t.Helper()
	b := slices.Clone(book)
	for i := bytes.Index(b, []byte("PK\x01\x02")); i >= 0; {
		n := int(binary.LittleEndian.Uint16(b[i+28:]))
		if string(b[i+46:i+46+n]) == name {
			binary.LittleEndian.PutUint32(b[i+24:], 0x7FFFFFFF)
			return b
		}
		next := bytes.Index(b[i+4:], []byte("PK\x01\x02"))
		if next < 0 {
			break
		}
		i += 4 + next
	}
	t.Fatalf("no zip entry %s", name)
	return nil
}

func compressedSize(t *testing.T, book []byte, name string) uint64 {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			return f.CompressedSize64
		}
	}
	t.Fatalf("no zip entry %s", name)
	return 0
}

func TestLifecycle(t *testing.T) {
	t.Run("Next after Close", func(t *testing.T) {
		f, err := Open(filepath.Join("testdata", "employees.csv"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		if _, err := f.Next(); !errors.Is(err, os.ErrClosed) {
			t.Errorf("Next after Close = %v, want os.ErrClosed", err)
		}
	})
	t.Run("a file that changes between the two reads", func(t *testing.T) {
		reads := 0
		src := func() (io.ReadCloser, error) {
			reads++
			data := "a,b\n1,2\n"
			if reads > 1 {
				data += "3,4\n"
			}
			return io.NopCloser(strings.NewReader(data)), nil
		}
		f, err := open("a.csv", src, Options{})
		if err == nil {
			defer f.Close()
			_, err = readAll(t, f)
		}
		if err == nil || !strings.Contains(err.Error(), "the file changed while it was read") {
			t.Errorf("error = %v, want the file changed", err)
		}
	})
}

func sjis(t *testing.T, s string) []byte {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q to Shift_JIS: %v", s, err)
	}
	return b
}

func TestColumnName(t *testing.T) {
	csvFile, err := Open(writeFile(t, "a.csv", []byte("社員番号,,氏名\n")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer csvFile.Close()
	xlsxFile, err := Open(filepath.Join("testdata", "employees.xlsx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer xlsxFile.Close()
	tests := []struct {
		name string
		f    *File
		i    int
		want string
	}{
		{"CSV header", csvFile, 0, "社員番号"},
		{"CSV empty header cell", csvFile, 1, "column 2"},
		{"CSV past the header", csvFile, 3, "column 4"},
		{"XLSX header", xlsxFile, 2, "C (入社日)"},
		{"XLSX past the header", xlsxFile, 27, "AB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.ColumnName(tt.i); got != tt.want {
				t.Errorf("ColumnName(%d) = %q, want %q", tt.i, got, tt.want)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  Error
		want string
	}{
		{"whole file", Error{File: "a.csv", Reason: "empty file: no header"}, "a.csv: empty file: no header"},
		{"line", Error{File: "employees.csv", Line: 12, Reason: "unterminated quoted field that starts on this line"}, "employees.csv:12: unterminated quoted field that starts on this line"},
		{"line and column", Error{File: "a.xlsx", Line: 3, Column: "C (入社日)", Reason: "bad"}, "a.xlsx:3:C (入社日): bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

// show lists records one a line, for a failure message.
func show(recs []Record) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "%d: %q\n", r.Line, r.Fields)
	}
	return b.String()
}
