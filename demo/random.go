package demo

import (
	"math"
	"math/rand/v2"
)

// The purposes of the random streams. Every part of the company draws from
// a stream of its own, keyed by the seed, the purpose and what it is about
// (a person, a fiscal year, a survey), so that the parts can be written in
// any order and in parallel and still give the same files.
const (
	streamCompany uint64 = iota + 1 // the simulation, which runs in order
	streamEvents                    // a person's events in a fiscal year
	streamRespond                   // whether and when a person answers a survey
	streamAnswers                   // a respondent's answers
)

// splitmix is SplitMix64's finaliser: a good 64-bit hash of one word.
func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
}

func mix(words ...uint64) uint64 {
	h := uint64(0x6A09E667F3BCC908)
	for _, w := range words {
		h = splitmix(h ^ w)
	}
	return h
}

// rng is a random stream that can be reseeded without allocating.
type rng struct {
	pcg *rand.PCG
	*rand.Rand
}

func newRNG(words ...uint64) *rng {
	p := rand.NewPCG(0, 0)
	r := &rng{pcg: p, Rand: rand.New(p)}
	r.seed(words...)
	return r
}

func (r *rng) seed(words ...uint64) {
	a := mix(words...)
	r.pcg.Seed(a, splitmix(a^0xD1B54A32D192ED03))
}

// chance is true with probability p.
func (r *rng) chance(p float64) bool { return r.Float64() < p }

// between returns a day uniformly in [a, b]; a if b < a.
func (r *rng) between(a, b day) day {
	if b <= a {
		return a
	}
	return a + day(r.IntN(int(b-a)+1))
}

// weekdayBetween returns a weekday in [a, b] when there is one.
func (r *rng) weekdayBetween(a, b day) day {
	for range 8 {
		if d := r.between(a, b); !d.weekend() {
			return d
		}
	}
	return r.between(a, b)
}

// pick returns an index with probability proportional to its weight.
func (r *rng) pick(weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }
