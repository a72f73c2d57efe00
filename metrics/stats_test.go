package metrics

import (
	"fmt"
	"math"
	"testing"
)

// round4 rounds v to four decimals, as the published tables print it.
func round4(v float64) float64 {
	return math.Round(v*1e4) / 1e4
}

func TestZ95(t *testing.T) {
	// Z95 is the 0.975 quantile of the standard normal: Φ(Z95) = 0.975.
	if p := 0.5 * math.Erfc(-Z95/math.Sqrt2); math.Abs(p-0.975) > 1e-15 {
		t.Errorf("Φ(Z95) = %.17g, want 0.975", p)
	}
}

func TestWilson(t *testing.T) {
	// Newcombe, "Two-sided confidence intervals for the single proportion:
	// comparison of seven methods", Statistics in Medicine 17 (1998)
	// 857-872, Table II, method 3 (score interval without continuity
	// correction).
	tests := []struct {
		name      string
		x, n      int
		low, high float64
	}{
		{"81_of_263", 81, 263, 0.2553, 0.3662},
		{"15_of_148", 15, 148, 0.0624, 0.1605},
		{"0_of_20", 0, 20, 0, 0.1611},
		{"1_of_29", 1, 29, 0.0061, 0.1718},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv, ok := Wilson(tt.x, tt.n, Z95)
			if !ok {
				t.Fatal("Wilson reported no interval")
			}
			if round4(iv.Low) != tt.low || round4(iv.High) != tt.high {
				t.Errorf("Wilson(%d, %d) = %.4f to %.4f, want %.4f to %.4f", tt.x, tt.n, iv.Low, iv.High, tt.low, tt.high)
			}
		})
	}
}

func TestWilsonEdges(t *testing.T) {
	tests := []struct {
		name   string
		x, n   int
		z      float64
		ok     bool
		exact0 bool // Low must be exactly 0
		exact1 bool // High must be exactly 1
	}{
		{name: "none_of_1", x: 0, n: 1, z: Z95, ok: true, exact0: true},
		{name: "none_of_1000", x: 0, n: 1000, z: Z95, ok: true, exact0: true},
		{name: "all_of_1", x: 1, n: 1, z: Z95, ok: true, exact1: true},
		{name: "all_of_20", x: 20, n: 20, z: Z95, ok: true, exact1: true},
		{name: "all_of_1000", x: 1000, n: 1000, z: Z95, ok: true, exact1: true},
		{name: "half_of_2", x: 1, n: 2, z: Z95, ok: true},
		{name: "wide_z", x: 3, n: 5, z: 3.290526731491926, ok: true},
		{name: "zero_z", x: 3, n: 5, z: 0, ok: true},
		{name: "n_0", x: 0, n: 0, z: Z95},
		{name: "negative_n", x: 0, n: -1, z: Z95},
		{name: "more_successes_than_n", x: 3, n: 2, z: Z95},
		{name: "negative_successes", x: -1, n: 2, z: Z95},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv, ok := Wilson(tt.x, tt.n, tt.z)
			if ok != tt.ok {
				t.Fatalf("Wilson(%d, %d) reported %v, want %v", tt.x, tt.n, ok, tt.ok)
			}
			if !ok {
				if iv != (Interval{}) {
					t.Errorf("Wilson(%d, %d) = %v with no interval, want the zero Interval", tt.x, tt.n, iv)
				}
				return
			}
			p := float64(tt.x) / float64(tt.n)
			if iv.Low < 0 || iv.High > 1 || iv.Low > p || iv.High < p {
				t.Errorf("Wilson(%d, %d) = %v, want 0 <= Low <= %v <= High <= 1", tt.x, tt.n, iv, p)
			}
			if tt.exact0 && iv.Low != 0 {
				t.Errorf("Wilson(%d, %d).Low = %v, want 0", tt.x, tt.n, iv.Low)
			}
			if tt.exact1 && iv.High != 1 {
				t.Errorf("Wilson(%d, %d).High = %v, want 1", tt.x, tt.n, iv.High)
			}
		})
	}
}

