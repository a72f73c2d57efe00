package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/demo"
	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
)

func (a *app) demoCommand() *cobra.Command {
	var (
		size string
		seed uint64
		out  string
	)
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Write a demo company's HR exports and load them",
		Long: `Write the input files of a synthetic but realistic company — the HR master
as yearly snapshots (Shift_JIS CSV and an XLSX), the program catalog, five
fiscal years of program events, survey definitions and answers (long and
wide) — and load them through the same loader as real files.

small: about 2,000 employees in 40 departments, FY2021–FY2025.
large: 100,000 employees in 200 departments, about 10 million events.

The same seed gives the same files, so running demo again adds nothing.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if size != string(demo.Small) && size != string(demo.Large) {
				return fmt.Errorf("%w: --size must be small or large, not %q", errUsage, size)
			}
			dir := out
			if dir == "" {
				tmp, err := os.MkdirTemp("", "careerkpi-demo-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(tmp)
				dir = tmp
			}
			start := time.Now()
			files, err := demo.Generate(demo.Options{Size: demo.Size(size), Seed: seed, Dir: dir})
			if err != nil {
				return err
			}
			if out != "" {
				fmt.Fprintf(a.stdout, "wrote %d files to %s in %s\n", len(files), out, time.Since(start).Round(time.Millisecond))
			}
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				var loaded, rows int64
				for _, f := range files {
					req := ingest.Request{Dataset: f.Dataset, Files: []string{f.Path}, Mapping: f.Mapping, Survey: f.Survey, Sheet: f.Sheet, AsOf: f.AsOf,
						LoadedBy: "demo", DeferDerived: true}
					done := a.showProgress(&req)
					rep, err := ingest.Load(cmd.Context(), s, req)
					done()
					if err != nil {
						return err
					}
					if !rep.OK() {
						rep.Write(a.stdout)
						return fmt.Errorf("demo: %s did not load", filepath.Base(f.Path))
					}
					fmt.Fprintf(a.stdout, "%-34s %s\n", filepath.Base(f.Path), rep.Summary())
					if rep.Outcome == ingest.Loaded {
						loaded++
						rows += rep.Rows
					}
				}
				// The tables derived from the loads, once for all of them.
				if err := queries.RefreshDerived(cmd.Context(), s); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "demo company (%s, seed %d): %d of %d files loaded, %d rows, in %s\n",
					size, seed, loaded, len(files), rows, time.Since(start).Round(100*time.Millisecond))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&size, "size", "small", "small (about 2,000 employees) or large (100,000 employees, 10 million events)")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed: the same seed gives the same company")
	cmd.Flags().StringVar(&out, "out", "", "keep the generated files in this folder (default: a temporary folder, removed after loading)")
	return cmd
}
