package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/queries"
)

func (a *app) migrateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Bring the database schema up to date (every command also does this on start)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				for _, m := range s.migrated {
					fmt.Fprintf(a.stdout, "applied %s\n", m.Name)
				}
				info := s.Info()
				fmt.Fprintf(a.stdout, "schema up to date: %d migrations in database %s (%s ClickHouse %s, %s)\n",
					len(queries.Schema()), info.Database, info.Backend, info.Version, info.Location)
				return nil
			})
		},
	}
}
