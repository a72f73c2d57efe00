package metrics_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/catalog"
	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/metrics"
)

// The program funnels of the fixture company (fixture_test.go lists its
// people and events). An application is an employee × program with an
// applied event in the fiscal year, dated by the earliest; its later
// steps are the employee's events of the program from that date on,
// whenever they come. It counts under the applicant's attributes on the
// application date (the latest snapshot on or before it, else the
// earliest: 2025-04-01 up to 2025-09-30, 2025-10-01 from then to
// 2026-03-30). Days between steps are calendar days.
//
// FY2025 (2025-04-01..2026-03-31), internal posting (KOUBO), applied →
// selected → transferred:
//
//	who  applied     dept/grade  selected          transferred        rejected    stops at
//	E06  2025-07-10  Dev G2      2025-08-20 (41d)  2025-10-01 (42d)   -           transferred
//	E07  2025-07-12  Sales G2    -                 -                  2025-08-20  applied, turned down
//	E16  2025-11-05  Sales G2    -                 -                  2025-12-10  applied, turned down
//	E20  2026-02-01  Dev G3      2026-03-20 (47d)  2026-04-01 (12d)   -           transferred (after the year: counts)
//
// E09's selection (PO-02, 2025-04-10) belongs to the application of
// 2025-03-20, which is FY2024's. So: applied 4, 2 turned down there;
// selected 2 (2/4 = 50% of the previous and of the first), median of
// 41 and 47 = 44 days; transferred 2 (2/2 = 100%, 2/4 = 50%), median of
// 42 and 12 = 27 days. Rejected 2, open 0. E06 moved to Sales and E10
// (below) to Dev on 2025-10-01 because of these programs: they count
// where they applied, in Dev and HR.
//
// Internal FA (FA), applied → transferred:
//
//	who  applied     dept/grade  transferred        rejected    stops at
//	E12  2025-07-01  Dev G1      -                  -           applied, open
//	E10  2025-08-01  HR G2       2025-10-01 (61d)   -           transferred
//	E07  2025-11-20  Sales G2    -                  2025-12-20  applied, turned down
//
// applied 3, 1 turned down; transferred 1 (1/3 = 33.3333%), median 61
// days. Rejected 1, open 1 (E12).
//
// Side job (FUKUGYO), applied → approved (SJ-01, E07's approval of
// 2025-03-25, has no application and is left out):
//
//	who  applied     dept/grade  approved           rejected    stops at
//	E04  2025-04-20  Dev G3      2025-05-10 (20d)   -           approved (E04 is M1 only from 2025-10-01)
//	E12  2025-06-01  Dev G1      2025-06-15 (14d)   -           approved
//	E20  2025-09-01  Dev G3      -                  2025-09-10  applied, turned down
//	E13  2026-03-25  Dev G1      2026-04-02 (8d)    -           approved (after the year: counts)
//
// applied 4, 1 turned down; approved 3 (75%), median of 20, 14, 8 = 14
// days. Rejected 1, open 0.
//
// By department (at the application date):
//   - posting: Dev E06 E20, 2 → 2 → 2 (100%, 100%), 44 and 27 days; Sales
//     E07 E16, 2 (both turned down) → 0 (0%) → 0 (no base: nil; 0% of the
//     first), no medians.
//   - FA: Dev E12, 1 → 0, open; HR E10, 1 → 1 (100%), 61 days; Sales E07,
//     1 → 0, turned down.
//   - side job: Dev alone, as the whole.
//
// By grade: posting G2 E06 E07 E16, 3 (2 turned down) → 1 (33.3333%), 41
// days → 1 (100%; 33.3333% of the first), 42 days; G3 E20, 1 → 1 → 1, 47
// and 12 days. FA G1 E12 (open); G2 E10 E07, 2 (1 turned down) → 1
// (50%), 61 days. Side job G1 E12 E13, 2 → 2 (100%), median of 14 and 8 =
// 11 days; G3 E04 E20, 2 (1 turned down) → 1 (50%), 20 days.
//
// Filtered by division Corporate (HR): only E10's FA application.
//
// FY2024 (2024-04-01..2025-03-31): posting E09, applied 2025-03-20 (Sales,
// the earliest snapshot's), selected 2025-04-10 (21 days, after the year),
// never transferred: 1 → 1 (100%), 21 days → 0 (0%); open 1. No FA and no
// side-job application: every count 0, every conversion and median nil.
func TestFunnels(t *testing.T) {
	s := fixtureStore(t)
	e := engine(t, s, metrics.MinThreshold)
	ctx := context.Background()

	for _, c := range []struct {
		name string
		req  metrics.FunnelsRequest
		want map[string][]string // kind → groups, as showFunnel writes them
	}{
		{"FY2025", metrics.FunnelsRequest{FiscalYear: 2025}, map[string][]string{
			"internal_posting": {"all: applied 4 rej 2 -/100% - | selected 2 rej 0 50/50% 44d | transferred 2 rej 0 100/50% 27d | rejected 2 open 0"},
			"internal_fa":      {"all: applied 3 rej 1 -/100% - | transferred 1 rej 0 33.3333/33.3333% 61d | rejected 1 open 1"},
			"side_job":         {"all: applied 4 rej 1 -/100% - | approved 3 rej 0 75/75% 14d | rejected 1 open 0"},
		}},
		{"FY2025 by department", metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"department"}}, map[string][]string{
			"internal_posting": {
				"Dev: applied 2 rej 0 -/100% - | selected 2 rej 0 100/100% 44d | transferred 2 rej 0 100/100% 27d | rejected 0 open 0",
				"Sales: applied 2 rej 2 -/100% - | selected 0 rej 0 0/0% - | transferred 0 rej 0 -/0% - | rejected 2 open 0",
				"all: applied 4 rej 2 -/100% - | selected 2 rej 0 50/50% 44d | transferred 2 rej 0 100/50% 27d | rejected 2 open 0",
			},
			"internal_fa": {
				"Dev: applied 1 rej 0 -/100% - | transferred 0 rej 0 0/0% - | rejected 0 open 1",
				"HR: applied 1 rej 0 -/100% - | transferred 1 rej 0 100/100% 61d | rejected 0 open 0",
				"Sales: applied 1 rej 1 -/100% - | transferred 0 rej 0 0/0% - | rejected 1 open 0",
				"all: applied 3 rej 1 -/100% - | transferred 1 rej 0 33.3333/33.3333% 61d | rejected 1 open 1",
			},
			"side_job": {
				"Dev: applied 4 rej 1 -/100% - | approved 3 rej 0 75/75% 14d | rejected 1 open 0",
				"all: applied 4 rej 1 -/100% - | approved 3 rej 0 75/75% 14d | rejected 1 open 0",
			},
		}},
		{"FY2025 by grade", metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"grade"}}, map[string][]string{
			"internal_posting": {
				"G2: applied 3 rej 2 -/100% - | selected 1 rej 0 33.3333/33.3333% 41d | transferred 1 rej 0 100/33.3333% 42d | rejected 2 open 0",
				"G3: applied 1 rej 0 -/100% - | selected 1 rej 0 100/100% 47d | transferred 1 rej 0 100/100% 12d | rejected 0 open 0",
				"all: applied 4 rej 2 -/100% - | selected 2 rej 0 50/50% 44d | transferred 2 rej 0 100/50% 27d | rejected 2 open 0",
			},
			"internal_fa": {
				"G1: applied 1 rej 0 -/100% - | transferred 0 rej 0 0/0% - | rejected 0 open 1",
				"G2: applied 2 rej 1 -/100% - | transferred 1 rej 0 50/50% 61d | rejected 1 open 0",
				"all: applied 3 rej 1 -/100% - | transferred 1 rej 0 33.3333/33.3333% 61d | rejected 1 open 1",
			},
			"side_job": {
				"G1: applied 2 rej 0 -/100% - | approved 2 rej 0 100/100% 11d | rejected 0 open 0",
				"G3: applied 2 rej 1 -/100% - | approved 1 rej 0 50/50% 20d | rejected 1 open 0",
				"all: applied 4 rej 1 -/100% - | approved 3 rej 0 75/75% 14d | rejected 1 open 0",
			},
		}},
		{"FY2025 division Corporate by department", metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"department"},
			Filters: []metrics.Filter{{Dimension: "division", Values: []string{"Corporate"}}}}, map[string][]string{
			"internal_posting": {"all: applied 0 rej 0 -/-% - | selected 0 rej 0 -/-% - | transferred 0 rej 0 -/-% - | rejected 0 open 0"},
			"internal_fa": {
				"HR: applied 1 rej 0 -/100% - | transferred 1 rej 0 100/100% 61d | rejected 0 open 0",
				"all: applied 1 rej 0 -/100% - | transferred 1 rej 0 100/100% 61d | rejected 0 open 0",
			},
			"side_job": {"all: applied 0 rej 0 -/-% - | approved 0 rej 0 -/-% - | rejected 0 open 0"},
		}},
		{"FY2024", metrics.FunnelsRequest{FiscalYear: 2024}, map[string][]string{
			"internal_posting": {"all: applied 1 rej 0 -/100% - | selected 1 rej 0 100/100% 21d | transferred 0 rej 0 0/0% - | rejected 0 open 1"},
			"internal_fa":      {"all: applied 0 rej 0 -/-% - | transferred 0 rej 0 -/-% - | rejected 0 open 0"},
			"side_job":         {"all: applied 0 rej 0 -/-% - | approved 0 rej 0 -/-% - | rejected 0 open 0"},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := e.Funnels(ctx, c.req)
			if err != nil {
				t.Fatal(err)
			}
			checkFunnels(t, res, c.want)
			if got := res.Period.Start.Format("2006-01-02"); got != strconv.Itoa(c.req.FiscalYear)+"-04-01" {
				t.Errorf("period starts %s", got)
			}
		})
	}

	t.Run("JSON", func(t *testing.T) {
		res, err := e.Funnels(ctx, metrics.FunnelsRequest{FiscalYear: 2025})
		if err != nil {
			t.Fatal(err)
		}
		whole := res.Funnels[0].Groups[0]
		b, err := json.Marshal(whole.Steps[:2])
		if err != nil {
			t.Fatal(err)
		}
		want := `[{"action":"applied","count":4,"rejected":2,"conversion_from_previous":null,"conversion_from_first":100,"median_days":null},` +
			`{"action":"selected","count":2,"rejected":0,"conversion_from_previous":50,"conversion_from_first":50,"median_days":44}]`
		if string(b) != want {
			t.Errorf("steps as JSON:\n%s\nwant\n%s", b, want)
		}
		b, err = json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{`"request":{"fiscal_year":2025}`, `"period":`, `"funnels":[{"kind":"internal_posting","groups":[{"key":[],"steps":`, `"open":0`} {
			if !strings.Contains(string(b), name) {
				t.Errorf("the result as JSON has no %s: %s", name, b)
			}
		}
	})

	for _, c := range []struct {
		name string
		req  metrics.FunnelsRequest
		want string
	}{
		{"two dimensions", metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"department", "grade"}}, "at most one of department, division, grade"},
		{"another dimension", metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"manager"}}, `cannot break down by "manager"`},
		{"a time dimension", metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"month"}}, `cannot break down by "month"`},
		{"no such dimension", metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"colour"}}, `cannot break down by "colour"`},
		{"filter by time", metrics.FunnelsRequest{FiscalYear: 2025, Filters: []metrics.Filter{{Dimension: "month", Values: []string{"2025-04"}}}}, `cannot filter by "month"`},
		{"filter by a survey dimension", metrics.FunnelsRequest{FiscalYear: 2025, Filters: []metrics.Filter{{Dimension: "theme", Values: []string{"career"}}}}, `cannot filter by "theme"`},
		{"a value no one has", metrics.FunnelsRequest{FiscalYear: 2025, Filters: []metrics.Filter{{Dimension: "gender", Values: []string{"x"}}}}, "gender takes"},
		{"no fiscal year", metrics.FunnelsRequest{}, "years run from 1900 to 2200"},
		{"a year out of range", metrics.FunnelsRequest{FiscalYear: 2300}, "years run from 1900 to 2200"},
	} {
		t.Run("refused: "+c.name, func(t *testing.T) {
			res, err := e.Funnels(ctx, c.req)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "metrics: ") {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
			if res != nil {
				t.Error("a result as well as an error")
			}
		})
	}
}

