package dashboard

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/careerkpi/careerkpi/metrics"
)

type targetsData struct {
	Years   []int
	Metrics []*metrics.Metric
	// Values holds the targets now: metric id → fiscal year → value.
	Values metrics.Targets
	Stored map[string]map[int]metrics.StoredTarget
	Saved  int
}

// targetYears are the fiscal years the targets page edits: the latest with
// data and the next.
func (d *Dashboard) targetYears(c *fiber.Ctx) ([]int, error) {
	ch, err := d.choices(c.Context())
	if err != nil {
		return nil, err
	}
	fy := ch.latestFiscalYear(d.engine.Calendar)
	return []int{fy, fy + 1}, nil
}

func (d *Dashboard) targetsData(c *fiber.Ctx) (targetsData, error) {
	years, err := d.targetYears(c)
	if err != nil {
		return targetsData{}, err
	}
	stored, err := metrics.StoredTargets(c.Context(), d.store)
	if err != nil {
		return targetsData{}, err
	}
	data := targetsData{Years: years, Values: metrics.MergeTargets(d.fileTargets, stored), Stored: map[string]map[int]metrics.StoredTarget{}}
	for _, st := range stored {
		if data.Stored[st.Metric] == nil {
			data.Stored[st.Metric] = map[int]metrics.StoredTarget{}
		}
		data.Stored[st.Metric][st.FiscalYear] = st
	}
	for _, m := range d.engine.Registry.All() {
		if !m.NeedsProgram && m.Per == "" {
			data.Metrics = append(data.Metrics, m)
		}
	}
	return data, nil
}

// targetsPage answers GET /hr/targets.
func (d *Dashboard) targetsPage(c *fiber.Ctx) error {
	data, err := d.targetsData(c)
	if err != nil {
		return err
	}
	return d.render(c, "targets", pageInfo{Title: msgTargets, Nav: "/hr/targets"}, data)
}

// saveTargets answers POST /hr/targets: a field t.<metric>.<year> per
// target; an emptied field clears it. Only the fields that changed are
// written.
func (d *Dashboard) saveTargets(c *fiber.Ctx) error {
	data, err := d.targetsData(c)
	if err != nil {
		return err
	}
	var changes []metrics.TargetChange
	for _, m := range data.Metrics {
		for _, y := range data.Years {
			field := "t." + m.ID + "." + strconv.Itoa(y)
			raw := strings.TrimSpace(norm.NFKC.String(c.FormValue(field)))
			old, had := data.Values[m.ID][y]
			if raw == "" {
				if had {
					changes = append(changes, metrics.TargetChange{Metric: m.ID, FiscalYear: y})
				}
				continue
			}
			v, err := strconv.ParseFloat(strings.TrimSuffix(raw, "%"), 64)
			if err != nil {
				return badRequest(msgBadTarget, raw)
			}
			if !had || old != v {
				changes = append(changes, metrics.TargetChange{Metric: m.ID, FiscalYear: y, Value: &v})
			}
		}
	}
	if err := d.engine.SaveTargets(c.Context(), changes, user(c).Name); err != nil {
		return err
	}
	if err := d.engine.UseStoredTargets(c.Context(), d.fileTargets); err != nil {
		return err
	}
	d.dataChanged()
	if data, err = d.targetsData(c); err != nil {
		return err
	}
	data.Saved = len(changes)
	return d.render(c, "targets", pageInfo{Title: msgTargets, Nav: "/hr/targets"}, data)
}
