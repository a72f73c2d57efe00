package demo_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careerkpi/careerkpi/demo"
	"github.com/careerkpi/careerkpi/queries"
)

// generate writes the company of opts into a fresh folder.
func generate(t *testing.T, opts demo.Options) []demo.File {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	files, err := demo.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSeeds(t *testing.T) {
	base := generate(t, demo.Options{Size: demo.Small, Seed: 7})
	for _, tc := range []struct {
		name string
		opts demo.Options
		same bool
	}{
		{"same seed", demo.Options{Size: demo.Small, Seed: 7}, true},
		{"same seed, the default today given", demo.Options{Size: demo.Small, Seed: 7, Now: demo.DefaultNow}, true},
		{"another seed", demo.Options{Size: demo.Small, Seed: 8}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			other := generate(t, tc.opts)
			if len(other) != len(base) {
				t.Fatalf("%d files, want %d", len(other), len(base))
			}
			differ := 0
			for i := range base {
				if filepath.Base(base[i].Path) != filepath.Base(other[i].Path) {
					t.Fatalf("file %d is %s, want %s", i, filepath.Base(other[i].Path), filepath.Base(base[i].Path))
				}
				a, err := os.ReadFile(base[i].Path)
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(other[i].Path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a, b) {
					differ++
					if tc.same {
						t.Errorf("%s differs", filepath.Base(base[i].Path))
					}
				}
			}
			// The program catalog is the same for every seed.
			if !tc.same && differ < len(base)-1 {
				t.Errorf("only %d of %d files differ", differ, len(base))
			}
		})
	}
}

func TestOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts demo.Options
		err  string
	}{
		{"no size", demo.Options{Dir: "x"}, `demo: unknown size ""`},
		{"unknown size", demo.Options{Size: "medium", Dir: "x"}, `demo: unknown size "medium"`},
		{"no folder", demo.Options{Size: demo.Small}, "demo: no folder"},
		{"folder is a file", demo.Options{Size: demo.Small, Dir: "demo_test.go/out"}, "demo: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := demo.Generate(tc.opts)
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Fatalf("error %v, want one starting %q", err, tc.err)
			}
		})
	}
}

func TestFiles(t *testing.T) {
	files := generate(t, demo.Options{Size: demo.Small, Seed: 1})
	var datasets []string
	for _, f := range files {
		if n := len(datasets); n == 0 || datasets[n-1] != f.Dataset {
			datasets = append(datasets, f.Dataset)
		}
	}
	if got, want := strings.Join(datasets, " "), "employees programs events surveys responses"; got != want {
		t.Errorf("datasets in the order %s, want %s", got, want)
	}
	for _, f := range files {
		b, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f.Path)
		switch {
		case strings.HasSuffix(name, ".xlsx"):
			if f.Sheet == "" || f.AsOf == "" {
				t.Errorf("%s: sheet %q, as of %q", name, f.Sheet, f.AsOf)
			}
		case bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")):
			t.Errorf("%s: lines do not all end in CRLF", name)
		}
		if f.Dataset == "responses" && strings.Contains(name, "PULSE") != (f.Survey != "") {
			t.Errorf("%s: survey %q", name, f.Survey)
		}
	}
}

// TestMidYear loads a company whose today falls in the middle of a fiscal
// year: nothing lies after today, and the autumn survey has not closed.
func TestMidYear(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, time.October, 15, 0, 0, 0, 0, time.UTC)
	s := load(t, demo.Options{Size: demo.Small, Seed: 3, Now: now})
	type last struct {
		Snapshot time.Time `ch:"snapshot"`
		Event    time.Time `ch:"event"`
		Surveys  uint64    `ch:"surveys"`
		Closes   time.Time `ch:"closes"`
	}
	got, err := queries.Get[last](ctx, s, `SELECT
		(SELECT max(as_of) FROM employee_snapshots) AS snapshot,
		(SELECT max(event_date) FROM program_events) AS event,
		(SELECT uniqExact(survey_id) FROM surveys) AS surveys,
		(SELECT max(closes_on) FROM surveys) AS closes`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Snapshot.Equal(now) || got.Event.After(now) || got.Surveys != 9 || got.Closes.After(now) {
		t.Errorf("latest snapshot %s, event %s, %d surveys closing by %s", got.Snapshot.Format(time.DateOnly), got.Event.Format(time.DateOnly), got.Surveys, got.Closes.Format(time.DateOnly))
	}
}
