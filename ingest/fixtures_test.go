package ingest_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

var update = flag.Bool("update", false, "rewrite the generated fixtures in testdata/")

// The employees fixture: one table written in every format, encoding and
// header language careerkpi reads. Its dates take every form a Japanese HR
// export uses. All variants load to the same rows.

var employeesHeaderJA = []string{"社員番号", "氏名", "所属", "本部", "等級", "雇用形態", "管理職", "上長社員番号", "性別", "生年月日", "採用区分", "入社日", "退職日", "退職区分"}

var employeesRowsJA = [][]string{
	{"E0001", "山田 太郎", "営業一課", "営業本部", "G3", "正社員", "はい", "", "男性", "1985/4/12", "新卒", "2008/4/1", "", ""},
	{"E0002", "佐藤 花子", "人事部", "管理本部", "G4", "正社員", "○", "", "女性", "S55.7.3", "中途", "2015-10-01", "", ""},
	{"E0003", "鈴木 一郎", "営業一課", "営業本部", "G2", "契約社員", "いいえ", "E0001", "男", "平成2年1月20日", "中途", "令和元年5月7日", "2024/3/31", "自己都合"},
	{"E0004", "高橋 美咲", "開発部", "技術本部", "G2", "正社員", "×", "E0006", "女", "1995-08-30", "新卒", "R2.4.1", "", ""},
	{"E0005", "田中 健", "開発部", "技術本部", "G1", "正社員", "いいえ", "E0006", "男性", "2001/12/5", "新卒", "H31.4.1", "2023/6/30", "会社都合"},
	{"E0006", "伊藤 誠", "開発部", "技術本部", "Ｇ５", "正社員", "はい", "", "男性", "1978/2/28", "中途", "２０１２年４月１日", "", ""},
	{"E0007", "渡辺 さくら", "人事部", "管理本部", "G3", "パート", "いいえ", "E0002", "女性", "1990/6/15", "中途", "45383", "", ""},
	{"Ｅ０００８", "小林 翔", "営業二課", "営業本部", "G1", "正社員", "いいえ", "E0001", "その他", "2002/1/1", "新卒", "20240401", "2025/3/31", "その他"},
}

var employeesHeaderEN = []string{"employee_id", "name", "department", "division", "grade", "employment_type", "is_manager", "manager_id", "gender", "birth_date", "hire_type", "hire_date", "termination_date", "termination_type"}

var employeesRowsEN = [][]string{
	{"E0001", "Taro Yamada", "営業一課", "営業本部", "G3", "正社員", "yes", "", "male", "1985-04-12", "new_graduate", "2008-04-01", "", ""},
	{"E0002", "Hanako Sato", "人事部", "管理本部", "G4", "正社員", "true", "", "female", "1980-07-03", "mid_career", "2015-10-01", "", ""},
	{"E0003", "Ichiro Suzuki", "営業一課", "営業本部", "G2", "契約社員", "no", "E0001", "M", "1990-01-20", "mid-career", "2019-05-07", "2024-03-31", "voluntary"},
	{"E0004", "Misaki Takahashi", "開発部", "技術本部", "G2", "正社員", "no", "E0006", "F", "1995-08-30", "new graduate", "2020-04-01", "", ""},
	{"E0005", "Ken Tanaka", "開発部", "技術本部", "G1", "正社員", "false", "E0006", "male", "2001-12-05", "new_graduate", "2019-04-01", "2023-06-30", "involuntary"},
	{"E0006", "Makoto Ito", "開発部", "技術本部", "G5", "正社員", "yes", "", "male", "1978-02-28", "mid_career", "2012-04-01", "", ""},
	{"E0007", "Sakura Watanabe", "人事部", "管理本部", "G3", "パート", "no", "E0002", "female", "1990-06-15", "mid_career", "2024-04-01", "", ""},
	{"E0008", "Sho Kobayashi", "営業二課", "営業本部", "G1", "正社員", "no", "E0001", "other", "2002-01-01", "new_graduate", "2024-04-01", "2025-03-31", "other"},
}

