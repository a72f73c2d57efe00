package main

import "github.com/spf13/cobra"

func (a *app) metricsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "metrics",
		Short: "List the metric catalog, or print a metric's values",
		Args:  cobra.ArbitraryArgs,
		RunE:  notYetAvailable,
	}
}
