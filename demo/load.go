package demo

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
)

// Request is how the files of a demo company load: f's request, which
// leaves the derived tables to the caller (ingest.Request.DeferDerived).
func (f File) Request(loadedBy string) ingest.Request {
	return ingest.Request{Dataset: f.Dataset, Files: []string{f.Path}, Mapping: f.Mapping, Survey: f.Survey, Sheet: f.Sheet, AsOf: f.AsOf,
		LoadedBy: loadedBy, DeferDerived: true}
}

// Load generates the demo company of opts and loads it into s, then
// rebuilds the derived tables once. A file that does not load is an
// error with its report.
func Load(ctx context.Context, s queries.Store, opts Options, loadedBy string) error {
	files, err := Generate(opts)
	if err != nil {
		return err
	}
	for _, f := range files {
		rep, err := ingest.Load(ctx, s, f.Request(loadedBy))
		if err != nil {
			return err
		}
		if !rep.OK() {
			return fmt.Errorf("demo: %s did not load: %s", filepath.Base(f.Path), rep.Summary())
		}
	}
	return queries.RefreshDerived(ctx, s)
}
