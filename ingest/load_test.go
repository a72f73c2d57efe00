package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

// newStore opens an embedded store with careerkpi's schema.
func newStore(t *testing.T) queries.Store {
	t.Helper()
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}

// load loads and fails the test on a store error.
func load(t *testing.T, s queries.Store, req ingest.Request) *ingest.Report {
	t.Helper()
	rep, err := ingest.Load(context.Background(), s, req)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return rep
}

func mustLoad(t *testing.T, s queries.Store, req ingest.Request) *ingest.Report {
	t.Helper()
	rep := load(t, s, req)
	if rep.Outcome != ingest.Loaded {
		var b strings.Builder
		rep.Write(&b)
		t.Fatalf("load of %v: outcome %s\n%s", req.Files, rep.Outcome, b.String())
	}
	return rep
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func datep(s string) *time.Time { d := date(s); return &d }
func boolp(b bool) *bool        { return &b }

// employee is what a test reads back from employee_snapshots.
type employee struct {
	ID              string     `ch:"employee_id"`
	Department      string     `ch:"department"`
	Division        string     `ch:"division"`
	Grade           string     `ch:"grade"`
	EmploymentType  string     `ch:"employment_type"`
	IsManager       *bool      `ch:"is_manager"`
	ManagerID       string     `ch:"manager_id"`
	Gender          string     `ch:"gender"`
	BirthDate       *time.Time `ch:"birth_date"`
	HireType        string     `ch:"hire_type"`
	HireDate        time.Time  `ch:"hire_date"`
	TerminationDate *time.Time `ch:"termination_date"`
	TerminationType string     `ch:"termination_type"`
}

const selectEmployees = `SELECT employee_id, department, division, grade, employment_type, is_manager, manager_id, gender,
	birth_date, hire_type, hire_date, termination_date, termination_type FROM employee_snapshots ORDER BY employee_id`

var wantEmployees = []employee{
	{"E0001", "営業一課", "営業本部", "G3", "正社員", boolp(true), "", "male", datep("1985-04-12"), "new_graduate", date("2008-04-01"), nil, ""},
	{"E0002", "人事部", "管理本部", "G4", "正社員", boolp(true), "", "female", datep("1980-07-03"), "mid_career", date("2015-10-01"), nil, ""},
	{"E0003", "営業一課", "営業本部", "G2", "契約社員", boolp(false), "E0001", "male", datep("1990-01-20"), "mid_career", date("2019-05-07"), datep("2024-03-31"), "voluntary"},
	{"E0004", "開発部", "技術本部", "G2", "正社員", boolp(false), "E0006", "female", datep("1995-08-30"), "new_graduate", date("2020-04-01"), nil, ""},
	{"E0005", "開発部", "技術本部", "G1", "正社員", boolp(false), "E0006", "male", datep("2001-12-05"), "new_graduate", date("2019-04-01"), datep("2023-06-30"), "involuntary"},
	{"E0006", "開発部", "技術本部", "G5", "正社員", boolp(true), "", "male", datep("1978-02-28"), "mid_career", date("2012-04-01"), nil, ""},
	{"E0007", "人事部", "管理本部", "G3", "パート", boolp(false), "E0002", "female", datep("1990-06-15"), "mid_career", date("2024-04-01"), nil, ""},
	{"E0008", "営業二課", "営業本部", "G1", "正社員", boolp(false), "E0001", "other", datep("2002-01-01"), "new_graduate", date("2024-04-01"), datep("2025-03-31"), "other"},
}

func equalEmployees(t *testing.T, got, want []employee) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d employees, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		for _, tm := range []*time.Time{&g.HireDate} {
			*tm = tm.UTC()
		}
		if !reflect.DeepEqual(fmtEmployee(g), fmtEmployee(w)) {
			t.Errorf("employee %d:\ngot  %s\nwant %s", i, fmtEmployee(g), fmtEmployee(w))
		}
	}
}

func fmtEmployee(e employee) string {
	d := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.Format(time.DateOnly)
	}
	b := func(v *bool) string {
		if v == nil {
			return "-"
		}
		if *v {
			return "yes"
		}
		return "no"
	}
	return strings.Join([]string{e.ID, e.Department, e.Division, e.Grade, e.EmploymentType, b(e.IsManager), e.ManagerID, e.Gender,
		d(e.BirthDate), e.HireType, e.HireDate.Format(time.DateOnly), d(e.TerminationDate), e.TerminationType}, "|")
}

// TestFormatsLoadAlike: the same employees in every format, encoding and
// header language load to the same rows.
func TestFormatsLoadAlike(t *testing.T) {
	for _, name := range employeesVariants {
		t.Run(name, func(t *testing.T) {
			s := newStore(t)
			req := ingest.Request{Dataset: "employees", Files: []string{filepath.Join("testdata", "employees", name)}}
			if strings.HasSuffix(name, ".xlsx") {
				req.Sheet = "社員一覧"
			}
			rep := mustLoad(t, s, req)
			if rep.Rows != 8 || rep.ErrorCount != 0 {
				t.Fatalf("report: %d rows, %d errors", rep.Rows, rep.ErrorCount)
			}
			got, err := queries.Select[employee](context.Background(), s, selectEmployees, nil)
			if err != nil {
				t.Fatal(err)
			}
			equalEmployees(t, got, wantEmployees)
			if f := rep.Files[0]; name == "employees_sjis.csv" && f.Encoding != "Shift_JIS" || name == "employees_bom.csv" && f.Encoding != "UTF-8 with BOM" {
				t.Errorf("encoding = %q", f.Encoding)
			}
		})
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
