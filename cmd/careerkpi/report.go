package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/dashboard"
	"github.com/careerkpi/careerkpi/metrics"
)

func (a *app) reportCommand() *cobra.Command {
	var (
		req dashboard.ReportRequest
		out string
	)
	cmd := &cobra.Command{
		Use:   "report --fy 2025 -o report.xlsx",
		Short: "Write the Excel KPI report of a fiscal year",
		Long: `Write the Excel KPI report of a fiscal year: a summary (value, previous year,
change, target, attainment in red, amber or green), a sheet per area with
tables and charts, the departments, and the definitions in Japanese and
English. Its figures come from the latest published version of the year,
or from --version N, or from the data as it is with --live.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if req.FiscalYear == 0 {
				return usage(fmt.Errorf("give the fiscal year: --fy 2025"))
			}
			if out == "" {
				return usage(fmt.Errorf("give the file to write: -o report.xlsx"))
			}
			if req.Live && req.Version != 0 {
				return usage(fmt.Errorf("give --version or --live, not both"))
			}
			return a.withEngine(cmd.Context(), func(s *storeHandle, eng *metrics.Engine) error {
				tmp, err := os.CreateTemp(filepath.Dir(out), ".report-*.xlsx")
				if err != nil {
					return err
				}
				defer os.Remove(tmp.Name())
				source, err := dashboard.WriteReport(cmd.Context(), tmp, s, eng, req)
				if cerr := tmp.Close(); err == nil {
					err = cerr
				}
				if errors.Is(err, metrics.ErrNotPublished) {
					err = fmt.Errorf("%w; --live writes the live figures", err)
				}
				if err != nil {
					return err
				}
				// The file appears whole or not at all.
				if err := os.Rename(tmp.Name(), out); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "wrote %s (FY%d, %s)\n", out, req.FiscalYear, source)
				return nil
			})
		},
	}
	cmd.Flags().IntVar(&req.FiscalYear, "fy", 0, "the fiscal year, such as 2025")
	cmd.Flags().IntVar(&req.Version, "version", 0, "a published version (default: the latest of the year)")
	cmd.Flags().BoolVar(&req.Live, "live", false, "the figures of the data as it is, not a published version")
	cmd.Flags().StringVarP(&out, "output", "o", "", "the XLSX file to write")
	return cmd
}
