package demo

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"
)

func TestDays(t *testing.T) {
	for _, tc := range []struct {
		d                  day
		iso, slash, slash0 string
		fy                 int
	}{
		{dayOf(2021, time.April, 1), "2021-04-01", "2021/4/1", "2021/04/01", 2021},
		{dayOf(2022, time.March, 31), "2022-03-31", "2022/3/31", "2022/03/31", 2021},
		{dayOf(1959, time.December, 9), "1959-12-09", "1959/12/9", "1959/12/09", 1959},
	} {
		t.Run(tc.iso, func(t *testing.T) {
			if got := string(tc.d.iso(nil)); got != tc.iso {
				t.Errorf("iso = %s", got)
			}
			if got := string(tc.d.slash(nil)); got != tc.slash {
				t.Errorf("slash = %s", got)
			}
			if got := string(tc.d.slash0(nil)); got != tc.slash0 {
				t.Errorf("slash0 = %s", got)
			}
			if got := fiscalYearOf(tc.d); got != tc.fy {
				t.Errorf("fiscal year = %d, want %d", got, tc.fy)
			}
			if got := dayFromTime(tc.d.time()); got != tc.d {
				t.Errorf("round trip = %d, want %d", got, tc.d)
			}
		})
	}
	if got := string(clock(nil, 9*3600+5*60+7)); got != " 09:05:07" {
		t.Errorf("clock = %q", got)
	}
	if got := age(dayOf(1960, time.April, 2), dayOf(2020, time.April, 1)); got != 59 {
		t.Errorf("age = %d, want 59", got)
	}
	if got := birthday(dayOf(1960, time.February, 29), 60); got != dayOf(2020, time.March, 1) {
		t.Errorf("birthday of a leap day = %s", got.iso(nil))
	}
}

func TestTenureBand(t *testing.T) {
	hire := dayOf(2015, time.April, 1)
	for _, tc := range []struct {
		at   day
		want string
	}{
		{dayOf(2015, time.April, 1), "1年未満"},
		{dayOf(2016, time.April, 2), "1〜3年"},
		{dayOf(2019, time.April, 10), "3〜5年"},
		{dayOf(2024, time.April, 10), "5〜10年"},
		{dayOf(2025, time.April, 10), "10〜20年"},
		{dayOf(2035, time.April, 10), "20年以上"},
	} {
		if got := tenureBand(hire, tc.at); got != tc.want {
			t.Errorf("tenure on %s = %s, want %s", tc.at.iso(nil), got, tc.want)
		}
	}
}

func TestCSV(t *testing.T) {
	for _, tc := range []struct {
		name   string
		enc    encoding
		fields []string
		want   string
	}{
		{"plain", utf8Plain, []string{"a", "", "c"}, "a,,c\r\n"},
		{"quoted when needed", utf8Plain, []string{"a,b", `say "hi"`, "two\r\nlines", "ok"}, "\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",ok\r\n"},
		{"leading empty field", utf8Plain, []string{"", "x"}, ",x\r\n"},
		{"byte-order mark", utf8BOM, []string{"回答日時"}, "\uFEFF回答日時\r\n"},
		{"Shift_JIS", shiftJIS, []string{"社員番号", "氏名"}, sjis(t, "社員番号,氏名\r\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.csv")
			c, err := createCSV(path, tc.enc)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.header(tc.fields...); err != nil {
				t.Fatal(err)
			}
			if err := c.close(); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func sjis(t *testing.T, s string) string {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNames checks that every name survives Shift_JIS.
func TestNames(t *testing.T) {
	enc := japanese.ShiftJIS.NewEncoder()
	var all []string
	all = append(all, familyNames...)
	all = append(all, maleNames...)
	all = append(all, femaleNames...)
	for _, d := range divisions {
		all = append(all, d.name)
		for _, dp := range d.depts {
			all = append(all, dp.stem)
		}
	}
	for _, r := range regions {
		all = append(all, r.half)
		all = append(all, r.cities...)
	}
	all = append(all, "\u3000")
	for _, s := range all {
		if _, err := enc.String(s); err != nil {
			t.Errorf("%q is not Shift_JIS: %v", s, err)
		}
	}
	if len(familyNames) > 256 || len(maleNames) > 256 || len(femaleNames) > 256 {
		t.Error("a name list does not fit a byte")
	}
}

// TestSizes checks the organisation of each size.
func TestSizes(t *testing.T) {
	for _, tc := range []struct {
		size           Size
		divs, depts    int
		lowMin, lowMax int
	}{
		{Small, 6, 40, 4, 4},
		{Large, 11, 200, 20, 30},
	} {
		t.Run(string(tc.size), func(t *testing.T) {
			divs, depts := organise(sizePlans[tc.size], newRNG(1))
			low := 0
			names := map[string]bool{}
			for _, d := range depts {
				if d.low {
					low++
				}
				if names[d.name] {
					t.Errorf("two departments named %s", d.name)
				}
				names[d.name] = true
			}
			if len(divs) != tc.divs || len(depts) != tc.depts || low < tc.lowMin || low > tc.lowMax {
				t.Errorf("%d divisions, %d departments, %d with few 1on1s", len(divs), len(depts), low)
			}
		})
	}
}

// TestStory checks that the story names the departments that run few 1on1s
// and the programs it speaks of.
func TestStory(t *testing.T) {
	ja, en := Story()
	for _, d := range divisions {
		for _, dp := range d.depts {
			if dp.low && (!strings.Contains(ja, dp.stem) || !strings.Contains(en, dp.stem)) {
				t.Errorf("the story does not name %s", dp.stem)
			}
		}
	}
	for _, id := range []string{"CAREER-INT", "FUKUGYO", "DX-ACADEMY", "RESKILL-BASIC", "FA"} {
		if !slices.ContainsFunc(programs, func(p program) bool { return p.id == id }) {
			t.Errorf("the story names %s, which is no program", id)
		}
		if !strings.Contains(ja, id) || !strings.Contains(en, id) {
			t.Errorf("the story does not name %s in both languages", id)
		}
	}
}