// TestFunnelRules checks the rules the fixture does not reach, on a small
// company of its own: departments X and Y (A3 moves from X to Y on
// 2025-10-01), two posting programs P1 and P2, and A5, who is not in the
// HR master. FY2025, posting:
//
//	who     applied     dept  events after it                               selected      transferred   stops at
//	A1 P1   2025-05-01  X     rejected 05-20, applied again 06-01,          06-11 (41d)   07-11 (30d)   transferred: the later steps win
//	                          selected 06-11, transferred 07-11
//	A2 P1   2025-04-10  X     transferred 05-10 (a selection of 03-01       05-10 (30d)   05-10 (0d)    transferred: selected on the transfer's day
//	                          comes before the application: not its own)
//	A3 P1   2025-09-01  X     selected 09-11, rejected 10-01                09-11 (10d)   -             selected, turned down there
//	A4 P1   2026-03-01  Y     applied again 2026-05-01 (FY2026),            -             -             applied, open: FY2026's are its own
//	                          selected 2026-05-20
//	A5 P1   2025-06-01  -     not in the HR master: left out
//	A6 P1   2025-04-01  Y     selected 04-21                                04-21 (20d)   -             selected, open
//	A6 P2   2025-04-01  Y     rejected 04-05                                -             -             applied, turned down (a second application: another program)
//
// applied 6 (1 turned down); selected 4 (66.6667%), median of 41, 30, 10,
// 20 = (20 + 30) / 2 = 25 days (1 turned down); transferred 2 (50% of the
// selected, 33.3333% of the applied), median of 30 and 0 = 15 days.
// Rejected 2, open 2 (A4, A6 P1). By department: X A1 A2 A3, 3 → 3 (100%,
// median 30) → 2 (66.6667%, 15 days), 1 turned down at selected; Y A4 A6
// A6, 3 (1 turned down) → 1 (33.3333%, 20 days) → 0, open 2. FA: A1
// applied 2025-08-01, nothing since: open. No side job.
//
// FY2026: A4 P1, applied 2026-05-01 (Y), selected 2026-05-20 (19 days).
func TestFunnelRules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) []string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return []string{path}
	}
	people := "employee_id,department,hire_date\nA1,X,2020-04-01\nA2,X,2020-04-01\nA3,X,2020-04-01\nA4,Y,2020-04-01\nA6,Y,2020-04-01\n"
	s := newStore(t)
	for _, req := range []ingest.Request{
		{Dataset: "employees", Files: write("employees_2025-04-01.csv", people), AsOf: "2025-04-01"},
		{Dataset: "employees", Files: write("employees_2025-10-01.csv", strings.Replace(people, "A3,X", "A3,Y", 1)), AsOf: "2025-10-01"},
		{Dataset: "programs", Files: write("programs.csv", "program_id,kind,category\nP1,internal_posting,challenge\nP2,internal_posting,challenge\n")},
		{Dataset: "events", Files: write("events.csv", `event_id,employee_id,program,event_date,action
1,A1,P1,2025-05-01,applied
2,A1,P1,2025-05-20,rejected
3,A1,P1,2025-06-01,applied
4,A1,P1,2025-06-11,selected
5,A1,P1,2025-07-11,transferred
6,A2,P1,2025-03-01,selected
7,A2,P1,2025-04-10,applied
8,A2,P1,2025-05-10,transferred
9,A3,P1,2025-09-01,applied
10,A3,P1,2025-09-11,selected
11,A3,P1,2025-10-01,rejected
12,A4,P1,2026-03-01,applied
13,A4,P1,2026-05-01,applied
14,A4,P1,2026-05-20,selected
15,A5,P1,2025-06-01,applied
16,A6,P1,2025-04-01,applied
17,A6,P1,2025-04-21,selected
18,A6,P2,2025-04-01,applied
19,A6,P2,2025-04-05,rejected
20,A1,internal_fa,2025-08-01,applied
`)},
	} {
		mustLoad(t, s, req)
	}
	e := engine(t, s, metrics.MinThreshold)
	ctx := context.Background()
	noSideJob := []string{"all: applied 0 rej 0 -/-% - | approved 0 rej 0 -/-% - | rejected 0 open 0"}
	for _, c := range []struct {
		name string
		req  metrics.FunnelsRequest
		want map[string][]string
	}{
		{"FY2025", metrics.FunnelsRequest{FiscalYear: 2025}, map[string][]string{
			"internal_posting": {"all: applied 6 rej 1 -/100% - | selected 4 rej 1 66.6667/66.6667% 25d | transferred 2 rej 0 50/33.3333% 15d | rejected 2 open 2"},
			"internal_fa":      {"all: applied 1 rej 0 -/100% - | transferred 0 rej 0 0/0% - | rejected 0 open 1"},
			"side_job":         noSideJob,
		}},
		{"FY2025 by department", metrics.FunnelsRequest{FiscalYear: 2025, By: []string{"department"}}, map[string][]string{
			"internal_posting": {
				"X: applied 3 rej 0 -/100% - | selected 3 rej 1 100/100% 30d | transferred 2 rej 0 66.6667/66.6667% 15d | rejected 1 open 0",
				"Y: applied 3 rej 1 -/100% - | selected 1 rej 0 33.3333/33.3333% 20d | transferred 0 rej 0 0/0% - | rejected 1 open 2",
				"all: applied 6 rej 1 -/100% - | selected 4 rej 1 66.6667/66.6667% 25d | transferred 2 rej 0 50/33.3333% 15d | rejected 2 open 2",
			},
			"internal_fa": {
				"X: applied 1 rej 0 -/100% - | transferred 0 rej 0 0/0% - | rejected 0 open 1",
				"all: applied 1 rej 0 -/100% - | transferred 0 rej 0 0/0% - | rejected 0 open 1",
			},
			"side_job": noSideJob,
		}},
		{"FY2026", metrics.FunnelsRequest{FiscalYear: 2026, By: []string{"department"}}, map[string][]string{
			"internal_posting": {
				"Y: applied 1 rej 0 -/100% - | selected 1 rej 0 100/100% 19d | transferred 0 rej 0 0/0% - | rejected 0 open 1",
				"all: applied 1 rej 0 -/100% - | selected 1 rej 0 100/100% 19d | transferred 0 rej 0 0/0% - | rejected 0 open 1",
			},
			"internal_fa": {"all: applied 0 rej 0 -/-% - | transferred 0 rej 0 -/-% - | rejected 0 open 0"},
			"side_job":    noSideJob,
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := e.Funnels(ctx, c.req)
			if err != nil {
				t.Fatal(err)
			}
			checkFunnels(t, res, c.want)
		})
	}
}

