package cell

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestAnswer(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		scale Scale
		want  uint8
	}{
		{"likert5 number", "5", Likert5, 5},
		{"likert5 lowest", "1", Likert5, 1},
		{"likert5 full-width", "５", Likert5, 5},
		{"likert5 circled", "④", Likert5, 4},
		{"likert5 excel float", "3.0", Likert5, 3},
		{"likert5 points", "4点", Likert5, 4},
		{"likert5 strongly agree", "とてもそう思う", Likert5, 5},
		{"likert5 非常に", "非常にそう思う", Likert5, 5},
		{"likert5 強く", "強くそう思う", Likert5, 5},
		{"likert5 english", "Strongly agree", Likert5, 5},
		{"likert5 english case and spaces", "  STRONGLY   AGREE ", Likert5, 5},
		{"likert5 english no space", "stronglyagree", Likert5, 5},
		{"likert5 agree", "そう思う", Likert5, 4},
		{"likert5 やや", "ややそう思う", Likert5, 4},
		{"likert5 somewhat agree", "Somewhat agree", Likert5, 4},
		{"likert5 agree english", "agree", Likert5, 4},
		{"likert5 neutral", "どちらともいえない", Likert5, 3},
		{"likert5 neutral kanji", "どちらとも言えない", Likert5, 3},
		{"likert5 ふつう", "ふつう", Likert5, 3},
		{"likert5 neutral english", "Neutral", Likert5, 3},
		{"likert5 neither", "Neither agree nor disagree", Likert5, 3},
		{"likert5 disagree", "そう思わない", Likert5, 2},
		{"likert5 あまり", "あまりそう思わない", Likert5, 2},
		{"likert5 disagree english", "Disagree", Likert5, 2},
		{"likert5 somewhat disagree", "Somewhat disagree", Likert5, 2},
		{"likert5 全く", "全くそう思わない", Likert5, 1},
		{"likert5 まったく", "まったくそう思わない", Likert5, 1},
		{"likert5 全然", "全然そう思わない", Likert5, 1},
		{"likert5 strongly disagree", "Strongly disagree", Likert5, 1},
		{"likert5 number colon label", "5: とてもそう思う", Likert5, 5},
		{"likert5 number dot label", "5.とてもそう思う", Likert5, 5},
		{"likert5 full-width number label", "５．とてもそう思う", Likert5, 5},
		{"likert5 number space label", "2 そう思わない", Likert5, 2},
		{"likert5 circled label", "①全くそう思わない", Likert5, 1},
		{"likert5 label with spaces", "とても そう 思う", Likert5, 5},
		{"likert5 label ideographic space", "とても\u3000そう思う", Likert5, 5},

		{"likert4 number", "4", Likert4, 4},
		{"likert4 strongly agree", "とてもそう思う", Likert4, 4},
		{"likert4 english", "Strongly agree", Likert4, 4},
		{"likert4 agree", "そう思う", Likert4, 3},
		{"likert4 やや", "ややそう思う", Likert4, 3},
		{"likert4 agree english", "Agree", Likert4, 3},
		{"likert4 somewhat agree", "Somewhat agree", Likert4, 3},
		{"likert4 あまり", "あまりそう思わない", Likert4, 2},
		{"likert4 disagree", "そう思わない", Likert4, 2},
		{"likert4 disagree english", "Disagree", Likert4, 2},
		{"likert4 somewhat disagree", "Somewhat disagree", Likert4, 2},
		{"likert4 全く", "全くそう思わない", Likert4, 1},
		{"likert4 strongly disagree", "Strongly disagree", Likert4, 1},

		{"likert7 number", "7", Likert7, 7},
		{"likert7 非常に", "非常にそう思う", Likert7, 7},
		{"likert7 とても", "とてもそう思う", Likert7, 7},
		{"likert7 strongly agree", "Strongly agree", Likert7, 7},
		{"likert7 agree", "そう思う", Likert7, 6},
		{"likert7 agree english", "Agree", Likert7, 6},
		{"likert7 やや", "ややそう思う", Likert7, 5},
		{"likert7 somewhat agree", "Somewhat agree", Likert7, 5},
		{"likert7 neutral", "どちらともいえない", Likert7, 4},
		{"likert7 neutral english", "Neutral", Likert7, 4},
		{"likert7 neither", "Neither agree nor disagree", Likert7, 4},
		{"likert7 やや not", "ややそう思わない", Likert7, 3},
		{"likert7 あまり", "あまりそう思わない", Likert7, 3},
		{"likert7 somewhat disagree", "Somewhat disagree", Likert7, 3},
		{"likert7 disagree", "そう思わない", Likert7, 2},
		{"likert7 disagree english", "Disagree", Likert7, 2},
		{"likert7 全く", "全くそう思わない", Likert7, 1},
		{"likert7 strongly disagree", "Strongly disagree", Likert7, 1},
		{"likert7 number label", "6: そう思う", Likert7, 6},

		{"nps 0", "0", NPS11, 0},
		{"nps 10", "10", NPS11, 10},
		{"nps 10点", "10点", NPS11, 10},
		{"nps full-width", "１０点", NPS11, 10},
		{"nps leading zero", "07", NPS11, 7},

		{"yesno 1", "1", YesNo, 1},
		{"yesno 0", "0", YesNo, 0},
		{"yesno はい", "はい", YesNo, 1},
		{"yesno no", "No", YesNo, 0},
		{"yesno circle", "○", YesNo, 1},
		{"yesno cross", "×", YesNo, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Answer(tt.in, tt.scale)
			if err != nil {
				t.Fatalf("Answer(%q, %s): %v", tt.in, tt.scale, err)
			}
			if got != tt.want {
				t.Errorf("Answer(%q, %s) = %d, want %d", tt.in, tt.scale, got, tt.want)
			}
		})
	}
}

func TestAnswerErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		scale Scale
		kind  error
		want  string
	}{
		{"empty", "", Likert5, ErrEmpty, `"" is not an answer on likert5: the cell is empty`},
		{"likert5 6", "6", Likert5, ErrInvalid, `"6" is not an answer on likert5: 6 is outside likert5 (1–5)`},
		{"likert5 0", "0", Likert5, ErrInvalid, "…0 is outside likert5 (1–5)"},
		{"likert5 huge", "123456", Likert5, ErrInvalid, "…123456 is outside likert5 (1–5)"},
		{"likert5 full-width 6", "６", Likert5, ErrInvalid, "…6 is outside likert5 (1–5)"},
		{"likert4 5", "5", Likert4, ErrInvalid, "…5 is outside likert4 (1–4)"},
		{"likert4 has no middle", "どちらともいえない", Likert4, ErrInvalid, `"どちらともいえない" is not an answer on likert4: write a number 1–4 or a label: 4 とてもそう思う (Strongly agree), 3 そう思う (Agree), 2 あまりそう思わない (Disagree), 1 全くそう思わない (Strongly disagree)`},
		{"likert7 8", "8", Likert7, ErrInvalid, "…8 is outside likert7 (1–7)"},
		{"nps 11", "11", NPS11, ErrInvalid, "…11 is outside nps11 (0–10)"},
		{"nps words", "ten", NPS11, ErrInvalid, `"ten" is not an answer on nps11: write a whole number 0–10`},
		{"fraction", "4.5", Likert5, ErrInvalid, "…4.5 is not a whole number"},
		{"unknown label", "最高", Likert5, ErrInvalid, `"最高" is not an answer on likert5: write a number 1–5 or a label: 5 とてもそう思う (Strongly agree), 4 そう思う (Agree), 3 どちらともいえない (Neutral), 2 そう思わない (Disagree), 1 全くそう思わない (Strongly disagree)`},
		{"number and label disagree", "3: とてもそう思う", Likert5, ErrInvalid, `…the number 3 and the label "とてもそう思う" disagree: "とてもそう思う" is 5 on likert5`},
		{"number and unknown label", "5: 最高", Likert5, ErrInvalid, "…write a number 1–5 or a label"},
		{"negative", "-1", Likert5, ErrInvalid, "…write a number 1–5"},
		{"yesno 2", "2", YesNo, ErrInvalid, `"2" is not an answer on yesno: write yes as 1, yes, はい, 有 or ○, and no as 0, no, いいえ, 無 or ×`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Answer(tt.in, tt.scale)
			if err == nil {
				t.Fatalf("Answer(%q, %s) = %d, want an error", tt.in, tt.scale, got)
			}
			checkError(t, err, tt.in, tt.kind, tt.want)
		})
	}
}

