package dashboard

import (
	"io/fs"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/users"
)

func (d *Dashboard) routes(app *fiber.App) {
	static, _ := fs.Sub(staticFiles, "static")
	app.Get(echartsPath, serveECharts(d.echarts))
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(static), MaxAge: 3600}))
	app.Get("/healthz", d.healthJSON)
	app.Get("/status", d.healthPage)

	// The API authenticates first, so that a call without a session is
	// told so (401) rather than refused its CSRF token.
	app.Get("/api/v1/openapi.json", serveOpenAPI)
	api := app.Group("/api/v1", d.authenticateAPI, d.apiCSRF())
	api.Get("/metrics", d.apiCatalog)
	api.Get("/metrics/:id", d.apiValuesOf)
	api.Get("/publications", d.apiPublications)
	api.Get("/disclosure", d.apiDisclosureOf)
	api.Get("/impact", d.apiImpact)
	api.Get("/cohorts", d.apiCohorts)
	api.Get("/funnels", d.apiFunnels)
	api.Post("/loads", require(users.Role.ManagesData), d.postLoad)

	app.Use(d.csrfProtection())
	app.Get("/login", d.loginPage)
	app.Post("/login", loginLimiter(), d.login)
	app.Post("/logout", d.logout)

	app.Use(d.authenticate)
	app.Get("/definitions", d.definitions)
	app.Get("/report.xlsx", require(users.Role.ReadsPages), d.downloadReport)

	charts := app.Group("", require(users.Role.ReadsPages), d.withView)
	for _, cp := range chartPageList {
		charts.Get(cp.Path, d.serveChartPage(cp))
	}

	hr := app.Group("/hr", require(users.Role.ManagesData))
	hr.Get("/upload", d.uploadPage)
	hr.Post("/upload", d.checkUpload)
	hr.Post("/upload/:id", d.commitUpload)
	hr.Get("/loads", d.loadsPage)
	hr.Post("/loads/:id/undo", d.undoLoad)
	hr.Get("/targets", d.targetsPage)
	hr.Post("/targets", d.saveTargets)
	hr.Get("/publish", d.publishPage)
	hr.Post("/publish", d.publish)

	admin := app.Group("/admin", require(isAdmin))
	admin.Get("/users", d.usersPage)
	admin.Post("/users", d.addUser)
	admin.Post("/users/:name/remove", d.removeUser)
}

// Locals keys of the chart pages.
const (
	localView    = "careerkpi.view"
	localChoices = "careerkpi.choices"
)

// withView reads the view of a chart page's URL, checked against the data
// and the user's scope, for the page's handler. It pins the version of the
// data in the request's context (c.UserContext): every figure of the page
// comes from the same data, checked once.
func (d *Dashboard) withView(c *fiber.Ctx) error {
	version, err := d.engine.Current(c.Context())
	if err != nil {
		return err
	}
	c.SetUserContext(metrics.AtVersion(c.Context(), version))
	ch, err := d.choicesAt(c.UserContext(), version)
	if err != nil {
		return err
	}
	v, err := d.decodeView(c, ch, scopeOf(user(c), ch))
	if err != nil {
		return err
	}
	c.Locals(localChoices, ch)
	c.Locals(localView, &v)
	return c.Next()
}
