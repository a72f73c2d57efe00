package main

import "github.com/spf13/cobra"

func (a *app) publishCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "publish",
		Short: "Freeze every metric of a period as a published version",
		RunE:  notYetAvailable,
	}
}
