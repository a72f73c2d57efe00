package main

import "github.com/spf13/cobra"

func (a *app) demoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Load the data of a demo company",
		RunE:  notYetAvailable,
	}
}
