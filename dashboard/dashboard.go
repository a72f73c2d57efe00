package dashboard

import (
	"cmp"
	"embed"
	"html/template"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/careerkpi/careerkpi/queries"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

var templates = template.Must(template.New("").ParseFS(templateFiles, "templates/*.html"))

// Options configure the dashboard.
type Options struct {
	// Store is where the data lives.
	Store queries.Store
	// UploadLimit is the largest request body, in bytes; default 256 MiB.
	UploadLimit int
}

// Dashboard serves careerkpi's pages and API.
type Dashboard struct {
	store queries.Store
}

// New returns the HTTP application of the dashboard.
func New(opts Options) *fiber.App {
	d := &Dashboard{store: opts.Store}
	app := fiber.New(fiber.Config{
		AppName:               "careerkpi",
		DisableStartupMessage: true,
		ErrorHandler:          errorHandler,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          5 * time.Minute,
		BodyLimit:             cmp.Or(opts.UploadLimit, 256<<20),
	})
	app.Use(recover.New())
	app.Use(logRequests)
	app.Use(securityHeaders)
	d.routes(app)
	return app
}

// securityHeaders sets the headers every answer carries. Everything the
// pages need comes from this server: the Content-Security-Policy forbids
// any other origin.
func securityHeaders(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", "default-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; object-src 'none'")
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "no-referrer")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
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
