package metrics_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
)

// The fixture company (testdata/fixture) is small enough to work every
// metric out by hand. The expectations below were derived from SPEC.md's
// definitions ("Metrics", "Anonymity", "Precise readings") and the data
// files, person by person; the comment above each one shows the working.
//
// Fiscal years start in April: FY2024 = 2024-04-01..2025-03-31 and
// FY2025 = 2025-04-01..2026-03-31. Dev and Sales belong to the division
// Business, HR to Corporate.
//
// The people. "left" is termination_date, the last day employed (SPEC: that
// day the person is still in the headcount). Attributes come from three
// snapshots, 2025-04-01, 2025-10-01 and 2026-03-31 (at D: the latest
// snapshot on or before D, else the earliest that lists the employee).
//
//	id   department             hired       left        type         regretted  hire type  manager_id       notes
//	E01  Dev                    2008-04-01  -                                   new grad   - (top)          manager
//	E02  Sales                  2015-10-01  -                                   mid        E01              manager
//	E03  HR                     2012-04-01  -                                   new grad   - (top)          manager
//	E04  Dev                    2018-04-01  -                                   new grad   E01              G3 -> M1 and manager from 2025-10-01
//	E05  Dev                    2019-07-01  2025-09-30  voluntary    yes        mid        E01
//	E06  Dev -> Sales 10-01     2020-04-01  -                                   new grad   E01 -> E02       moved by an internal posting
//	E07  Sales                  2021-04-01  -                                   new grad   E02
//	E08  Sales                  2016-04-01  2025-12-31  involuntary  no         new grad   E02
//	E09  Sales                  2024-10-01  2025-08-31  voluntary    no         mid        E02
//	E10  HR -> Dev 10-01        2017-04-01  -                                   mid        E03 -> E01       moved by internal FA
//	E11  HR                     2022-04-01  2025-03-31  voluntary    no         new grad   E03              FY2024 leaver (last day of FY2024)
//	E12  Dev                    2024-04-01  2026-01-15  voluntary    yes        new grad   E01
//	E13  Dev                    2025-04-01  -                                   new grad   E01 -> E04
//	E14  Sales                  2025-04-01  2026-02-28  voluntary    no         new grad   E02
//	E15  HR                     2025-06-01  2026-03-31  voluntary    no         mid        E03              first listed 2025-10-01
//	E16  Sales                  2025-07-01  -                                   mid        E02              first listed 2025-10-01
//	E17  Dev                    2023-01-10  2026-03-31  other        no         mid        E01              contract
//	E18  HR                     1988-04-01  2025-11-30  retirement   no         new grad   E03
//	E19  Sales                  2024-05-01  2025-05-01  voluntary    no         mid        E02              leaves on their first anniversary
//	E20  Dev                    2013-04-01  -                                   mid        E01
//	E21  HR                     2024-06-01  2024-12-31  involuntary  no         mid        E03              FY2024 leaver
//
// Sets used again and again:
//
//   - Active on at least one day of FY2025 (hired ≤ 2026-03-31, left ≥
//     2025-04-01): everyone but E11 and E21 — 19 people.
//   - Active on every day of FY2025 (hired ≤ 2025-04-01, left ≥ 2026-03-31):
//     E01 E02 E03 E04 E06 E07 E10 E13 E17 E20 — 10 people (E13 is hired on the
//     first day, E17 leaves on the last).
//   - Managers (is_manager on their last active day of FY2025, 2026-03-31):
//     E01 E02 E03 E04 — 4 people.
//
// Headcount of FY2025 at its start and each month end (hired ≤ D, left ≥ D),
// with the departments of that date (04-01..09-30: the 2025-04-01 snapshot,
// E15 and E16 from their only earlier-listed one, 2025-10-01; 10-31..02-28:
// 2025-10-01; 03-31: 2026-03-31):
//
//	date        who changed                                   total  Dev  Sales  HR
//	2025-04-01  E13 E14 hired today; E11 left yesterday          17    8      6   3
//	2025-04-30                                                   17    8      6   3
//	2025-05-31  E19 left 05-01                                   16    8      5   3
//	2025-06-30  E15 hired 06-01 (HR)                             17    8      5   4
//	2025-07-31  E16 hired 07-01 (Sales)                          18    8      6   4
//	2025-08-31  E09's last day: still in                         18    8      6   4
//	2025-09-30  E09 gone; E05's last day: still in               17    8      5   4
//	2025-10-31  E05 gone; E06 now Sales, E10 now Dev             16    7      6   3
//	2025-11-30  E18's last day: still in                         16    7      6   3
//	2025-12-31  E18 gone; E08's last day: still in               15    7      6   2
//	2026-01-31  E08 gone, E12 left 01-15                         13    6      5   2
//	2026-02-28  E14's last day: still in                         13    6      5   2
//	2026-03-31  E14 gone; E15 and E17's last day: still in       12    6      4   2
//	                                                     sum    205   95     71  39
//
// so the average headcount of FY2025 is 205/13 = 15.769231 (Dev 95/13,
// Sales 71/13, HR 39/13).
//
// Qualifying uses (any action but rejected) of the know, challenge and learn
// programs dated in FY2025, per employee (events.csv):
//
//	      career  1on1  self-   posting         FA          side job         training  cert      e-learning | uses
//	      int.          assess.
//	E01   1       1     .       .               .           .                .         .         3          |  5
//	E02   1       2     .       .               .           .                .         .         1          |  4
//	E04   1       4     .       .               .           applied+appr. 2  DX 1      .         .          |  8
//	E05   1       .     .       .               .           .                .         .         .          |  1
//	E06   1       5     1       appl+sel+tr 3   .           .                DX 1      .         .          | 11
//	E07   1       12    .       applied 1       applied 1   .                .         1         1          | 17
//	E09   .       .     .       selected 1      .           .                .         .         .          |  1
//	E10   .       2     .       .               appl+tr 2   .                .         .         1          |  5
//	E12   .       .     .       .               applied 1   applied+appr. 2  .         .         .          |  3
//	E13   1       6     1       .               .           applied 1        RESKILL 1 .         .          | 10
//	E14   .       .     .       .               .           .                RESKILL 1 .         .          |  1
//	E16   .       .     .       applied 1       .           .                .         1         .          |  2
//	E17   1       .     .       .               .           .                RESKILL 1 1         .          |  3
//	E19   .       1     .       .               .           .                .         .         .          |  1
//	E20   .       .     .       applied+sel 2   .           applied 1        DX 1      .         .          |  4
//	                                                                                                  total | 76
//
// E03, E08, E15 and E18 have none. Left out as outside FY2025: CI-01 (E20,
// 2025-03-31), CI-10 (E10, 2026-04-01), OO-01 (E07, 2025-03-14), PO-01 (E09
// applied 2025-03-20), PO-12 (E20 transferred 2026-04-01), SJ-01 (E07
// approved 2025-03-25), SJ-09 (E13 approved 2026-04-02), TR-01 (E07,
// 2025-03-31), CE-01 (E04, 2025-03-28). Left out as rejected: PO-06 (E07),
// PO-09 (E16), FA-05 (E07), SJ-07 (E20), CE-02 (E20, ¥20,000). Manager
// training (MGR-TRAIN: E02, E07, E04) is the manager category, not one of
// the three opportunities. The self-assessments (SA-01, SA-02) name the kind
// self_assessment, which programs.csv does not define: they are the
// built-in program of that kind (SPEC "Data": "a built-in default follows
// the table above"; README: "An event names its program by id, by name or
// by kind").
//
// The FY2025 survey S2025 (identified, closes 2025-11-14, 16 invited; wide
// export responses_fy2025.csv). Respondents and their departments at the
// close date (2025-10-01 snapshot): Dev E01 E04 E10 E12 E13 (5), Sales E06
// E07 E16 E14 (4), HR E03 E15 (2) — 11. Answers, with F = favorable, U =
// unfavorable, n = neutral (likert5: F 4-5, U 1-2; likert7: F 6-7, U 1-2;
// Q2 is reverse-coded, so raw 1-2 is F and raw 4-5 is U):
//
//	      Q1 l5 idx  Q2 l5 rev idx  Q3 l7 idx  Q4 l5 career  Q5 l5 program  Q6 nps        Q7 yes/no
//	E01   5 F        1 F            7 F        4 F           4 F            10 promoter   yes F
//	E04   4 F        2 F            6 F        4 F           5 F            9 promoter    yes F
//	E10   4 F        3 n            5 n        3 n           4 F            8 passive     yes F
//	E12   2 U        5 U            3 n        2 U           2 U            3 detractor   no U
//	E13   4 F        2 F            (blank)    4 F           3 n            9 promoter    yes F
//	E06   5 F        1 F            6 F        5 F           5 F            10 promoter   yes F
//	E07   3 n        3 n            4 n        3 n           4 F            6 detractor   no U
//	E16   4 F        4 U            6 F        2 U           3 n            9 promoter    no U
//	E14   1 U        4 U            2 U        1 U           2 U            0 detractor   no U
//	E03   4 F        2 F            7 F        4 F           4 F            8 passive     yes F
//	E15   3 n        2 F            5 n        3 n           3 n            5 detractor   no U
//	F           7          6              5          5             6        P 5, D 4      6
//	answers    11         11             10         11            11        11            11
//
// Q1-Q3 are the engagement index; Q3 and Q4 the theme career; Q5 the theme
// program; Q8 is free text (E01 and E12 wrote something) and never counts.
//
// The FY2024 survey S2024 (anonymous, closes 2025-02-28; segments captured
// with the answers): P1 likert5 and P2 likert7, both in the index.
//
//	      dept   P1     P2
//	R01   Dev    5 F    6 F
//	R02   Dev    4 F    4 n
//	R03   Dev    3 n    5 n
//	R04   Dev    2 U    2 U
//	R05   Sales  4 F    6 F
//	R06   Sales  5 F    5 n
//	R07   Sales  1 U    1 U