func TestNewcombe(t *testing.T) {
	// Newcombe, "Interval estimation for the difference between independent
	// proportions: comparison of eleven methods", Statistics in Medicine 17
	// (1998) 873-890, Table II, method 10. Example (a), 56/70 against 48/80,
	// is a difference of 0.2000 with the interval 0.0524 to 0.3339, as the
	// paper prints it; a difference of 0.1000 with −0.0524 to 0.2439 does not
	// fit these counts (56/70 − 48/80 = 0.8 − 0.6). The other rows use the
	// counts of the paper's examples (b) to (h); their bounds were recomputed
	// independently from the closed-form Wilson and method 10 formulas in a
	// separate implementation.
	tests := []struct {
		name           string
		x1, n1, x2, n2 int
		diff           float64
		low, high      float64
	}{
		{"a_56_70_vs_48_80", 56, 70, 48, 80, 0.2000, 0.0524, 0.3339},
		{"b_9_10_vs_3_10", 9, 10, 3, 10, 0.6000, 0.1705, 0.8090},
		{"c_6_7_vs_2_7", 6, 7, 2, 7, 0.5714, 0.0582, 0.8062},
		{"d_5_56_vs_0_29", 5, 56, 0, 29, 0.0893, -0.0381, 0.1926},
		{"e_0_10_vs_0_20", 0, 10, 0, 20, 0, -0.1611, 0.2775},
		{"f_0_10_vs_0_10", 0, 10, 0, 10, 0, -0.2775, 0.2775},
		{"g_10_10_vs_0_20", 10, 10, 0, 20, 1, 0.6791, 1},
		{"h_10_10_vs_0_10", 10, 10, 0, 10, 1, 0.6075, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diff := float64(tt.x1)/float64(tt.n1) - float64(tt.x2)/float64(tt.n2)
			if round4(diff) != tt.diff {
				t.Errorf("difference %.4f, want %.4f", diff, tt.diff)
			}
			iv, ok := Newcombe(tt.x1, tt.n1, tt.x2, tt.n2, Z95)
			if !ok {
				t.Fatal("Newcombe reported no interval")
			}
			if round4(iv.Low) != tt.low || round4(iv.High) != tt.high {
				t.Errorf("Newcombe(%d/%d, %d/%d) = %.4f to %.4f, want %.4f to %.4f",
					tt.x1, tt.n1, tt.x2, tt.n2, iv.Low, iv.High, tt.low, tt.high)
			}
			if iv.Low > diff || iv.High < diff || iv.Low < -1 || iv.High > 1 {
				t.Errorf("Newcombe(%d/%d, %d/%d) = %v, want -1 <= Low <= %v <= High <= 1",
					tt.x1, tt.n1, tt.x2, tt.n2, iv, diff)
			}
		})
	}
}

func TestNewcombeEdges(t *testing.T) {
	tests := []struct {
		x1, n1, x2, n2 int
		ok             bool
	}{
		{0, 0, 3, 10, false},
		{3, 10, 0, 0, false},
		{0, 0, 0, 0, false},
		{11, 10, 3, 10, false},
		{3, 10, -1, 10, false},
		{0, 1, 1, 1, true},
		{1, 1, 0, 1, true},
		{0, 500, 500, 500, true},
		{500, 500, 0, 500, true},
		{7, 13, 7, 13, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d_%d_vs_%d_%d", tt.x1, tt.n1, tt.x2, tt.n2), func(t *testing.T) {
			iv, ok := Newcombe(tt.x1, tt.n1, tt.x2, tt.n2, Z95)
			if ok != tt.ok {
				t.Fatalf("Newcombe reported %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			diff := float64(tt.x1)/float64(tt.n1) - float64(tt.x2)/float64(tt.n2)
			if iv.Low < -1 || iv.High > 1 || iv.Low > diff || iv.High < diff {
				t.Errorf("got %v, want -1 <= Low <= %v <= High <= 1", iv, diff)
			}
			// Swapping the groups mirrors the interval.
			sw, _ := Newcombe(tt.x2, tt.n2, tt.x1, tt.n1, Z95)
			if math.Abs(sw.Low+iv.High) > 1e-12 || math.Abs(sw.High+iv.Low) > 1e-12 {
				t.Errorf("swapped groups give %v, want the mirror of %v", sw, iv)
			}
		})
	}
}

func TestPearson(t *testing.T) {
	// Anscombe, "Graphs in statistical analysis", The American
	// Statistician 27 (1973) 17-21, Table 1: the four data sets share,
	// among other statistics, the correlation coefficient .82, usually
	// quoted as 0.816 (the four are 0.8164, 0.8162, 0.8163 and 0.8165).
	x := []float64{10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5}
	sets := map[string][2][]float64{
		"I":   {x, {8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68}},
		"II":  {x, {9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74}},
		"III": {x, {7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73}},
		"IV":  {{8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8}, {6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89}},
	}
	for name, s := range sets {
		r, ok := Pearson(s[0], s[1])
		if !ok || math.Abs(r-0.816) >= 0.001 {
			t.Errorf("Anscombe %s: r = %v (%v), want 0.816", name, r, ok)
		}
	}
	for name, c := range map[string][2][]float64{
		"too few":      {{1, 2}, {2, 4}},
		"constant":     {{1, 1, 1}, {1, 2, 3}},
		"unequal":      {{1, 2, 3}, {1, 2}},
		"constant (y)": {{1, 2, 3}, {5, 5, 5}},
	} {
		if _, ok := Pearson(c[0], c[1]); ok {
			t.Errorf("%s: a correlation", name)
		}
	}
	if r, ok := Pearson([]float64{1, 2, 3}, []float64{3, 2, 1}); !ok || r != -1 {
		t.Errorf("a falling line: r = %v (%v), want -1", r, ok)
	}
}
