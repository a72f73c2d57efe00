package main

import (
	"fmt"
	"strconv"
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
				t := newTextTable("BATCH", "DATASET", "STATE", "ROWS", "REJECTED", "LOADED", "BY", "SOURCE")
				for _, b := range batches {
					t.add(b.ID.String(), b.Dataset, string(b.State), strconv.FormatUint(b.Rows, 10), strconv.FormatUint(b.Rejected, 10),
						b.StartedAt.Local().Format(time.DateTime), b.LoadedBy, b.Source)
				}
				return t.write(a.stdout)
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