// fixtureCase is one hand-worked expectation: the metric for a period, by
// the dimensions and filters given, read at key (nil: the total).
type fixtureCase struct {
	metric   string
	period   string // FY2024, FY2025, FY2025 Q2 or FY2025 H2
	by       []string
	filters  []metrics.Filter
	program  string
	key      []string
	num      float64
	den      float64 // noTerm: the metric has no denominator
	value    float64
	resp     int  // respondents behind a survey figure; 0: not checked
	withheld bool // the figure is withheld as "not enough responses"
	empty    bool // no one is counted: the figure has no value
	// compare asks for the previous period too; previous and change are
	// then the group's value there and the difference.
	compare          bool
	previous, change float64
}

// noTerm marks a numerator or denominator a case does not have (or check).
const noTerm = -1

var fixtureCases = []fixtureCase{
	// ---- Utilization, FY2025 ----

	// Users of any know/challenge/learn program among the 19 active: the 15
	// rows of the uses table (E01 E02 E04 E05 E06 E07 E09 E10 E12 E13 E14
	// E16 E17 E19 E20). Not users: E03, E08, E15, E18. 15/19.
	{metric: "utilization_any", period: "FY2025", num: 15, den: 19, value: 78.9474},
	// By department on each one's last active day of FY2025 (E05 on 09-30:
	// Dev; E06 on 03-31: Sales; E10 on 03-31: Dev):
	// Dev   E01 E04 E05 E10 E12 E13 E17 E20, all users: 8/8.
	{metric: "utilization_any", period: "FY2025", by: []string{"department"}, key: []string{"Dev"}, num: 8, den: 8, value: 100},
	// Sales E02 E06 E07 E08 E09 E14 E16 E19; E08 is no user: 7/8.
	{metric: "utilization_any", period: "FY2025", by: []string{"department"}, key: []string{"Sales"}, num: 7, den: 8, value: 87.5},
	// HR    E03 E15 E18, none a user: 0/3.
	{metric: "utilization_any", period: "FY2025", by: []string{"department"}, key: []string{"HR"}, num: 0, den: 3, value: 0},
	// New graduates only (hire_type new_graduate): E01 E03 E04 E06 E07 E08
	// E12 E13 E14 E18 (10, E11 not active); users all but E03 E08 E18: 7/10.
	{metric: "utilization_any", period: "FY2025", filters: []metrics.Filter{{Dimension: "hire_type", Values: []string{"new_graduate"}}}, num: 7, den: 10, value: 70},
	// Two filters on one attribute keep the values they share: Dev or Sales,
	// and Dev or HR, is Dev: 8/8.
	{metric: "utilization_any", period: "FY2025", filters: []metrics.Filter{
		{Dimension: "department", Values: []string{"Dev", "Sales"}}, {Dimension: "department", Values: []string{"HR", "Dev"}}}, num: 8, den: 8, value: 100},
	// Know (career interview, 1on1, self-assessment): career interviews E01
	// E02 E04 E05 E06 E07 E13 E17; 1on1s add E10 E19 (E01 E02 E04 E06 E07
	// E13 already in); self-assessments E06 E13 already in. 10/19.
	{metric: "utilization_know", period: "FY2025", num: 10, den: 19, value: 52.6316},
	// Challenge: posting E06 E07 E09 E16 E20 (E09's selection on 04-10 is a
	// use; E07 and E16 count by their applications though later rejected);
	// FA adds E10 E12; side job adds E04 E13 (E13 applied 2026-03-25; E20
	// applied before the rejection). E04 E06 E07 E09 E10 E12 E13 E16 E20: 9/19.
	{metric: "utilization_challenge", period: "FY2025", num: 9, den: 19, value: 47.3684},
	// Learn: training E04 E06 E13 E14 E17 E20; certification adds E07 E16
	// (E17 in; E20's claim rejected); e-learning adds E01 E02 E10. 11/19.
	{metric: "utilization_learn", period: "FY2025", num: 11, den: 19, value: 57.8947},
	// One program by id: KOUBO users E06 E07 E09 E16 E20. 5/19.
	{metric: "program_utilization", period: "FY2025", program: "KOUBO", num: 5, den: 19, value: 26.3158},
	// One program by kind: side_job users E04 E12 E13 E20 (SJ-01 is FY2024,
	// SJ-09 FY2026; E20's application is a use, its rejection not). 4/19.
	{metric: "program_utilization", period: "FY2025", program: "side_job", num: 4, den: 19, value: 21.0526},
	// The built-in self_assessment program (named by kind, not in
	// programs.csv): E13 (04-15) and E06 (05-01). 2/19.
	{metric: "program_utilization", period: "FY2025", program: "self_assessment", num: 2, den: 19, value: 10.5263},
	// Of the 10 active the whole year, with a career interview in FY2025:
	// E01 E02 E04 E06 E07 E13 E17 (E17's on 2026-03-31, the last day). Not:
	// E03 (none), E10 (2026-04-01: FY2026), E20 (2025-03-31: FY2024). E05 has
	// one but left 09-30, so is not in the denominator. 7/10.
	{metric: "career_interview_coverage", period: "FY2025", num: 7, den: 10, value: 70},
	// 1on1 employee-months of employees with a manager (month counted under
	// the manager_id on the last active day of the month). E01 and E03 have
	// no manager (E01's 1on1 on 08-01 does not count).
	//   E02 12, E04 12, E05 6 (Apr-Sep), E06 12, E07 12, E08 9 (Apr-Dec),
	//   E09 5 (Apr-Aug), E10 12, E12 10 (Apr-Jan), E13 12, E14 11 (Apr-Feb),
	//   E15 10 (Jun-Mar), E16 9 (Jul-Mar), E17 12, E18 8 (Apr-Nov),
	//   E19 2 (Apr-May: employed on 05-01), E20 12                 = 166.
	// Months with a 1on1: E07 12 (every month), E06 3 (Apr twice, Oct, Nov),
	// E04 4 (Apr Jul Oct Jan), E13 6 (Apr-Sep), E10 2 (Jun, Dec), E19 1
	// (Apr), E02 2 (May, Nov) = 30. OO-01 (E07, 2025-03-14) is FY2024.
	// 30/166.
	{metric: "one_on_one_compliance", period: "FY2025", num: 30, den: 166, value: 18.0723},
	// By manager (a team's compliance):
	// E01's team: E02 12, E04 12, E05 6, E06 6 (Apr-Sep), E10 6 (Oct-Mar),
	//   E12 10, E13 6 (Apr-Sep), E17 12, E20 12 = 82 months; with a 1on1:
	//   E02 2, E04 4, E06 1 (Apr), E13 6, E10 1 (Dec) = 14. 14/82.
	{metric: "one_on_one_compliance", period: "FY2025", by: []string{"manager"}, key: []string{"E01"}, num: 14, den: 82, value: 17.0732},
	// E02's team: E06 6 (Oct-Mar), E07 12, E08 9, E09 5, E14 11, E16 9,
	//   E19 2 = 54; with a 1on1: E06 2 (Oct, Nov), E07 12, E19 1 = 15. 15/54.
	{metric: "one_on_one_compliance", period: "FY2025", by: []string{"manager"}, key: []string{"E02"}, num: 15, den: 54, value: 27.7778},
	// E03's team: E10 6 (Apr-Sep), E15 10, E18 8 = 24; with a 1on1: E10's
	//   in June = 1 (its December one is under E01). 1/24.
	{metric: "one_on_one_compliance", period: "FY2025", by: []string{"manager"}, key: []string{"E03"}, num: 1, den: 24, value: 4.1667},
	// E04's team: E13 Oct-Mar = 6 months, no 1on1 in them. 0/6.
	{metric: "one_on_one_compliance", period: "FY2025", by: []string{"manager"}, key: []string{"E04"}, num: 0, den: 6, value: 0},
	// Posting applications dated in FY2025: E06 07-10, E07 07-12, E16 11-05,
	// E20 2026-02-01 = 4 (E09's of 2025-03-20 is FY2024). 4 ÷ 205/13 × 100.
	{metric: "posting_applications_per_100", period: "FY2025", num: 4, den: 15.7692, value: 25.3659},
	// FA applications in FY2025: E12 07-01, E10 08-01, E07 11-20 = 3.
	// 3 ÷ 205/13 × 100.
	{metric: "fa_applications_per_100", period: "FY2025", num: 3, den: 15.7692, value: 19.0244},
	// Posting selections dated in FY2025: E09 04-10 (applied in FY2024), E06
	// 08-20, E20 2026-03-20 = 3; ÷ the 4 applications above. 3/4.
	{metric: "posting_selection_rate", period: "FY2025", num: 3, den: 4, value: 75},
	// Transfers of postings and FA in FY2025: E06 (posting, 10-01), E10 (FA,
	// 10-01) = 2 (E20's transfer is 2026-04-01). 2 ÷ 205/13 × 100.
	{metric: "internal_mobility_rate", period: "FY2025", num: 2, den: 15.7692, value: 12.6829},
	// Side-job approvals in FY2025: E04 05-10, E12 06-15 = 2 (E07's is
	// 2025-03-25, E13's 2026-04-02).
	{metric: "side_jobs_approved", period: "FY2025", num: 2, den: noTerm, value: 2},
	// Training hours (kind training: DX and RESKILL) in FY2025: E13 14 +
	// E14 14 + E04 7.5 + E06 7.5 + E17 3.5 + E20 4 = 50.5 (E07's 6 h are
	// FY2024; e-learning and manager-training hours are other kinds).
	// 50.5 ÷ 205/13 = 656.5/205.
	{metric: "training_hours_per_employee", period: "FY2025", num: 50.5, den: 15.7692, value: 3.2024},
	// No training event of the fixture records a cost (only the
	// certification events do): 0 ÷ 205/13.
	{metric: "training_cost_per_employee", period: "FY2025", num: 0, den: 15.7692, value: 0},
	// Certification claims in FY2025: E07 06-30, E16 09-15, E17 2026-03-10
	// = 3 (E20's rejected, E04's FY2024).
	{metric: "certification_subsidies", period: "FY2025", num: 3, den: noTerm, value: 3},
	// Their yen: 15,000 + 8,800 + 5,500 = 29,300 (not E20's rejected 20,000).
	{metric: "certification_subsidy_jpy", period: "FY2025", num: 29300, den: noTerm, value: 29300},
	// E-learning users: E01 E02 E07 E10. 4/19.
	{metric: "elearning_active_rate", period: "FY2025", num: 4, den: 19, value: 21.0526},
	// 15 users, so the top 20% is 3 users: E07 17, E06 11, E13 10 = 38 of
	// the 76 uses (next is E04 with 8). 38/76.
	{metric: "usage_concentration_top20", period: "FY2025", num: 38, den: 76, value: 50},
	// Managers E01 E02 E03 E04; manager training in FY2025: E02 (06-05), E04
	// (11-12). E07's is not a manager's. 2/4.
	{metric: "manager_training_rate", period: "FY2025", num: 2, den: 4, value: 50},
	// The metric keeps managers itself; asking for non-managers on top keeps
	// no one: 0/0, no value.
	{metric: "manager_training_rate", period: "FY2025", filters: []metrics.Filter{{Dimension: "is_manager", Values: []string{"false"}}}, num: 0, den: 0, empty: true},
	// Managers with a career interview in FY2025: E01 E02 E04 (E03 none). 3/4.
	{metric: "manager_career_interview_rate", period: "FY2025", num: 3, den: 4, value: 75},

	// ---- Engagement, FY2025 (S2025) and FY2024 (S2024); threshold 3 ----

	// Index items Q1-Q3: favorable 7 + 6 + 5 = 18 of 11 + 11 + 10 = 32
	// answers (E13 left Q3 blank). 18/32, 11 respondents.
	{metric: "engagement_index", period: "FY2025", num: 18, den: 32, value: 56.25, resp: 11},
	// Dev (E01 E04 E10 E12 E13): Q1 F F F U F = 4, Q2 F F n U F = 3, Q3 F F
	// n n (E13 blank) = 2; 9 of 5 + 5 + 4 = 14 answers. 9/14.
	{metric: "engagement_index", period: "FY2025", by: []string{"department"}, key: []string{"Dev"}, num: 9, den: 14, value: 64.2857, resp: 5},
	// HR has 2 respondents (E03 E15), fewer than 3: withheld.
	{metric: "engagement_index", period: "FY2025", by: []string{"department"}, key: []string{"HR"}, withheld: true},
	// Sales has 4, but beside the total the withheld groups (HR, 2) are fewer
	// than 3, so the smallest shown group, Sales (4 < Dev's 5), is withheld
	// too (SPEC "Precise readings", complementary suppression); else the
	// total minus Dev minus Sales would give HR.
	{metric: "engagement_index", period: "FY2025", by: []string{"department"}, key: []string{"Sales"}, withheld: true},
	// Unfavorable index answers: Q1 E12 E14 = 2, Q2 E12 E16 E14 = 3, Q3 E14
	// = 1; 6/32.
	{metric: "engagement_unfavorable", period: "FY2025", num: 6, den: 32, value: 18.75, resp: 11},
	// Neutral: Q1 E07 E15 = 2, Q2 E10 E07 = 2, Q3 E10 E12 E07 E15 = 4; 8/32
	// (18 + 6 + 8 = 32).
	{metric: "engagement_neutral", period: "FY2025", num: 8, den: 32, value: 25, resp: 11},
	// Q6: promoters (9-10) E01 E04 E13 E06 E16 = 5, detractors (0-6) E12 E07
	// E14 E15 = 4, passives E10 E03; (5 - 4) / 11 × 100.
	{metric: "enps", period: "FY2025", num: 1, den: 11, value: 9.0909, resp: 11},
	// Theme career = Q3 (5 of 10) and Q4 (5 of 11): 10/21.
	{metric: "career_satisfaction", period: "FY2025", num: 10, den: 21, value: 47.6190, resp: 11},
	// Theme program = Q5: E01 E04 E10 E06 E07 E03 favorable, 6/11.
	{metric: "program_satisfaction", period: "FY2025", num: 6, den: 11, value: 54.5455, resp: 11},
	// Every Likert and yes/no item (not Q6 nps, not Q8 text): Q1 7 + Q2 6 +
	// Q3 5 + Q4 5 + Q5 6 + Q7 6 = 35 of 11 × 5 + 10 = 65. 35/65.
	{metric: "favorable", period: "FY2025", num: 35, den: 65, value: 53.8462, resp: 11},
	// By item, the reverse-coded Q2: raw 1-2 favorable (E01 E04 E13 E06 E03
	// E15) = 6 of 11.
	{metric: "favorable", period: "FY2025", by: []string{"item"}, key: []string{"Q2"}, num: 6, den: 11, value: 54.5455, resp: 11},
	// By item, the yes/no Q7: yes from E01 E04 E10 E13 E06 E03 = 6 of 11.
	{metric: "favorable", period: "FY2025", by: []string{"item"}, key: []string{"Q7"}, num: 6, den: 11, value: 54.5455, resp: 11},
	// By item, the total: the same 35 of 65, from the 11 respondents — not
	// the 65 the items' own respondents add up to (Q1 11 + Q2 11 + Q3 11 +
	// Q4 11 + Q5 11 + Q7 10), for each respondent is in every item they
	// answered.
	{metric: "favorable", period: "FY2025", by: []string{"item"}, num: 35, den: 65, value: 53.8462, resp: 11},
	// By theme, engagement = Q1 + Q2: 7 + 6 = 13 of 22.
	{metric: "favorable", period: "FY2025", by: []string{"theme"}, key: []string{"engagement"}, num: 13, den: 22, value: 59.0909, resp: 11},
	// FY2024, S2024 (anonymous): P1 favorable R01 R02 R05 R06 = 4, P2 (6-7)
	// R01 R05 = 2; 6 of 14 answers, 7 respondents.
	{metric: "engagement_index", period: "FY2024", num: 6, den: 14, value: 42.8571, resp: 7},
	// By the department captured with the answers: Dev R01-R04: P1 2 + P2 1
	// = 3 of 8.
	{metric: "engagement_index", period: "FY2024", by: []string{"department"}, key: []string{"Dev"}, num: 3, den: 8, value: 37.5, resp: 4},
	// Sales R05-R07: P1 2 + P2 1 = 3 of 6.
	{metric: "engagement_index", period: "FY2024", by: []string{"department"}, key: []string{"Sales"}, num: 3, den: 6, value: 50, resp: 3},
	// By division, an anonymous survey's answers count under the division of
	// their department on the close date: Dev and Sales are both Business,
	// so Business has all seven respondents, 3 + 3 = 6 of 14. Corporate (HR)
	// has none.
	{metric: "engagement_index", period: "FY2024", by: []string{"division"}, key: []string{"Business"}, num: 6, den: 14, value: 42.8571, resp: 7},
	// Against the previous survey: Dev 9/14 in FY2025 and 3/8 in FY2024, a
	// change of (72 − 42)/112 = 30/112 = 26.7857 points.
	{metric: "engagement_index", period: "FY2025", by: []string{"department"}, key: []string{"Dev"}, num: 9, den: 14, value: 64.2857, resp: 5,
		compare: true, previous: 37.5, change: 26.7857},
	// The theme career: FY2025 10/21 (above); FY2024 P2 favorable R01 R05 = 2
	// of 7 = 6/21. Change 4/21 = 19.0476 points.
	{metric: "favorable", period: "FY2025", by: []string{"theme"}, key: []string{"career"}, num: 10, den: 21, value: 47.6190, resp: 11,
		compare: true, previous: 28.5714, change: 19.0476},

	// ---- Attrition ----

	// On 2026-03-31: E01 E02 E03 E04 E06 E07 E10 E13 E16 E20, and E15 and E17
	// whose last day it is. 12.
	{metric: "headcount", period: "FY2025", num: 12, den: noTerm, value: 12},
	// By department on 2026-03-31: Dev E01 E04 E10 E13 E17 E20 = 6.
	{metric: "headcount", period: "FY2025", by: []string{"department"}, key: []string{"Dev"}, num: 6, den: noTerm, value: 6},
	// Sales E02 E06 E07 E16 = 4.
	{metric: "headcount", period: "FY2025", by: []string{"department"}, key: []string{"Sales"}, num: 4, den: noTerm, value: 4},
	// HR E03 E15 = 2.
	{metric: "headcount", period: "FY2025", by: []string{"department"}, key: []string{"HR"}, num: 2, den: noTerm, value: 2},
	// On 2025-03-31: E01-E10, E11 (its last day), E12 E17 E18 E19 E20 = 16
	// (E21 left 2024-12-31; E13 E14 not hired yet).
	{metric: "headcount", period: "FY2024", num: 16, den: noTerm, value: 16},
	// The headcount table above: 205/13.
	{metric: "average_headcount", period: "FY2025", num: 15.7692, den: noTerm, value: 15.7692},
	// Terminations in FY2025: E19 05-01, E09 08-31, E05 09-30, E18 11-30, E08
	// 12-31, E12 01-15, E14 02-28, E15 03-31, E17 03-31 = 9 (E11's
	// 2025-03-31 is FY2024). 9 ÷ 205/13 × 100 = 11700/205.
	{metric: "attrition_rate", period: "FY2025", num: 9, den: 15.7692, value: 57.0732},
	// By department at the termination date: Dev E05 (09-30, before the
	// moves) E12 E17 = 3 ÷ 95/13 → 3900/95.
	{metric: "attrition_rate", period: "FY2025", by: []string{"department"}, key: []string{"Dev"}, num: 3, den: 7.3077, value: 41.0526},
	// Sales E19 E09 E08 E14 = 4 ÷ 71/13 → 5200/71.
	{metric: "attrition_rate", period: "FY2025", by: []string{"department"}, key: []string{"Sales"}, num: 4, den: 5.4615, value: 73.2394},
	// HR E18 E15 = 2 ÷ 39/13 = 2 ÷ 3 → 66.6667.
	{metric: "attrition_rate", period: "FY2025", by: []string{"department"}, key: []string{"HR"}, num: 2, den: 3, value: 66.6667},
	// FY2025 Q2 (2025-07-01..09-30): terminations E09 08-31, E05 09-30 = 2.
	// Headcount on 07-01 18 (E16 hired that day), 07-31 18, 08-31 18, 09-30
	// 17: average 71/4 = 17.75. Annualised ×12/3 = ×4: 2 ÷ 17.75 × 100 × 4.
	{metric: "attrition_rate", period: "FY2025 Q2", num: 2, den: 17.75, value: 45.0704},
	// Voluntary in FY2025: E19 E09 E05 E12 E14 E15 = 6 (E18 retirement, E08
	// involuntary, E17 other). 6 ÷ 205/13 × 100 = 7800/205.
	{metric: "voluntary_attrition_rate", period: "FY2025", num: 6, den: 15.7692, value: 38.0488},
	// FY2025 H2 (2025-10-01..2026-03-31): voluntary E12 01-15, E14 02-28,
	// E15 03-31 = 3. Headcount on 10-01 16 (E05 gone), then 16 16 15 13 13
	// 12 at the month ends: 101/7. Annualised ×12/6 = ×2:
	// 3 ÷ 101/7 × 100 × 2 = 4200/101.
	{metric: "voluntary_attrition_rate", period: "FY2025 H2", num: 3, den: 14.4286, value: 41.5842},
	// Regretted in FY2025: E05, E12 = 2. 2 ÷ 205/13 × 100 = 2600/205.
	{metric: "regretted_attrition_rate", period: "FY2025", num: 2, den: 15.7692, value: 12.6829},
	// Hires of FY2025: E13 04-01, E14 04-01, E15 06-01, E16 07-01 = 4. Left
	// before the first anniversary: E14 (2026-02-28 < 2026-04-01), E15
	// (2026-03-31 < 2026-06-01). 2/4.
	{metric: "first_year_attrition", period: "FY2025", num: 2, den: 4, value: 50},
	// Hires of FY2024: E12 2024-04-01, E19 2024-05-01, E21 2024-06-01, E09
	// 2024-10-01 = 4. Before the anniversary: E21 (2024-12-31), E09
	// (2025-08-31 < 2025-10-01). Not E19: it left on 2025-05-01, the
	// anniversary itself; not E12 (2026-01-15). 2/4.
	{metric: "first_year_attrition", period: "FY2024", num: 2, den: 4, value: 50},
	// New graduates of the April 2025 cohort: E13, E14. Before the third
	// anniversary (2028-04-01): E14. 1/2.
	{metric: "new_graduate_three_year_attrition", period: "FY2025", num: 1, den: 2, value: 50},
	// The April 2024 cohort: E12 only, left 2026-01-15 < 2027-04-01. 1/1.
	{metric: "new_graduate_three_year_attrition", period: "FY2024", num: 1, den: 1, value: 100},
	// Headcount on 2025-04-01: 17 (E01-E10, E12 E13 E14 E17 E18 E19 E20).
	// Terminated within FY2025: E05 E08 E09 E12 E14 E17 E18 E19 = 8 (E15 was
	// not there at the start). Retained: E01 E02 E03 E04 E06 E07 E10 E13 E20
	// = 9. 9/17.
	{metric: "retention_rate", period: "FY2025", num: 9, den: 17, value: 52.9412},
	// Respondents of S2025 (at least one non-blank answer): the 11 of the
	// table; invited 16 (the headcount on the close date 2025-11-14: the 16
	// of 10-31). 11/16.
	{metric: "response_rate", period: "FY2025", num: 11, den: 16, value: 68.75, resp: 11},
	// By department, against each department's headcount on 2025-11-14 (as on
	// 10-31): Dev 5 of 7. HR has 2 respondents (< 3): withheld, and Sales (4)
	// with it, or the total would give HR away.
	{metric: "response_rate", period: "FY2025", by: []string{"department"}, key: []string{"Dev"}, num: 5, den: 7, value: 71.4286, resp: 5},
	{metric: "response_rate", period: "FY2025", by: []string{"department"}, key: []string{"HR"}, withheld: true},
	{metric: "response_rate", period: "FY2025", by: []string{"department"}, key: []string{"Sales"}, withheld: true},
	// S2024 (closes 2025-02-28) invited 20 — more than its headcount of 16
	// that day (E01-E12, E17-E20): the whole company is counted against the
	// invited count. 7 respondents: 7/20.
	{metric: "response_rate", period: "FY2024", num: 7, den: 20, value: 35, resp: 7},
	// A department is counted against its headcount on the close date, with
	// the departments of the earliest snapshot (2025-04-01): Dev E01 E04 E05
	// E06 E12 E17 E20 = 7, and R01-R04 answered from Dev: 4/7.
	{metric: "response_rate", period: "FY2024", by: []string{"department"}, key: []string{"Dev"}, num: 4, den: 7, value: 57.1429, resp: 4},
	// drivers: per item, the Pearson correlation across respondents between
	// the item's favorable indicator x (1 favorable, else 0) and the
	// respondent's engagement-index % favorable y (over their Q1-Q3 answers):
	//   y: E01 3/3, E04 3/3, E10 1/3, E12 0/3, E13 2/2, E06 3/3, E07 0/3,
	//      E16 2/3, E14 0/3, E03 3/3, E15 1/3 (as fractions; r does not
	//      depend on the unit). n = 11, Σy = 19/3, mean 19/33,
	//      Σy² = 6 × 1 + 2 × 1/9 + 4/9 = 17/3, Syy = 17/3 − (19/3)²/11 = 200/99.
	// With n1 respondents favorable on the item, Sxx = n1(n − n1)/n and
	// Sxy = Σ_{x=1} y − n1 × 19/33; r = Sxy / √(Sxx × Syy).
	// Q4 favorable: E01 E04 E13 E06 E03 (n1 = 5, their y all 1):
	//   Sxy = 5 − 95/33 = 70/33, Sxx = 30/11; r = (70/33)/√(30/11 × 200/99) = 0.9037.
	{metric: "drivers", period: "FY2025", by: []string{"item"}, key: []string{"Q4"}, num: noTerm, den: noTerm, value: 0.9037, resp: 11},
	// Q5 favorable: E01 E04 E10 E06 E07 E03 (n1 = 6, Σy = 1+1+1/3+1+0+1 = 13/3):
	//   Sxy = 13/3 − 114/33 = 29/33, Sxx = 30/11; r = (29/33)/√(30/11 × 200/99) = 0.3744.
	{metric: "drivers", period: "FY2025", by: []string{"item"}, key: []string{"Q5"}, num: noTerm, den: noTerm, value: 0.3744, resp: 11},
}