// The variants of the employees fixture, by file name.
var employeesVariants = []string{
	"employees.csv", "employees_bom.csv", "employees_sjis.csv", "employees.tsv", "employees_semicolon.csv",
	"employees.xlsx", "employees.jsonl", "employees_english.csv",
}

func writeCSV(t *testing.T, path string, header []string, rows [][]string, delim rune, bom bool, sjis bool) {
	var b bytes.Buffer
	if bom {
		b.WriteString("\ufeff")
	}
	w := csv.NewWriter(&b)
	w.Comma = delim
	w.UseCRLF = bom // the BOM variant also has Excel's CRLF line ends
	w.Write(header)
	w.WriteAll(rows)
	data := b.Bytes()
	if sjis {
		var err error
		if data, err = japanese.ShiftJIS.NewEncoder().Bytes(data); err != nil {
			t.Fatalf("encode %s as Shift_JIS: %v", path, err)
		}
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGenerateFixtures writes the generated fixtures with -update; without
// it, it checks that they are all there.
func TestGenerateFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "employees")
	if !*update {
		for _, name := range employeesVariants {
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Errorf("fixture %s is missing: run go test ./ingest -run TestGenerateFixtures -update", name)
			}
		}
		return
	}
	os.MkdirAll(dir, 0o755)
	writeCSV(t, filepath.Join(dir, "employees.csv"), employeesHeaderJA, employeesRowsJA, ',', false, false)
	writeCSV(t, filepath.Join(dir, "employees_bom.csv"), employeesHeaderJA, employeesRowsJA, ',', true, false)
	writeCSV(t, filepath.Join(dir, "employees_sjis.csv"), employeesHeaderJA, employeesRowsJA, ',', false, true)
	writeCSV(t, filepath.Join(dir, "employees.tsv"), employeesHeaderJA, employeesRowsJA, '\t', false, false)
	writeCSV(t, filepath.Join(dir, "employees_semicolon.csv"), employeesHeaderJA, employeesRowsJA, ';', false, false)
	writeCSV(t, filepath.Join(dir, "employees_english.csv"), employeesHeaderEN, employeesRowsEN, ',', false, false)

	// XLSX: the data on a sheet named 社員一覧 after an unrelated first
	// sheet, dates as real date cells (Excel keeps them as serial numbers).
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "説明")
	x.SetCellValue("説明", "A1", "このファイルは社員マスタです。")
	x.NewSheet("社員一覧")
	dateStyle, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	for c, h := range employeesHeaderJA {
		cellName, _ := excelize.CoordinatesToCellName(c+1, 1)
		x.SetCellValue("社員一覧", cellName, h)
	}
	for r, row := range employeesRowsEN {
		for c, v := range employeesRowsJA[r] {
			cellName, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if h := employeesHeaderJA[c]; (h == "入社日" || h == "生年月日" || h == "退職日") && row[c] != "" {
				d, _ := time.Parse(time.DateOnly, row[c])
				x.SetCellValue("社員一覧", cellName, d)
				x.SetCellStyle("社員一覧", cellName, cellName, dateStyle)
				continue
			}
			x.SetCellValue("社員一覧", cellName, v)
		}
	}
	if err := x.SaveAs(filepath.Join(dir, "employees.xlsx")); err != nil {
		t.Fatal(err)
	}

	// JSON Lines: one object per employee, Japanese keys.
	var jb bytes.Buffer
	for _, row := range employeesRowsJA {
		obj := map[string]string{}
		for c, h := range employeesHeaderJA {
			if row[c] != "" {
				obj[h] = row[c]
			}
		}
		line, _ := json.Marshal(obj)
		jb.Write(line)
		jb.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(dir, "employees.jsonl"), jb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", strings.Join(employeesVariants, ", "))
}
