package metrics_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/metrics"
)

// hrDataset is the Human Resources Data Set v14 (see the data README),
// read where it lies, never copied.
var hrDataset = filepath.Join("..", "..", "shared", "data", "HRDataset_v14.csv")

// hrFigure is a reference figure: the numerator, the denominator (0 when
// the metric has none) and the value, to 4 decimals where not whole.
type hrFigure struct {
	period, name    string // name is the metric, or the department of a breakdown
	num, den, value float64
}

// hrFigures and hrFY2015ByDepartment were computed from the CSV alone,
// without careerkpi, by this script (python3, run in metrics/; the
// department breakdown is its last six lines, attrition_rate in FY2015):
//
//	import csv, datetime as dt
//
//	def day(s):  # M/D/YYYY; blank: none
//	    return dt.datetime.strptime(s, "%m/%d/%Y").date() if s else None
//
//	with open("../../shared/data/HRDataset_v14.csv", encoding="utf-8-sig", newline="") as f:
//	    people = [(day(r["DateofHire"]), day(r["DateofTermination"]),
//	               r["EmploymentStatus"] == "Voluntarily Terminated",
//	               r["Department"].strip())  # trimmed, as careerkpi loads it
//	              for r in csv.DictReader(f)]
//
//	def num(x):
//	    return str(int(x)) if x == int(x) else f"{x:.4f}"
//
//	def figures(start, dept=None):
//	    end = start.replace(year=start.year + 1) - dt.timedelta(days=1)
//	    ps = [p for p in people if dept in (None, p[3])]
//	    def hc(d):  # the termination date is still a day employed
//	        return sum(h <= d and (t is None or t >= d) for h, t, _, _ in ps)
//	    firsts = [start.replace(year=start.year + (start.month + i) // 12, month=(start.month + i) % 12 + 1)
//	              for i in range(12)]  # the first day of each following month
//	    avg = (hc(start) + sum(hc(d - dt.timedelta(days=1)) for d in firsts)) / 13  # start and 12 month ends
//	    left = [v for h, t, v, _ in ps if t and start <= t <= end]
//	    if dept:
//	        return [(dept, len(left), avg)]
//	    at_start = [t for h, t, _, _ in ps if h <= start and (t is None or t >= start)]
//	    hires = [(h, t) for h, t, _, _ in ps if start <= h <= end]
//	    return [("headcount", hc(end), 0), ("average_headcount", avg, 0),
//	            ("attrition_rate", len(left), avg), ("voluntary_attrition_rate", sum(left), avg),
//	            ("retention_rate", sum(t is None or t > end for t in at_start), len(at_start)),
//	            # no hire on 29 February, whose anniversary replace() would refuse
//	            ("first_year_attrition", sum(t is not None and t < h.replace(year=h.year + 1) for h, t in hires), len(hires))]
//
//	def show(label, rows):
//	    for m, n, d in rows:
//	        print(f'\t{{"{label}", "{m}", {num(n)}, {num(d)}, {100 * n / d if d else n:.4f}}},')
//
//	for y in range(2010, 2019):
//	    show(f"{y}-01-01..{y}-12-31", figures(dt.date(y, 1, 1)))
//	for y in range(2010, 2019):
//	    show(f"FY{y}", figures(dt.date(y, 4, 1)))
//	for d in sorted({p[3] for p in people}):
//	    show("FY2015", figures(dt.date(2015, 4, 1), d))
var hrFigures = []hrFigure{
	{"2010-01-01..2010-12-31", "headcount", 21, 0, 21.0000},
	{"2010-01-01..2010-12-31", "average_headcount", 17.0769, 0, 17.0769},
	{"2010-01-01..2010-12-31", "attrition_rate", 1, 17.0769, 5.8559},
	{"2010-01-01..2010-12-31", "voluntary_attrition_rate", 1, 17.0769, 5.8559},
	{"2010-01-01..2010-12-31", "retention_rate", 12, 13, 92.3077},
	{"2010-01-01..2010-12-31", "first_year_attrition", 0, 9, 0.0000},
	{"2011-01-01..2011-12-31", "headcount", 101, 0, 101.0000},
	{"2011-01-01..2011-12-31", "average_headcount", 66.3077, 0, 66.3077},
	{"2011-01-01..2011-12-31", "attrition_rate", 3, 66.3077, 4.5244},
	{"2011-01-01..2011-12-31", "voluntary_attrition_rate", 3, 66.3077, 4.5244},
	{"2011-01-01..2011-12-31", "retention_rate", 19, 21, 90.4762},
	{"2011-01-01..2011-12-31", "first_year_attrition", 4, 83, 4.8193},
	{"2012-01-01..2012-12-31", "headcount", 138, 0, 138.0000},
	{"2012-01-01..2012-12-31", "average_headcount", 125.3077, 0, 125.3077},
	{"2012-01-01..2012-12-31", "attrition_rate", 8, 125.3077, 6.3843},
	{"2012-01-01..2012-12-31", "voluntary_attrition_rate", 8, 125.3077, 6.3843},
	{"2012-01-01..2012-12-31", "retention_rate", 93, 101, 92.0792},
	{"2012-01-01..2012-12-31", "first_year_attrition", 1, 45, 2.2222},
	{"2013-01-01..2013-12-31", "headcount", 169, 0, 169.0000},
	{"2013-01-01..2013-12-31", "average_headcount", 150.3846, 0, 150.3846},
	{"2013-01-01..2013-12-31", "attrition_rate", 13, 150.3846, 8.6445},
	{"2013-01-01..2013-12-31", "voluntary_attrition_rate", 12, 150.3846, 7.9795},
	{"2013-01-01..2013-12-31", "retention_rate", 125, 138, 90.5797},
	{"2013-01-01..2013-12-31", "first_year_attrition", 1, 44, 2.2727},
	{"2014-01-01..2014-12-31", "headcount", 216, 0, 216.0000},
	{"2014-01-01..2014-12-31", "average_headcount", 191.6923, 0, 191.6923},
	{"2014-01-01..2014-12-31", "attrition_rate", 13, 191.6923, 6.7817},
	{"2014-01-01..2014-12-31", "voluntary_attrition_rate", 13, 191.6923, 6.7817},
	{"2014-01-01..2014-12-31", "retention_rate", 156, 169, 92.3077},
	{"2014-01-01..2014-12-31", "first_year_attrition", 0, 60, 0.0000},
	{"2015-01-01..2015-12-31", "headcount", 229, 0, 229.0000},
	{"2015-01-01..2015-12-31", "average_headcount", 236.9231, 0, 236.9231},
	{"2015-01-01..2015-12-31", "attrition_rate", 23, 236.9231, 9.7078},
	{"2015-01-01..2015-12-31", "voluntary_attrition_rate", 18, 236.9231, 7.5974},
	{"2015-01-01..2015-12-31", "retention_rate", 196, 216, 90.7407},
	{"2015-01-01..2015-12-31", "first_year_attrition", 3, 36, 8.3333},
	{"2016-01-01..2016-12-31", "headcount", 221, 0, 221.0000},
	{"2016-01-01..2016-12-31", "average_headcount", 223.3846, 0, 223.3846},
	{"2016-01-01..2016-12-31", "attrition_rate", 22, 223.3846, 9.8485},
	{"2016-01-01..2016-12-31", "voluntary_attrition_rate", 18, 223.3846, 8.0579},
	{"2016-01-01..2016-12-31", "retention_rate", 207, 229, 90.3930},
	{"2016-01-01..2016-12-31", "first_year_attrition", 0, 14, 0.0000},
	{"2017-01-01..2017-12-31", "headcount", 219, 0, 219.0000},
	{"2017-01-01..2017-12-31", "average_headcount", 221.6154, 0, 221.6154},
	{"2017-01-01..2017-12-31", "attrition_rate", 8, 221.6154, 3.6099},
	{"2017-01-01..2017-12-31", "voluntary_attrition_rate", 6, 221.6154, 2.7074},
	{"2017-01-01..2017-12-31", "retention_rate", 213, 221, 96.3801},
	{"2017-01-01..2017-12-31", "first_year_attrition", 0, 6, 0.0000},
	{"2018-01-01..2018-12-31", "headcount", 207, 0, 207.0000},
	{"2018-01-01..2018-12-31", "average_headcount", 213, 0, 213.0000},
	{"2018-01-01..2018-12-31", "attrition_rate", 13, 213, 6.1033},
	{"2018-01-01..2018-12-31", "voluntary_attrition_rate", 9, 213, 4.2254},
	{"2018-01-01..2018-12-31", "retention_rate", 206, 219, 94.0639},
	{"2018-01-01..2018-12-31", "first_year_attrition", 0, 1, 0.0000},
	{"FY2010", "headcount", 43, 0, 43.0000},
	{"FY2010", "average_headcount", 23.3846, 0, 23.3846},
	{"FY2010", "attrition_rate", 1, 23.3846, 4.2763},
	{"FY2010", "voluntary_attrition_rate", 1, 23.3846, 4.2763},
	{"FY2010", "retention_rate", 12, 13, 92.3077},
	{"FY2010", "first_year_attrition", 0, 31, 0.0000},
	{"FY2011", "headcount", 115, 0, 115.0000},
	{"FY2011", "average_headcount", 84.4615, 0, 84.4615},
	{"FY2011", "attrition_rate", 5, 84.4615, 5.9199},
	{"FY2011", "voluntary_attrition_rate", 5, 84.4615, 5.9199},
	{"FY2011", "retention_rate", 41, 43, 95.3488},
	{"FY2011", "first_year_attrition", 4, 77, 5.1948},
	{"FY2012", "headcount", 142, 0, 142.0000},
	{"FY2012", "average_headcount", 133.3077, 0, 133.3077},
	{"FY2012", "attrition_rate", 9, 133.3077, 6.7513},
	{"FY2012", "voluntary_attrition_rate", 9, 133.3077, 6.7513},
	{"FY2012", "retention_rate", 106, 115, 92.1739},
	{"FY2012", "first_year_attrition", 1, 36, 2.7778},
	{"FY2013", "headcount", 182, 0, 182.0000},
	{"FY2013", "average_headcount", 159.2308, 0, 159.2308},
	{"FY2013", "attrition_rate", 14, 159.2308, 8.7923},
	{"FY2013", "voluntary_attrition_rate", 13, 159.2308, 8.1643},
	{"FY2013", "retention_rate", 131, 145, 90.3448},
	{"FY2013", "first_year_attrition", 1, 53, 1.8868},
	{"FY2014", "headcount", 246, 0, 246.0000},
	{"FY2014", "average_headcount", 206.0769, 0, 206.0769},
	{"FY2014", "attrition_rate", 10, 206.0769, 4.8526},
	{"FY2014", "voluntary_attrition_rate", 9, 206.0769, 4.3673},
	{"FY2014", "retention_rate", 172, 181, 95.0276},
	{"FY2014", "first_year_attrition", 3, 75, 4.0000},
	{"FY2015", "headcount", 224, 0, 224.0000},
	{"FY2015", "average_headcount", 236.8462, 0, 236.8462},
	{"FY2015", "attrition_rate", 29, 236.8462, 12.2442},
	{"FY2015", "voluntary_attrition_rate", 23, 236.8462, 9.7109},
	{"FY2015", "retention_rate", 217, 246, 88.2114},
	{"FY2015", "first_year_attrition", 0, 7, 0.0000},
	{"FY2016", "headcount", 223, 0, 223.0000},
	{"FY2016", "average_headcount", 222.2308, 0, 222.2308},
	{"FY2016", "attrition_rate", 17, 222.2308, 7.6497},
	{"FY2016", "voluntary_attrition_rate", 14, 222.2308, 6.2998},
	{"FY2016", "retention_rate", 207, 224, 92.4107},
	{"FY2016", "first_year_attrition", 0, 16, 0.0000},
	{"FY2017", "headcount", 218, 0, 218.0000},
	{"FY2017", "average_headcount", 220.8462, 0, 220.8462},
	{"FY2017", "attrition_rate", 7, 220.8462, 3.1696},
	{"FY2017", "voluntary_attrition_rate", 5, 220.8462, 2.2640},
	{"FY2017", "retention_rate", 216, 223, 96.8610},
	{"FY2017", "first_year_attrition", 0, 2, 0.0000},
	{"FY2018", "headcount", 207, 0, 207.0000},
	{"FY2018", "average_headcount", 210.3077, 0, 210.3077},
	{"FY2018", "attrition_rate", 12, 210.3077, 5.7059},
	{"FY2018", "voluntary_attrition_rate", 9, 210.3077, 4.2794},
	{"FY2018", "retention_rate", 206, 218, 94.4954},
	{"FY2018", "first_year_attrition", 0, 1, 0.0000},
}

