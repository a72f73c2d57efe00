package main

import "github.com/spf13/cobra"

func (a *app) reportCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "report",
		Short: "Write the Excel KPI report",
		RunE:  notYetAvailable,
	}
}