func TestAnswerUnknownScale(t *testing.T) {
	_, err := Answer("3", Scale("likert6"))
	if err == nil || !strings.Contains(err.Error(), `unknown scale "likert6"`) {
		t.Errorf("Answer on likert6: err = %v, want unknown scale", err)
	}
	var e *Error
	if errors.As(err, &e) {
		t.Errorf("Answer on likert6 returned a cell *Error; an unknown scale is the caller's mistake")
	}
}

// TestScaleTables checks the tables of labels: every value of a labelled
// scale has labels, values run from high to low without gaps, and no label
// means two values.
func TestScaleTables(t *testing.T) {
	for _, s := range []Scale{Likert4, Likert5, Likert7, YesNo} {
		t.Run(string(s), func(t *testing.T) {
			lo, hi, ok := s.Range()
			if !ok {
				t.Fatalf("%s.Range() is not ok", s)
			}
			choices := s.Choices()
			if len(choices) != int(hi-lo)+1 {
				t.Fatalf("%s has %d choices, want %d", s, len(choices), hi-lo+1)
			}
			seen := map[string]uint8{}
			for i, c := range choices {
				if want := hi - uint8(i); c.Value != want {
					t.Errorf("choice %d has value %d, want %d", i, c.Value, want)
				}
				if len(c.Labels) == 0 {
					t.Errorf("value %d has no labels", c.Value)
				}
				for _, l := range c.Labels {
					k := labelKey(Normalize(l))
					if v, dup := seen[k]; dup {
						t.Errorf("label %q means %d and %d", l, v, c.Value)
					}
					seen[k] = c.Value
					if got, err := Answer(l, s); err != nil || got != c.Value {
						t.Errorf("Answer(%q, %s) = %d, %v, want %d", l, s, got, err, c.Value)
					}
				}
			}
		})
	}
}

func TestScaleRange(t *testing.T) {
	tests := []struct {
		scale  Scale
		lo, hi uint8
		ok     bool
	}{
		{Likert4, 1, 4, true}, {Likert5, 1, 5, true}, {Likert7, 1, 7, true},
		{NPS11, 0, 10, true}, {YesNo, 0, 1, true}, {Scale("likert6"), 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.scale), func(t *testing.T) {
			lo, hi, ok := tt.scale.Range()
			if lo != tt.lo || hi != tt.hi || ok != tt.ok {
				t.Errorf("Range() = %d, %d, %v, want %d, %d, %v", lo, hi, ok, tt.lo, tt.hi, tt.ok)
			}
		})
	}
}

func TestChoices(t *testing.T) {
	t.Run("nps11 has none", func(t *testing.T) {
		if c := NPS11.Choices(); c != nil {
			t.Errorf("NPS11.Choices() = %v, want nil", c)
		}
	})
	t.Run("unknown has none", func(t *testing.T) {
		if c := Scale("x").Choices(); c != nil {
			t.Errorf("Choices() of an unknown scale = %v, want nil", c)
		}
	})
	t.Run("likert5 first labels", func(t *testing.T) {
		var got []string
		for _, c := range Likert5.Choices() {
			got = append(got, c.Labels[0])
		}
		want := []string{"とてもそう思う", "そう思う", "どちらともいえない", "そう思わない", "全くそう思わない"}
		if !slices.Equal(got, want) {
			t.Errorf("first labels = %q, want %q", got, want)
		}
	})
	t.Run("a copy", func(t *testing.T) {
		c := Likert5.Choices()
		c[0].Labels[0] = "changed"
		if Likert5.Choices()[0].Labels[0] != "とてもそう思う" {
			t.Errorf("changing the result of Choices changed the table")
		}
		if v, err := Answer("とてもそう思う", Likert5); err != nil || v != 5 {
			t.Errorf("Answer after changing a copy = %d, %v, want 5", v, err)
		}
	})
}
