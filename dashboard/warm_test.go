package dashboard

import (
	"path/filepath"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/users"
)

// TestWarm: the warmer computes every chart page's default view for the
// company and for each department head's scope, on real data.
func TestWarm(t *testing.T) {
	ctx := t.Context()
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(ctx, s); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "metrics", "testdata", "fixture")
	file := func(name string) []string { return []string{filepath.Join(dir, name)} }
	for _, req := range []ingest.Request{
		{Dataset: "employees", Files: file("employees_2025-04-01.csv"), AsOf: "2025-04-01"},
		{Dataset: "employees", Files: file("employees_2025-10-01.csv"), AsOf: "2025-10-01"},
		{Dataset: "employees", Files: file("employees_2026-03-31.csv"), AsOf: "2026-03-31"},
		{Dataset: "programs", Files: file("programs.csv")},
		{Dataset: "events", Files: file("events.csv")},
		{Dataset: "surveys", Files: file("surveys.csv")},
		{Dataset: "responses", Files: file("responses_fy2025.csv"), Survey: "S2025"},
	} {
		if rep, err := ingest.Load(ctx, s, req); err != nil || !rep.OK() {
			t.Fatalf("load %s: %v %s", req.Files[0], err, rep.Summary())
		}
	}
	if _, err := users.Add(ctx, s, users.New{Name: "head", Role: users.DepartmentHead, Scope: "Dev", Password: "long enough password"}); err != nil {
		t.Fatal(err)
	}
	eng, err := metrics.NewEngine(s, metrics.Settings{FiscalYearStart: 4, TimeZone: "Asia/Tokyo", Threshold: metrics.DefaultThreshold})
	if err != nil {
		t.Fatal(err)
	}
	d := &Dashboard{store: s, engine: eng, choiceCache: &choiceCache{}}
	version, err := eng.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.warm(ctx, version); err != nil {
		t.Fatalf("warm: %v", err)
	}
}
