package dashboard

import (
	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/metrics"
)

type definitionsData struct {
	Areas     []definitionArea
	Threshold int
}

type definitionArea struct {
	Area    metrics.Area
	Title   string
	Metrics []*metrics.Metric
}

// definitions answers GET /definitions: every metric as the registry
// defines it.
func (d *Dashboard) definitions(c *fiber.Ctx) error {
	data := definitionsData{Threshold: d.engine.Threshold}
	titles := map[metrics.Area]string{metrics.Utilization: msgUtilization, metrics.Engagement: msgEngagement, metrics.Attrition: msgAttrition}
	for _, area := range []metrics.Area{metrics.Utilization, metrics.Engagement, metrics.Attrition} {
		da := definitionArea{Area: area, Title: titles[area]}
		for _, m := range d.engine.Registry.All() {
			if m.Area == area {
				da.Metrics = append(da.Metrics, m)
			}
		}
		data.Areas = append(data.Areas, da)
	}
	return d.render(c, "definitions", pageInfo{Title: msgDefinitions, Nav: "/definitions"}, data)
}
