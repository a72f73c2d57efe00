package cell

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii untouched", "abc", "abc"},
		{"ascii trimmed", " \t abc \r\n", "abc"},
		{"inner spaces kept", " a  b ", "a  b"},
		{"ideographic space", "\u3000社員\u3000", "社員"},
		{"nbsp", "\u00a0123\u00a0", "123"},
		{"bom and zero-width space", "\ufeff\u200bID", "ID"},
		{"full-width digits", "２０２５／４／１", "2025/4/1"},
		{"full-width letters", "ＡＢＣ１２３", "ABC123"},
		{"full-width yen", "￥１，２３４", "¥1,234"},
		{"full-width space inside", "令和\u3000７年", "令和 7年"},
		{"half-width katakana", "ﾊﾞｲﾄ", "バイト"},
		{"era symbol", "㋿7年", "令和7年"},
		{"circled number", "⑤", "5"},
		{"only spaces", " \u3000\t\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
