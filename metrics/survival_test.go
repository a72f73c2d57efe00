package metrics

import (
	"math"
	"slices"
	"testing"
)

// z90 is the 0.95 quantile of N(0, 1), for a two-sided 90% interval.
const z90 = 1.6448536269514722

// tolbutamide is the University Group Diabetes Program mortality data by
// age, tolbutamide against placebo: Rothman, Greenland and Lash, "Modern
// Epidemiology", 3rd ed., Lippincott Williams & Wilkins (2008), ch. 15,
// Table 15-1 (p. 260). Under 55: 8 of 106 died on tolbutamide, 5 of 120 on
// placebo; 55 and over: 22 of 98 and 16 of 85.
var tolbutamide = []Stratum{
	{X1: 8, N1: 106, X0: 5, N0: 120},
	{X1: 22, N1: 98, X0: 16, N0: 85},
}

func TestMantelHaenszelRD(t *testing.T) {
	// Modern Epidemiology, 3rd ed., ch. 15, works the Mantel–Haenszel risk
	// difference of Table 15-1 with Sato's variance: RD = 0.035 with the
	// 90% limits −0.018 and 0.088, as the chapter prints them. To four
	// decimals these are 0.0349, −0.0176 and 0.0874, the figures of the
	// metafor package's reproduction of the chapter (Viechtbauer,
	// tests/testthat/test_analysis_example_rothman2008.r, rma.mh with
	// measure "RD" and level 90, whose comment notes the chapter's 0.088
	// for the upper limit; 0.0874 rounds to 0.087, so the chapter's last
	// digit comes from rounding along the way).
	res, ok := MantelHaenszelRD(tolbutamide, z90)
	if !ok {
		t.Fatal("MantelHaenszelRD reported no estimate")
	}
	if got := math.Round(res.RD*1e3) / 1e3; got != 0.035 {
		t.Errorf("RD = %.4f, want 0.035 as the chapter prints it", res.RD)
	}
	if got := math.Round(res.Interval.Low*1e3) / 1e3; got != -0.018 {
		t.Errorf("Low = %.4f, want -0.018 as the chapter prints it", res.Interval.Low)
	}
	if round4(res.RD) != 0.0349 || round4(res.Interval.Low) != -0.0176 || round4(res.Interval.High) != 0.0874 {
		t.Errorf("RD = %.4f (%.4f to %.4f), want 0.0349 (-0.0176 to 0.0874)", res.RD, res.Interval.Low, res.Interval.High)
	}
	if res.Strata != 2 || res.NoOverlap != nil {
		t.Errorf("Strata = %d, NoOverlap = %v, want 2 and none", res.Strata, res.NoOverlap)
	}
	// The interval is RD ± z·SE.
	if math.Abs(res.RD-z90*res.SE-res.Interval.Low) > 1e-15 || math.Abs(res.RD+z90*res.SE-res.Interval.High) > 1e-15 {
		t.Errorf("interval %v is not RD ± z·SE with RD %v and SE %v", res.Interval, res.RD, res.SE)
	}
}

func TestMantelHaenszelRDByHand(t *testing.T) {
	// Table 15-1 worked by hand with the formulas of the doc comment.
	// Under 55: N = 226, w = 106·120/226 = 56.2832, a·n0 − c·n1 = 960 − 530
	// = 430, P = (106²·5 − 120²·8 + 106·120·14/2)/226² = (56180 − 115200 +
	// 89040)/51076 = 0.587752, Q = (8·115 + 5·98)/452 = 3.119469.
	// 55 and over: N = 183, w = 98·85/183 = 45.5191, a·n0 − c·n1 = 1870 −
	// 1568 = 302, P = (98²·16 − 85²·22 + 98·85·(−13)/2)/183² = (153664 −
	// 158950 − 54145)/33489 = −1.774642, Q = (22·69 + 16·76)/366 = 7.469945.
	// RD = (430/226 + 302/183)/(56.2832 + 45.5191) = 3.552928/101.8023 =
	// 0.034900; Var = (0.034900·(−1.186891) + 10.589414)/101.8023² =
	// 0.0010178, SE = 0.031903.
	// These strata are large, so the Greenland–Robins (1985) variance,
	// consistent only for large strata, gives the same published limits to
	// four decimals (SE 0.031898); this six-decimal SE is what pins Sato's.
	res, _ := MantelHaenszelRD(tolbutamide, Z95)
	if math.Abs(res.RD-0.034900) > 5e-7 || math.Abs(res.SE-0.031903) > 5e-7 {
		t.Errorf("RD = %.6f, SE = %.6f, want 0.034900 and 0.031903", res.RD, res.SE)
	}
}

