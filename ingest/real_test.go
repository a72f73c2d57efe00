package ingest_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
)

// The real public exports in ../shared/data, read from there (never copied).
var (
	hrDataset = filepath.Join("..", "..", "shared", "data", "HRDataset_v14.csv")
	ibmFile   = filepath.Join("..", "..", "shared", "data", "WA_Fn-UseC_-HR-Employee-Attrition.csv")
	mappings  = filepath.Join("..", "testdata", "mappings")
)

func TestHRDataset(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	// Without its mapping the US dates cannot be read: the load stops and
	// says why.
	rep := load(t, s, ingest.Request{Dataset: "employees", Files: []string{hrDataset}})
	if rep.Outcome != ingest.Invalid || rep.ErrorCount == 0 || !containsReason(rep, "ambiguous") {
		t.Fatalf("without a mapping: outcome %s, errors %v", rep.Outcome, rep.Errors[:min(3, len(rep.Errors))])
	}
	rep = mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{hrDataset}, Mapping: filepath.Join(mappings, "hrdataset_v14.yaml")})
	if rep.Rows != 311 || rep.ErrorCount != 0 {
		t.Fatalf("%d rows, %d errors", rep.Rows, rep.ErrorCount)
	}
	type counts struct {
		Employees   uint64 `ch:"employees"`
		Departments uint64 `ch:"departments"`
		Voluntary   uint64 `ch:"voluntary"`
		Involuntary uint64 `ch:"involuntary"`
		Terminated  uint64 `ch:"terminated"`
		Female      uint64 `ch:"female"`
	}
	got, err := queries.Get[counts](ctx, s, `SELECT count() AS employees, uniqExact(department) AS departments,
		countIf(termination_type = 'voluntary') AS voluntary, countIf(termination_type = 'involuntary') AS involuntary,
		countIf(termination_date IS NOT NULL) AS terminated, countIf(gender = 'female') AS female FROM employee_snapshots`, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Counts from the file itself: 311 people, 6 departments, 88
	// voluntarily terminated, 16 for cause, 104 with a termination date,
	// 176 women.
	if want := (counts{311, 6, 88, 16, 104, 176}); got != want {
		t.Fatalf("counts = %+v, want %+v", got, want)
	}
	one, err := queries.Select[employee](ctx, s, `SELECT employee_id, department, division, grade, employment_type, is_manager, manager_id, gender,
		birth_date, hire_type, hire_date, termination_date, termination_type FROM employee_snapshots WHERE employee_id IN ('10026', '10084') ORDER BY employee_id`, nil)
	if err != nil || len(one) != 2 {
		t.Fatalf("%v, %v", one, err)
	}
	// "Adinolfi, Wilson  K": Production with trailing spaces, hired 7/5/2011, born 07/10/83.
	if a := one[0]; a.Department != "Production" || !a.HireDate.Equal(date("2011-07-05")) || a.BirthDate == nil || !a.BirthDate.Equal(date("1983-07-10")) || a.TerminationDate != nil || a.Gender != "male" {
		t.Errorf("10026 = %s", fmtEmployee(a))
	}
	// "Ait Sidi, Karthikeyan": voluntarily terminated on 6/16/2016.
	if b := one[1]; b.TerminationType != "voluntary" || b.TerminationDate == nil || !b.TerminationDate.Equal(date("2016-06-16")) || b.Department != "IT/IS" {
		t.Errorf("10084 = %s", fmtEmployee(b))
	}
}

// TestIBMAttrition loads the IBM file twice, as its README says: as an
// employees snapshot and as the wide export of an identified survey, and
// checks the per-item counts of favourable answers the README lists.
func TestIBMAttrition(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	// The survey is identified: its respondents must be in the HR master.
	rep := load(t, s, ingest.Request{Dataset: "responses", Files: []string{ibmFile}, Mapping: filepath.Join(mappings, "ibm_attrition_survey.yaml")})
	if rep.Outcome != ingest.Invalid || !containsReason(rep, "not in the HR master") {
		t.Fatalf("survey before the master: outcome %s", rep.Outcome)
	}
	rep = mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{ibmFile}, Mapping: filepath.Join(mappings, "ibm_attrition_employees.yaml")})
	if rep.Rows != 1470 {
		t.Fatalf("employees: %d rows", rep.Rows)
	}
	rep = mustLoad(t, s, ingest.Request{Dataset: "responses", Files: []string{ibmFile}, Mapping: filepath.Join(mappings, "ibm_attrition_survey.yaml")})
	if rep.Rows != 7350 || rep.ErrorCount != 0 {
		t.Fatalf("responses: %d rows, %d errors", rep.Rows, rep.ErrorCount)
	}
	type fav struct {
		Item      string `ch:"item_id"`
		Favorable uint64 `ch:"favorable"`
		Answers   uint64 `ch:"answers"`
	}
	got, err := queries.Select[fav](ctx, s, `SELECT item_id, countIf(value >= 3) AS favorable, count() AS answers
		FROM survey_responses GROUP BY item_id ORDER BY item_id`, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]uint64{"job_satisfaction": 901, "environment_satisfaction": 899, "relationship_satisfaction": 891, "work_life_balance": 1046, "job_involvement": 1012}
	if len(got) != 5 {
		t.Fatalf("items: %+v", got)
	}
	for _, g := range got {
		if g.Answers != 1470 || g.Favorable != want[g.Item] {
			t.Errorf("%s: %d favourable of %d, want %d of 1470", g.Item, g.Favorable, g.Answers, want[g.Item])
		}
	}
	// Hire dates count YearsAtCompany back from the snapshot date.
	type hire struct {
		Hire  string `ch:"hire"`
		AsOf  string `ch:"as_of"`
		Grade string `ch:"grade"`
	}
	h, err := queries.Get[hire](ctx, s, "SELECT toString(hire_date) AS hire, toString(as_of) AS as_of, grade FROM employee_snapshots WHERE employee_id = '1'", nil)
	if err != nil || h.Hire != "2019-03-31" || h.AsOf != "2025-03-31" || h.Grade != "2" {
		t.Fatalf("employee 1 (YearsAtCompany 6, JobLevel 2): %+v %v", h, err)
	}
}

func containsReason(rep *ingest.Report, text string) bool {
	for _, is := range append(rep.Errors, rep.Warnings...) {
		if strings.Contains(is.Reason, text) {
			return true
		}
	}
	return false
}
