package main

import (
	"strings"
	"testing"
)

// TestTextTable: columns line up as a terminal shows them, a Japanese
// character two columns wide, and lines end without spaces.
func TestTextTable(t *testing.T) {
	tt := newTextTable("DEPARTMENT", "GRADE", "VALUE")
	tt.add("営業部", "G1", "12.5%")
	tt.add("カスタマーサービス本部", "", "3")
	var b strings.Builder
	if err := tt.write(&b); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"DEPARTMENT              GRADE  VALUE\n" +
		"営業部                  G1     12.5%\n" +
		"カスタマーサービス本部         3\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}

	tt = newTextTable("department", "VALUE")
	tt.alignRight()
	tt.add("人事部", "9.5%")
	tt.add("(total)", "10.25%")
	b.Reset()
	tt.write(&b)
	want = "" +
		"department   VALUE\n" +
		"    人事部    9.5%\n" +
		"   (total)  10.25%\n"
	if b.String() != want {
		t.Errorf("right-aligned table:\n%s\nwant:\n%s", b.String(), want)
	}
}