// fixtureStore loads the fixture company into a store of its own.
func fixtureStore(t *testing.T) queries.Store {
	t.Helper()
	s := newStore(t)
	dir := filepath.Join("testdata", "fixture")
	file := func(name string) []string { return []string{filepath.Join(dir, name)} }
	for _, req := range []ingest.Request{
		{Dataset: "employees", Files: file("employees_2025-04-01.csv"), AsOf: "2025-04-01"},
		{Dataset: "employees", Files: file("employees_2025-10-01.csv"), AsOf: "2025-10-01"},
		{Dataset: "employees", Files: file("employees_2026-03-31.csv"), AsOf: "2026-03-31"},
		{Dataset: "programs", Files: file("programs.csv")},
		{Dataset: "events", Files: file("events.csv")},
		{Dataset: "surveys", Files: file("surveys.csv")},
		{Dataset: "responses", Files: file("responses_fy2024.csv"), Survey: "S2024"},
		{Dataset: "responses", Files: file("responses_fy2025.csv"), Survey: "S2025"},
	} {
		mustLoad(t, s, req)
	}
	return s
}

// TestFixtureCompany loads the fixture company and checks every metric of
// the catalog against the values worked out by hand above.
func TestFixtureCompany(t *testing.T) {
	s := fixtureStore(t)
	e := engine(t, s, metrics.MinThreshold)
	periods := map[string]metrics.Period{
		"FY2024":    e.Calendar.FiscalYear(2024),
		"FY2025":    e.Calendar.FiscalYear(2025),
		"FY2025 Q2": e.Calendar.Quarter(2025, 2),
		"FY2025 H2": e.Calendar.Half(2025, 2),
	}
	results := map[string]*metrics.Result{}
	covered := map[string]bool{}
	for _, c := range fixtureCases {
		covered[c.metric] = true
		t.Run(c.name(), func(t *testing.T) {
			period, ok := periods[c.period]
			if !ok {
				t.Fatalf("no period %q", c.period)
			}
			req := metrics.Request{Metric: c.metric, Period: period, By: c.by, Filters: c.filters, Program: c.program, Compare: c.compare}
			id := fmt.Sprint(c.metric, c.period, c.by, c.filters, c.program, c.compare)
			res := results[id]
			if res == nil {
				res = compute(t, e, req)
				results[id] = res
			}
			c.check(t, res)
		})
	}
	for _, m := range metrics.Catalog {
		if !covered[m.ID] {
			t.Errorf("metric %s has no hand-worked expectation in fixtureCases", m.ID)
		}
	}
	t.Run("program impact", func(t *testing.T) { fixtureImpact(t, s) })
	t.Run("program impact adjusted and over time", func(t *testing.T) { fixtureImpactFollowup(t, s) })
	t.Run("turnover formulas", func(t *testing.T) { fixtureTurnover(t, s) })
	t.Run("disclosure", func(t *testing.T) { fixtureDisclosure(t, s) })
	t.Run("departments beside their division", func(t *testing.T) { fixtureDivisions(t, s) })
	if _, err := e.Compute(context.Background(), metrics.Request{Metric: "drivers", Period: periods["FY2025"]}); err == nil || !strings.Contains(err.Error(), "per item") {
		t.Errorf("drivers without the item breakdown: %v", err)
	}
	if _, err := e.Compute(context.Background(), metrics.Request{Metric: "engagement_index", Period: periods["FY2025"], By: []string{"quarter"}, Compare: true}); err == nil {
		t.Error("compare beside a time breakdown: no error")
	}
}

