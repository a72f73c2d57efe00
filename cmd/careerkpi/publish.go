package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/careerkpi/careerkpi/metrics"
)

func (a *app) publishCommand() *cobra.Command {
	var period, by string
	cmd := &cobra.Command{
		Use:   "publish --period FY2025",
		Short: "Freeze every metric of a fiscal year as a published version",
		Long: `Freeze every metric at every standard cut of a fiscal year — the total, by
department, division, grade, employment type, tenure band, hire type,
gender, quarter and month, and a survey metric's themes and items — with a
version number, a timestamp and who published it. The report and the API
read the latest published version unless told otherwise; publishing again
makes a new version, and the earlier ones stay readable.

` + "`careerkpi publish list`" + ` lists the versions.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if period == "" {
				return usage(fmt.Errorf("give the fiscal year to publish: --period FY2025"))
			}
			return a.withEngine(cmd.Context(), func(s *storeHandle, eng *metrics.Engine) error {
				p, err := eng.Calendar.ParsePeriod(period)
				if err != nil {
					return usage(err)
				}
				eng.EnableCache(1 << 14) // figures a publish computes twice (a year, and the one before it compared)
				bar, done := a.publishProgress()
				start := time.Now()
				pub, err := eng.Publish(cmd.Context(), p, by, bar)
				done()
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "published %s as version %d by %s in %s\n", pub.Period.Label, pub.Version, pub.PublishedBy,
					time.Since(start).Round(100*time.Millisecond))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "the fiscal year to publish, such as FY2025 or 2025年度")
	cmd.Flags().StringVar(&by, "by", currentUser(), "who publishes, for the record")
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the published versions, newest first",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				pubs, err := metrics.Publications(cmd.Context(), s)
				if err != nil {
					return err
				}
				t := newTextTable("VERSION", "PERIOD", "PUBLISHED", "BY")
				for _, p := range pubs {
					t.add(strconv.Itoa(p.Version), p.Period.Label, p.PublishedAt.Local().Format(time.DateTime), p.PublishedBy)
				}
				return t.write(a.stdout)
			})
		},
	})
	return cmd
}

// publishProgress draws a progress bar of the figures on a terminal; the
// function it returns removes it.
func (a *app) publishProgress() (func(done, total int), func()) {
	f, ok := a.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	var bar *progressbar.ProgressBar
	return func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(a.stderr), progressbar.OptionSetDescription("figures"),
					progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionSetWidth(30),
					progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
			}
			bar.Set(done)
		}, func() {
			if bar != nil {
				bar.Finish()
			}
		}
}
