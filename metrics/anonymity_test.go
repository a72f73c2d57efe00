package metrics

import (
	"slices"
	"testing"
)

// TestComplementSides: program impact's complementary suppression works
// side by side. Groups withheld for their users (or non-users) pull in the
// shown group with the fewest users (or non-users) until the withheld
// groups stand on at least t of them, whatever the other side holds.
func TestComplementSides(t *testing.T) {
	const threshold = 5
	for _, c := range []struct {
		name string
		n    []sides
		held []bool
		want []bool
	}{
		{"nothing withheld", []sides{{10, 10}, {20, 3}}, []bool{false, false}, []bool{false, false}},
		{"two users hidden behind twenty non-users", []sides{{2, 20}, {10, 10}, {30, 8}},
			[]bool{true, false, false}, []bool{true, true, false}},
		{"three non-users", []sides{{40, 3}, {10, 10}, {30, 6}},
			[]bool{true, false, false}, []bool{true, false, true}},
		{"enough withheld already", []sides{{2, 20}, {3, 1}, {30, 30}},
			[]bool{true, true, false}, []bool{true, true, false}},
		{"users first, then non-users", []sides{{1, 1}, {9, 2}, {6, 3}, {50, 50}},
			[]bool{true, false, false, false}, []bool{true, true, true, false}},
		{"an empty side hides no one", []sides{{0, 7}, {20, 20}}, []bool{false, false}, []bool{false, false}},
	} {
		t.Run(c.name, func(t *testing.T) {
			held := slices.Clone(c.held)
			members := make([]int, len(c.n))
			for i := range members {
				members[i] = i
			}
			complementSides(c.n, held, members, threshold)
			if !slices.Equal(held, c.want) {
				t.Errorf("withheld %v, want %v", held, c.want)
			}
		})
	}
}

// TestOnlyAnswersLeftOut: the difference against the same group without a
// filter is checked unless every filter left out chooses answers.
func TestOnlyAnswersLeftOut(t *testing.T) {
	theme := Filter{Dimension: "theme", Values: []string{"career"}}
	item := Filter{Dimension: "item", Values: []string{"Q1"}}
	dept := Filter{Dimension: "department", Values: []string{"Dev"}}
	grade := Filter{Dimension: "grade", Values: []string{"G3"}}
	for _, c := range []struct {
		name           string
		filters, fewer []Filter
		want           bool
	}{
		{"a theme left out", []Filter{dept, theme}, []Filter{dept}, true},
		{"a theme and an item left out", []Filter{theme, item}, nil, true},
		{"a department left out", []Filter{dept, theme}, []Filter{theme}, false},
		{"a grade and a theme left out", []Filter{grade, theme}, nil, false},
		{"nothing but people", []Filter{dept, grade}, []Filter{dept}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := onlyAnswersLeftOut(c.filters, c.fewer); got != c.want {
				t.Errorf("onlyAnswersLeftOut = %v, want %v", got, c.want)
			}
		})
	}
}