// fixtureDivisions: the engagement index of FY2025 by department with a
// threshold of 5. Respondents: Dev 5 (E01 E04 E10 E12 E13), Sales 4 (E06
// E07 E14 E16), HR 2 (E03 E15). Sales and HR are withheld (fewer than 5);
// beside the total they are 6 together, enough. But Dev and Sales make up
// the division Business, and beside it Sales alone is withheld: were
// Business's 9 shown anywhere, Business minus Dev would give Sales. Dev is
// withheld too.
func fixtureDivisions(t *testing.T, s queries.Store) {
	e := engine(t, s, 5)
	res := compute(t, e, metrics.Request{Metric: "engagement_index", Period: e.Calendar.FiscalYear(2025), By: []string{"department"}})
	for _, r := range res.Rows {
		if !r.Withheld {
			t.Errorf("%s shown with %d respondents; want every department withheld", r.Key[0], r.Respondents)
		}
	}
	if len(res.Rows) != 3 {
		t.Errorf("%d departments, want 3", len(res.Rows))
	}
}

// fixtureImpact: side jobs in FY2025. The cohort is the headcount on
// 2025-04-01, 17 people (E01-E10, E12 E13 E14 E17 E18 E19 E20). Users (a
// side-job event other than rejected dated in FY2025): E04, E12, E13, E20 —
// 4; non-users the other 13. Left before 2026-04-01: users E12 (1 of 4);
// non-users E05 E08 E09 E14 E17 E18 E19 (7 of 13).
//
// Engagement from S2025 (identified, index items Q1-Q3). Users who
// answered: E04 3/3, E12 0/3, E13 2/2 (Q3 blank) — 3 respondents, 5 of 8
// favorable = 62.5%. Non-users who answered: E01 3/3, E10 1/3, E06 3/3, E07
// 0/3, E14 0/3, E03 3/3 — 6 respondents, 10 of 18 = 55.5556% (E15 and E16
// answered but were hired after 2025-04-01). Difference 6.9444 points.
// With a threshold of 4 the users' 3 respondents are too few, and the
// non-users' figure goes with them (it and the cohort's would give the
// users' away).
func fixtureImpact(t *testing.T, s queries.Store) {
	ctx := context.Background()
	res, err := engine(t, s, 3).Impact(ctx, metrics.ImpactRequest{FiscalYear: 2025, Program: "side_job"})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Rows[0]
	check := func(what string, got, want float64) {
		t.Helper()
		if !sameFigure(got, want) {
			t.Errorf("%s: %v, want %.4f", what, got, want)
		}
	}
	check("users", float64(r.Users.Employees), 4)
	check("users who left", float64(r.Users.Leavers), 1)
	check("non-users", float64(r.NonUsers.Employees), 13)
	check("non-users who left", float64(r.NonUsers.Leavers), 7)
	check("users' attrition", *r.Users.Rate, 25)
	check("non-users' attrition", *r.NonUsers.Rate, 53.8462)
	check("attrition difference", *r.Difference, -28.8462)
	if r.Users.Engagement == nil || r.NonUsers.Engagement == nil || r.EngagementDifference == nil {
		t.Fatalf("engagement withheld: users %+v, non-users %+v", r.Users, r.NonUsers)
	}
	check("users' respondents", float64(r.Users.Respondents), 3)
	check("users' engagement", *r.Users.Engagement, 62.5)
	check("non-users' respondents", float64(r.NonUsers.Respondents), 6)
	check("non-users' engagement", *r.NonUsers.Engagement, 55.5556)
	check("engagement difference", *r.EngagementDifference, 6.9444)

	res, err = engine(t, s, 4).Impact(ctx, metrics.ImpactRequest{FiscalYear: 2025, Program: "side_job"})
	if err != nil {
		t.Fatal(err)
	}
	r = res.Rows[0]
	if r.Users.Engagement != nil || r.NonUsers.Engagement != nil || r.EngagementDifference != nil || r.Users.Reason != metrics.ReasonTooFew {
		t.Errorf("threshold 4: users %+v, non-users %+v, difference %v; want both withheld", r.Users, r.NonUsers, r.EngagementDifference)
	}
	if r.Users.Rate == nil || r.Users.Leavers != 1 {
		t.Errorf("threshold 4: attrition withheld too (%+v); it is not a survey figure", r.Users)
	}
}

