package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
)

func (a *app) loadsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "loads",
		Short: "List the loads (batches), newest first",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				batches, err := queries.Batches(cmd.Context(), s)
				if err != nil {
					return err
				}
				w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "BATCH\tDATASET\tSTATE\tROWS\tREJECTED\tLOADED\tBY\tSOURCE")
				for _, b := range batches {
					fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", b.ID, b.Dataset, b.State, b.Rows, b.Rejected,
						b.StartedAt.Local().Format(time.DateTime), b.LoadedBy, b.Source)
				}
				return w.Flush()
			})
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "undo <batch>",
		Short: "Take a load back: its rows stop counting at once and are deleted",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				b, err := ingest.Undo(cmd.Context(), s, args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "undid batch %s (%s, %d rows from %s)\n", b.ID, b.Dataset, b.Rows, b.Source)
				return nil
			})
		},
	})
	return cmd
}
