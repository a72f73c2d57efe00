package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/metrics"
)

func (a *app) disclosureCommand() *cobra.Command {
	var (
		fy, version int
		live        bool
		format      string
	)
	cmd := &cobra.Command{
		Use:   "disclosure --fy 2025",
		Short: "The human-capital disclosure (人的資本開示) of a fiscal year, from its published version",
		Long: `The figures of the human-capital disclosure (人的資本開示) that careerkpi
computes — turnover and voluntary turnover, internal mobility, positions
filled internally, training hours and cost per employee, the engagement
index, managers with a career interview — each with its numerator and
denominator. They come from the latest published version of the year, or
from --version N, or from the data as it is with --live: what is disclosed
is what was frozen.`,
		Example: `  careerkpi metrics disclosure --fy 2025
  careerkpi metrics disclosure --fy 2025 --live --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if fy == 0 {
				return usage(fmt.Errorf("give the fiscal year: --fy 2025"))
			}
			if live && version != 0 {
				return usage(fmt.Errorf("give --version or --live, not both"))
			}
			if err := checkFormat(format, "table", "json"); err != nil {
				return err
			}
			return a.withEngine(cmd.Context(), func(s *storeHandle, eng *metrics.Engine) error {
				ctx, yf, err := eng.FiguresOfYear(cmd.Context(), fy, version, live)
				if errors.Is(err, metrics.ErrNotPublished) {
					return fmt.Errorf("%w; --live gives the live figures", err)
				}
				if err != nil {
					return err
				}
				source := "live figures"
				if pub := yf.Published; pub != nil {
					source = fmt.Sprintf("published version %d, %s by %s", pub.Version, pub.PublishedAt.Local().Format("2006-01-02 15:04"), pub.PublishedBy)
				}
				dis, err := metrics.DisclosureOf(ctx, yf.Figures, yf.Registry, eng.Calendar.FiscalYear(fy), yf.Turnover, nil)
				if err != nil {
					return err
				}
				return a.printDisclosure(dis, source, format)
			})
		},
	}
	cmd.Flags().IntVar(&fy, "fy", 0, "the fiscal year, such as 2025")
	cmd.Flags().IntVar(&version, "version", 0, "a published version (default: the latest of the year)")
	cmd.Flags().BoolVar(&live, "live", false, "the figures of the data as it is, not a published version")
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

func (a *app) printDisclosure(dis *metrics.Disclosure, source, format string) error {
	if format == "json" {
		return a.printJSON(struct {
			*metrics.Disclosure
			Source string `json:"source"`
		}{dis, source})
	}
	fmt.Fprintf(a.stdout, "Human-capital disclosure — 人的資本開示, %s (%s to %s), %s\n", dis.Period.Label,
		dis.Period.Start.Format("2006-01-02"), dis.Period.End.Format("2006-01-02"), source)
	fmt.Fprintf(a.stdout, "turnover: %s\n", dis.Turnover.NameEN())
	t := newTextTable("FIGURE", "指標", "VALUE", "NUMERATOR", "DENOMINATOR")
	for _, it := range dis.Items {
		value, num := it.Unit.Format(it.Value), readable(&it.Numerator)
		if it.Withheld {
			value, num = it.Reason, ""
		}
		t.add(it.NameEN, it.NameJA, value, num, readable(it.Denominator))
	}
	return t.write(a.stdout)
}