func TestMantelHaenszelRDMatchedPairs(t *testing.T) {
	// The sparse-data limit: K matched pairs, one stratum each with
	// n1 = n0 = 1. With B pairs where only the exposed member has the
	// event and C where only the unexposed one has, RD = (B − C)/K, and
	// the formulas give Σ P = (C − B)/4, Σ Q = (B + C)/4 and Σ w = K/2, so
	// Var = ((B + C) − (B − C)²/K)/K², the usual variance of a paired
	// difference of proportions. (The large-strata Greenland–Robins
	// variance is 0 here, whatever the data.) With B = 7, C = 2, 3 pairs
	// with both events and 8 with none, K = 20: RD = 0.25, Var = (9 −
	// 25/20)/400 = 0.019375.
	var pairs []Stratum
	add := func(n, x1, x0 int) {
		for range n {
			pairs = append(pairs, Stratum{X1: x1, N1: 1, X0: x0, N0: 1})
		}
	}
	add(7, 1, 0)
	add(2, 0, 1)
	add(3, 1, 1)
	add(8, 0, 0)
	res, ok := MantelHaenszelRD(pairs, Z95)
	if !ok || res.Strata != 20 {
		t.Fatalf("MantelHaenszelRD reported %v with %d strata, want 20", ok, res.Strata)
	}
	if math.Abs(res.RD-0.25) > 1e-15 || math.Abs(res.SE*res.SE-0.019375) > 1e-15 {
		t.Errorf("RD = %v, Var = %v, want 0.25 and 0.019375", res.RD, res.SE*res.SE)
	}
}

func TestMantelHaenszelRDEdges(t *testing.T) {
	tests := []struct {
		name      string
		strata    []Stratum
		ok        bool
		used      int
		noOverlap []int
	}{
		{name: "no_strata", strata: nil},
		{name: "empty_slice", strata: []Stratum{}},
		{name: "only_exposed", strata: []Stratum{{X1: 3, N1: 10}}, noOverlap: []int{0}},
		{name: "only_unexposed", strata: []Stratum{{X0: 3, N0: 10}}, noOverlap: []int{0}},
		{name: "all_empty", strata: []Stratum{{}, {}}, noOverlap: []int{0, 1}},
		{name: "one_without_overlap", strata: []Stratum{tolbutamide[0], {X1: 4, N1: 9}, tolbutamide[1], {X0: 2, N0: 5}},
			ok: true, used: 2, noOverlap: []int{1, 3}},
		{name: "events_over_size", strata: []Stratum{{X1: 11, N1: 10, X0: 1, N0: 10}}},
		{name: "negative_events", strata: []Stratum{{X1: 1, N1: 10, X0: -1, N0: 10}}},
		{name: "negative_size", strata: []Stratum{{X1: 0, N1: -1, X0: 0, N0: 10}}},
		{name: "invalid_after_valid", strata: []Stratum{tolbutamide[0], {X1: 3, N1: 2, X0: 0, N0: 2}}},
		{name: "all_events", strata: []Stratum{{X1: 1, N1: 1, X0: 0, N0: 1}}, ok: true, used: 1},
		{name: "no_events", strata: []Stratum{{X1: 0, N1: 30, X0: 0, N0: 40}, {X1: 0, N1: 5, X0: 0, N0: 2}}, ok: true, used: 2},
		{name: "sparse_pairs", strata: []Stratum{{1, 1, 0, 1}, {0, 1, 0, 1}, {1, 1, 1, 1}, {0, 1, 1, 1}, {1, 1, 0, 1}}, ok: true, used: 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ok := MantelHaenszelRD(tt.strata, Z95)
			if ok != tt.ok {
				t.Fatalf("MantelHaenszelRD reported %v, want %v", ok, tt.ok)
			}
			if !ok {
				if res.Strata != 0 || res.NoOverlap != nil || res.Interval != (Interval{}) {
					t.Errorf("got %+v with no estimate, want the zero MHResult", res)
				}
				return
			}
			if res.Strata != tt.used || !slices.Equal(res.NoOverlap, tt.noOverlap) {
				t.Errorf("Strata = %d, NoOverlap = %v, want %d and %v", res.Strata, res.NoOverlap, tt.used, tt.noOverlap)
			}
			if math.IsNaN(res.SE) || res.SE < 0 || res.Interval.Low < -1 || res.Interval.High > 1 ||
				res.Interval.Low > res.RD || res.Interval.High < res.RD {
				t.Errorf("got %+v, want SE >= 0 and -1 <= Low <= RD <= High <= 1", res)
			}
			// Swapping the groups negates the estimate and mirrors the
			// interval.
			sw := make([]Stratum, len(tt.strata))
			for i, s := range tt.strata {
				sw[i] = Stratum{X1: s.X0, N1: s.N0, X0: s.X1, N0: s.N1}
			}
			back, _ := MantelHaenszelRD(sw, Z95)
			if math.Abs(back.RD+res.RD) > 1e-12 || math.Abs(back.SE-res.SE) > 1e-12 ||
				math.Abs(back.Interval.Low+res.Interval.High) > 1e-12 || math.Abs(back.Interval.High+res.Interval.Low) > 1e-12 {
				t.Errorf("swapped groups give %+v, want the mirror of %+v", back, res)
			}
		})
	}
	// Strata without overlap change nothing.
	with, _ := MantelHaenszelRD([]Stratum{tolbutamide[0], {X1: 4, N1: 9}, tolbutamide[1], {X0: 2, N0: 5}}, Z95)
	without, _ := MantelHaenszelRD(tolbutamide, Z95)
	if with.RD != without.RD || with.SE != without.SE || with.Interval != without.Interval {
		t.Errorf("with strata lacking a group %+v, without them %+v, want the same estimate", with, without)
	}
}

