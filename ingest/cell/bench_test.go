package cell

import "testing"

// TestNoAllocs checks the promises that the common cases do not allocate.
func TestNoAllocs(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{"Date iso", func() { _, _ = Date("2025-04-01", YMD) }},
		{"Date slashes", func() { _, _ = Date("2025/4/1", YMD) }},
		{"Date iso with time", func() { _, _ = Date("2025-04-01T09:30:00+09:00", YMD) }},
		{"Date serial", func() { _, _ = Date("45748", YMD) }},
		{"Date MDY", func() { _, _ = Date("4/1/2025", MDY) }},
		{"Normalize ascii", func() { _ = Normalize("  ABC-123 \t") }},
		{"Normalize nfkc text", func() { _ = Normalize("社員番号") }},
		{"Int", func() { _, _ = Int("1234567") }},
		{"Int with yen", func() { _, _ = Int("¥1,234,567") }},
		{"Float", func() { _, _ = Float("12.5時間") }},
		{"Bool", func() { _, _ = Bool("yes") }},
		{"Answer number", func() { _, _ = Answer("5", Likert5) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tt.f); n != 0 {
				t.Errorf("%s allocates %v times, want 0", tt.name, n)
			}
		})
	}
}

func BenchmarkDate(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"iso", "2025-04-01"},
		{"slashes", "2025/4/1"},
		{"serial", "45748"},
		{"era", "令和7年4月1日"},
		{"full-width", "２０２５／４／１"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Date(bb.in, YMD); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNormalize(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"ascii", "  EMP-000123 "},
		{"japanese", "営業部\u3000第一課"},
		{"full-width", "ＡＢＣ１２３"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Normalize(bb.in)
			}
		})
	}
}

func BenchmarkInt(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Int("¥1,234,567"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnswer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Answer("5", Likert5); err != nil {
			b.Fatal(err)
		}
	}
}