// fixtureImpactFollowup: the same side-job cohort (fixtureImpact), on
// 2025-04-01 by grade × tenure band × hire type (tenure in whole months
// from hire: <12 <1y, <36 1-3y, <60 3-5y, <120 5-10y, else 10y+).
//
//	users  E04 G3 5-10y new grad; E12 G1 1-3y new grad (left);
//	       E13 G1 <1y new grad;   E20 G3 10y+ mid career
//	non-users sharing a stratum: E08 G3 5-10y new grad (left);
//	       E14 G1 <1y new grad (left)
//
// E12's and E20's strata have no non-users: left out (2 of the 4 users,
// 50%, so the comparison warns of low overlap). The two compared strata
// are 1 user against 1 non-user, thin: users 0 of 1 left, non-users 1 of
// 1, a risk difference of −1 in each, weights n1·n0/N = ½ each, pooled
// −100 points. Sato's variance: P = (1²·1 − 0 + 0)/2² = ¼ and Q =
// (0 + 1·1)/(2·2) = ¼ per stratum, (−1·½ + ½)/1² = 0: the interval is
// −100 to −100. The other 11 non-users are in strata without users.
//
// Retention, followed from 2025-04-01 to the latest snapshot, 2026-03-31
// (day 365; days count 2025-04-01 as 1: 04-30 30, 05-31 61, 06-30 91, 07-31
// 122, 08-31 153, 09-30 183, 10-31 214, 11-30 244, 12-31 275, 01-31 306,
// 02-28 334, 03-31 365). Users: E12 leaves after day 290 (2026-01-15), the
// others are still employed on 2026-03-31, censored at 365: S = 3/4 from
// day 290, so 100% at month 9 (day 275) and 75% at months 10-12.
// Non-users (13): leave after days 31 (E19), 153 (E09), 183 (E05), 244
// (E18), 275 (E08), 334 (E14) and 365 (E17, whose last day is the latest
// snapshot's: they left); six censored at 365. S falls by one thirteenth
// at each: 100% at month 1 (day 30, before E19's day 31), 12/13 at months
// 2-4, 11/13 at 5 … 6/13 = 46.1538% at month 12 (7/13 left, the 12-month
// attrition above). A month's point counts a last day within it as gone,
// as retention does.
//
// Log-rank at the pooled event times, users/non-users at risk: 31 4/13,
// 153 4/12, 183 4/11, 244 4/10, 275 4/9, 290 4/8 (the user's), 334 3/8,
// 365 3/7. Expected users' events Σ n1/n = 4/17 + 4/16 + 4/15 + 4/14 +
// 4/13 + 4/12 + 3/11 + 3/10 = 2.251428, observed 1; the variance Σ
// n1·n2/n² (one event each) = 52/289 + 48/256 + 44/225 + 40/196 + 36/169 +
// 32/144 + 24/121 + 21/100 = 1.610655; χ² = 1.251428² / 1.610655 =
// 0.972320, p = 0.3241.
func fixtureImpactFollowup(t *testing.T, s queries.Store) {
	res, err := engine(t, s, 3).Impact(context.Background(), metrics.ImpactRequest{FiscalYear: 2025, Program: "side_job"})
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got, want float64) {
		t.Helper()
		if !sameFigure(got, want) {
			t.Errorf("%s: %v, want %.4f", what, got, want)
		}
	}
	adj := res.Adjusted
	if adj == nil || adj.Difference == nil || adj.Interval == nil {
		t.Fatalf("no adjusted comparison: %+v", adj)
	}
	check("adjusted difference", *adj.Difference, -100)
	check("interval low", adj.Interval.Low, -100)
	check("interval high", adj.Interval.High, -100)
	check("strata compared", float64(adj.Compared), 2)
	check("users outside", float64(adj.UsersOutside), 2)
	check("non-users outside", float64(adj.NonUsersOutside), 11)
	check("users thin", float64(adj.UsersThin), 2)
	check("non-users thin", float64(adj.NonUsersThin), 2)
	if !adj.LowOverlap {
		t.Error("no low-overlap warning with half the users outside every compared stratum")
	}
	var strata []string
	for _, st := range adj.Strata {
		if st.Users > 0 {
			strata = append(strata, fmt.Sprintf("%s %s %s %d/%d %d/%d %s", st.Grade, st.TenureBand, st.HireType, st.UsersLeavers, st.Users, st.NonUsersLeavers, st.NonUsers, st.Overlap))
		}
	}
	want := []string{"G1 1-3y new_graduate 1/1 0/0 none", "G1 <1y new_graduate 0/1 1/1 thin", "G3 10y+ mid_career 0/1 0/0 none", "G3 5-10y new_graduate 0/1 1/1 thin"}
	if !slices.Equal(strata, want) {
		t.Errorf("users' strata:\n%s\nwant\n%s", strings.Join(strata, "\n"), strings.Join(want, "\n"))
	}

	ret := res.Retention
	if ret == nil {
		t.Fatal("no retention curves")
	}
	if got := ret.Through.Format(time.DateOnly); got != "2026-03-31" {
		t.Errorf("followed through %s, want 2026-03-31", got)
	}
	if len(ret.Users) != 13 || len(ret.NonUsers) != 13 {
		t.Fatalf("%d and %d monthly points, want 13 (months 0-12)", len(ret.Users), len(ret.NonUsers))
	}
	check("users at month 9", ret.Users[9].Retention, 100)
	check("users at month 10", ret.Users[10].Retention, 75)
	check("users at month 12", ret.Users[12].Retention, 75)
	for m, want := range map[int]float64{0: 100, 1: 100, 2: 92.3077, 4: 92.3077, 5: 84.6154, 6: 76.9231, 8: 69.2308, 9: 61.5385, 11: 53.8462, 12: 46.1538} {
		check(fmt.Sprintf("non-users at month %d", m), ret.NonUsers[m].Retention, want)
	}
	check("non-users at risk after month 1", float64(ret.NonUsers[1].AtRisk), 13)
	check("non-users at risk after month 2", float64(ret.NonUsers[2].AtRisk), 12)
	check("users at risk after month 12", float64(ret.Users[12].AtRisk), 0)
	lr := ret.LogRank
	if lr == nil {
		t.Fatal("no log-rank test")
	}
	check("users' observed leavers", float64(lr.Observed[0]), 1)
	check("non-users' observed leavers", float64(lr.Observed[1]), 7)
	check("users' expected leavers", lr.Expected[0], 2.2514)
	check("log-rank variance", lr.Variance, 1.6107)
	check("log-rank chi-square", lr.ChiSquare, 0.9723)
	check("log-rank p", lr.P, 0.3241)
}

