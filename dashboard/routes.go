package dashboard

import (
	"io/fs"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
)

func (d *Dashboard) routes(app *fiber.App) {
	static, _ := fs.Sub(staticFiles, "static")
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(static), MaxAge: 3600}))
	app.Get("/", d.healthPage)
	app.Get("/healthz", d.healthJSON)
	app.Post("/api/v1/loads", d.postLoad)
}
