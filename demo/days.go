package demo

import (
	"strconv"
	"time"
)

// day is a calendar date as the number of days since 1970-01-01.
type day int32

// never is the termination day of someone who has not left.
const never day = 1 << 30

func dayOf(y int, m time.Month, d int) day {
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func dayFromTime(t time.Time) day {
	y, m, d := t.Date()
	return dayOf(y, m, d)
}

func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d day) date() (int, time.Month, int) { return d.time().Date() }

// weekday is 0 for Sunday.
func (d day) weekday() int { return int((d + 4) % 7) }

func (d day) weekend() bool { w := d.weekday(); return w == 0 || w == 6 }

// monthEnd is the last day of d's month.
func (d day) monthEnd() day {
	y, m, _ := d.date()
	return dayOf(y, m+1, 1) - 1
}

// monthStart is the first day of d's month.
func (d day) monthStart() day {
	y, m, _ := d.date()
	return dayOf(y, m, 1)
}

// iso appends d as 2021-04-01.
func (d day) iso(b []byte) []byte {
	y, m, dd := d.date()
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+dd/10), byte('0'+dd%10))
	return b
}

// slash appends d as HR systems in Japan write it: 2021/4/1.
func (d day) slash(b []byte) []byte {
	y, m, dd := d.date()
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(m), 10)
	b = append(b, '/')
	return strconv.AppendInt(b, int64(dd), 10)
}

// slash0 appends d zero-padded, as survey tools write it: 2021/04/01.
func (d day) slash0(b []byte) []byte {
	y, m, dd := d.date()
	b = strconv.AppendInt(b, int64(y), 10)
	return append(b, '/', byte('0'+m/10), byte('0'+m%10), '/', byte('0'+dd/10), byte('0'+dd%10))
}

// clock appends a time of day given in seconds as 14:03:09.
func clock(b []byte, secs int) []byte {
	h, m, s := secs/3600, secs/60%60, secs%60
	return append(b, ' ', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
}

// fiscalYear is April 1 to March 31; FY2021 starts on 2021-04-01.
type fiscalYear struct {
	year       int
	start, end day
}

func newFiscalYear(year int) fiscalYear {
	return fiscalYear{year: year, start: dayOf(year, time.April, 1), end: dayOf(year+1, time.March, 31)}
}

// fiscalYearOf returns the fiscal year d falls in.
func fiscalYearOf(d day) int {
	y, m, _ := d.date()
	if m < time.April {
		return y - 1
	}
	return y
}

// age returns the age in whole years on d of someone born on birth.
func age(birth, d day) int {
	by, bm, bd := birth.date()
	y, m, dd := d.date()
	a := y - by
	if m < bm || m == bm && dd < bd {
		a--
	}
	return a
}

// birthday returns the day someone born on birth turns n.
func birthday(birth day, n int) day {
	y, m, d := birth.date()
	if m == time.February && d == 29 {
		return dayOf(y+n, time.March, 1)
	}
	return dayOf(y+n, m, d)
}
