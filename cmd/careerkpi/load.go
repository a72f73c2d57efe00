package main

import (
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/careerkpi/careerkpi/ingest"
)

func (a *app) loadCommand() *cobra.Command {
	var req ingest.Request
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "load <dataset> <file>...",
		Short: "Load HR master data, programs, program events, surveys or responses",
		Long: `Load files of one dataset as one batch: all their rows become visible
together, or none do. The datasets: ` + datasetNames() + `.

Files may be CSV (comma, tab or semicolon), XLSX or JSON Lines, in UTF-8 or
Shift_JIS, with Japanese or English headers. A row with an error stops the
load unless --skip-invalid is given; loading the same content twice adds
nothing.`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			req.Dataset, req.Files = args[0], args[1:]
			if _, err := ingest.DatasetByName(req.Dataset); err != nil {
				return fmt.Errorf("%w: %v", errUsage, err)
			}
			req.LoadedBy = currentUser()
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				done := a.showProgress(&req)
				rep, err := ingest.Load(cmd.Context(), s, req)
				done()
				if err != nil {
					return err
				}
				if asJSON {
					if err := a.printJSON(rep); err != nil {
						return err
					}
				} else {
					rep.Write(a.stdout)
				}
				if !rep.OK() {
					return errReported
				}
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&req.Mapping, "mapping", "", "YAML file mapping the files' columns to the dataset's fields")
	f.BoolVar(&req.SkipInvalid, "skip-invalid", false, "load the valid rows and write the invalid ones beside the input (NAME.rejects.csv)")
	f.BoolVar(&req.DryRun, "dry-run", false, "check the files and report, writing nothing")
	f.StringVar(&req.Replace, "replace", "", "replace a loaded batch: the latest loaded from files of the same names, or --replace=BATCH")
	f.Lookup("replace").NoOptDefVal = ingest.ReplaceSameSource
	f.StringVar(&req.AsOf, "as-of", "", "employees: the snapshot date, when the file does not give it")
	f.StringVar(&req.Sheet, "sheet", "", "XLSX: the sheet to read (default: the first)")
	f.StringVar(&req.Survey, "survey", "", "responses: the survey the files answer, when they do not say")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON, as POST /api/v1/loads answers")
	return cmd
}

func datasetNames() string {
	names := make([]string, len(ingest.Datasets))
	for i, d := range ingest.Datasets {
		names[i] = d.Name
	}
	return strings.Join(names, ", ")
}

// errReported ends a command whose problem was already written out.
var errReported = fmt.Errorf("see the report above")

// showProgress draws a progress bar on a terminal while req loads; it
// returns the function that removes it.
func (a *app) showProgress(req *ingest.Request) func() {
	f, ok := a.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return func() {}
	}
	var bar *progressbar.ProgressBar
	start := time.Now()
	req.Progress = func(p ingest.Progress) {
		if bar == nil {
			bar = progressbar.NewOptions64(p.TotalBytes,
				progressbar.OptionSetWriter(a.stderr),
				progressbar.OptionShowBytes(true),
				progressbar.OptionShowTotalBytes(true),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionSetWidth(30),
				progressbar.OptionClearOnFinish(),
			)
		}
		rate := float64(p.Rows) / max(time.Since(start).Seconds(), 0.001)
		bar.Describe(fmt.Sprintf("%d rows (%.0f rows/s)", p.Rows, rate))
		bar.Set64(p.Bytes)
	}
	return func() {
		if bar != nil {
			bar.Finish()
		}
	}
}

func currentUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return os.Getenv("USER")
}
