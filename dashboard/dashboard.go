package dashboard

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/session"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
)

// Options configure the dashboard.
type Options struct {
	// Store is where the data lives.
	Store queries.Store
	// Engine computes the metrics; New turns its result cache on.
	Engine *metrics.Engine
	// FileTargets are the targets of the configuration file; those set on
	// the targets page go over them.
	FileTargets metrics.Targets
	// UploadLimit is the largest request body, in bytes; default 256 MiB.
	UploadLimit int
	// EChartsFile is the path of echarts.min.js; empty means where `make
	// engine` puts it.
	EChartsFile string
	// UploadDir keeps uploaded files between their check and their load;
	// default: a folder in the system's temporary folder.
	UploadDir string
	// SecureCookies marks the session cookie Secure: set it when the
	// pages are served over HTTPS (directly or behind a proxy).
	SecureCookies bool
	// Version is careerkpi's version, for the pages' footer.
	Version string
	// Warm keeps the pages' default views computed: after every change of
	// the data the server computes them in the background (see warmer).
	Warm bool
	// ResultCache is how many metric results the pages keep while the data
	// is unchanged: 0 means resultCacheSize, a negative number none (the
	// benchmarks measure pages both ways).
	ResultCache int
}

// Dashboard serves careerkpi's pages and API.
type Dashboard struct {
	store       queries.Store
	engine      *metrics.Engine
	fileTargets metrics.Targets
	version     string
	echarts     []byte
	sessions    *session.Store
	users       *userCache
	uploads     *stagedUploads
	choiceCache *choiceCache
	// changed wakes the warmer after this process changed the data.
	changed chan struct{}
	// life ends when the server shuts down: the work it started in the
	// background (warming, publishing) stops with it.
	life       context.Context
	publishing publishState
}

// resultCacheSize is how many metric results the pages keep: a page asks
// for a few dozen, so this holds every page of a few hundred views.
const resultCacheSize = 4096

// New returns the HTTP application of the dashboard.
func New(opts Options) (*fiber.App, error) {
	if opts.Store == nil || opts.Engine == nil {
		return nil, errors.New("dashboard: a store and a metrics engine are required")
	}
	echarts, err := loadECharts(opts.EChartsFile)
	if err != nil {
		return nil, err
	}
	uploadDir := cmp.Or(opts.UploadDir, filepath.Join(os.TempDir(), "careerkpi-uploads"))
	if err := os.MkdirAll(uploadDir, 0o700); err != nil {
		return nil, fmt.Errorf("dashboard: upload folder: %w", err)
	}
	if opts.ResultCache >= 0 {
		opts.Engine.EnableCache(cmp.Or(opts.ResultCache, resultCacheSize))
	}
	d := &Dashboard{
		store:       opts.Store,
		engine:      opts.Engine,
		fileTargets: opts.FileTargets,
		version:     opts.Version,
		echarts:     echarts,
		sessions: session.New(session.Config{
			Expiration:     sessionLifetime,
			KeyLookup:      "cookie:" + sessionCookie,
			CookieHTTPOnly: true,
			CookieSecure:   opts.SecureCookies,
			CookieSameSite: "Lax",
		}),
		users:       newUserCache(opts.Store),
		uploads:     newStagedUploads(uploadDir),
		choiceCache: &choiceCache{},
		changed:     make(chan struct{}, 1),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := d.engine.UseStoredTargets(ctx, d.fileTargets); err != nil {
		return nil, err
	}
	app := fiber.New(fiber.Config{
		AppName:               "careerkpi",
		DisableStartupMessage: true,
		ErrorHandler:          d.errorHandler,
		ReadTimeout:           readTimeout(cmp.Or(opts.UploadLimit, 256<<20)),
		WriteTimeout:          5 * time.Minute,
		BodyLimit:             cmp.Or(opts.UploadLimit, 256<<20),
		// Values read from a request outlive it in the result cache.
		Immutable: true,
	})
	app.Use(recover.New())
	app.Use(logRequests)
	app.Use(securityHeaders)
	life, stop := context.WithCancel(context.Background())
	d.life = life
	app.Hooks().OnShutdown(func() error { stop(); return nil })
	d.routes(app)
	if opts.Warm && opts.ResultCache >= 0 {
		go d.warmer(life)
	}
	return app, nil
}

// readTimeout is how long the server waits for a whole request, body
// included: long enough for an upload of limit bytes at 2 MiB/s (a slow VPN
// to the intranet) and never less than 30 s, so that a large HR export is
// not cut off halfway while a client that sends nothing is still dropped.
func readTimeout(limit int) time.Duration {
	return max(30*time.Second, time.Duration(limit/(2<<20))*time.Second)
}

// contentSecurityPolicy allows nothing but this server: scripts, style
// sheets, images and requests come from it alone, and no page may frame
// another. ECharts positions its tooltips and canvases with style
// attributes, so those are allowed (style-src-attr), never a <style>
// element or a style sheet from elsewhere, and never inline script.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; object-src 'none'"

// securityHeaders sets the headers every answer carries.
func securityHeaders(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", contentSecurityPolicy)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "no-referrer")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Set("Cross-Origin-Resource-Policy", "same-origin")
	c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	return c.Next()
}

func logRequests(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = statusOf(err)
	}
	slog.Debug("request", "method", c.Method(), "path", c.Path(), "status", status, "duration_ms", time.Since(start).Milliseconds())
	return err
}
