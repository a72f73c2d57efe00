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

// healthPage answers GET /: the same, for a person.
func (d *Dashboard) healthPage(c *fiber.Ctx) error {
	h, err := d.health(c.Context())
	p := printer(c)
	engine := p.Sprintf(msgEmbedded)
	if h.Backend == "server" {
		engine = p.Sprintf(msgServer)
	}
	status, ok := p.Sprintf(msgOK), err == nil
	if !ok {
		status = p.Sprintf(msgDown)
		c.Status(fiber.StatusServiceUnavailable)
	}
	other := "ja"
	if lang(c).String() == "ja" {
		other = "en"
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return templates.ExecuteTemplate(c, "health.html", map[string]any{
		"Lang":  lang(c).String(),
		"Other": other,
		"OK":    ok,
		"T": map[string]string{
			"Title": p.Sprintf(msgTitle), "Engine": p.Sprintf(msgEngine), "Version": p.Sprintf(msgVersion),
			"Database": p.Sprintf(msgDatabase), "Location": p.Sprintf(msgLocation), "Schema": p.Sprintf(msgSchema),
			"Status": p.Sprintf(msgStatus), "PagesLater": p.Sprintf(msgPagesLater), "Switch": p.Sprintf(msgLanguageSwitch),
		},
		"EngineName": engine,
		"H":          h,
		"StatusText": status,
		"Migrations": p.Sprintf(msgMigrations, h.Migrations, h.Schema),
	})
}
