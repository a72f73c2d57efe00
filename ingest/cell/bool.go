package cell

import "strings"

const wantBool = "yes or no"

// boolWords are the words of yes/no cells and what they mean, compared
// case-insensitively after Normalize. Yes words come first.
var boolWords = []struct {
	word  string
	value bool
}{
	{"1", true}, {"true", true}, {"yes", true}, {"y", true}, {"t", true},
	{"はい", true}, {"有", true}, {"有り", true}, {"あり", true},
	{"○", true}, {"◯", true}, {"〇", true}, {"✓", true}, {"✔", true}, {"レ", true},
	{"該当", true},
	{"0", false}, {"false", false}, {"no", false}, {"n", false}, {"f", false},
	{"いいえ", false}, {"無", false}, {"無し", false}, {"なし", false},
	{"×", false}, {"✗", false}, {"✕", false}, {"-", false}, {"−", false},
	{"非該当", false},
}

// Bool parses yes/no cells: true for 1, true, yes, y, t, はい, 有, あり, ○, ◯,
// 〇, ✓, レ, 該当; false for 0, false, no, n, f, いいえ, 無, なし, ×, ✗, -,
// 非該当 (case-insensitive after Normalize). It also takes 有り, 無し, ✔, ✕
// and the minus sign −.
func Bool(s string) (bool, error) {
	n := Normalize(s)
	if n == "" {
		return false, emptyError(s, wantBool)
	}
	for _, w := range boolWords {
		if strings.EqualFold(n, w.word) {
			return w.value, nil
		}
	}
	return false, invalid(s, wantBool, "write yes as 1, yes, true, はい, 有, あり or ○, and no as 0, no, false, いいえ, 無, なし, × or -")
}
