package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerkpi/careerkpi/config"
	"github.com/careerkpi/careerkpi/dashboard"
)

func (a *app) serveCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the chart pages, the HR pages and the API",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return a.withStore(ctx, func(s *storeHandle) error { return a.serve(ctx, s) })
		},
	}
	config.AddFlags(cmd.Flags(), true)
	return cmd
}

// uploadDir is where uploads wait between their check and their load: in
// the data folder of the embedded engine, else in the temporary folder.
func uploadDir(cfg *config.Config) string {
	if cfg.Embedded() {
		return filepath.Join(cfg.DataDir, "uploads")
	}
	return ""
}

// serve serves until ctx ends, then lets running requests finish.
func (a *app) serve(ctx context.Context, s *storeHandle) error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	eng, err := a.engine(ctx, s)
	if err != nil {
		return err
	}
	web, err := dashboard.New(dashboard.Options{Store: s, Engine: eng, FileTargets: a.cfg.Targets, UploadLimit: a.cfg.UploadLimitMB << 20,
		EChartsFile: a.cfg.EChartsFile, UploadDir: uploadDir(a.cfg), SecureCookies: a.cfg.SecureCookies, Version: buildVersion(), Warm: true})
	if err != nil {
		ln.Close()
		return err
	}
	info := s.Info()
	fmt.Fprintf(a.stdout, "careerkpi is serving on http://%s (%s ClickHouse %s, database %s at %s)\n",
		ln.Addr(), info.Backend, info.Version, info.Database, info.Location)
	done := make(chan error, 1)
	go func() { done <- web.Listener(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	slog.Info("shutting_down")
	if err := web.ShutdownWithTimeout(30 * time.Second); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("serve: shut down: %w", err)
	}
	return nil
}
