package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/config"
)

// app is what every subcommand shares: where it writes and the configuration.
type app struct {
	stdout, stderr io.Writer
	configFile     string
	cfg            *config.Config
}

// errUsage marks errors in how careerkpi was called (exit status 2).
var errUsage = errors.New("usage")

// run runs careerkpi with args and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.InitDefaultHelpCmd()
	var err error
	if _, _, ferr := root.Find(args); ferr != nil {
		err = fmt.Errorf("%w: %v", errUsage, ferr)
	} else {
		err = root.ExecuteContext(ctx)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "careerkpi: %v\nRun 'careerkpi help' for usage.\n", err)
		return 2
	case errors.Is(err, errReported):
		return 1
	default:
		fmt.Fprintf(stderr, "careerkpi: %v\n", err)
		return 1
	}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "careerkpi",
		Short: "Career autonomy analytics: utilization, engagement and attrition KPIs",
		Long: `careerkpi loads HR master data, survey responses and program usage into
ClickHouse, computes the KPIs of career autonomy programs (キャリア自律支援) and
serves them as chart pages, Excel reports and an API.

Configuration comes from flags, then environment variables, then the file
given with --config (or CAREERKPI_CONFIG), then the defaults.`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		PersistentPreRunE: a.loadConfig,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "YAML configuration file ($"+config.FileEnv+")")
	config.AddFlags(root.PersistentFlags(), false)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return fmt.Errorf("%w: %v", errUsage, err) })
	root.AddCommand(
		a.serveCommand(),
		a.loadCommand(),
		a.loadsCommand(),
		a.demoCommand(),
		a.publishCommand(),
		a.reportCommand(),
		a.metricsCommand(),
		a.usersCommand(),
		a.accessCommand(),
		a.migrateCommand(),
		a.versionCommand(),
	)
	var wrap func(*cobra.Command)
	wrap = func(c *cobra.Command) {
		c.Args = wrapArgs(c.Args)
		for _, sub := range c.Commands() {
			wrap(sub)
		}
	}
	for _, c := range root.Commands() {
		wrap(c)
	}
	return root
}

// wrapArgs marks argument errors as usage errors.
func wrapArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	if check == nil {
		check = cobra.NoArgs
	}
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return fmt.Errorf("%w: %s: %v", errUsage, cmd.CommandPath(), err)
		}
		return nil
	}
}

// loadConfig builds the configuration before any subcommand runs and sets
// up logging from it.
func (a *app) loadConfig(cmd *cobra.Command, _ []string) error {
	path := a.configFile
	if path == "" {
		path = os.Getenv(config.FileEnv)
	}
	cfg, err := config.Load(path, os.LookupEnv, cmd.Flags())
	if err != nil {
		return err
	}
	a.cfg = cfg
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.Log.Level)); err != nil {
		return err
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(a.stderr, opts)
	if cfg.Log.Format == "json" {
		h = slog.NewJSONHandler(a.stderr, opts)
	}
	slog.SetDefault(slog.New(h))
	return nil
}

// withStore opens the configured store, brings its schema up to date and
// recovers unfinished loads, runs f, and closes the store.
func (a *app) withStore(ctx context.Context, f func(*storeHandle) error) error {
	h, err := openStore(ctx, a.cfg)
	if err != nil {
		return err
	}
	defer h.Close()
	return f(h)
}
