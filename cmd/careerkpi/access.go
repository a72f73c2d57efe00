package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/users"
)

func (a *app) accessCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "access",
		Short: "Give analysts read-only ClickHouse access to the published figures",
		Long: `Analysts who query ClickHouse themselves read the published versions
(tables publications and published_figures), never the HR data they were
computed from. The figures were frozen after anonymity protection, so the
tables show no more than the pages do.

"access grant" creates (or updates) the role careerkpi_analyst, which reads
every published figure, and one role per department head of careerkpi's
users (careerkpi_head_<name>), whose row policy shows only the breakdowns by
department and division within the head's scope. Run it again after adding
or removing department heads or after a reorganisation; roles of former
heads are dropped. Then grant a role to a ClickHouse user:

  GRANT careerkpi_analyst TO tanaka;

It needs a ClickHouse server (the embedded engine has no users of its own);
--print writes the statements instead, for a database administrator.`,
	}
	cmd.AddCommand(a.accessGrantCommand())
	return cmd
}

func (a *app) accessGrantCommand() *cobra.Command {
	var print bool
	cmd := &cobra.Command{
		Use:   "grant",
		Short: "Create or update the analysts' and department heads' read-only roles",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return a.withStore(ctx, func(s *storeHandle) error {
				server := s.Info().Backend == "server"
				if !server && !print {
					return errors.New("direct access needs a ClickHouse server (--clickhouse): the embedded engine has no users of its own; --print writes the statements")
				}
				heads, err := headScopes(ctx, s)
				if err != nil {
					return err
				}
				service := "default"
				var stale []string
				if server {
					if service, err = queries.Get[string](ctx, s, "SELECT currentUser()", nil); err != nil {
						return err
					}
					if stale, err = staleHeadRoles(ctx, s, heads); err != nil {
						return err
					}
				}
				stmts, err := queries.AccessStatements(s.Info().Database, service, queries.ClusterOf(s), heads, stale)
				if err != nil {
					return err
				}
				if print {
					for _, st := range stmts {
						fmt.Fprintln(a.stdout, st+";")
					}
					return nil
				}
				for _, st := range stmts {
					if err := queries.ExecDDL(ctx, s, st, nil); err != nil {
						return fmt.Errorf("access: %w (the server needs access management: a user with access_management, ClickHouse 22.8 or newer)", err)
					}
				}
				fmt.Fprintf(a.stdout, "role %s reads every published figure (%d tables)\n", queries.AnalystRole, len(queries.PublishedTables))
				for _, h := range heads {
					scope := h.Division
					if scope == "" && len(h.Departments) == 1 {
						scope = h.Departments[0]
					}
					fmt.Fprintf(a.stdout, "role %s reads the figures of %s (%d departments) for %s\n", queries.HeadRole(h.User), scope, len(h.Departments), h.User)
				}
				for _, r := range stale {
					fmt.Fprintf(a.stdout, "dropped role %s (no longer a department head)\n", r)
				}
				fmt.Fprintf(a.stdout, "grant a role to a ClickHouse user: GRANT %s TO <user>;\n", queries.AnalystRole)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&print, "print", false, "write the statements instead of running them")
	return cmd
}

// headScopes resolves every department head's scope to departments, as the
// pages do: a division's departments are those the latest data puts in it.
func headScopes(ctx context.Context, s queries.Store) ([]queries.HeadScope, error) {
	list, err := users.List(ctx, s)
	if err != nil {
		return nil, err
	}
	if err := queries.RefreshDerived(ctx, s); err != nil {
		return nil, err
	}
	type dep struct {
		Department string `ch:"department"`
		Division   string `ch:"division"`
	}
	deps, err := queries.Select[dep](ctx, s, queries.SQL("access_departments"), nil)
	if err != nil {
		return nil, err
	}
	var heads []queries.HeadScope
	for _, u := range list {
		if u.Role != users.DepartmentHead {
			continue
		}
		h := queries.HeadScope{User: u.Name}
		for _, d := range deps {
			if d.Division == u.Scope {
				h.Division = u.Scope
				h.Departments = append(h.Departments, d.Department)
			}
		}
		if h.Division == "" && slices.ContainsFunc(deps, func(d dep) bool { return d.Department == u.Scope }) {
			h.Departments = []string{u.Scope}
		}
		if len(h.Departments) == 0 {
			slog.Warn("department_head_scope_unknown", "user", u.Name, "scope", u.Scope)
		}
		heads = append(heads, h)
	}
	return heads, nil
}

// staleHeadRoles are the department heads' roles on the server whose user
// is no longer a department head.
func staleHeadRoles(ctx context.Context, s queries.Store, heads []queries.HeadScope) ([]string, error) {
	roles, err := queries.Select[string](ctx, s, "SELECT name FROM system.roles WHERE startsWith(name, {prefix:String}) ORDER BY name",
		queries.Params{"prefix": queries.HeadRolePrefix})
	if err != nil {
		return nil, fmt.Errorf("access: list the roles: %w", err)
	}
	return slices.DeleteFunc(roles, func(r string) bool {
		return slices.ContainsFunc(heads, func(h queries.HeadScope) bool { return queries.HeadRole(h.User) == r })
	}), nil
}
