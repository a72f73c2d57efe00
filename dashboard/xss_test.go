package dashboard_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/users"
)

// Names a user typed that would run script if a page wrote them as HTML.
const (
	hostileDepartment = "</script><script>alert(1)</script>"
	hostileProgram    = "<img src=x onerror=alert(2)>"
	hostileTheme      = "<b onmouseover=alert(3)>career</b>"
	hostileItem       = "<svg onload=alert(4)>"
)

// hostileStore loads the metrics' fixture company with hostile names: its
// department Dev, the English name of its career interview program, the
// theme career and the text of an item.
func hostileStore(t testing.TB) queries.Store {
	t.Helper()
	return fixtureCompany(t, strings.NewReplacer(",Dev,", ","+hostileDepartment+",", "Career interview with HR", hostileProgram,
		",career,", ","+hostileTheme+",", "I can shape my career here", hostileItem), hostileDepartment)
}

// fixtureCompany loads the metrics' fixture company, its files' text
// changed by replace, with an admin, an HR user, an executive, an analyst
// and the head of the department head.
func fixtureCompany(t testing.TB, replace *strings.Replacer, head string) queries.Store {
	t.Helper()
	src := filepath.Join("..", "metrics", "testdata", "fixture")
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), []byte(replace.Replace(string(b))), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(t.Context(), s); err != nil {
		t.Fatal(err)
	}
	file := func(name string) []string { return []string{filepath.Join(dir, name)} }
	for _, req := range []ingest.Request{
		{Dataset: "employees", Files: file("employees_2025-04-01.csv"), AsOf: "2025-04-01"},
		{Dataset: "employees", Files: file("employees_2025-10-01.csv"), AsOf: "2025-10-01"},
		{Dataset: "employees", Files: file("employees_2026-03-31.csv"), AsOf: "2026-03-31"},
		{Dataset: "programs", Files: file("programs.csv")},
		{Dataset: "events", Files: file("events.csv")},
		{Dataset: "surveys", Files: file("surveys.csv")},
		{Dataset: "responses", Files: file("responses_fy2024.csv"), Survey: "S2024"},
		{Dataset: "responses", Files: file("responses_fy2025.csv"), Survey: "S2025"},
	} {
		rep, err := ingest.Load(t.Context(), s, req)
		if err != nil || !rep.OK() {
			t.Fatalf("load %s: %v %+v", req.Files[0], err, rep)
		}
	}
	for _, a := range []account{{"admin", users.Admin, ""}, {"hr", users.HR, ""}, {"exec", users.Executive, ""}, {"analyst", users.Analyst, ""},
		{"dephead", users.DepartmentHead, head}} {
		if _, err := users.Add(t.Context(), s, users.New{Name: a.name, Role: a.role, Scope: a.scope, Password: password}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestEscaping: names users typed are text on every page, in HTML and in
// the chart options alike.
func TestEscaping(t *testing.T) {
	s := hostileStore(t)
	app := newApp(t, s, nil)
	for _, name := range []string{"exec", "dephead"} {
		c := loggedIn(t, app, name)
		for _, lang := range []string{"en", "ja"} {
			c.lang = lang
			for _, path := range append(append([]string{}, chartPages...), "/definitions") {
				r := c.get(path + "?fy=2025")
				if r.status != 200 {
					t.Errorf("%s as %s: status %d\n%.800s", path, name, r.status, r.body)
					continue
				}
				for _, raw := range []string{hostileDepartment, hostileProgram, hostileTheme, hostileItem, "<script>alert", "<img src=x", "<svg onload", "<b onmouseover"} {
					if strings.Contains(r.body, raw) {
						t.Errorf("%s as %s in %s: %q is written unescaped:\n%s", path, name, lang, raw, excerpt(r.body, raw))
					}
				}
			}
			// The names are there, as text.
			r := c.get("/engagement?fy=2025")
			if !strings.Contains(r.body, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Errorf("engagement as %s: the department is not shown as text", name)
			}
		}
	}
	admin := loggedIn(t, app, "admin")
	if r := admin.get("/admin/users"); strings.Contains(r.body, hostileDepartment) || !strings.Contains(r.body, "&lt;/script&gt;") {
		t.Errorf("users page: the scope is not escaped:\n%s", excerpt(r.body, "alert(1)"))
	}
}
