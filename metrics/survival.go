package metrics

import (
	"cmp"
	"math"
	"slices"
)

// Stratum is one stratum's 2×2 table: X1 events among the N1 members of the
// exposed group (program users) and X0 events among the N0 members of the
// unexposed group (non-users).
type Stratum struct {
	X1 int `json:"x1"`
	N1 int `json:"n1"`
	X0 int `json:"x0"`
	N0 int `json:"n0"`
}

// MHResult is a Mantel–Haenszel risk difference pooled over strata.
type MHResult struct {
	// RD is the pooled risk difference, exposed minus unexposed.
	RD float64 `json:"rd"`
	// SE is the square root of Sato's variance estimate of RD.
	SE float64 `json:"se"`
	// Interval is RD ± z·SE, clipped to [−1, 1].
	Interval Interval `json:"interval"`
	// Strata is the number of strata with both groups non-empty, the
	// strata the estimate is made of.
	Strata int `json:"strata"`
	// NoOverlap lists, by index in the input, the strata left out because
	// one group or both are empty.
	NoOverlap []int `json:"no_overlap,omitempty"`
}

// MantelHaenszelRD returns the Mantel–Haenszel risk difference of the
// exposed against the unexposed group over strata, with a Wald interval at
// the normal quantile z (Z95 for 95%). For stratum k, with a = X1, n1 = N1,
// c = X0, n0 = N0 and N = n1 + n0, the estimate is
//
//	RD = Σ (a·n0 − c·n1)/N / Σ w,  w = n1·n0/N
//
// and its variance is Sato's estimator, consistent both when the strata
// are many and sparse and when they are few and large:
//
//	Var = (RD·Σ P + Σ Q) / (Σ w)²
//	P   = (n1²·c − n0²·a + n1·n0·(n0 − n1)/2) / N²
//	Q   = (a·(n0 − c) + c·(n1 − a)) / (2N)
//
// The estimator is the one Greenland and Robins studied in "Estimation of
// a common effect parameter from sparse follow-up data", Biometrics 41
// (1985) 55-68; the variance is Sato, "On the variance estimator for the
// Mantel-Haenszel risk difference", Biometrics 45 (1989) 1323-1324, as
// Rothman, Greenland and Lash, "Modern Epidemiology", 3rd ed. (2008),
// ch. 15, p. 275, give it, and as SAS PROC FREQ (COMMONRISKDIFF) and R's
// metafor (rma.mh, measure "RD") compute it. A negative variance estimate
// is taken as 0.
//
// Strata where N1 or N0 is 0 carry no weight; they are left out and listed
// in NoOverlap. MantelHaenszelRD reports false when no stratum has both
// groups, or when a count is negative or more than its group's size.
func MantelHaenszelRD(strata []Stratum, z float64) (MHResult, bool) {
	var res MHResult
	var sumW, sumNum, sumP, sumQ float64
	for i, s := range strata {
		if s.N1 < 0 || s.N0 < 0 || s.X1 < 0 || s.X0 < 0 || s.X1 > s.N1 || s.X0 > s.N0 {
			return MHResult{}, false
		}
		if s.N1 == 0 || s.N0 == 0 {
			res.NoOverlap = append(res.NoOverlap, i)
			continue
		}
		a, n1 := float64(s.X1), float64(s.N1)
		c, n0 := float64(s.X0), float64(s.N0)
		n := n1 + n0
		sumW += n1 * n0 / n
		sumNum += (a*n0 - c*n1) / n
		sumP += (n1*n1*c - n0*n0*a + n1*n0*(n0-n1)/2) / (n * n)
		sumQ += (a*(n0-c) + c*(n1-a)) / (2 * n)
		res.Strata++
	}
	if res.Strata == 0 {
		return MHResult{}, false
	}
	res.RD = sumNum / sumW
	res.SE = math.Sqrt(math.Max(0, (res.RD*sumP+sumQ)/(sumW*sumW)))
	res.Interval = Interval{
		Low:  math.Max(-1, res.RD-z*res.SE),
		High: math.Min(1, res.RD+z*res.SE),
	}
	return res, true
}

