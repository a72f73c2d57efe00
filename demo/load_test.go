package demo_test

import (
	"context"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/demo"
	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

func TestMain(m *testing.M) { querytest.Main(m) }

// The queries the story is checked with, one file each.
//
//go:embed testdata/*.sql
var sqlFiles embed.FS

func sqlFile(t *testing.T, name string) string {
	t.Helper()
	b, err := sqlFiles.ReadFile("testdata/" + name + ".sql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// fy returns the first and last day of fiscal year y.
func fy(y int) (time.Time, time.Time) {
	return time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, time.March, 31, 0, 0, 0, 0, time.UTC)
}

// load generates a company and loads every file with the real loader into
// a fresh embedded store. Every load must succeed without warnings.
func load(t *testing.T, opts demo.Options) queries.Store {
	t.Helper()
	ctx := context.Background()
	opts.Dir = t.TempDir()
	start := time.Now()
	files, err := demo.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d files, %s, in %v", len(files), folderSize(t, opts.Dir), time.Since(start).Round(time.Millisecond))
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(ctx, s); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	var rows int64
	warnings := 0
	for _, f := range files {
		rep, err := ingest.Load(ctx, s, ingest.Request{Dataset: f.Dataset, Files: []string{f.Path}, Mapping: f.Mapping, Survey: f.Survey, Sheet: f.Sheet, AsOf: f.AsOf})
		if err != nil {
			t.Fatalf("load %s: %v", f.Path, err)
		}
		if rep.Outcome != ingest.Loaded || rep.ErrorCount > 0 {
			var b strings.Builder
			rep.Write(&b)
			t.Fatalf("load %s: %s", filepath.Base(f.Path), b.String())
		}
		for _, w := range rep.Warnings {
			t.Logf("warning: %s", w)
		}
		warnings += rep.WarningCount
		rows += rep.Rows
	}
	t.Logf("loaded %d rows in %v with %d warnings", rows, time.Since(start).Round(time.Millisecond), warnings)
	if warnings > 0 {
		t.Errorf("the loader warned %d times", warnings)
	}
	return s
}

func folderSize(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		n += info.Size()
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// TestSmallCompany loads the small company with the real loader and checks
// that the loaded data tells the story.
func TestSmallCompany(t *testing.T) {
	ctx := context.Background()
	s := load(t, demo.Options{Size: demo.Small, Seed: 1})

	t.Run("headcount", func(t *testing.T) {
		for _, tc := range []struct {
			day      string
			min, max uint64
		}{
			{"2021-04-01", 1750, 2100},
			{"2026-03-31", 1800, 2300},
		} {
			n, err := queries.Get[uint64](ctx, s, sqlFile(t, "headcount"), queries.Params{"day": date(tc.day)})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("headcount on %s: %d", tc.day, n)
			if n < tc.min || n > tc.max {
				t.Errorf("headcount on %s = %d, want %d–%d", tc.day, n, tc.min, tc.max)
			}
		}
	})

	t.Run("organisation", func(t *testing.T) {
		type org struct {
			Youngest  int32  `ch:"youngest"`
			Oldest    int32  `ch:"oldest"`
			Employees uint64 `ch:"employees"`
			Managers  uint64 `ch:"managers"`
			Without   uint64 `ch:"without_manager"`
			Misplaced uint64 `ch:"misplaced"`
		}
		for _, day := range []string{"2021-04-01", "2024-04-01", "2026-03-31"} {
			o, err := queries.Get[org](ctx, s, sqlFile(t, "organisation"), queries.Params{"day": date(day)})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d employees aged %d–%d, %d managers, %d without a manager (the division heads)", day, o.Employees, o.Youngest, o.Oldest, o.Managers, o.Without)
			// The six division heads report to the board; one who
			// leaves during a year is replaced on the next April 1.
			if o.Youngest < 22 || o.Oldest > 64 || o.Without < 4 || o.Without > 6 || o.Misplaced != 0 || o.Managers < o.Employees/12 || o.Managers > o.Employees/6 {
				t.Errorf("%s: %+v", day, o)
			}
		}
	})

	t.Run("yearly attrition", func(t *testing.T) {
		type counts struct {
			Leavers uint64 `ch:"leavers"`
			Start   uint64 `ch:"at_start"`
			End     uint64 `ch:"at_end"`
		}
		var prev uint64
		for y := 2021; y <= 2025; y++ {
			start, end := fy(y)
			c, err := queries.Get[counts](ctx, s, sqlFile(t, "attrition_yearly"), queries.Params{"start": start, "end": end})
			if err != nil {
				t.Fatal(err)
			}
			rate := float64(c.Leavers) / (float64(c.Start+c.End) / 2)
			t.Logf("FY%d: %d leavers, headcount %d → %d, attrition %.1f%%", y, c.Leavers, c.Start, c.End, 100*rate)
			if rate < 0.06 || rate > 0.15 {
				t.Errorf("FY%d attrition %.1f%%, want 6–15%%", y, 100*rate)
			}
			// New graduates join on April 1: the headcount grows from
			// one April to the next.
			if c.Start <= prev {
				t.Errorf("FY%d: the headcount did not grow (%d → %d)", y, prev, c.Start)
			}
			prev = c.Start
		}
	})

	t.Run("new graduates", func(t *testing.T) {
		type cohort struct {
			Year    uint16 `ch:"cohort"`
			N       uint64 `ch:"n"`
			Leavers uint64 `ch:"leavers"`
		}
		cs, err := queries.Select[cohort](ctx, s, sqlFile(t, "new_graduates"), nil)
		if err != nil {
			t.Fatal(err)
		}
		var n, leavers uint64
		for _, c := range cs {
			if c.Year < 2020 || c.Year > 2023 {
				continue // before the data, or not three years yet
			}
			t.Logf("new graduates of April %d: %d, %.0f%% left within three years", c.Year, c.N, 100*float64(c.Leavers)/float64(c.N))
			n += c.N
			leavers += c.Leavers
		}
		if rate := float64(leavers) / float64(n); rate < 0.22 || rate > 0.4 {
			t.Errorf("three-year attrition of new graduates %.1f%%, want 22–40%%", 100*rate)
		}
	})

	impact := impactRows(t, s, 2024)
	t.Run("program impact", func(t *testing.T) {
		for _, tc := range []struct {
			name     string
			programs []string
			// lower: users leave less than non-users of the same
			// grade, by at least the factor; else more, by at least it.
			lower  bool
			factor float64
		}{
			{"career interviews", []string{"CAREER-INT"}, true, 0.8},
			{"trainings", []string{"DX-ACADEMY", "RESKILL-BASIC"}, true, 0.8},
			{"side jobs", []string{"FUKUGYO"}, false, 1.1},
			{"side jobs and FA", []string{"FUKUGYO", "FA"}, false, 1.1},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rows := impact(tc.programs)
				u := split(rows, func(impactRow) string { return "" })[""]
				// The users' leavers against those expected had they
				// left at the rate of the non-users of their grade.
				byGrade := split(rows, func(r impactRow) string { return r.Grade })
				var observed, expected float64
				for _, g := range byGrade {
					if g.nonUsers == 0 {
						continue
					}
					observed += float64(g.usersLeft)
					expected += float64(g.users) * float64(g.nonUsersLeft) / float64(g.nonUsers)
				}
				ratio := observed / expected
				t.Logf("FY2024 %s: users %d, %.1f%% left; non-users %d, %.1f%% left; grade-adjusted ratio %.2f",
					tc.name, u.users, u.userRate(), u.nonUsers, u.nonUserRate(), ratio)
				if tc.lower && (u.userRate() >= u.nonUserRate() || ratio > tc.factor) || !tc.lower && (u.userRate() <= u.nonUserRate() || ratio < tc.factor) {
					t.Errorf("users %.1f%% vs non-users %.1f%%, grade-adjusted ratio %.2f", u.userRate(), u.nonUserRate(), ratio)
				}
			})
		}
	})

	t.Run("roll-out", func(t *testing.T) {
		var parts []string
		prev := 0.0
		for y := 2021; y <= 2025; y++ {
			u := split(impactRows(t, s, y)([]string{"CAREER-INT"}), func(impactRow) string { return "" })[""].utilization()
			parts = append(parts, fmt.Sprintf("FY%d %.0f%%", y, u))
			if u <= prev {
				t.Errorf("FY%d: career interview utilization %.1f%%, not above the year before (%.1f%%)", y, u, prev)
			}
			prev = u
		}
		t.Logf("career interview utilization of the headcount on April 1: %s", strings.Join(parts, ", "))
	})

	t.Run("usage by grade", func(t *testing.T) {
		for _, programs := range [][]string{{"CAREER-INT"}, {"DX-ACADEMY", "RESKILL-BASIC"}, {"E-LEARN"}} {
			byGrade := split(impact(programs), func(r impactRow) string {
				if r.Grade >= "G4" {
					return "G4–G6"
				}
				return "G1–G3"
			})
			lo, hi := byGrade["G1–G3"], byGrade["G4–G6"]
			t.Logf("FY2024 utilization of %s: G1–G3 %.1f%%, G4–G6 %.1f%%", strings.Join(programs, "+"), lo.utilization(), hi.utilization())
			if hi.utilization() < lo.utilization()*1.2 {
				t.Errorf("%s: the senior grades use it %.1f%%, the others %.1f%%", programs, hi.utilization(), lo.utilization())
			}
		}
	})

	low := map[string]bool{}
	t.Run("1on1 compliance", func(t *testing.T) {
		type dept struct {
			Department string `ch:"department"`
			Months     uint64 `ch:"months"`
			With       uint64 `ch:"with_1on1"`
		}
		start, _ := fy(2024)
		ds, err := queries.Select[dept](ctx, s, sqlFile(t, "one_on_one"), queries.Params{"start": start})
		if err != nil {
			t.Fatal(err)
		}
		var months, with uint64
		var lows, normal []string
		for _, d := range ds {
			rate := float64(d.With) / float64(d.Months)
			months += d.Months
			with += d.With
			switch {
			case rate < 0.45:
				low[d.Department] = true
				lows = append(lows, fmt.Sprintf("%s %.0f%%", d.Department, 100*rate))
			case rate >= 0.55 && rate <= 0.93:
				normal = append(normal, d.Department)
			default:
				t.Errorf("%s: 1on1 compliance %.0f%%, neither low nor usual", d.Department, 100*rate)
			}
		}
		t.Logf("FY2024 1on1 compliance %.1f%% overall; low: %s", 100*float64(with)/float64(months), strings.Join(lows, ", "))
		if len(lows) < 3 || len(lows) > 4 || len(normal) < len(ds)-4 {
			t.Errorf("%d departments with low 1on1 compliance, %d usual, of %d", len(lows), len(normal), len(ds))
		}
	})

	t.Run("low 1on1 departments leave more", func(t *testing.T) {
		// Over the five years: one year of a few hundred people is noisy.
		var inLow, others group
		for y := 2021; y <= 2025; y++ {
			g := split(impactRows(t, s, y)(nil), func(r impactRow) string { return fmt.Sprint(low[r.Department]) })
			inLow, others = inLow.add(g["true"]), others.add(g["false"])
		}
		t.Logf("FY2021–FY2025 12-month attrition: low-1on1 departments %.1f%% (%d person-years), others %.1f%% (%d)", inLow.rate(), inLow.all(), others.rate(), others.all())
		if inLow.rate() < others.rate()*1.25 {
			t.Errorf("attrition of the low-1on1 departments %.1f%%, of the others %.1f%%", inLow.rate(), others.rate())
		}
	})

	t.Run("engagement", func(t *testing.T) {
		type fav struct {
			Department string `ch:"department"`
			Used       uint8  `ch:"used"`
			Answers    uint64 `ch:"answers"`
			Favorable  uint64 `ch:"favorable"`
		}
		start, end := fy(2024)
		rows, err := queries.Select[fav](ctx, s, sqlFile(t, "engagement"), queries.Params{
			"survey": "ENG2024", "close": date("2024-10-31"), "start": start, "end": end, "programs": []string{"CAREER-INT", "DX-ACADEMY", "RESKILL-BASIC"}})
		if err != nil {
			t.Fatal(err)
		}
		var sum [2][2]uint64 // [low or user][answers, favorable]
		var byUse [2][2]uint64
		for _, r := range rows {
			l := 0
			if low[r.Department] {
				l = 1
			}
			sum[l][0] += r.Answers
			sum[l][1] += r.Favorable
			byUse[r.Used][0] += r.Answers
			byUse[r.Used][1] += r.Favorable
		}
		pct := func(c [2]uint64) float64 { return 100 * float64(c[1]) / float64(c[0]) }
		t.Logf("ENG2024 engagement index: %.1f%% favorable overall; low-1on1 departments %.1f%%, others %.1f%%; users of career interviews or trainings %.1f%%, non-users %.1f%%",
			100*float64(sum[0][1]+sum[1][1])/float64(sum[0][0]+sum[1][0]), pct(sum[1]), pct(sum[0]), pct(byUse[1]), pct(byUse[0]))
		if pct(sum[1]) > pct(sum[0])-8 {
			t.Errorf("the low-1on1 departments are not clearly less engaged")
		}
		if pct(byUse[1]) < pct(byUse[0])+5 {
			t.Errorf("program users are not clearly more engaged")
		}
		type nps struct {
			Answers    uint64 `ch:"answers"`
			Promoters  uint64 `ch:"promoters"`
			Detractors uint64 `ch:"detractors"`
		}
		e, err := queries.Get[nps](ctx, s, sqlFile(t, "enps"), queries.Params{"survey": "ENG2024"})
		if err != nil {
			t.Fatal(err)
		}
		enps := 100 * (float64(e.Promoters) - float64(e.Detractors)) / float64(e.Answers)
		t.Logf("ENG2024 eNPS %.0f (%d answers)", enps, e.Answers)
		if enps > -10 || enps < -70 {
			t.Errorf("eNPS %.0f, want clearly negative but not absurd", enps)
		}
	})

	t.Run("response rates", func(t *testing.T) {
		type rate struct {
			Survey      string `ch:"survey_id"`
			Invited     uint32 `ch:"invited"`
			Identified  bool   `ch:"identified"`
			Respondents uint64 `ch:"respondents"`
		}
		rs, err := queries.Select[rate](ctx, s, sqlFile(t, "response_rates"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 10 {
			t.Errorf("%d surveys, want 10", len(rs))
		}
		var parts []string
		for _, r := range rs {
			rate := float64(r.Respondents) / float64(r.Invited)
			parts = append(parts, fmt.Sprintf("%s %.0f%%", r.Survey, 100*rate))
			if rate < 0.7 || rate > 0.9 {
				t.Errorf("%s: %d of %d responded (%.1f%%), want 70–90%%", r.Survey, r.Respondents, r.Invited, 100*rate)
			}
		}
		t.Logf("response rates: %s", strings.Join(parts, ", "))
	})
}

// impactRow is a group of the headcount on the first day of a fiscal year.
type impactRow struct {
	Department string `ch:"department"`
	Grade      string `ch:"grade"`
	Used       uint8  `ch:"used"`
	N          uint64 `ch:"n"`
	Leavers    uint64 `ch:"leavers"`
}

// impactRows returns a function that runs impact.sql for fiscal year y and
// some programs.
func impactRows(t *testing.T, s queries.Store, y int) func(programs []string) []impactRow {
	return func(programs []string) []impactRow {
		t.Helper()
		start, end := fy(y)
		if programs == nil {
			programs = []string{}
		}
		rows, err := queries.Select[impactRow](context.Background(), s, sqlFile(t, "impact"), queries.Params{"start": start, "end": end, "programs": programs})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
}

// group sums impact rows.
type group struct{ users, usersLeft, nonUsers, nonUsersLeft uint64 }

func (g group) add(h group) group {
	return group{g.users + h.users, g.usersLeft + h.usersLeft, g.nonUsers + h.nonUsers, g.nonUsersLeft + h.nonUsersLeft}
}
func (g group) all() uint64          { return g.users + g.nonUsers }
func (g group) rate() float64        { return pct(g.usersLeft+g.nonUsersLeft, g.all()) }
func (g group) userRate() float64    { return pct(g.usersLeft, g.users) }
func (g group) nonUserRate() float64 { return pct(g.nonUsersLeft, g.nonUsers) }
func (g group) utilization() float64 { return pct(g.users, g.all()) }
func pct(a, b uint64) float64        { return 100 * float64(a) / float64(b) }
func split(rows []impactRow, key func(impactRow) string) map[string]group {
	out := map[string]group{}
	for _, r := range rows {
		g := out[key(r)]
		if r.Used == 1 {
			g.users += r.N
			g.usersLeft += r.Leavers
		} else {
			g.nonUsers += r.N
			g.nonUsersLeft += r.Leavers
		}
		out[key(r)] = g
	}
	return out
}
