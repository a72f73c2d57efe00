package metrics_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/metrics"
)

// TestPublish: a published version freezes every standard cut; loading
// more data moves the live figures, not the published ones; publishing
// again makes a new version and the first stays readable.
func TestPublish(t *testing.T) {
	ctx := context.Background()
	s := fixtureStore(t)
	e := engine(t, s, metrics.MinThreshold)
	// The live figures compared with the published ones below are those
	// publishing computed, from the cache: the test checks what a version
	// keeps of them.
	e.EnableCache(4096)
	e.SetTargets(metrics.Targets{"attrition_rate": {2025: 8}})
	fy := e.Calendar.FiscalYear(2025)
	if _, err := e.Published(ctx, 0, nil); !errors.Is(err, metrics.ErrNotPublished) {
		t.Fatalf("before any publish: %v", err)
	}
	calls := 0
	v1, err := e.Publish(ctx, fy, "hr", func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if v1.Version != 1 || v1.PublishedBy != "hr" || v1.Period.Label != "FY2025" || v1.Settings.Threshold != metrics.MinThreshold || calls < 150 {
		t.Fatalf("version %+v after %d figures", v1, calls)
	}
	// Every figure of the version equals the live one of the same request.
	pub, err := e.Published(ctx, 0, &fy)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, req := range e.PublishRequests(fy, []string{"CI", "FA"}) { // two of the fixture's programs
		live := compute(t, e, req)
		frozen, err := pub.Compute(ctx, req)
		if err != nil {
			t.Fatalf("%s by %v: %v", req.Metric, req.By, err)
		}
		if !reflect.DeepEqual(live.Rows, frozen.Rows) || len(live.Totals) != len(frozen.Totals) {
			t.Fatalf("%s by %v, program %q: published\n%+v\nlive\n%+v", req.Metric, req.By, req.Program, frozen.Rows, live.Rows)
		}
		checked++
	}
	t.Logf("%d published figures equal the live ones", checked)
	attrition := metrics.Request{Metric: "attrition_rate", Period: fy, Compare: true}
	before := compute(t, e, attrition).Rows[0]
	// More data: a snapshot in which two more employees have left.
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("testdata", "fixture", "employees_2026-03-31.csv"))
	if err != nil {
		t.Fatal(err)
	}
	later := replaceLine(t, string(b), "E04,", "2026-03-20,voluntary,true")
	later = replaceLine(t, later, "E05,", "2026-03-25,voluntary,false")
	path := filepath.Join(dir, "employees_2026-03-31.csv")
	if err := os.WriteFile(path, []byte(later), 0o600); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{path}, AsOf: "2026-03-31", Replace: ingest.ReplaceSameSource})
	after := compute(t, e, attrition).Rows[0]
	frozen, err := pub.Compute(ctx, attrition)
	if err != nil {
		t.Fatal(err)
	}
	if *after.Value == *before.Value {
		t.Fatalf("the live attrition did not move: %v", *after.Value)
	}
	if !reflect.DeepEqual(frozen.Rows[0], before) || *frozen.Rows[0].Target != 8 {
		t.Fatalf("the published attrition moved: %+v, was %+v", frozen.Rows[0], before)
	}
	// Publishing again: version 2 holds the new figure, version 1 the old.
	v2, err := e.Publish(ctx, fy, "admin", nil)
	if err != nil || v2.Version != 2 {
		t.Fatalf("second publish: %+v, %v", v2, err)
	}
	latest, err := e.Published(ctx, 0, nil)
	if err != nil || latest.Version != 2 {
		t.Fatalf("latest: %+v, %v", latest, err)
	}
	if r, _ := latest.Compute(ctx, attrition); *r.Rows[0].Value != *after.Value {
		t.Errorf("version 2 holds %v, want %v", *r.Rows[0].Value, *after.Value)
	}
	first, err := e.Published(ctx, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := first.Compute(ctx, attrition); *r.Rows[0].Value != *before.Value {
		t.Errorf("version 1 now holds %v, want %v", *r.Rows[0].Value, *before.Value)
	}
	pubs, err := metrics.Publications(ctx, s)
	if err != nil || len(pubs) != 2 || pubs[0].Version != 2 || pubs[1].PublishedBy != "hr" {
		t.Fatalf("publications: %+v, %v", pubs, err)
	}
	// What a version does not hold is refused, never computed.
	for name, req := range map[string]metrics.Request{
		"another period":  {Metric: "attrition_rate", Period: e.Calendar.FiscalYear(2024)},
		"another cut":     {Metric: "attrition_rate", Period: fy, By: []string{"manager"}},
		"a filter":        {Metric: "attrition_rate", Period: fy, Filters: []metrics.Filter{{Dimension: "grade", Values: []string{"G3"}}}},
		"another program": {Metric: "program_utilization", Program: "nowhere", Period: fy},
	} {
		if _, err := first.Compute(ctx, req); !errors.Is(err, metrics.ErrNotPublished) {
			t.Errorf("%s: %v, want ErrNotPublished", name, err)
		}
	}
	// A department filter on a breakdown by department picks its rows.
	r, err := first.Compute(ctx, metrics.Request{Metric: "headcount", Period: fy, By: []string{"department"},
		Filters: []metrics.Filter{{Dimension: "department", Values: []string{"Dev"}}}})
	if err != nil || len(r.Rows) != 1 || r.Rows[0].Key[0] != "Dev" {
		t.Errorf("published headcount of Dev: %+v, %v", r, err)
	}
	if _, err := e.Published(ctx, 7, nil); !errors.Is(err, metrics.ErrNotPublished) {
		t.Errorf("version 7: %v", err)
	}
}

// TestPublishFails: a publish that fails part-way leaves no version, and
// the next takes a number of its own.
func TestPublishFails(t *testing.T) {
	s := fixtureStore(t)
	e := engine(t, s, metrics.MinThreshold)
	fy := e.Calendar.FiscalYear(2025)
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := e.Publish(ctx, fy, "hr", func(done, total int) {
		if done == 5 {
			cancel()
		}
	}); err == nil {
		t.Fatal("a cancelled publish succeeded")
	}
	if pubs, err := metrics.Publications(context.Background(), s); err != nil || len(pubs) != 0 {
		t.Fatalf("after a failed publish: %+v, %v", pubs, err)
	}
	v, err := e.Publish(context.Background(), fy, "hr", nil)
	if err != nil || v.Version != 1 {
		t.Fatalf("publish after the failure: %+v, %v", v, err)
	}
	if _, err := e.Publish(context.Background(), e.Calendar.Quarter(2025, 1), "hr", nil); err == nil {
		t.Error("a quarter was published")
	}
}

// replaceLine ends the line that starts with prefix with the termination
// fields end (termination_date,termination_type,regretted).
func replaceLine(t *testing.T, csv, prefix, end string) string {
	t.Helper()
	lines := strings.Split(csv, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			fields := strings.Split(l, ",")
			lines[i] = strings.Join(append(fields[:len(fields)-3], end), ",")
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return ""
}