var hrFY2015ByDepartment = []hrFigure{
	{"FY2015", "Admin Offices", 1, 6.1538, 16.2500},
	{"FY2015", "Executive Office", 0, 1, 0.0000},
	{"FY2015", "IT/IS", 5, 36.3846, 13.7421},
	{"FY2015", "Production", 20, 158, 12.6582},
	{"FY2015", "Sales", 1, 26.4615, 3.7791},
	{"FY2015", "Software Engineering", 2, 8.8462, 22.6087},
}

// TestHRDataset checks careerkpi's headcount and attrition figures of the
// HR data set, for calendar years (as custom periods) and fiscal years,
// against the independent reference figures above.
func TestHRDataset(t *testing.T) {
	s := newStore(t)
	mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{hrDataset}, Mapping: filepath.Join(mappings, "hrdataset_v14.yaml")})
	e := engine(t, s, 5)
	period := func(t *testing.T, label string) metrics.Period {
		t.Helper()
		p, err := e.Calendar.ParsePeriod(label)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, f := range hrFigures {
		t.Run(f.period+" "+f.name, func(t *testing.T) {
			res := compute(t, e, metrics.Request{Metric: f.name, Period: period(t, f.period)})
			checkFigure(t, res.Totals[0], f)
		})
	}
	t.Run("FY2015 attrition_rate by department", func(t *testing.T) {
		res := compute(t, e, metrics.Request{Metric: "attrition_rate", Period: period(t, "FY2015"), By: []string{"department"}})
		if len(res.Rows) != len(hrFY2015ByDepartment) {
			t.Errorf("%d departments, want %d", len(res.Rows), len(hrFY2015ByDepartment))
		}
		want := map[string]hrFigure{}
		for _, f := range hrFY2015ByDepartment {
			want[f.name] = f
		}
		for _, r := range res.Rows {
			f, ok := want[r.Key[0]]
			if !ok {
				t.Errorf("unexpected department %q", r.Key[0])
				continue
			}
			checkFigure(t, r, f)
		}
	})
}

// checkFigure compares a row with a reference figure: whole numbers
// (counts) exactly, the others to 4 decimals.
func checkFigure(t *testing.T, r metrics.Row, f hrFigure) {
	t.Helper()
	same := func(got, want float64) bool {
		if want == math.Trunc(want) {
			return got == want
		}
		return math.Abs(got-want) < 0.00005
	}
	den, value := 0.0, math.NaN()
	if r.Denominator != nil {
		den = *r.Denominator
	}
	if r.Value != nil {
		value = *r.Value
	}
	if r.Withheld || !same(r.Numerator, f.num) || (r.Denominator == nil) != (f.den == 0) || !same(den, f.den) || !(math.Abs(value-f.value) < 0.00005) {
		t.Errorf("%s %s: %v / %v = %v (withheld %v), want %v / %v = %.4f", f.period, f.name, r.Numerator, den, value, r.Withheld, f.num, f.den, f.value)
	}
}