// Observation is one subject's follow-up: Time is the number of days from
// the start of follow-up (hire, enrolment in a program) to the event or to
// censoring, and Event is true for an event (leaving, say) and false for a
// censored follow-up (still employed when the data end). Times are only
// compared with one another, so any unit works if all use the same one.
type Observation struct {
	Time  int  `json:"time"`
	Event bool `json:"event"`
}

// SurvivalStep is the Kaplan–Meier estimate at one distinct event time.
type SurvivalStep struct {
	// Time is the event time, in the unit of Observation.Time.
	Time int `json:"time"`
	// AtRisk is the number still under observation just before Time,
	// including those censored at Time.
	AtRisk int `json:"at_risk"`
	// Events is the number of events at Time.
	Events int `json:"events"`
	// Censored is the number censored at Time or later but before the
	// next event time, so the next step's AtRisk is AtRisk − Events −
	// Censored. Censorings before the first event time are in no step:
	// they are the difference between the number of observations and the
	// first step's AtRisk.
	Censored int `json:"censored"`
	// Survival is S(Time), the estimated probability of no event up to
	// and including Time.
	Survival float64 `json:"survival"`
	// SE is Greenwood's standard error of Survival.
	SE float64 `json:"se"`
	// Interval is the log-log interval of Survival.
	Interval Interval `json:"interval"`
}

// KaplanMeier returns the Kaplan–Meier product-limit estimate of the
// survival function, one step per distinct event time in increasing order:
//
//	S(t) = Π_{tj ≤ t} (1 − dj/nj)
//
// with dj events among the nj at risk at tj (Kaplan and Meier,
// "Nonparametric estimation from incomplete observations", Journal of the
// American Statistical Association 53 (1958) 457-481). At a time with both
// events and censorings the events come first: those censored at tj are
// still at risk at tj, the usual convention. SE is Greenwood's formula,
//
//	SE(t) = S(t) · sqrt(Σ_{tj ≤ t} dj / (nj (nj − dj)))
//
// (Greenwood, "The natural duration of cancer", Reports on Public Health
// and Medical Subjects 33, HMSO, 1926), and Interval is the log-log
// interval at the normal quantile z (Kalbfleisch and Prentice, "The
// Statistical Analysis of Failure Time Data", Wiley, 1980), the default of
// Stata's sts list and R's survfit(conf.type = "log-log"):
//
//	S(t)^exp(±z·σ),  σ = sqrt(Σ dj / (nj (nj − dj))) / |log S(t)|
//
// which always lies within [0, 1]. Once every subject at risk has had the
// event, S is 0 and Greenwood's variance is undefined; that last step
// reports SE 0 and the interval 0 to 0. KaplanMeier returns nil
// when there is no event: no observations, or all censored.
func KaplanMeier(obs []Observation, z float64) []SurvivalStep {
	sorted := slices.Clone(obs)
	slices.SortStableFunc(sorted, func(x, y Observation) int { return cmp.Compare(x.Time, y.Time) })
	var steps []SurvivalStep
	s, greenwood := 1.0, 0.0
	atRisk := len(sorted)
	for i := 0; i < len(sorted); {
		t := sorted[i].Time
		d, c := 0, 0
		for ; i < len(sorted) && sorted[i].Time == t; i++ {
			if sorted[i].Event {
				d++
			} else {
				c++
			}
		}
		if d == 0 {
			if len(steps) > 0 {
				steps[len(steps)-1].Censored += c
			}
			atRisk -= c
			continue
		}
		step := SurvivalStep{Time: t, AtRisk: atRisk, Events: d, Censored: c}
		n := float64(atRisk)
		s *= 1 - float64(d)/n
		if d < atRisk && s > 0 {
			greenwood += float64(d) / (n * (n - float64(d)))
			step.Survival = s
			step.SE = s * math.Sqrt(greenwood)
			sigma := math.Sqrt(greenwood) / -math.Log(s)
			step.Interval = Interval{
				Low:  math.Pow(s, math.Exp(z*sigma)),
				High: math.Pow(s, math.Exp(-z*sigma)),
			}
		} else {
			s = 0
		}
		steps = append(steps, step)
		atRisk -= d + c
	}
	return steps
}