// fixtureTurnover: FY2025's attrition rate under each turnover formula.
// Terminations: the 9 of the attrition rate above (E19 E09 E05 E18 E08 E12
// E14 E15 E17). Headcount on 2025-04-01: 17, E13 and E14 hired that day
// among them. Hires after it: E15 (06-01) and E16 (07-01). Headcount on
// 2026-03-31: 12, of whom E15 and E17 leave that day.
//
//	average_headcount  9 ÷ 205/13               = 57.0732
//	start_headcount    9 ÷ 17                   = 52.9412
//	start_plus_hires   9 ÷ (17 + 2)             = 47.3684
//	leavers_plus_end   9 ÷ (9 + 12 − 2 leaving) = 47.3684
//
// A version published under one formula keeps its rates and its
// definitions under an engine set to another.
func fixtureTurnover(t *testing.T, s queries.Store) {
	ctx := context.Background()
	engineWith := func(f metrics.TurnoverFormula) *metrics.Engine {
		e, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: 3, TurnoverFormula: f})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	fy := engineWith("").Calendar.FiscalYear(2025)
	for f, want := range map[metrics.TurnoverFormula][3]float64{
		"": {9, 15.7692, 57.0732}, metrics.TurnoverAverage: {9, 15.7692, 57.0732}, metrics.TurnoverStart: {9, 17, 52.9412},
		metrics.TurnoverStartHires: {9, 19, 47.3684}, metrics.TurnoverLeaversEnd: {9, 19, 47.3684},
	} {
		e := engineWith(f)
		res := compute(t, e, metrics.Request{Metric: "attrition_rate", Period: fy})
		r := res.Totals[0]
		if r.Numerator != want[0] || r.Denominator == nil || !sameFigure(*r.Denominator, want[1]) || r.Value == nil || !sameFigure(*r.Value, want[2]) {
			t.Errorf("%q: %v ÷ %s = %v, want %v ÷ %v = %v", f, r.Numerator, showValue(r.Denominator), r.Value, want[0], want[1], want[2])
		}
		if res.Metric.Turnover != e.Turnover.ID() || e.Turnover.ID() == "" {
			t.Errorf("%q: the rate names the formula %q, the engine %q", f, res.Metric.Turnover, e.Turnover.ID())
		}
	}
	if _, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: 3, TurnoverFormula: "per_head"}); err == nil {
		t.Error("an unknown turnover formula is accepted")
	}

	start := engineWith(metrics.TurnoverStart)
	pub, err := start.Publish(ctx, fy, "hr", nil)
	if err != nil {
		t.Fatal(err)
	}
	live := engineWith(metrics.TurnoverAverage)
	frozen, err := live.Published(ctx, pub.Version, nil)
	if err != nil {
		t.Fatal(err)
	}
	if frozen.Settings.TurnoverFormula != metrics.TurnoverStart {
		t.Errorf("the version says it used %q, want start_headcount", frozen.Settings.TurnoverFormula)
	}
	res, err := frozen.Compute(ctx, metrics.Request{Metric: "attrition_rate", Period: fy})
	if err != nil {
		t.Fatal(err)
	}
	if v := res.Totals[0].Value; v == nil || !sameFigure(*v, 52.9412) || res.Metric.Turnover != metrics.TurnoverStart ||
		!strings.Contains(res.Metric.Formula, "headcount at the period start") {
		t.Errorf("the published rate %v under %q (%s), want 52.9412 under start_headcount", v, res.Metric.Turnover, res.Metric.Formula)
	}
	if m, _ := live.Registry.Get("attrition_rate"); !strings.Contains(m.Formula, "average headcount") {
		t.Errorf("the live formula reads %q", m.Formula)
	}
}

