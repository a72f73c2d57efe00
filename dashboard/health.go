package dashboard

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/queries"
)

// health is the state of the service and its store.
type health struct {
	Status     string `json:"status"`
	Backend    string `json:"backend"`
	Version    string `json:"version"`
	Database   string `json:"database"`
	Location   string `json:"location"`
	Migrations int    `json:"migrations"`
	Schema     int    `json:"schema"`
}

func (d *Dashboard) health(ctx context.Context) (health, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	info := d.store.Info()
	h := health{Status: "ok", Backend: info.Backend, Version: info.Version, Database: info.Database, Location: info.Location, Schema: len(queries.Schema())}
	applied, err := queries.AppliedMigrations(ctx, d.store)
	if err != nil {
		h.Status = "unavailable"
		return h, err
	}
	h.Migrations = len(applied)
	return h, nil
}

// healthJSON answers GET /healthz: 200 when the store answers, 503 otherwise.
func (d *Dashboard) healthJSON(c *fiber.Ctx) error {
	h, err := d.health(c.Context())
	if err != nil {
		return c.Status(fiber.StatusServiceUnavailable).JSON(h)
	}
	return c.JSON(h)
}

// healthPage answers GET /status: the same, for a person.
func (d *Dashboard) healthPage(c *fiber.Ctx) error {
	h, err := d.health(c.Context())
	if err != nil {
		c.Status(fiber.StatusServiceUnavailable)
	}
	return d.render(c, "status", pageInfo{Title: msgTitle}, statusData{H: h, OK: err == nil})
}

type statusData struct {
	H  health
	OK bool
}
