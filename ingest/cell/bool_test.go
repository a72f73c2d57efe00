package cell

import "testing"

func TestBool(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"1", true}, {"true", true}, {"TRUE", true}, {"True", true}, {"yes", true}, {"YES", true},
		{"y", true}, {"Y", true}, {"t", true}, {"はい", true}, {"有", true}, {"有り", true},
		{"あり", true}, {"○", true}, {"◯", true}, {"〇", true}, {"✓", true}, {"✔", true},
		{"レ", true}, {"ﾚ", true}, {"該当", true}, {"ｙｅｓ", true}, {"１", true}, {" はい\u3000", true},
		{"0", false}, {"false", false}, {"FALSE", false}, {"no", false}, {"No", false}, {"n", false},
		{"f", false}, {"いいえ", false}, {"無", false}, {"無し", false}, {"なし", false}, {"×", false},
		{"✗", false}, {"✕", false}, {"-", false}, {"－", false}, {"−", false}, {"非該当", false},
		{"０", false}, {"ＮＯ", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Bool(tt.in)
			if err != nil {
				t.Fatalf("Bool(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Bool(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestBoolErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     error
		want     string
	}{
		{"empty", "", ErrEmpty, `"" is not yes or no: the cell is empty`},
		{"maybe", "maybe", ErrInvalid, `"maybe" is not yes or no: write yes as 1, yes, true, はい, 有, あり or ○, and no as 0, no, false, いいえ, 無, なし, × or -`},
		{"two", "2", ErrInvalid, "…write yes as"},
		{"yess", "yess", ErrInvalid, "…write yes as"},
		{"circle and cross", "○×", ErrInvalid, "…write yes as"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Bool(tt.in)
			if err == nil {
				t.Fatalf("Bool(%q) = %v, want an error", tt.in, got)
			}
			checkError(t, err, tt.in, tt.kind, tt.want)
		})
	}
}
