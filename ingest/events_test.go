package ingest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
)

func TestEvents(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{writeFile(t, dir, "e.csv",
		"社員番号,所属,入社日,退職日\nE1,営業部,2020/4/1,\nE2,人事部,2021/4/1,2024/3/31\n")}})
	// The company's own program, of kind training.
	mustLoad(t, s, ingest.Request{Dataset: "programs", Files: []string{writeFile(t, dir, "p.csv",
		"制度ID,種別,制度名\nDX-ACADEMY,研修,DXアカデミー\nfa,社内FA,社内FA制度\n")}})
	events := "社員番号,制度,実施日,ステータス,受講時間,費用\n" +
		"E1,キャリア面談,2024/5/10,,,\n" + // a kind, by its Japanese name
		"E1,1on1,2024-05-20,,0.5,\n" +
		"E1,DXアカデミー,2024/6/1,修了,12.5,\"¥30,000\"\n" + // the company's program, by name
		"E2,社内公募,2023/10/1,応募,,\n" +
		"E2,internal_posting,2023/11/1,却下,,\n" +
		"E2,side_job,2024/6/1,承認,,\n" + // after E2 left: a warning
		"E3,training,2024/6/1,,,\n" + // not in the master: a warning
		"E1,FA,2024/7/1,応募,,\n" // the company's FA program, by its id, ignoring case
	rep := mustLoad(t, s, ingest.Request{Dataset: "events", Files: []string{writeFile(t, dir, "ev.csv", events)}})
	if rep.Rows != 8 || rep.ErrorCount != 0 || rep.WarningCount != 2 {
		t.Fatalf("%d rows, %d errors, %d warnings: %v", rep.Rows, rep.ErrorCount, rep.WarningCount, rep.Warnings)
	}
	if w := rep.Warnings[0]; w.Line != 7 || w.Column != "実施日" || !strings.Contains(w.Reason, "outside the employment of E2 (hired 2021-04-01, left 2024-03-31)") {
		t.Errorf("warning 0 = %+v", w)
	}
	if w := rep.Warnings[1]; w.Line != 8 || !strings.Contains(w.Reason, "employee E3 is not in the HR master") {
		t.Errorf("warning 1 = %+v", w)
	}
	type ev struct {
		Employee string    `ch:"employee_id"`
		Program  string    `ch:"program_id"`
		Date     time.Time `ch:"event_date"`
		Action   string    `ch:"action"`
		Hours    *float64  `ch:"hours"`
		Cost     *int64    `ch:"cost_jpy"`
	}
	got, err := queries.Select[ev](ctx, s, "SELECT employee_id, program_id, event_date, toString(action) AS action, hours, cost_jpy FROM program_events ORDER BY source_line", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"E1 career_interview 2024-05-10 participated", "E1 one_on_one 2024-05-20 participated 0.5",
		"E1 DX-ACADEMY 2024-06-01 completed 12.5 30000", "E2 internal_posting 2023-10-01 applied",
		"E2 internal_posting 2023-11-01 rejected", "E2 side_job 2024-06-01 approved",
		"E3 training 2024-06-01 participated", "E1 fa 2024-07-01 applied",
	}
	for i, g := range got {
		line := g.Employee + " " + g.Program + " " + g.Date.Format(time.DateOnly) + " " + g.Action
		if g.Hours != nil {
			line += " " + strings.TrimRight(strings.TrimRight(fmtFloat(*g.Hours), "0"), ".")
		}
		if g.Cost != nil {
			line += " " + fmtInt(*g.Cost)
		}
		if i >= len(want) || line != want[i] {
			t.Errorf("event %d = %q, want %q", i, line, want[min(i, len(want)-1)])
		}
	}
	bad := "社員番号,制度,実施日,時間\nE1,宇宙旅行,2024/5/10,\nE1,training,2024/5/10,-3\n"
	rep = load(t, s, ingest.Request{Dataset: "events", Files: []string{writeFile(t, dir, "bad.csv", bad)}})
	if rep.Outcome != ingest.Invalid || rep.ErrorCount != 2 || !strings.Contains(rep.Errors[0].Reason, `program "宇宙旅行" is not in the catalog`) || !strings.Contains(rep.Errors[1].Reason, "hours -3 is negative") {
		t.Fatalf("bad events: %s %v", rep.Outcome, rep.Errors)
	}
}
