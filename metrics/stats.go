package metrics

import "math"

// Z95 is the standard normal quantile for a two-sided 95% interval, the
// 0.975 quantile of N(0, 1).
const Z95 = 1.959963984540054

// Interval is a confidence interval, Low <= High.
type Interval struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Wilson returns the Wilson score interval, without continuity correction,
// for a proportion of successes out of n at the normal quantile z (Z95 for
// 95%). It is method 3 of Newcombe, "Two-sided confidence intervals for the
// single proportion: comparison of seven methods", Statistics in Medicine
// 17 (1998) 857-872. The interval always lies within [0, 1]; it is exactly
// 0 below when successes is 0 and exactly 1 above when successes is n. It
// reports false when n is 0, or when successes is not between 0 and n.
func Wilson(successes, n int, z float64) (Interval, bool) {
	if n <= 0 || successes < 0 || successes > n {
		return Interval{}, false
	}
	x, m, z2 := float64(successes), float64(n), z*z
	centre := (x + z2/2) / (m + z2)
	half := z * math.Sqrt(x*(m-x)/m+z2/4) / (m + z2)
	iv := Interval{Low: math.Max(0, centre-half), High: math.Min(1, centre+half)}
	if successes == 0 {
		iv.Low = 0
	}
	if successes == n {
		iv.High = 1
	}
	return iv, true
}

// Newcombe returns Newcombe's hybrid score interval for the difference
// p1 − p2 of two independent proportions, p1 = x1/n1 and p2 = x2/n2, at the
// normal quantile z. It is method 10 of Newcombe, "Interval estimation for
// the difference between independent proportions: comparison of eleven
// methods", Statistics in Medicine 17 (1998) 873-890: with (l1, u1) and
// (l2, u2) the Wilson intervals of p1 and p2 and d = p1 − p2,
//
//	Low  = d − sqrt((p1 − l1)² + (u2 − p2)²)
//	High = d + sqrt((u1 − p1)² + (p2 − l2)²)
//
// The interval lies within [−1, 1]. It reports false when n1 or n2 is 0, or
// when a count is not between 0 and its total.
func Newcombe(x1, n1, x2, n2 int, z float64) (Interval, bool) {
	w1, ok1 := Wilson(x1, n1, z)
	w2, ok2 := Wilson(x2, n2, z)
	if !ok1 || !ok2 {
		return Interval{}, false
	}
	p1, p2 := float64(x1)/float64(n1), float64(x2)/float64(n2)
	d := p1 - p2
	return Interval{
		Low:  d - math.Hypot(p1-w1.Low, w2.High-p2),
		High: d + math.Hypot(w1.High-p1, p2-w2.Low),
	}, true
}

// Pearson returns the Pearson product-moment correlation of x and y, pairs
// by index:
//
//	r = Σ (xi − x̄)(yi − ȳ) / sqrt(Σ (xi − x̄)² · Σ (yi − ȳ)²)
//
// It reports false when x and y differ in length, there are fewer than
// three pairs, or either side does not vary.
func Pearson(x, y []float64) (float64, bool) {
	n := len(x)
	if n != len(y) || n < 3 {
		return 0, false
	}
	var mx, my float64
	for i := range n {
		mx, my = mx+x[i], my+y[i]
	}
	mx, my = mx/float64(n), my/float64(n)
	var sxy, sxx, syy float64
	for i := range n {
		dx, dy := x[i]-mx, y[i]-my
		sxy, sxx, syy = sxy+dx*dy, sxx+dx*dx, syy+dy*dy
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	return sxy / math.Sqrt(sxx*syy), true
}
