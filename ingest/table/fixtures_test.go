package table

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

var update = flag.Bool("update", false, "rewrite the generated fixtures in testdata")

// The generated fixtures come from testdata/employees.csv (UTF-8, LF) and
// from the sheets below. With -update they are written; without, the
// committed files are checked against what the generator makes.

// employeesVariants are the encodings of testdata/employees.csv that the
// generator writes.
var employeesVariants = []struct {
	file   string
	encode func(t *testing.T, lf []byte) []byte
}{
	{"employees_bom_crlf.csv", func(t *testing.T, lf []byte) []byte {
		return append(slices.Clone(utf8BOM), crlf(lf)...)
	}},
	{"employees_sjis.csv", func(t *testing.T, lf []byte) []byte {
		b, err := japanese.ShiftJIS.NewEncoder().Bytes(crlf(lf))
		if err != nil {
			t.Fatalf("encode to Shift_JIS: %v", err)
		}
		return b
	}},
}

func crlf(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }

// xlsxSheets is the content of testdata/employees.xlsx, sheet by sheet;
// nil is an empty row.
var xlsxSheets = []struct {
	name string
	rows [][]any
}{
	{"社員", [][]any{
		{"社員番号", "氏名", "入社日", "月給", "評価"},
		{"E001", "山田 太郎", time.Date(2019, 4, 1, 0, 0, 0, 0, time.UTC), 300000, 4.5},
		{"E002", "髙橋 ①子", time.Date(2020, 10, 1, 0, 0, 0, 0, time.UTC), 280000, 3},
		nil,
		{"E003", "", time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC), 1234.5},
	}},
	{"回答", [][]any{
		{"回答ID", "設問", "回答"},
		{"R1", "Q1", 5},
		{"R2", "Q1", "とても良い"},
	}},
}

// xlsxRaw is what excelize reads back from xlsxSheets as raw values.
var xlsxRaw = map[string][][]string{
	"社員": {
		{"社員番号", "氏名", "入社日", "月給", "評価"},
		{"E001", "山田 太郎", "43556", "300000", "4.5"},
		{"E002", "髙橋 ①子", "44105", "280000", "3"},
		nil,
		{"E003", "", "44287", "1234.5"},
	},
	"回答": {
		{"回答ID", "設問", "回答"},
		{"R1", "Q1", "5"},
		{"R2", "Q1", "とても良い"},
	},
}

func makeXLSX(t testing.TB) []byte {
	t.Helper()
	book := excelize.NewFile()
	defer book.Close()
	dateStyle, err := book.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yyyy
	if err != nil {
		t.Fatal(err)
	}
	moneyStyle, err := book.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range xlsxSheets {
		if i == 0 {
			if err := book.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := book.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := book.SetCellValue(s.name, cell, v); err != nil {
					t.Fatal(err)
				}
				style := 0
				switch v.(type) {
				case time.Time:
					style = dateStyle
				case int:
					style = moneyStyle
				}
				if style != 0 {
					if err := book.SetCellStyle(s.name, cell, cell, style); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := book.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGeneratedFixtures(t *testing.T) {
	lf, err := os.ReadFile("testdata/employees.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range employeesVariants {
		t.Run(v.file, func(t *testing.T) {
			want := v.encode(t, lf)
			path := filepath.Join("testdata", v.file)
			if *update {
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from what the generator makes; run go test -run TestGeneratedFixtures -update", path)
			}
		})
	}
	t.Run("employees.xlsx", func(t *testing.T) {
		path := filepath.Join("testdata", "employees.xlsx")
		if *update {
			if err := os.WriteFile(path, makeXLSX(t), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		book, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		if got, want := book.GetSheetList(), []string{"社員", "回答"}; !slices.Equal(got, want) {
			t.Errorf("sheets = %q, want %q", got, want)
		}
		for sheet, want := range xlsxRaw {
			got, err := book.GetRows(sheet, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("sheet %s = %q, want %q", sheet, got, want)
			}
		}
		// The display format is not what Open reads, but it shows the
		// cells carry one.
		if v, _ := book.GetCellValue("社員", "D2"); v != "300,000" {
			t.Errorf("D2 displays %q, want 300,000", v)
		}
	})
}