// fixtureDisclosure: FY2025's disclosure, from the figures worked out above
// — attrition 9 ÷ 205/13 = 57.0732, voluntary 6 ÷ 205/13 = 38.0488,
// internal mobility 2 ÷ 205/13 = 12.6829, training hours 50.5 ÷ 205/13 =
// 3.2024, training cost 0, engagement 18/32 = 56.25, managers with a
// career interview 3/4 = 75 — and the share of positions filled
// internally: the 2 transfers (E06, E10) over those and the 4 hires (E13
// E14 E15 E16), 2/6 = 33.3333. Read from the version fixtureTurnover
// published under start_headcount, the attrition figures are that
// version's: 9/17 = 52.9412 and 6/17 = 35.2941.
func fixtureDisclosure(t *testing.T, s queries.Store) {
	ctx := context.Background()
	e := engine(t, s, 3)
	fy := e.Calendar.FiscalYear(2025)
	check := func(d *metrics.Disclosure, want map[string]float64) {
		t.Helper()
		got := map[string]metrics.DisclosureItem{}
		var ids []string
		for _, it := range d.Items {
			got[it.ID] = it
			ids = append(ids, it.ID)
			if it.DefinitionJA == "" || it.DefinitionEN == "" || it.NameJA == "" {
				t.Errorf("%s has no definition or name", it.ID)
			}
		}
		wantIDs := []string{"attrition_rate", "voluntary_attrition_rate", "internal_mobility_rate", "internal_fill_rate",
			"training_hours_per_employee", "training_cost_per_employee", "engagement_index", "manager_career_interview_rate"}
		if !slices.Equal(ids, wantIDs) {
			t.Errorf("items %v, want %v", ids, wantIDs)
		}
		for id, w := range want {
			if v := got[id].Value; v == nil || !sameFigure(*v, w) {
				t.Errorf("%s: %v, want %.4f", id, v, w)
			}
		}
	}
	live, err := metrics.DisclosureOf(ctx, e, e.Registry, fy, e.Turnover, nil)
	if err != nil {
		t.Fatal(err)
	}
	check(live, map[string]float64{"attrition_rate": 57.0732, "voluntary_attrition_rate": 38.0488, "internal_mobility_rate": 12.6829,
		"internal_fill_rate": 33.3333, "training_hours_per_employee": 3.2024, "training_cost_per_employee": 0, "engagement_index": 56.25,
		"manager_career_interview_rate": 75})
	if live.Turnover != metrics.TurnoverAverage {
		t.Errorf("live disclosure under %q", live.Turnover)
	}
	pub, err := e.Published(ctx, 0, &fy)
	if err != nil {
		t.Fatal(err)
	}
	frozen, err := metrics.DisclosureOf(ctx, pub, pub.Registry(), fy, pub.Settings.TurnoverFormula, nil)
	if err != nil {
		t.Fatal(err)
	}
	check(frozen, map[string]float64{"attrition_rate": 52.9412, "voluntary_attrition_rate": 35.2941, "internal_fill_rate": 33.3333, "manager_career_interview_rate": 75})
	if frozen.Turnover != metrics.TurnoverStart {
		t.Errorf("the published disclosure is under %q, want start_headcount", frozen.Turnover)
	}
}