// sixMP and placebo are the remission times in weeks of the 6-MP and
// placebo groups of the acute leukaemia trial of Freireich et al., "The
// effect of 6-mercaptopurine on the duration of steroid-induced remissions
// in acute leukemia", Blood 21 (1963) 699-716, as listed by Gehan, "A
// generalized Wilcoxon test for comparing arbitrarily singly-censored
// samples", Biometrika 52 (1965) 203-223. In the 6-MP group 9 relapsed and
// 12 were censored (6+, 9+, 10+, ...); all 21 on placebo relapsed.
var (
	sixMP = append(
		observationsAt(true, 6, 6, 6, 7, 10, 13, 16, 22, 23),
		observationsAt(false, 6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35)...)
	placebo = observationsAt(true, 1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23)
)

// observationsAt returns one observation per time, all events or all censored.
func observationsAt(event bool, times ...int) []Observation {
	obs := make([]Observation, len(times))
	for i, t := range times {
		obs[i] = Observation{Time: t, Event: event}
	}
	return obs
}

func TestKaplanMeier(t *testing.T) {
	// The 6-MP group. Survival is the product-limit table of Kleinbaum and
	// Klein, "Survival Analysis: A Self-Learning Text", 3rd ed., Springer
	// (2012), ch. 2, section II (pp. 61-65): 0.8571, 0.8067, 0.7529, 0.6902,
	// 0.6275, 0.5378, 0.4482. The Greenwood standard errors 0.0764 to
	// 0.1346 are those R's survfit (survival package) prints for these
	// data, the 6-MP group of Klein and Moeschberger's drug6mp, and that
	// Stata's sts list prints. The log-log limits at 6 and 7 weeks,
	// 0.6197 to 0.9516 and 0.5631 to 0.9228, are Stata's sts list output;
	// those at 10 weeks on were recomputed here from the formula, and at
	// 23 weeks by hand: Σ d/(n(n−d)) = 3/378 + 1/272 + 1/210 + 1/132 +
	// 1/110 + 1/42 + 1/30 = 0.090184, SE = 0.448179·sqrt(0.090184) =
	// 0.134591, σ = 0.300307/0.802561 = 0.374186, so the limits are
	// 0.448179^exp(±1.959964·0.374186) = 0.448179^2.082128 = 0.1881 and
	// 0.448179^0.480278 = 0.6801.
	want := []struct {
		time, atRisk, events, censored int
		survival, se, low, high        float64
	}{
		{6, 21, 3, 1, 0.8571, 0.0764, 0.6197, 0.9516},
		{7, 17, 1, 1, 0.8067, 0.0869, 0.5631, 0.9228},
		{10, 15, 1, 2, 0.7529, 0.0963, 0.5032, 0.8894},
		{13, 12, 1, 0, 0.6902, 0.1068, 0.4316, 0.8491},
		{16, 11, 1, 3, 0.6275, 0.1141, 0.3675, 0.8049},
		{22, 7, 1, 0, 0.5378, 0.1282, 0.2678, 0.7468},
		{23, 6, 1, 5, 0.4482, 0.1346, 0.1881, 0.6801},
	}
	steps := KaplanMeier(sixMP, Z95)
	if len(steps) != len(want) {
		t.Fatalf("KaplanMeier returned %d steps, want %d: %+v", len(steps), len(want), steps)
	}
	for i, w := range want {
		s := steps[i]
		if s.Time != w.time || s.AtRisk != w.atRisk || s.Events != w.events || s.Censored != w.censored {
			t.Errorf("step %d = time %d, at risk %d, events %d, censored %d; want %d, %d, %d, %d",
				i, s.Time, s.AtRisk, s.Events, s.Censored, w.time, w.atRisk, w.events, w.censored)
		}
		if round4(s.Survival) != w.survival || round4(s.SE) != w.se ||
			round4(s.Interval.Low) != w.low || round4(s.Interval.High) != w.high {
			t.Errorf("at %d weeks S = %.4f (SE %.4f, %.4f to %.4f), want %.4f (SE %.4f, %.4f to %.4f)",
				w.time, s.Survival, s.SE, s.Interval.Low, s.Interval.High, w.survival, w.se, w.low, w.high)
		}
	}
}

