package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
)

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the versions of careerkpi and of the engines it uses",
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(a.stdout, "careerkpi %s (%s %s/%s)\n", buildVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			lib := "not installed: run `make engine`"
			paths := embedded.DefaultLibraryPaths()
			if a.cfg.ChDBLibrary != "" {
				paths = []string{a.cfg.ChDBLibrary}
			}
			for _, p := range paths {
				if _, err := os.Stat(p); err == nil {
					lib = p
					break
				}
			}
			fmt.Fprintf(a.stdout, "embedded engine: chDB %s (libchdb.so: %s)\n", embedded.LibraryVersion, lib)
			fmt.Fprintf(a.stdout, "ClickHouse server: %s or newer\n", queries.MinServerVersion)
			return nil
		},
	}
}

// buildVersion describes the build: its module version, or the commit it
// was built from.
func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+changes"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return "commit " + rev + modified
	}
	return v
}
