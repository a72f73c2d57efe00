package dashboard

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/users"
)

// chartPage is one of the executives' pages: its path, its template, its
// title, and what computes the figures it shows for a page's view (query
// reads the page's other URL parameters).
type chartPage struct {
	Path, Template, Title string
	build                 func(d *Dashboard, ctx context.Context, pg *page, query func(string) string) (any, error)
}

// chartPageList lists the chart pages in the menu's order.
var chartPageList = []chartPage{
	{"/", "overview", msgOverview, (*Dashboard).overview},
	{"/utilization", "utilization", msgUtilization, (*Dashboard).utilization},
	{"/engagement", "engagement", msgEngagement, (*Dashboard).engagement},
	{"/attrition", "attrition", msgAttrition, (*Dashboard).attrition},
	{"/managers", "managers", msgManagers, (*Dashboard).managers},
	{"/impact", "impact", msgProgramImpact, (*Dashboard).impact},
	{"/funnels", "funnels", msgFunnels, (*Dashboard).funnels},
}

// serveChartPage is the handler of a chart page: decode (withView, before
// it), compute, render.
func (d *Dashboard) serveChartPage(cp chartPage) fiber.Handler {
	return func(c *fiber.Ctx) error {
		pg := d.newPage(c, pageInfo{Title: cp.Title, Nav: cp.Path}, nil)
		data, err := cp.build(d, c.UserContext(), pg, func(k string) string { return c.Query(k) })
		if err != nil {
			return err
		}
		pg.Data = data
		return d.renderPage(c, cp.Template, pg)
	}
}

// warmEvery is how often the warmer looks for new data.
const warmEvery = 15 * time.Second

// warmScopes is the most department heads' scopes the warmer computes.
const warmScopes = 50

// warmer keeps the result cache warm: whenever the data changes (a load,
// an undo, a replace, here or by another process), it computes the pages'
// default views — the latest fiscal year, unfiltered — for the whole
// company and for the scope of every department head, so that the first
// person to open a page after a load does not wait for its figures. It
// stops when ctx ends.
func (d *Dashboard) warmer(ctx context.Context) {
	last := ""
	tick := time.NewTicker(warmEvery)
	defer tick.Stop()
	for {
		version, err := d.engine.Current(ctx)
		if err == nil && version != last {
			start := time.Now()
			if err = d.warm(ctx, version); err == nil {
				last = version
				slog.Info("pages_warmed", "duration_ms", time.Since(start).Milliseconds())
			}
		}
		if err != nil && ctx.Err() == nil {
			slog.Warn("pages_not_warmed", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-d.changed:
			last = "" // targets change figures without a new version
		}
	}
}

// dataChanged tells the warmer that this process changed the data.
func (d *Dashboard) dataChanged() {
	select {
	case d.changed <- struct{}{}:
	default:
	}
}

// warm computes every chart page's default view at version.
func (d *Dashboard) warm(ctx context.Context, version string) error {
	ctx = metrics.AtVersion(ctx, version)
	ch, err := d.choicesAt(ctx, version)
	if err != nil {
		return err
	}
	scopes := []scope{{All: true, Departments: ch.Departments}}
	list, err := users.List(ctx, d.store)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, u := range list {
		if u.Role == users.DepartmentHead && !seen[u.Scope] && len(scopes) <= warmScopes {
			seen[u.Scope] = true
			scopes = append(scopes, scopeOf(&u, ch))
		}
	}
	none := func(string) string { return "" }
	for _, sc := range scopes {
		fy := ch.latestFiscalYear(d.engine.Calendar)
		v := &view{FY: fy, Period: d.engine.Calendar.FiscalYear(fy), Scope: sc}
		pg := &page{Lang: "en", View: v, Choices: ch, p: message.NewPrinter(language.English, message.Catalog(cat)), cal: d.engine.Calendar, turnover: d.engine.Turnover}
		for _, cp := range chartPageList {
			if _, err := cp.build(d, ctx, pg, none); err != nil {
				return err
			}
		}
	}
	return nil
}
