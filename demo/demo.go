package demo

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

// Size is the size of the demo company.
type Size string

// The sizes: about 2,000 employees and 40 departments, or 100,000
// employees, 200 departments and some ten million program events.
const (
	Small Size = "small"
	Large Size = "large"
)

// Options say which demo company to write, and where.
type Options struct {
	// Size is Small or Large.
	Size Size
	// Seed picks the company: the same seed and size give byte-identical
	// files.
	Seed uint64
	// Dir is where the files go; it is created if missing.
	Dir string
	// Now is the demo company's today; zero means 2026-03-31, the end of
	// FY2025. The data covers the five fiscal years up to the one Now is in.
	Now time.Time
}

// File is one generated input file and how to load it.
type File struct {
	// Dataset is the ingest dataset: "employees", "programs", "events",
	// "surveys" or "responses".
	Dataset string
	// Path is the file.
	Path string
	// Mapping is a mapping file to load it with, or "".
	Mapping string
	// Survey is, for responses in wide form without a mapping, the survey
	// they answer (the loader's --survey), or "".
	Survey string
	// Sheet is, for XLSX, the sheet to read, or "" for the first.
	Sheet string
	// AsOf is, for an employees snapshot without an as-of column, the
	// snapshot date as YYYY-MM-DD, or "".
	AsOf string
}

// DefaultNow is the demo company's today when Options.Now is zero: the
// last day of FY2025.
var DefaultNow = time.Date(2026, time.March, 31, 0, 0, 0, 0, time.UTC)

// Generate writes the demo company's files into opts.Dir and returns them
// in the order they must be loaded: the employee snapshots, the programs,
// the events, the survey definitions, the responses.
func Generate(opts Options) ([]File, error) {
	sp, ok := sizePlans[opts.Size]
	if !ok {
		return nil, fmt.Errorf("demo: unknown size %q; use %s or %s", opts.Size, Small, Large)
	}
	if opts.Dir == "" {
		return nil, errors.New("demo: no folder to write the files to")
	}
	now := DefaultNow
	if !opts.Now.IsZero() {
		y, m, d := opts.Now.Date()
		now = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	if now.Year() < 1990 || now.Year() > 2200 {
		return nil, fmt.Errorf("demo: today %s is out of range", now.Format(time.DateOnly))
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	c := simulate(opts.Seed, sp, dayFromTime(now))
	ws := c.writers(opts.Dir)
	files := make([]File, len(ws))
	errs := make([]error, len(ws))
	// The writers are independent: run the largest first, as many at a
	// time as there are processors.
	order := make(chan int, len(ws))
	for _, i := range byCost(ws) {
		order <- i
	}
	close(order)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ws)) {
		wg.Go(func() {
			for i := range order {
				files[i], errs[i] = ws[i].write()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

// writer writes one file.
type writer struct {
	cost  float64 // roughly how long it takes, to start the longest first
	write func() (File, error)
}

func byCost(ws []writer) []int {
	idx := make([]int, len(ws))
	for i := range idx {
		idx[i] = i
	}
	// A stable insertion sort: a handful of writers.
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && ws[idx[j]].cost > ws[idx[j-1]].cost; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	return idx
}

// writers lists the files in the order they are loaded.
func (c *company) writers(dir string) []writer {
	var ws []writer
	ws = append(ws, c.employeeWriters(dir)...)
	ws = append(ws, writer{cost: 0, write: func() (File, error) { return writePrograms(dir) }})
	ws = append(ws, c.eventWriters(dir)...)
	ws = append(ws, c.surveyWriters(dir)...)
	return ws
}
