package main

import "github.com/spf13/cobra"

func (a *app) loadCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "load <dataset> <file>...",
		Short: "Load HR master data, programs, program events, surveys or responses",
		Args:  cobra.ArbitraryArgs,
		RunE:  notYetAvailable,
	}
}
