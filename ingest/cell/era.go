package cell

import (
	"strings"
	"time"
)

// era is a Japanese era: its name, the letter that abbreviates it (R7.4.1)
// and the day it began. An era ends the day before the next one begins.
type era struct {
	name   string
	letter byte
	start  time.Time
}

// eras are the Japanese eras, oldest first. Meiji began, in the Gregorian
// calendar, on 1868-01-25 (the first day of its first lunar year); its year 1
// is 1868 as usual.
var eras = []era{
	{"明治", 'M', day(1868, 1, 25)},
	{"大正", 'T', day(1912, 7, 30)},
	{"昭和", 'S', day(1926, 12, 25)},
	{"平成", 'H', day(1989, 1, 8)},
	{"令和", 'R', day(2019, 5, 1)},
}

// day returns midnight UTC of a calendar day.
func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// cutEra returns the era that s begins with, by name (令和) or by letter
// (R or r, when a digit or 元 follows, possibly after spaces), and the rest
// of s. It returns -1 and s when s does not begin with an era.
func cutEra(s string) (int, string) {
	for i, e := range eras {
		if rest, ok := strings.CutPrefix(s, e.name); ok {
			return i, rest
		}
	}
	if s == "" {
		return -1, s
	}
	c := s[0] &^ 0x20 // ASCII upper case
	for i, e := range eras {
		if c != e.letter {
			continue
		}
		rest := s[1:]
		r := rest[spaces(rest):]
		if r != "" && (isDigit(r[0]) || strings.HasPrefix(r, "元")) {
			return i, rest
		}
	}
	return -1, s
}

// eraEnd returns the last day of eras[i], or the zero time for the current era.
func eraEnd(i int) time.Time {
	if i+1 == len(eras) {
		return time.Time{}
	}
	return eras[i+1].start.AddDate(0, 0, -1)
}
