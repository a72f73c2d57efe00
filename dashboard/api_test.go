package dashboard_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/users"
)

// apiClient calls the API with a bearer token.
type apiClient struct {
	t     *testing.T
	app   *fiber.App
	token string
}

func (a apiClient) get(path string) response {
	a.t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	resp, err := a.app.Test(req, -1)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: b.String()}
}

type values struct {
	Period struct{ Label string }
	By     []string
	Source struct {
		Kind    string
		Version int
	}
	Threshold int `json:"anonymity_threshold"`
	Rows      []struct {
		Key         map[string]string
		Value       *float64
		Numerator   *float64
		Respondents *int
		Withheld    bool
		Reason      string
		Target      *float64
		Previous    *float64
		Change      *float64
	}
	Totals []json.RawMessage
}

func decode(t *testing.T, r response) values {
	t.Helper()
	var v values
	if r.status != 200 || json.Unmarshal([]byte(r.body), &v) != nil {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	return v
}

type problemBody struct {
	Type, Title, Detail string
	Status              int
}

func wantProblem(t *testing.T, r response, status int, detail string) {
	t.Helper()
	var p problemBody
	if r.status != status || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") ||
		json.Unmarshal([]byte(r.body), &p) != nil || p.Status != status || !strings.Contains(p.Detail, detail) {
		t.Errorf("status %d %s, want %d with %q", r.status, r.body, status, detail)
	}
}

// TestAPI: the metrics API's contract — catalog, values live and
// published, every format, filter errors, tokens and scope — on the
// fixture company, published through the HR page.
func TestAPI(t *testing.T) {
	ctx := context.Background()
	s := fixtureCompany(t, strings.NewReplacer(), "Dev")
	app := newApp(t, s, metrics.Targets{"attrition_rate": {2025: 8}})
	token, err := users.NewToken(ctx, s, "analyst", "tests")
	if err != nil {
		t.Fatal(err)
	}
	api := apiClient{t: t, app: app, token: token}

	t.Run("tokens", func(t *testing.T) {
		wantProblem(t, apiClient{t: t, app: app}.get("/api/v1/metrics"), 401, "")
		r := apiClient{t: t, app: app, token: "ckpi_forged"}.get("/api/v1/metrics")
		wantProblem(t, r, 401, "the token is not valid")
		if r.header.Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
	})
	t.Run("catalog", func(t *testing.T) {
		var cat struct{ Metrics []struct{ ID, Unit string } }
		r := api.get("/api/v1/metrics")
		if r.status != 200 || json.Unmarshal([]byte(r.body), &cat) != nil || len(cat.Metrics) != len(metrics.Catalog) {
			t.Fatalf("catalog: %d %.300s", r.status, r.body)
		}
	})
	t.Run("nothing published", func(t *testing.T) {
		wantProblem(t, api.get("/api/v1/metrics/attrition_rate?period=FY2025"), 404, "live=1 gives the live figures")
		wantProblem(t, api.get("/api/v1/disclosure?fy=2025"), 404, "live=1 gives the live figures")
		wantProblem(t, api.get("/api/v1/disclosure"), 400, "give the fiscal year")
	})
	live := decode(t, api.get("/api/v1/metrics/attrition_rate?period=FY2025&live=1&compare=1"))
	if live.Source.Kind != "live" || len(live.Rows) != 1 || live.Rows[0].Value == nil || *live.Rows[0].Target != 8 {
		t.Fatalf("live: %+v", live)
	}

	// HR publishes FY2025 on the publish page; it runs in the background.
	hr := loggedIn(t, app, "hr")
	hr.get("/hr/publish")
	if r := hr.post("/hr/publish", url.Values{"fy": {"2025"}}); r.status != 303 {
		t.Fatalf("publish: %d %s", r.status, r.body)
	}
	deadline := time.Now().Add(5 * time.Minute)
	for {
		r := hr.get("/hr/publish")
		if strings.Contains(r.body, "Published FY2025 as version 1.") {
			break
		}
		if strings.Contains(r.body, "The publish failed") || time.Now().After(deadline) {
			t.Fatalf("publish did not finish:\n%s", excerpt(r.body, "<main>"))
		}
		time.Sleep(time.Second)
	}

	t.Run("published by default", func(t *testing.T) {
		pub := decode(t, api.get("/api/v1/metrics/attrition_rate?period=FY2025&compare=1"))
		if pub.Source.Kind != "published" || pub.Source.Version != 1 || *pub.Rows[0].Value != *live.Rows[0].Value || *pub.Rows[0].Change != *live.Rows[0].Change {
			t.Fatalf("published: %+v, live %+v", pub, live)
		}
		if v := decode(t, api.get("/api/v1/metrics/attrition_rate?period=FY2025&version=1")); v.Source.Version != 1 {
			t.Errorf("version=1: %+v", v)
		}
		var pubs struct{ Publications []metrics.Publication }
		if r := api.get("/api/v1/publications"); json.Unmarshal([]byte(r.body), &pubs) != nil || len(pubs.Publications) != 1 || pubs.Publications[0].PublishedBy != "hr" {
			t.Errorf("publications: %s", r.body)
		}
	})
	t.Run("disclosure", func(t *testing.T) {
		// The fixture's FY2025, worked out in metrics' fixture test
		// (fixtureDisclosure): attrition 9 ÷ 205/13, positions filled
		// internally 2 of 2 + 4, managers with a career interview 3/4.
		var dis struct {
			TurnoverFormula   string `json:"turnover_formula"`
			TurnoverFormulaEN string `json:"turnover_formula_en"`
			Source            struct {
				Kind    string `json:"kind"`
				Version int    `json:"version"`
			} `json:"source"`
			Items []struct {
				ID           string   `json:"id"`
				Value        *float64 `json:"value"`
				DefinitionJA string   `json:"definition_ja"`
			} `json:"items"`
		}
		r := api.get("/api/v1/disclosure?fy=2025")
		if r.status != 200 || json.Unmarshal([]byte(r.body), &dis) != nil {
			t.Fatalf("disclosure: %d %.500s", r.status, r.body)
		}
		if dis.Source.Kind != "published" || dis.Source.Version != 1 || dis.TurnoverFormula != "average_headcount" || dis.TurnoverFormulaEN != "separations ÷ average headcount" {
			t.Errorf("disclosure source %+v under %q (%q)", dis.Source, dis.TurnoverFormula, dis.TurnoverFormulaEN)
		}
		want := map[string]float64{"attrition_rate": 57.0732, "internal_fill_rate": 33.3333, "manager_career_interview_rate": 75}
		for _, it := range dis.Items {
			if w, ok := want[it.ID]; ok {
				if it.Value == nil || math.Abs(*it.Value-w) > 0.00005 {
					t.Errorf("%s: %v, want %.4f", it.ID, it.Value, w)
				}
				delete(want, it.ID)
			}
			if it.DefinitionJA == "" {
				t.Errorf("%s has no definition", it.ID)
			}
		}
		if len(want) > 0 || len(dis.Items) != 8 {
			t.Errorf("%d items; missing %v", len(dis.Items), want)
		}
		wantProblem(t, api.get("/api/v1/disclosure?fy=2025&version=9"), 404, "no version 9")
		wantProblem(t, api.get("/api/v1/disclosure?fy=2025&format=pdf"), 400, "format must be json, csv or xlsx")

		// The same figures as a table: a row per item, in the JSON's order.
		r = api.get("/api/v1/disclosure?fy=2025&format=csv&bom=1")
		if r.status != 200 || r.header.Get("Content-Disposition") != `attachment; filename="disclosure-FY2025-v1.csv"` ||
			!strings.HasPrefix(r.body, "\uFEFFfiscal_year,version,turnover_formula,id,name_ja,name_en,value,") {
			t.Fatalf("disclosure csv: %d %v %.300q", r.status, r.header, r.body)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
		if err != nil || len(recs) != 1+len(dis.Items) {
			t.Fatalf("disclosure csv: %d records for %d items: %v", len(recs), len(dis.Items), err)
		}
		for i, it := range dis.Items {
			rec := recs[i+1]
			if rec[0] != "2025" || rec[1] != "1" || rec[2] != "average_headcount" || rec[3] != it.ID || rec[12] != it.DefinitionJA {
				t.Errorf("disclosure csv row %d: %q, want %s", i+1, rec, it.ID)
			}
			if v, err := strconv.ParseFloat(rec[6], 64); it.Value != nil && (err != nil || v != *it.Value) {
				t.Errorf("disclosure csv %s: value %q, want %v", it.ID, rec[6], *it.Value)
			}
		}
		r = api.get("/api/v1/disclosure?fy=2025&live=1&format=xlsx")
		f, err := excelize.OpenReader(strings.NewReader(r.body))
		if r.status != 200 || err != nil {
			t.Fatalf("disclosure xlsx: %d %v", r.status, err)
		}
		rows, _ := f.GetRows("disclosure-FY2025")
		if len(rows) != 1+len(dis.Items) || rows[1][3] != "attrition_rate" || rows[1][1] != "" {
			t.Errorf("disclosure xlsx (live): %q", rows)
		}
	})
	t.Run("report equals the API", func(t *testing.T) {
		r := hr.get("/report.xlsx?fy=2025&version=1")
		if r.status != 200 || r.header.Get("Content-Disposition") != `attachment; filename="careerkpi-FY2025-v1.xlsx"` {
			t.Fatalf("report: %d %v %.300s", r.status, r.header, r.body)
		}
		f, err := excelize.OpenReader(strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("概要 Summary", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string][]string{}
		for _, row := range rows {
			if len(row) > 1 {
				byName[row[1]] = row
			}
		}
		// cellOf is what the report's cell must hold for a figure of the API.
		cellOf := func(v *float64, withheld bool) string {
			switch {
			case withheld:
				return "not enough responses / 回答数不足"
			case v == nil:
				return ""
			case *v == 0:
				return "0"
			}
			return strconv.FormatFloat(*v, 'f', -1, 64)
		}
		at := func(row []string, i int) string {
			if i < len(row) {
				return row[i]
			}
			return ""
		}
		checked := 0
		for _, m := range metrics.Catalog {
			if m.NeedsProgram || m.Per != "" {
				continue
			}
			row, ok := byName[m.NameEN]
			if !ok {
				t.Errorf("%s (%s) is not in the summary", m.ID, m.NameEN)
				continue
			}
			v := decode(t, api.get("/api/v1/metrics/"+m.ID+"?period=FY2025&version=1&compare=1"))
			if len(v.Rows) != 1 {
				t.Fatalf("%s: %+v", m.ID, v)
			}
			a := v.Rows[0]
			for i, want := range map[int]string{3: cellOf(a.Value, a.Withheld), 4: cellOf(a.Previous, false), 5: cellOf(a.Change, false), 6: cellOf(a.Target, false)} {
				if got := at(row, i); !sameNumber(got, want) {
					t.Errorf("%s column %d: the report has %q, the API %q", m.ID, i+1, got, want)
				}
			}
			checked++
		}
		if checked < 30 {
			t.Errorf("only %d summary rows checked", checked)
		}
		if r := hr.get("/report.xlsx?fy=2024"); r.status != 404 || !strings.Contains(r.body, "has not been published") {
			t.Errorf("an unpublished year's report: %d %.300s", r.status, r.body)
		}
	})
	t.Run("a department head's report", func(t *testing.T) {
		r := loggedIn(t, app, "dephead").get("/report.xlsx?fy=2025")
		if r.status != 200 || r.header.Get("Content-Disposition") != `attachment; filename="careerkpi-FY2025-live.xlsx"` {
			t.Fatalf("report: %d %v %.300s", r.status, r.header, r.body)
		}
		f, err := excelize.OpenReader(strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("部署別 Departments")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 6 || rows[5][0] != "Dev" {
			t.Errorf("the departments of a department head of Dev: %q", rows)
		}
		for _, sheet := range f.GetSheetList() {
			rows, _ := f.GetRows(sheet)
			for _, row := range rows {
				for _, c := range row {
					if c == "Sales" || c == "HR" {
						t.Errorf("sheet %s names %s", sheet, c)
					}
				}
			}
		}
	})
	t.Run("breakdowns and anonymity", func(t *testing.T) {
		v := decode(t, api.get("/api/v1/metrics/engagement_index?period=FY2025&by=department"))
		if len(v.Rows) < 2 || len(v.Totals) != 1 || v.Threshold != metrics.DefaultThreshold {
			t.Fatalf("engagement by department: %+v", v)
		}
		for _, r := range v.Rows {
			if r.Respondents == nil || (!r.Withheld && *r.Respondents < v.Threshold) || (r.Withheld && (r.Value != nil || r.Reason != "not enough responses")) {
				t.Errorf("row %+v", r)
			}
		}
	})
	t.Run("formats", func(t *testing.T) {
		j := decode(t, api.get("/api/v1/metrics/headcount?period=FY2025&by=department"))
		r := api.get("/api/v1/metrics/headcount?period=FY2025&by=department&format=csv&bom=1")
		if r.status != 200 || r.header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.HasPrefix(r.body, "\uFEFFdepartment,value,") {
			t.Fatalf("csv: %d %s %q", r.status, r.header.Get("Content-Type"), r.body)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
		if err != nil || len(recs) != 1+len(j.Rows)+len(j.Totals) || recs[len(recs)-1][0] != "(total)" {
			t.Fatalf("csv rows: %v %v", recs, err)
		}
		if r := api.get("/api/v1/metrics/headcount?period=FY2025&format=csv"); strings.HasPrefix(r.body, "\uFEFF") {
			t.Error("a BOM without bom=1")
		}
		r = api.get("/api/v1/metrics/headcount?period=FY2025&by=department&format=xlsx")
		f, err := excelize.OpenReader(strings.NewReader(r.body))
		if r.status != 200 || err != nil {
			t.Fatalf("xlsx: %d %v", r.status, err)
		}
		rows, _ := f.GetRows("headcount")
		if len(rows) != 1+len(j.Rows)+len(j.Totals) || rows[1][0] != j.Rows[0].Key["department"] {
			t.Errorf("xlsx rows: %v", rows)
		}
	})
	t.Run("errors", func(t *testing.T) {
		for path, want := range map[string]struct {
			status int
			detail string
		}{
			"/api/v1/metrics/atrition_rate?period=FY2025":                   {404, "did you mean attrition_rate"},
			"/api/v1/metrics/attrition_rate":                                {400, "give the period"},
			"/api/v1/metrics/attrition_rate?period=FY20x5":                  {400, "not a period"},
			"/api/v1/metrics/attrition_rate?period=FY2025&by=theme":         {400, "theme"},
			"/api/v1/metrics/attrition_rate?period=FY2025&filter=grade":     {400, "write dimension=value"},
			"/api/v1/metrics/attrition_rate?period=FY2025&filter=gender=x":  {400, "gender takes female, male, other"},
			"/api/v1/metrics/attrition_rate?period=FY2025&format=pdf":       {400, "format must be json, csv or xlsx"},
			"/api/v1/metrics/attrition_rate?period=FY2025&version=x":        {400, "version must be a version number"},
			"/api/v1/metrics/attrition_rate?period=FY2025&version=9":        {404, "there is no version 9"},
			"/api/v1/metrics/attrition_rate?period=FY2025&version=1&live=1": {400, "not both"},
			"/api/v1/metrics/attrition_rate?period=FY2024":                  {404, "FY2024 has not been published"},
			"/api/v1/metrics/attrition_rate?period=FY2025&by=manager":       {404, "ask for the live figures"},
			"/api/v1/metrics/attrition_rate?period=FY2025&live=maybe":       {400, "live must be 1 or 0"},
		} {
			t.Run(path, func(t *testing.T) { wantProblem(t, api.get(path), want.status, want.detail) })
		}
	})
	t.Run("scope", func(t *testing.T) {
		head := loggedIn(t, app, "dephead")
		v := decode(t, head.get("/api/v1/metrics/headcount?period=FY2025&by=department"))
		if v.Source.Kind != "live" || len(v.Rows) != 1 || v.Rows[0].Key["department"] != "Dev" {
			t.Fatalf("a department head's breakdown: %+v", v)
		}
		if r := head.get("/api/v1/metrics/headcount?period=FY2025&filter=department=Sales"); r.status != 403 {
			t.Errorf("a department head asking for Sales: %d %s", r.status, r.body)
		}
		p := decode(t, head.get("/api/v1/metrics/headcount?period=FY2025&by=department&version=1"))
		if p.Source.Kind != "published" || len(p.Rows) != 1 || p.Rows[0].Key["department"] != "Dev" {
			t.Errorf("a department head's published breakdown: %+v", p)
		}
		if r := head.get("/api/v1/metrics/headcount?period=FY2025&by=grade&version=1"); r.status != 404 {
			t.Errorf("a department head's published breakdown by grade: %d %s", r.status, r.body)
		}
	})
	t.Run("analyses", func(t *testing.T) {
		// The fixture's FY2025, worked out in metrics' tests: internal
		// posting 4 applications → 2 transferred (Dev 2 → 2, Sales 2 →
		// 0); side-job users 4, one of whom left within 12 months.
		var fun struct {
			Funnels []struct {
				Kind   string `json:"kind"`
				Groups []struct {
					Key   []string `json:"key"`
					Steps []struct {
						Action string `json:"action"`
						Count  int    `json:"count"`
					} `json:"steps"`
				} `json:"groups"`
			} `json:"funnels"`
			Source struct{ Kind string } `json:"source"`
		}
		r := api.get("/api/v1/funnels?fy=2025&by=department")
		if r.status != 200 || json.Unmarshal([]byte(r.body), &fun) != nil || len(fun.Funnels) != 3 || fun.Source.Kind != "live" {
			t.Fatalf("funnels: %d %.500s", r.status, r.body)
		}
		posting := map[string][]int{}
		for _, g := range fun.Funnels[0].Groups {
			for _, st := range g.Steps {
				posting[strings.Join(g.Key, "/")] = append(posting[strings.Join(g.Key, "/")], st.Count)
			}
		}
		if want := map[string][]int{"": {4, 2, 2}, "Dev": {2, 2, 2}, "Sales": {2, 0, 0}}; fun.Funnels[0].Kind != "internal_posting" || !reflect.DeepEqual(posting, want) {
			t.Errorf("internal posting by department: %v, want %v", posting, want)
		}
		var imp struct {
			Rows []struct {
				Key   []string `json:"key"`
				Users struct {
					Employees int `json:"employees"`
					Leavers   int `json:"leavers"`
				} `json:"users"`
			} `json:"rows"`
			Note string `json:"note"`
		}
		r = api.get("/api/v1/impact?fy=2025&program=side_job")
		if r.status != 200 || json.Unmarshal([]byte(r.body), &imp) != nil || len(imp.Rows) != 1 || imp.Rows[0].Users.Employees != 4 ||
			imp.Rows[0].Users.Leavers != 1 || imp.Note != metrics.AssociationEN {
			t.Fatalf("impact: %d %.500s", r.status, r.body)
		}
		var coh struct {
			Cohorts []struct {
				FiscalYear int `json:"fiscal_year"`
			} `json:"cohorts"`
			Benchmark []json.RawMessage `json:"benchmark"`
		}
		r = api.get("/api/v1/cohorts?from=2024&to=2025&filter=department=Dev")
		if r.status != 200 || json.Unmarshal([]byte(r.body), &coh) != nil || len(coh.Cohorts) != 2 || coh.Cohorts[1].FiscalYear != 2025 || len(coh.Benchmark) == 0 {
			t.Fatalf("cohorts: %d %.500s", r.status, r.body)
		}
		for path, want := range map[string]struct {
			status int
			detail string
		}{
			"/api/v1/funnels":                                                         {400, "give the fiscal year of the applications"},
			"/api/v1/funnels?fy=2025&by=gender":                                       {400, `cannot break down by "gender"`},
			"/api/v1/impact?fy=2025":                                                  {400, "name a program (id or kind) or a category"},
			"/api/v1/impact?fy=2025&program=sidejob":                                  {400, `no program "sidejob" (did you mean side_job?)`},
			"/api/v1/impact?fy=20x5&program=side_job":                                 {400, "fy must be a fiscal year"},
			"/api/v1/cohorts?from=2025":                                               {400, "give the fiscal years of hire"},
			"/api/v1/cohorts?from=2025&to=2024":                                       {400, "is after the last"},
			"/api/v1/metrics/program_utilization?period=FY2025&program=KOUBOO&live=1": {400, `no program "KOUBOO" (did you mean KOUBO?)`},
		} {
			t.Run(path, func(t *testing.T) { wantProblem(t, api.get(path), want.status, want.detail) })
		}
		head := loggedIn(t, app, "dephead")
		r = head.get("/api/v1/funnels?fy=2025&by=department")
		if r.status != 200 || json.Unmarshal([]byte(r.body), &fun) != nil {
			t.Fatalf("a department head's funnels: %d %.300s", r.status, r.body)
		}
		for _, f := range fun.Funnels {
			for _, g := range f.Groups {
				if len(g.Key) > 0 && g.Key[0] != "Dev" {
					t.Errorf("a department head of Dev sees %s's %s funnel", g.Key[0], f.Kind)
				}
			}
		}
		if r := head.get("/api/v1/impact?fy=2025&program=side_job&filter=department=Sales"); r.status != 403 {
			t.Errorf("a department head asking for Sales' impact: %d %s", r.status, r.body)
		}
	})
	t.Run("openapi", func(t *testing.T) {
		r := apiClient{t: t, app: app}.get("/api/v1/openapi.json")
		var doc struct {
			OpenAPI string `json:"openapi"`
			Paths   map[string]map[string]any
		}
		if r.status != 200 || json.Unmarshal([]byte(r.body), &doc) != nil || doc.OpenAPI != "3.1.0" {
			t.Fatalf("openapi: %d %.200s", r.status, r.body)
		}
		param := regexp.MustCompile(`:(\w+)`)
		for _, rt := range app.GetRoutes(true) {
			path, ok := strings.CutPrefix(rt.Path, "/api/v1")
			if !ok || path == "/openapi.json" || rt.Method == "HEAD" {
				continue
			}
			path = param.ReplaceAllString(path, "{$1}")
			if _, ok := doc.Paths[path][strings.ToLower(rt.Method)]; !ok {
				t.Errorf("%s %s is not in the OpenAPI document", rt.Method, rt.Path)
			}
		}
	})
}

// sameNumber reports whether two cells' texts are the same figure: equal
// texts, or numbers equal to a part in 10¹².
func sameNumber(a, b string) bool {
	if a == b {
		return true
	}
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	return errA == nil && errB == nil && math.Abs(x-y) <= 1e-12*math.Max(1, math.Abs(y))
}
