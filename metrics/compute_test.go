package metrics

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/queries"
)

// TestBound: the attribute filter placeholder becomes a has() for each
// attribute filtered and nothing else, the unused keys constants, and the
// parameters exactly those the statement then reads.
func TestBound(t *testing.T) {
	const sql = "SELECT {key1:Identifier} AS k1, count() FROM employee_spans\n" +
		"WHERE span_to >= {start:Date32} AND {attributes:Filter} -- {attributes:Filter}\nGROUP BY k1"
	department, _ := DimensionByID("department")
	cases := []struct {
		name    string
		by      []Dimension
		filters []Filter
		where   string
		params  []string
	}{
		{"unfiltered", nil, nil, "AND true --", nil},
		{"by department, two filters", []Dimension{department},
			[]Filter{{Dimension: "gender", Values: []string{"female"}}, {Dimension: "department", Values: []string{"人事部", "営業部"}}},
			"AND (has({department_in:Array(String)}, department) AND has({gender_in:Array(String)}, gender)) --",
			[]string{"department_in", "gender_in", "key1"}},
		{"one attribute filtered twice, nothing in common", nil,
			[]Filter{{Dimension: "grade", Values: []string{"G1"}}, {Dimension: "grade", Values: []string{"G2"}}},
			"AND (has({grade_in:Array(String)}, grade)) --", []string{"grade_in"}},
		{"a survey-only filter is the SQL's own", nil,
			[]Filter{{Dimension: "theme", Values: []string{"growth"}}}, "AND true --", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			all := queries.Params{"start": time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}
			cutParams(all, c.by, c.filters)
			got, params := bound(sql, all)
			if !strings.Contains(got, c.where) || !strings.HasSuffix(got, "-- {attributes:Filter}\nGROUP BY k1") {
				t.Fatalf("bound:\n%s\nwant it to hold %q and keep the comment", got, c.where)
			}
			if len(c.by) == 0 && !strings.HasPrefix(got, "SELECT '' AS k1") {
				t.Errorf("an unused key is not the constant '': %s", got)
			}
			want := map[string]bool{"start": true}
			for _, p := range c.params {
				want[p] = true
			}
			names := map[string]bool{}
			for name := range params {
				names[name] = true
			}
			if !reflect.DeepEqual(names, want) {
				t.Errorf("parameters %v, want %v", names, want)
			}
			if _, _, err := queries.Bind(got, params); err != nil {
				t.Errorf("the bound statement does not bind: %v", err)
			}
			if in, ok := params["grade_in"]; ok && !reflect.DeepEqual(in, []string{noValue}) {
				t.Errorf("grade filtered G1 and G2: {grade_in} = %q, want no value", in)
			}
		})
	}
}
