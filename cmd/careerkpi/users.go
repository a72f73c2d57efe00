package main

import (
	"bufio"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/careerkpi/careerkpi/users"
)

func (a *app) usersCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Manage the accounts of the pages: add, list, remove, passwd",
		Long: `Manage who may log in to the pages, and what each one sees.

Roles: admin (everything, and the users), hr (everything: loads, targets,
publishing), executive (every page, read only), department_head (the pages of
one department, or of a division and its departments: --scope), analyst (the
metrics API).

Passwords never go on the command line: careerkpi asks for them on the
terminal, reads one line from standard input when it is not a terminal, or
makes one up with --generate and prints it once.`,
	}
	cmd.AddCommand(a.usersListCommand(), a.usersAddCommand(), a.usersRemoveCommand(), a.usersPasswdCommand(), a.usersTokenCommand())
	return cmd
}

func (a *app) usersListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the users",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				list, err := users.List(cmd.Context(), s)
				if err != nil {
					return err
				}
				t := newTextTable("NAME", "DISPLAY NAME", "ROLE", "SCOPE", "CHANGED")
				for _, u := range list {
					t.add(u.Name, u.DisplayName, fmt.Sprint(u.Role), fmt.Sprint(u.Scope), u.UpdatedAt.Local().Format(time.DateTime))
				}
				return t.write(a.stdout)
			})
		},
	}
}

func (a *app) usersAddCommand() *cobra.Command {
	var (
		n        users.New
		role     string
		generate bool
		reset    bool
	)
	cmd := &cobra.Command{
		Use:   "add <name>",
		Short: "Add a user",
		Example: `  careerkpi users add sato --role department_head --scope 営業本部 --display-name "佐藤 花子"
  careerkpi users add admin --role admin --generate`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := users.ParseRole(role)
			if err != nil {
				return fmt.Errorf("%w: --role: %v", errUsage, err)
			}
			n.Name, n.Role = args[0], r
			if n.Password, err = a.password(generate); err != nil {
				return err
			}
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				u, err := users.Add(cmd.Context(), s, n)
				if errors.Is(err, users.ErrExists) && reset {
					if err = users.SetPassword(cmd.Context(), s, n.Name, n.Password); err == nil {
						u, err = users.Get(cmd.Context(), s, n.Name)
					}
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "user %s (%s%s) can log in", u.Name, u.Role, scopeNote(u))
				if generate {
					fmt.Fprintf(a.stdout, " with the password %s", n.Password)
				}
				fmt.Fprintln(a.stdout)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "admin, hr, executive, department_head or analyst (required)")
	cmd.Flags().StringVar(&n.Scope, "scope", "", "for a department head: the department or division they see")
	cmd.Flags().StringVar(&n.DisplayName, "display-name", "", "the name the pages show (default: the user name)")
	cmd.Flags().BoolVar(&generate, "generate", false, "make up a password and print it")
	cmd.Flags().BoolVar(&reset, "reset", false, "if the user exists, set the new password instead of failing")
	_ = cmd.MarkFlagRequired("role")
	return cmd
}

func scopeNote(u users.User) string {
	if u.Scope == "" {
		return ""
	}
	return ", scope " + u.Scope
}

func (a *app) usersRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "remove <name>",
		Short: "Remove a user; their sessions end",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				if err := users.Remove(cmd.Context(), s, args[0]); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "removed user %s\n", args[0])
				return nil
			})
		},
	}
}

func (a *app) usersPasswdCommand() *cobra.Command {
	var generate bool
	cmd := &cobra.Command{
		Use:   "passwd <name>",
		Short: "Set a user's password; their sessions end",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw, err := a.password(generate)
			if err != nil {
				return err
			}
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				if err := users.SetPassword(cmd.Context(), s, args[0], pw); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "set the password of %s", args[0])
				if generate {
					fmt.Fprintf(a.stdout, " to %s", pw)
				}
				fmt.Fprintln(a.stdout)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&generate, "generate", false, "make up a password and print it")
	return cmd
}

// password returns a new password: made up, asked for twice on the
// terminal, or read as one line from standard input.
func (a *app) password(generate bool) (string, error) {
	if generate {
		return rand.Text(), nil // 26 characters of base32: 130 bits
	}
	if f := os.Stdin; term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(a.stderr, "password: ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(a.stderr, "again: ")
		second, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.stderr)
		if err != nil {
			return "", err
		}
		if string(first) != string(second) {
			return "", errors.New("users: the two passwords differ")
		}
		return string(first), nil
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	if line = strings.TrimRight(line, "\r\n"); line == "" {
		return "", fmt.Errorf("%w: give the password on standard input, or use --generate", errUsage)
	}
	return line, nil
}

func (a *app) usersTokenCommand() *cobra.Command {
	var label string
	var revoke bool
	cmd := &cobra.Command{
		Use:   "token <name>",
		Short: "Make an API token that acts as the user (shown once), or revoke theirs",
		Example: `  careerkpi users token ana --label "BI dashboard"
  curl -H "Authorization: Bearer ckpi_…" http://127.0.0.1:8080/api/v1/metrics/attrition_rate?period=FY2025
  careerkpi users token ana --revoke`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd.Context(), func(s *storeHandle) error {
				if revoke {
					n, err := users.RevokeTokens(cmd.Context(), s, args[0])
					if err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "revoked %d tokens of %s\n", n, args[0])
					return nil
				}
				tok, err := users.NewToken(cmd.Context(), s, args[0], label)
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "%s\n", tok)
				fmt.Fprintf(a.stderr, "an API token for %s, shown only now: send it as the header \"Authorization: Bearer <token>\"\n", args[0])
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&label, "label", "", "what the token is for")
	cmd.Flags().BoolVar(&revoke, "revoke", false, "revoke every token of the user instead")
	return cmd
}