func TestKaplanMeierPlacebo(t *testing.T) {
	// The placebo group, without censoring, so S(t) is the share still in
	// remission. Stata's sts list output in G. Rodríguez, "The Gehan
	// Survival Data", WWS 509 notes, Princeton University
	// (data.princeton.edu/pop509/gehan.html), at 1 and 2 weeks: 0.9048
	// (SE 0.0641, 0.6700 to 0.9753) and 0.8095 (SE 0.0857, 0.5689 to
	// 0.9239). The last relapse, at 23 weeks, leaves nobody: S is 0.
	steps := KaplanMeier(placebo, Z95)
	if len(steps) != 12 {
		t.Fatalf("KaplanMeier returned %d steps, want 12", len(steps))
	}
	for i, w := range []struct{ survival, se, low, high float64 }{
		{0.9048, 0.0641, 0.6700, 0.9753},
		{0.8095, 0.0857, 0.5689, 0.9239},
	} {
		s := steps[i]
		if round4(s.Survival) != w.survival || round4(s.SE) != w.se ||
			round4(s.Interval.Low) != w.low || round4(s.Interval.High) != w.high {
			t.Errorf("at %d weeks S = %.4f (SE %.4f, %.4f to %.4f), want %.4f (SE %.4f, %.4f to %.4f)",
				s.Time, s.Survival, s.SE, s.Interval.Low, s.Interval.High, w.survival, w.se, w.low, w.high)
		}
	}
	for _, s := range steps {
		if s.Censored != 0 {
			t.Errorf("at %d weeks Censored = %d, want 0", s.Time, s.Censored)
		}
	}
	last := steps[len(steps)-1]
	if last.Time != 23 || last.AtRisk != 1 || last.Events != 1 || last.Survival != 0 || last.SE != 0 || last.Interval != (Interval{}) {
		t.Errorf("last step %+v, want 23 weeks, 1 at risk, 1 event, S 0, SE 0, interval 0 to 0", last)
	}
}