// LogRankResult is a two-group log-rank test.
type LogRankResult struct {
	// Observed is the number of events in each group, a then b.
	Observed [2]int `json:"observed"`
	// Expected is the number of events expected in each group if both
	// had the same survival; the two add up to the total observed.
	Expected [2]float64 `json:"expected"`
	// Variance is the hypergeometric variance of Observed[0] − Expected[0].
	Variance float64 `json:"variance"`
	// ChiSquare is (Observed[0] − Expected[0])² / Variance, on 1 degree
	// of freedom.
	ChiSquare float64 `json:"chi_square"`
	// P is the upper tail probability of ChiSquare, erfc(sqrt(χ²/2)).
	P float64 `json:"p"`
}

// LogRank returns the log-rank (Mantel–Cox) test of equal survival in the
// groups a and b (Mantel, "Evaluation of survival data and two new rank
// order statistics arising in its consideration", Cancer Chemotherapy
// Reports 50 (1966) 163-170; Peto and Peto, "Asymptotically efficient rank
// invariant test procedures", Journal of the Royal Statistical Society A 135
// (1972) 185-207). At each distinct event time tj of the pooled data, with
// n1j and n2j at risk in a and b, nj = n1j + n2j, and dj events in all,
//
//	E1 = Σ dj·n1j/nj
//	V  = Σ n1j·n2j·dj·(nj − dj) / (nj²·(nj − 1))
//	χ² = (O1 − E1)² / V
//
// and E2 likewise; ties are handled as in KaplanMeier, events before
// censorings at the same time. The test, without continuity correction, is
// what R's survdiff and Stata's sts test compute. LogRank reports false
// when V is 0: no events, or no event at a time when both groups have
// someone at risk (a group that is empty, for instance).
func LogRank(a, b []Observation) (LogRankResult, bool) {
	type mark struct {
		Observation
		group int
	}
	all := make([]mark, 0, len(a)+len(b))
	for _, o := range a {
		all = append(all, mark{o, 0})
	}
	for _, o := range b {
		all = append(all, mark{o, 1})
	}
	slices.SortStableFunc(all, func(x, y mark) int { return cmp.Compare(x.Time, y.Time) })

	var res LogRankResult
	atRisk := [2]int{len(a), len(b)}
	for i := 0; i < len(all); {
		t := all[i].Time
		var d, left [2]int
		for ; i < len(all) && all[i].Time == t; i++ {
			g := all[i].group
			if all[i].Event {
				d[g]++
			}
			left[g]++
		}
		if dj := d[0] + d[1]; dj > 0 {
			n1, n2 := float64(atRisk[0]), float64(atRisk[1])
			n, df := n1+n2, float64(dj)
			res.Observed[0] += d[0]
			res.Observed[1] += d[1]
			res.Expected[0] += df * n1 / n
			res.Expected[1] += df * n2 / n
			if n > 1 {
				res.Variance += n1 * n2 * df * (n - df) / (n * n * (n - 1))
			}
		}
		atRisk[0] -= left[0]
		atRisk[1] -= left[1]
	}
	if res.Variance <= 0 {
		return LogRankResult{}, false
	}
	diff := float64(res.Observed[0]) - res.Expected[0]
	res.ChiSquare = diff * diff / res.Variance
	res.P = math.Erfc(math.Sqrt(res.ChiSquare / 2))
	return res, true
}
