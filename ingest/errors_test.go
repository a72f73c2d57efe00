package ingest_test

import (
	"context"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
)

const badEmployees = `社員番号,所属,入社日,退職日,生年月日,性別
E1,営業部,2020/4/1,,1990/1/1,男性
E2,営業部,2021/13/1,,1991/1/1,女性
E3,,2019/4/1,,1989/5/5,男性
E4,人事部,2022/4/1,2021/3/31,1995/2/2,女性
E1,人事部,2018/4/1,,1980/3/3,男性
E6,人事部,2018/4/1,,1980/3/3,宇宙人
E7,人事部,2020,,1980/3/3,男性
E8,開発部,令和元年4月30日,,1980/3/3,男性
E9,開発部,2016/4/1,,1985/3/3,女性
`

// TestInvalidRows: each invalid row is reported with its file, line, column
// and reason; nothing is loaded unless --skip-invalid, which loads the valid
// rows and writes the invalid ones beside the input.
func TestInvalidRows(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	path := writeFile(t, dir, "社員.csv", badEmployees)
	want := []ingest.Issue{
		{Severity: ingest.SeverityError, File: "社員.csv", Line: 3, Column: "入社日", Reason: `"2021/13/1" is not a date: month 13 does not exist`},
		{Severity: ingest.SeverityError, File: "社員.csv", Line: 4, Column: "所属", Reason: "department is empty"},
		{Severity: ingest.SeverityError, File: "社員.csv", Line: 5, Column: "退職日", Reason: "the termination date 2021-03-31 is before the hire date 2022-04-01"},
		{Severity: ingest.SeverityError, File: "社員.csv", Line: 6, Column: "社員番号", Reason: "employee E1 appears twice in the undated master (first at 社員.csv:2)"},
		{Severity: ingest.SeverityError, File: "社員.csv", Line: 7, Column: "性別", Reason: `"宇宙人" is not a gender; use one of female (女性), male (男性), other (その他)`},
		{Severity: ingest.SeverityError, File: "社員.csv", Line: 8, Column: "入社日", Reason: `"2020" is not a date (write it as 2025-04-01 or 2025/4/1)`},
	}
	rep := load(t, s, ingest.Request{Dataset: "employees", Files: []string{path}})
	if rep.Outcome != ingest.Invalid || rep.ErrorCount != 7 || rep.Rejected != 7 {
		t.Fatalf("outcome %s, %d errors, %d rejected: %v", rep.Outcome, rep.ErrorCount, rep.Rejected, rep.Errors)
	}
	for i, w := range want {
		if rep.Errors[i] != w {
			t.Errorf("error %d:\ngot  %+v\nwant %+v", i, rep.Errors[i], w)
		}
	}
	if last := rep.Errors[6]; last.Line != 9 || !strings.Contains(last.Reason, "令和 began on 2019-05-01") {
		t.Errorf("era error = %+v", last)
	}
	visible := func() uint64 {
		n, err := queries.Get[uint64](ctx, s, "SELECT count() FROM employee_snapshots", nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := visible(); n != 0 {
		t.Fatalf("%d rows visible after an invalid load", n)
	}
	if n, _ := queries.Get[uint64](ctx, s, "SELECT count() FROM raw_employee_snapshots", nil); n != 0 {
		t.Fatalf("%d rows left in the table after an invalid load", n)
	}
	if _, err := os.Stat(dir + "/社員.rejects.csv"); !os.IsNotExist(err) {
		t.Fatal("a rejects file was written without --skip-invalid")
	}

	rep = load(t, s, ingest.Request{Dataset: "employees", Files: []string{path}, SkipInvalid: true})
	if rep.Outcome != ingest.Loaded || rep.Rows != 2 || rep.Rejected != 7 {
		t.Fatalf("--skip-invalid: outcome %s, %d rows, %d rejected", rep.Outcome, rep.Rows, rep.Rejected)
	}
	if n := visible(); n != 2 {
		t.Fatalf("%d rows visible, want the 2 valid ones", n)
	}
	f, err := os.Open(dir + "/社員.rejects.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 8 || recs[0][0] != "\ufeffline" || recs[1][0] != "3" || recs[1][1] != "入社日" || recs[1][3] != "E2" || recs[7][0] != "9" {
		t.Fatalf("rejects file:\n%v", recs)
	}
}

// TestDryRun checks and writes nothing.
func TestDryRun(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	path := writeFile(t, t.TempDir(), "e.csv", badEmployees)
	rep := load(t, s, ingest.Request{Dataset: "employees", Files: []string{path}, DryRun: true, SkipInvalid: true})
	if rep.Outcome != ingest.Checked || rep.Rows != 2 || rep.ErrorCount != 7 || rep.OK() {
		t.Fatalf("dry run: %s, %d rows, %d errors, ok %v", rep.Outcome, rep.Rows, rep.ErrorCount, rep.OK())
	}
	batches, _ := queries.Batches(ctx, s)
	if len(batches) != 0 {
		t.Fatalf("a dry run recorded %d batches", len(batches))
	}
	if n, _ := queries.Get[uint64](ctx, s, "SELECT count() FROM raw_employee_snapshots", nil); n != 0 {
		t.Fatalf("a dry run wrote %d rows", n)
	}
	good := writeFile(t, t.TempDir(), "good.csv", "社員番号,所属,入社日\nE1,営業部,2020/4/1\n")
	if rep := load(t, s, ingest.Request{Dataset: "employees", Files: []string{good}, DryRun: true}); rep.Outcome != ingest.Checked || !rep.OK() || rep.Rows != 1 {
		t.Fatalf("clean dry run: %+v", rep)
	}
}

// TestHeaders: missing required columns are named, with what would do and
// a guess at the column meant.
func TestHeaders(t *testing.T) {
	s := newStore(t)
	dir := t.TempDir()
	path := writeFile(t, dir, "e.csv", "社員番号,所属部署名,入社日付け\nE1,営業部,2020/4/1\n")
	rep := load(t, s, ingest.Request{Dataset: "employees", Files: []string{path}})
	if rep.Outcome != ingest.Invalid || len(rep.Errors) != 2 {
		t.Fatalf("outcome %s, errors %v", rep.Outcome, rep.Errors)
	}
	for _, e := range rep.Errors {
		if e.Line != 0 || !strings.Contains(e.Reason, "no column for") {
			t.Errorf("error %+v", e)
		}
	}
	if !strings.Contains(rep.Errors[1].Reason, "no column for hire_date") || !strings.Contains(rep.Errors[1].Reason, `did you mean column "入社日付け"?`) {
		t.Errorf("hire_date error: %s", rep.Errors[1].Reason)
	}
}
