package queries_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

type figure struct {
	Version uint32   `ch:"version"`
	Metric  string   `ch:"metric_id"`
	Cut     string   `ch:"cut"`
	Total   bool     `ch:"total"`
	Values  []string `ch:"dimension_values"`
	Value   *float64 `ch:"value"`
}

// TestHeadFilter runs each department head's row policy condition on
// published figures in the engine: a head sees the breakdown rows of their
// scope, and no total, no other department and no other cut.
func TestHeadFilter(t *testing.T) {
	ctx := context.Background()
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(ctx, s); err != nil {
		t.Fatal(err)
	}
	v := 12.5
	rows := []figure{
		{1, "attrition_rate", "", true, nil, &v},
		{1, "attrition_rate", "department", true, nil, &v},
		{1, "attrition_rate", "department", false, []string{"営業一部"}, &v},
		{1, "attrition_rate", "department", false, []string{"営業二部"}, &v},
		{1, "attrition_rate", "department", false, []string{"人事部"}, &v},
		{1, "attrition_rate", "department", false, []string{"O'Brien's team"}, &v},
		{1, "attrition_rate", "division", false, []string{"営業本部"}, &v},
		{1, "attrition_rate", "division", false, []string{"管理本部"}, &v},
		{1, "attrition_rate", "grade", false, []string{"G3"}, &v},
	}
	if _, err := s.Insert(ctx, "published_figures", queries.Slice(rows)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		head queries.HeadScope
		want []string
	}{
		{queries.HeadScope{User: "sato", Division: "営業本部", Departments: []string{"営業二部", "営業一部"}}, []string{"department 営業一部", "department 営業二部", "division 営業本部"}},
		{queries.HeadScope{User: "ito", Departments: []string{"人事部"}}, []string{"department 人事部"}},
		{queries.HeadScope{User: "obrien", Departments: []string{"O'Brien's team"}}, []string{"department O'Brien's team"}},
		{queries.HeadScope{User: "gone", Departments: nil}, nil},
	} {
		sql := "SELECT concat(cut, ' ', dimension_values[1]) FROM published_figures WHERE " + queries.HeadFilter(tc.head) + " ORDER BY cut, dimension_values"
		got, err := queries.Select[string](ctx, s, sql, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.head.User, err)
		}
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s sees %q, want %q", tc.head.User, got, tc.want)
		}
	}
}

// TestAccessStatements: the roles, grants and row policies, on one server
// and on a cluster with Keeper.
func TestAccessStatements(t *testing.T) {
	heads := []queries.HeadScope{{User: "sato.h@example.jp", Division: "営業本部", Departments: []string{"営業一部"}}}
	stmts, err := queries.AccessStatements("careerkpi", "careerkpi", nil, heads, []string{"careerkpi_head_old_0a1b2c"})
	if err != nil {
		t.Fatal(err)
	}
	role := queries.HeadRole("sato.h@example.jp")
	if !strings.HasPrefix(role, "careerkpi_head_sato_h_example_jp_") || role == queries.HeadRole("sato_h@example.jp") {
		t.Fatalf("head role %q", role)
	}
	want := []string{
		"CREATE ROW POLICY OR REPLACE `careerkpi_service` ON `careerkpi`.`published_figures` FOR SELECT USING 1 TO `careerkpi`",
		"CREATE ROLE IF NOT EXISTS `careerkpi_analyst`",
		"GRANT SELECT ON `careerkpi`.`publications` TO `careerkpi_analyst`",
		"GRANT SELECT ON `careerkpi`.`published_figures` TO `careerkpi_analyst`",
		"CREATE ROW POLICY OR REPLACE `careerkpi_analyst` ON `careerkpi`.`published_figures` FOR SELECT USING 1 TO `careerkpi_analyst`",
		"CREATE ROLE IF NOT EXISTS `" + role + "`",
		"GRANT SELECT ON `careerkpi`.`publications` TO `" + role + "`",
		"GRANT SELECT ON `careerkpi`.`published_figures` TO `" + role + "`",
		"CREATE ROW POLICY OR REPLACE `" + role + "` ON `careerkpi`.`published_figures` FOR SELECT USING (cut = 'department' AND NOT total AND dimension_values[1] IN ('営業一部')) OR (cut = 'division' AND NOT total AND dimension_values[1] = '営業本部') TO `" + role + "`",
		"DROP ROW POLICY IF EXISTS `careerkpi_head_old_0a1b2c` ON `careerkpi`.`published_figures`",
		"DROP ROLE IF EXISTS `careerkpi_head_old_0a1b2c`",
	}
	if strings.Join(stmts, "\n") != strings.Join(want, "\n") {
		t.Fatalf("statements:\n%s\nwant\n%s", strings.Join(stmts, "\n"), strings.Join(want, "\n"))
	}
	stmts, err = queries.AccessStatements("careerkpi", "careerkpi", &queries.Cluster{Name: "hr", Keeper: true}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(stmts, "\n")
	for _, w := range []string{
		"CREATE ROLE IF NOT EXISTS `careerkpi_analyst` ON CLUSTER `hr`",
		"GRANT ON CLUSTER `hr` SELECT ON `careerkpi`.`published_figures_local` TO `careerkpi_analyst`",
		"CREATE ROW POLICY OR REPLACE `careerkpi_analyst` ON CLUSTER `hr` ON `careerkpi`.`published_figures_local` FOR SELECT USING 1 TO `careerkpi_analyst`",
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("cluster statements lack %q:\n%s", w, joined)
		}
	}
	for _, bad := range [][]string{{"careerkpi_analyst"}, {"careerkpi_head_x`; DROP"}} {
		if _, err := queries.AccessStatements("careerkpi", "careerkpi", nil, nil, bad); err == nil {
			t.Errorf("stale role %q taken", bad)
		}
	}
}
