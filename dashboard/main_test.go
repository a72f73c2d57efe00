package dashboard_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/dashboard"
	"github.com/careerkpi/careerkpi/demo"
	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/users"
)

func TestMain(m *testing.M) {
	users.Cost = 4 // the lowest bcrypt allows: the tests check behaviour, not strength
	querytest.Main(m)
}

// password is every test user's password.
const password = "correct horse battery"

// account is a test user: a name for each role, and a department head of
// one division (the demo's first) and of one department in it.
type account struct {
	name  string
	role  users.Role
	scope string
}

// demoCompany is the small demo company loaded once per test process, with
// a user of every role: the pages' tests read it and change nothing.
var demoCompany struct {
	once     sync.Once
	store    queries.Store
	division string // the division the division head sees
	inside   string // a department in it
	outside  string // a department outside it
	accounts []account
	err      error
}

func loadDemo(t testing.TB) {
	t.Helper()
	dc := &demoCompany
	dc.once.Do(func() {
		ctx := context.Background()
		s, err := embedded.Open(ctx, embedded.Options{Dir: querytest.DataDir(t), Database: "dashboard_demo",
			Library: os.Getenv(querytest.LibraryVariable), Connections: 4})
		if err != nil {
			dc.err = err
			return
		}
		dc.store = s
		if _, dc.err = queries.MigrateSchema(ctx, s); dc.err != nil {
			return
		}
		dir, err := os.MkdirTemp(querytest.DataDir(t), "demo-")
		if err != nil {
			dc.err = err
			return
		}
		defer os.RemoveAll(dir)
		if dc.err = demo.Load(ctx, s, demo.Options{Size: demo.Small, Seed: 1, Dir: dir}, "demo"); dc.err != nil {
			return
		}
		type dep struct {
			Department string `ch:"department"`
			Division   string `ch:"division"`
		}
		deps, err := queries.Select[dep](ctx, s, "SELECT DISTINCT toString(department) AS department, toString(division) AS division FROM employee_spans ORDER BY division, department", nil)
		if err != nil || len(deps) < 2 {
			dc.err = err
			return
		}
		dc.division, dc.inside = deps[0].Division, deps[0].Department
		for _, d := range deps {
			if d.Division != dc.division {
				dc.outside = d.Department
				break
			}
		}
		dc.accounts = []account{
			{"admin", users.Admin, ""}, {"hr", users.HR, ""}, {"exec", users.Executive, ""},
			{"divhead", users.DepartmentHead, dc.division}, {"dephead", users.DepartmentHead, dc.inside}, {"analyst", users.Analyst, ""},
		}
		for _, a := range dc.accounts {
			if _, dc.err = users.Add(ctx, s, users.New{Name: a.name, Role: a.role, Scope: a.scope, Password: password}); dc.err != nil {
				return
			}
		}
	})
	if dc.err != nil {
		t.Fatal(dc.err)
	}
}

// newApp returns the dashboard over s.
func newApp(t testing.TB, s queries.Store, targets metrics.Targets) *fiber.App {
	t.Helper()
	eng, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: metrics.DefaultThreshold})
	if err != nil {
		t.Fatal(err)
	}
	app, err := dashboard.New(dashboard.Options{Store: s, Engine: eng, FileTargets: targets, EChartsFile: os.Getenv("CAREERKPI_ECHARTS_FILE"),
		UploadDir: t.TempDir(), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// demoApp returns the dashboard over the demo company.
func demoApp(t testing.TB) *fiber.App {
	t.Helper()
	loadDemo(t)
	return newApp(t, demoCompany.store, metrics.Targets{"career_interview_coverage": {2025: 100}, "attrition_rate": {2025: 8.5}})
}

// emptyApp returns the dashboard over a store of its own with the schema
// and one user of each role but no data.
func emptyApp(t testing.TB) (*fiber.App, queries.Store) {
	t.Helper()
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(t.Context(), s); err != nil {
		t.Fatal(err)
	}
	for _, a := range []account{{"admin", users.Admin, ""}, {"hr", users.HR, ""}, {"exec", users.Executive, ""}, {"analyst", users.Analyst, ""}} {
		if _, err := users.Add(t.Context(), s, users.New{Name: a.name, Role: a.role, Password: password}); err != nil {
			t.Fatal(err)
		}
	}
	return newApp(t, s, nil), s
}