// TestFunnelKinds checks the funnels' definitions against the catalog:
// known kinds, each once, whose steps are known actions, the first
// applied, none rejected (an outcome, not a step).
func TestFunnelKinds(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range metrics.FunnelKinds {
		if !slices.ContainsFunc(catalog.Kinds, func(c catalog.Kind) bool { return c.ID == k.Kind }) || seen[k.Kind] {
			t.Errorf("funnel %q: not a kind of the catalog, or twice", k.Kind)
		}
		seen[k.Kind] = true
		if len(k.Steps) < 2 || k.Steps[0] != "applied" {
			t.Errorf("funnel %s: steps %v, want applied and at least one more", k.Kind, k.Steps)
		}
		steps := map[string]bool{}
		for _, s := range k.Steps {
			if _, ok := catalog.ActionByID(s); !ok || s == "rejected" || steps[s] {
				t.Errorf("funnel %s: step %q is not an action, is rejected, or comes twice", k.Kind, s)
			}
			steps[s] = true
		}
	}
	for _, id := range metrics.FunnelDimensions {
		if d, ok := metrics.DimensionByID(id); !ok || d.Column == "" || d.SurveyOnly {
			t.Errorf("funnel dimension %q is not an attribute of the employee", id)
		}
	}
}

// checkFunnels compares every funnel of res, in FunnelKinds' order, with
// want.
func checkFunnels(t *testing.T, res *metrics.FunnelsResult, want map[string][]string) {
	t.Helper()
	if len(res.Funnels) != len(metrics.FunnelKinds) {
		t.Fatalf("%d funnels, want %d", len(res.Funnels), len(metrics.FunnelKinds))
	}
	for i, f := range res.Funnels {
		if f.Kind != metrics.FunnelKinds[i].Kind {
			t.Errorf("funnel %d is %s, want %s", i, f.Kind, metrics.FunnelKinds[i].Kind)
		}
		var got []string
		for _, g := range f.Groups {
			got = append(got, showFunnel(g))
		}
		if !slices.Equal(got, want[f.Kind]) {
			t.Errorf("%s:\n%s\nwant\n%s", f.Kind, strings.Join(got, "\n"), strings.Join(want[f.Kind], "\n"))
		}
	}
}

// showFunnel writes a group on a line: its key ("all" for the whole), then
// each step as "action count rej N previous/first% median" (nil as "-",
// the median in days), then the rejected and open applications.
func showFunnel(g metrics.FunnelGroup) string {
	key := strings.Join(g.Key, "/")
	if len(g.Key) == 0 {
		key = "all"
	}
	opt := func(v *float64, unit string) string {
		if v == nil {
			return "-"
		}
		return strconv.FormatFloat(math.Round(*v*1e4)/1e4, 'f', -1, 64) + unit
	}
	var steps []string
	for _, s := range g.Steps {
		steps = append(steps, s.Action+" "+strconv.Itoa(s.Count)+" rej "+strconv.Itoa(s.Rejected)+" "+
			opt(s.ConversionFromPrevious, "")+"/"+opt(s.ConversionFromFirst, "")+"% "+opt(s.MedianDays, "d"))
	}
	return key + ": " + strings.Join(steps, " | ") + " | rejected " + strconv.Itoa(g.Rejected) + " open " + strconv.Itoa(g.Open)
}