func TestKaplanMeierEdges(t *testing.T) {
	tests := []struct {
		name  string
		obs   []Observation
		steps []SurvivalStep // Time, AtRisk, Events, Censored and Survival are compared
	}{
		{name: "no_observations"},
		{name: "all_censored", obs: observationsAt(false, 3, 5, 5, 9)},
		{name: "one_event", obs: observationsAt(true, 4), steps: []SurvivalStep{{Time: 4, AtRisk: 1, Events: 1}}},
		{
			// Censorings before the first event are in no step; the tie at
			// 5 counts the censored subject as still at risk.
			name: "censored_first_and_tied",
			obs:  []Observation{{9, false}, {5, false}, {2, false}, {5, true}, {7, true}, {1, false}},
			steps: []SurvivalStep{
				{Time: 5, AtRisk: 4, Events: 1, Censored: 1, Survival: 0.75},
				{Time: 7, AtRisk: 2, Events: 1, Censored: 1, Survival: 0.375},
			},
		},
		{
			name: "negative_and_zero_times",
			obs:  []Observation{{0, true}, {-3, true}, {0, false}, {8, true}},
			steps: []SurvivalStep{
				{Time: -3, AtRisk: 4, Events: 1, Survival: 0.75},
				{Time: 0, AtRisk: 3, Events: 1, Censored: 1, Survival: 0.5},
				{Time: 8, AtRisk: 1, Events: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.obs)
			steps := KaplanMeier(tt.obs, Z95)
			if !slices.Equal(tt.obs, before) {
				t.Errorf("KaplanMeier reordered its input to %v", tt.obs)
			}
			if len(steps) != len(tt.steps) {
				t.Fatalf("KaplanMeier returned %+v, want %+v", steps, tt.steps)
			}
			for i, w := range tt.steps {
				s := steps[i]
				if s.Time != w.Time || s.AtRisk != w.AtRisk || s.Events != w.Events || s.Censored != w.Censored ||
					math.Abs(s.Survival-w.Survival) > 1e-15 {
					t.Errorf("step %d = %+v, want %+v", i, s, w)
				}
			}
		})
	}
}

func TestKaplanMeierInvariants(t *testing.T) {
	for name, obs := range map[string][]Observation{"6-MP": sixMP, "placebo": placebo} {
		t.Run(name, func(t *testing.T) {
			// Reversing the input changes nothing.
			rev := slices.Clone(obs)
			slices.Reverse(rev)
			steps := KaplanMeier(obs, Z95)
			if !slices.Equal(steps, KaplanMeier(rev, Z95)) {
				t.Error("the order of the observations changes the estimate")
			}
			prev := 1.0
			for i, s := range steps {
				if i+1 < len(steps) && steps[i+1].AtRisk != s.AtRisk-s.Events-s.Censored {
					t.Errorf("at %d AtRisk %d − Events %d − Censored %d != next AtRisk %d",
						s.Time, s.AtRisk, s.Events, s.Censored, steps[i+1].AtRisk)
				}
				if s.Survival >= prev || s.Interval.Low < 0 || s.Interval.High > 1 ||
					s.Interval.Low > s.Survival || s.Interval.High < s.Survival {
					t.Errorf("at %d S = %v after %v, interval %v; want a decreasing S within its interval in [0, 1]",
						s.Time, s.Survival, prev, s.Interval)
				}
				prev = s.Survival
			}
			// Every observation is accounted for: at risk at the first
			// step or censored before it.
			last := steps[len(steps)-1]
			if rest := last.AtRisk - last.Events - last.Censored; rest != 0 {
				t.Errorf("%d subjects left after the last step, want 0", rest)
			}
		})
	}
}

