package dashboard_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
)

var uploadAction = regexp.MustCompile(`action="(/hr/upload/[A-Z0-9]+)"`)

// TestUpload: HR uploads a file, reads the check with file:line:column,
// loads it, sees it in the history and takes it back.
func TestUpload(t *testing.T) {
	app, s := emptyApp(t)
	c := loggedIn(t, app, "hr")
	c.get("/hr/upload")
	send := func(files map[string]string) response {
		t.Helper()
		req := uploadTo(t, "/hr/upload", map[string]string{"dataset": "employees", "_csrf": c.csrf}, files)
		return c.do(req)
	}
	// A file with an error: the report names it, nothing can be loaded.
	r := send(map[string]string{"社員.csv": "社員番号,所属,入社日\nE1,営業部,2020/4/1\nE2,人事部,2021/13/1\n"})
	if r.status != 422 || !strings.Contains(r.body, "<td>社員.csv</td><td class=\"num\">3</td><td>入社日</td>") || uploadAction.MatchString(r.body) {
		t.Fatalf("check of an invalid file: %d\n%s", r.status, excerpt(r.body, "社員.csv"))
	}
	// A good file: checked, nothing loaded until confirmed.
	r = send(map[string]string{"社員.csv": "社員番号,所属,入社日\nE1,営業部,2020/4/1\nE2,人事部,2021/4/1\n"})
	m := uploadAction.FindStringSubmatch(r.body)
	if r.status != 200 || m == nil || !strings.Contains(r.body, "2 rows are ready to load") {
		t.Fatalf("check: %d\n%s", r.status, r.body)
	}
	if n := countEmployees(t, s); n != 0 {
		t.Fatalf("the check loaded %d employees", n)
	}
	r = c.post(m[1], url.Values{"action": {"load"}})
	if r.status != 200 || !strings.Contains(r.body, "Loaded 2 rows.") {
		t.Fatalf("load: %d\n%s", r.status, r.body)
	}
	if n := countEmployees(t, s); n != 2 {
		t.Fatalf("%d employees after the load, want 2", n)
	}
	// The same upload cannot be loaded twice.
	if r := c.post(m[1], url.Values{"action": {"load"}}); r.status != 404 {
		t.Errorf("loading the same check again: %d", r.status)
	}
	// The history lists it with who loaded it, and undoes it.
	r = c.get("/hr/loads")
	undo := regexp.MustCompile(`action="(/hr/loads/[0-9a-f-]+/undo)"`).FindStringSubmatch(r.body)
	if undo == nil || !strings.Contains(r.body, "<td>hr</td>") || !strings.Contains(r.body, "社員.csv") {
		t.Fatalf("history:\n%s", r.body)
	}
	if r := c.post(undo[1], nil); r.status != 200 || !strings.Contains(r.body, "Undid the load of 社員.csv") {
		t.Fatalf("undo: %d\n%s", r.status, r.body)
	}
	if n := countEmployees(t, s); n != 0 {
		t.Fatalf("%d employees after the undo, want 0", n)
	}
	// Another user cannot load someone else's check.
	r = send(map[string]string{"社員.csv": "社員番号,所属,入社日\nE3,営業部,2020/4/1\n"})
	m = uploadAction.FindStringSubmatch(r.body)
	admin := loggedIn(t, app, "admin")
	admin.get("/hr/upload")
	if r := admin.post(m[1], url.Values{"action": {"load"}}); r.status != 404 {
		t.Errorf("admin loading HR's check: %d", r.status)
	}
}

func countEmployees(t *testing.T, s queries.Store) uint64 {
	t.Helper()
	n, err := queries.Get[uint64](t.Context(), s, "SELECT count() FROM employee_snapshots", nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestTargets: HR sets, changes and clears targets; the engine uses them at
// once and the configuration file's stay beneath.
func TestTargets(t *testing.T) {
	_, s := emptyApp(t)
	app := newApp(t, s, metrics.Targets{"attrition_rate": {2026: 9}})
	c := loggedIn(t, app, "hr")
	r := c.get("/hr/targets")
	if !strings.Contains(r.body, `name="t.attrition_rate.2026" inputmode="decimal" value="9"`) {
		t.Fatalf("the file's target is not shown:\n%s", excerpt(r.body, "t.attrition_rate.2026"))
	}
	r = c.post("/hr/targets", url.Values{"t.attrition_rate.2026": {"8.5"}, "t.engagement_index.2026": {"７０"}})
	if r.status != 200 || !strings.Contains(r.body, "Changes saved: 2.") ||
		!strings.Contains(r.body, `name="t.engagement_index.2026" inputmode="decimal" value="70"`) {
		t.Fatalf("save: %d\n%s", r.status, excerpt(r.body, "saved"))
	}
	stored, err := metrics.StoredTargets(t.Context(), s)
	if err != nil || len(stored) != 2 {
		t.Fatalf("stored targets: %+v, %v", stored, err)
	}
	for _, st := range stored {
		if st.UpdatedBy != "hr" {
			t.Errorf("target %s set by %q", st.Metric, st.UpdatedBy)
		}
	}
	// Clearing a field removes the target, the file's too.
	r = c.post("/hr/targets", url.Values{"t.attrition_rate.2026": {""}, "t.engagement_index.2026": {"70"}})
	if !strings.Contains(r.body, "Changes saved: 1.") || !strings.Contains(r.body, `name="t.attrition_rate.2026" inputmode="decimal" value=""`) {
		t.Fatalf("clear: %d\n%s", r.status, excerpt(r.body, "t.attrition_rate.2026"))
	}
	if r := c.post("/hr/targets", url.Values{"t.attrition_rate.2026": {"lots"}}); r.status != 400 || !strings.Contains(r.body, "is not a number") {
		t.Errorf("a target that is not a number: %d", r.status)
	}
}

// TestUsersPage: an admin adds a department head, who then logs in with
// the password shown once.
func TestUsersPage(t *testing.T) {
	app, _ := emptyApp(t)
	admin := loggedIn(t, app, "admin")
	admin.get("/admin/users")
	r := admin.post("/admin/users", url.Values{"name": {"tanaka"}, "display_name": {"田中 一郎"}, "role": {"department_head"}, "scope": {"営業部"}})
	pw := regexp.MustCompile(`<code class="secret">([A-Z0-9]+)</code>`).FindStringSubmatch(r.body)
	if r.status != 200 || pw == nil || !strings.Contains(r.body, "田中 一郎") {
		t.Fatalf("add: %d\n%s", r.status, r.body)
	}
	c := newClient(t, app)
	c.login("tanaka", pw[1])
	if r := admin.post("/admin/users", url.Values{"name": {"tanaka"}, "role": {"executive"}}); r.status != 422 || !strings.Contains(r.body, "the user exists") {
		t.Errorf("adding a name twice: %d", r.status)
	}
	if r := admin.post("/admin/users", url.Values{"name": {"suzuki"}, "role": {"department_head"}}); r.status != 422 || !strings.Contains(r.body, "needs a scope") {
		t.Errorf("a department head without a scope: %d", r.status)
	}
	if r := admin.post("/admin/users/admin/remove", nil); r.status != 400 {
		t.Errorf("an admin removing themselves: %d", r.status)
	}
	hr := loggedIn(t, app, "hr")
	if r := hr.get("/admin/users"); r.status != 403 {
		t.Errorf("HR on the users page: %d", r.status)
	}
}