func (c fixtureCase) name() string {
	parts := []string{c.metric, c.period}
	if c.compare {
		parts = append(parts, "compared")
	}
	if c.program != "" {
		parts = append(parts, c.program)
	}
	for _, f := range c.filters {
		parts = append(parts, f.String())
	}
	if len(c.by) > 0 {
		parts = append(parts, "by "+strings.Join(c.by, ","), strings.Join(c.key, ","))
	}
	return strings.Join(parts, " ")
}

func (c fixtureCase) check(t *testing.T, res *metrics.Result) {
	t.Helper()
	var row *metrics.Row
	if c.key == nil {
		if len(res.Totals) != 1 {
			t.Fatalf("%d totals, want 1", len(res.Totals))
		}
		row = &res.Totals[0]
	} else {
		for i := range res.Rows {
			if slices.Equal(res.Rows[i].Key, c.key) {
				row = &res.Rows[i]
			}
		}
		if row == nil {
			keys := make([]string, len(res.Rows))
			for i, r := range res.Rows {
				keys[i] = strings.Join(r.Key, ",")
			}
			t.Fatalf("no group %v (groups: %v)", c.key, keys)
		}
	}
	if c.withheld {
		if !row.Withheld || row.Reason != metrics.ReasonTooFew || row.Value != nil {
			t.Errorf("withheld %v, reason %q, value %v; want withheld as %q", row.Withheld, row.Reason, row.Value, metrics.ReasonTooFew)
		}
		return
	}
	if row.Withheld {
		t.Fatalf("withheld (%s), want %.4f", row.Reason, c.value)
	}
	switch {
	case c.empty && row.Value != nil:
		t.Errorf("value %v, want none", *row.Value)
	case !c.empty && (row.Value == nil || !sameFigure(*row.Value, c.value)):
		t.Errorf("value %v, want %.4f", showValue(row.Value), c.value)
	}
	if c.num != noTerm && !sameFigure(row.Numerator, c.num) {
		t.Errorf("numerator %v, want %v", row.Numerator, c.num)
	}
	switch {
	case c.den == noTerm && row.Denominator != nil && c.num != noTerm:
		t.Errorf("denominator %v, want none", *row.Denominator)
	case c.den != noTerm && (row.Denominator == nil || !sameFigure(*row.Denominator, c.den)):
		t.Errorf("denominator %v, want %v", showValue(row.Denominator), c.den)
	}
	if c.resp > 0 && row.Respondents != c.resp {
		t.Errorf("%d respondents, want %d", row.Respondents, c.resp)
	}
	if c.compare && (row.Previous == nil || !sameFigure(*row.Previous, c.previous) || row.Change == nil || !sameFigure(*row.Change, c.change)) {
		t.Errorf("previous %s, change %s; want %.4f and %.4f", showValue(row.Previous), showValue(row.Change), c.previous, c.change)
	}
}

// sameFigure compares a computed figure with a hand-worked one: whole numbers
// exactly, others to the 4 decimal places they are written with.
func sameFigure(got, want float64) bool {
	if want == math.Trunc(want) {
		return got == want
	}
	return math.Abs(got-want) <= 0.00005+1e-9
}

func showValue(v *float64) string {
	if v == nil {
		return "none"
	}
	return fmt.Sprintf("%.6f", *v)
}