func TestLogRank(t *testing.T) {
	// 6-MP against placebo. Kleinbaum and Klein, "Survival Analysis: A
	// Self-Learning Text", 3rd ed., Springer (2012), ch. 2, section IV
	// (pp. 67-71): observed 9 and 21, expected 19.25 and 10.75, log-rank
	// statistic 16.79. R's survdiff prints Chisq = 16.8 on 1 degree of
	// freedom, p = 4.17e-05, for the same data. The variance, 6.2570, is
	// computed here: (21 − 10.7495)²/16.7929.
	res, ok := LogRank(sixMP, placebo)
	if !ok {
		t.Fatal("LogRank reported no test")
	}
	if res.Observed != [2]int{9, 21} {
		t.Errorf("Observed = %v, want [9 21]", res.Observed)
	}
	if math.Round(res.Expected[0]*100) != 1925 || math.Round(res.Expected[1]*100) != 1075 {
		t.Errorf("Expected = %.4f, want 19.25 and 10.75", res.Expected)
	}
	if math.Round(res.ChiSquare*100) != 1679 || round4(res.Variance) != 6.2570 {
		t.Errorf("ChiSquare = %.4f, Variance = %.4f, want 16.79 and 6.2570", res.ChiSquare, res.Variance)
	}
	if got := math.Round(res.P*1e7) / 1e7; got != 4.17e-5 {
		t.Errorf("P = %.4g, want 4.17e-05", res.P)
	}
	if e := res.Expected[0] + res.Expected[1]; math.Abs(e-30) > 1e-12 {
		t.Errorf("expected events add up to %v, want the 30 observed", e)
	}
	// The groups in the other order give the same test.
	sw, _ := LogRank(placebo, sixMP)
	if sw.Observed != [2]int{21, 9} || math.Abs(sw.Expected[0]-res.Expected[1]) > 1e-12 ||
		math.Abs(sw.ChiSquare-res.ChiSquare) > 1e-12 || math.Abs(sw.P-res.P) > 1e-15 {
		t.Errorf("swapped groups give %+v, want the mirror of %+v", sw, res)
	}
}

func TestLogRankPValue(t *testing.T) {
	// erfc(sqrt(x/2)) is the chi-square(1) upper tail: 3.841459 and
	// 6.634897 are its 0.95 and 0.99 quantiles.
	for _, tt := range []struct{ x, p float64 }{{3.841459, 0.05}, {6.634897, 0.01}, {0, 1}} {
		if p := math.Erfc(math.Sqrt(tt.x / 2)); math.Abs(p-tt.p) > 1e-7 {
			t.Errorf("erfc(sqrt(%v/2)) = %v, want %v", tt.x, p, tt.p)
		}
	}
}

func TestLogRankEdges(t *testing.T) {
	tests := []struct {
		name string
		a, b []Observation
		ok   bool
	}{
		{name: "no_observations"},
		{name: "single_group", a: sixMP},
		{name: "single_group_b", b: placebo},
		{name: "all_censored", a: observationsAt(false, 1, 2, 3), b: observationsAt(false, 2, 4)},
		{name: "other_group_gone_before_events", a: observationsAt(true, 1, 2), b: observationsAt(false, 0)},
		{name: "same_data", a: sixMP, b: sixMP, ok: true},
		{name: "tie_event_and_censoring", a: []Observation{{3, true}, {3, false}}, b: []Observation{{3, false}, {4, true}}, ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ok := LogRank(tt.a, tt.b)
			if ok != tt.ok {
				t.Fatalf("LogRank reported %v (%+v), want %v", ok, res, tt.ok)
			}
			if !ok {
				if res != (LogRankResult{}) {
					t.Errorf("got %+v with no test, want the zero LogRankResult", res)
				}
				return
			}
			if res.Variance <= 0 || res.ChiSquare < 0 || res.P < 0 || res.P > 1 || math.IsNaN(res.P) {
				t.Errorf("got %+v, want Variance > 0, ChiSquare >= 0, 0 <= P <= 1", res)
			}
		})
	}
	// Identical groups: nothing to tell them apart.
	same, _ := LogRank(sixMP, sixMP)
	if math.Abs(same.ChiSquare) > 1e-12 || math.Abs(same.P-1) > 1e-12 {
		t.Errorf("identical groups give χ² %v, p %v, want 0 and 1", same.ChiSquare, same.P)
	}
	// The tie: at 3 all four are at risk, the two censored at 3 too, and
	// one has the event, so E1 = 1·2/4 = 1/2 and V = 2·2·1·3/(4²·3) = 1/4;
	// at 4 only b has someone at risk, E2 gains 1 and V nothing. O1 − E1 =
	// 1/2, χ² = 1. Were the censorings at 3 taken first, only 2 would be at
	// risk there.
	tie, _ := LogRank([]Observation{{3, true}, {3, false}}, []Observation{{3, false}, {4, true}})
	if tie.Observed != [2]int{1, 1} || tie.Expected != [2]float64{0.5, 1.5} || tie.Variance != 0.25 || tie.ChiSquare != 1 {
		t.Errorf("tie gives %+v, want observed [1 1], expected [0.5 1.5], variance 0.25, χ² 1", tie)
	}
}
