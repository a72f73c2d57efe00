package dashboard

import (
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/metrics"
)

// publishState is the publish this server runs in the background, if any,
// and how the last one ended: a publish of a large company takes minutes,
// longer than a request should.
type publishState struct {
	mu          sync.Mutex
	running     bool
	period      string
	by          string
	started     time.Time
	done, total int
	last        *metrics.Publication
	err         error
}

type publishStatus struct {
	Running     bool
	Period      string
	By          string
	Started     time.Time
	Done, Total int
	Last        *metrics.Publication
	Error       string
}

func (ps *publishState) status() publishStatus {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	st := publishStatus{Running: ps.running, Period: ps.period, By: ps.by, Started: ps.started, Done: ps.done, Total: ps.total, Last: ps.last}
	if ps.err != nil {
		st.Error = ps.err.Error()
	}
	return st
}

type publishData struct {
	Status       publishStatus
	Publications []metrics.Publication
	Years        []int
}

// publishPage answers GET /hr/publish: the published versions, the form
// that publishes a fiscal year, and the progress of a publish running.
func (d *Dashboard) publishPage(c *fiber.Ctx) error {
	pubs, err := metrics.Publications(c.Context(), d.store)
	if err != nil {
		return err
	}
	years, err := d.targetYears(c)
	if err != nil {
		return err
	}
	fy := years[0]
	data := publishData{Status: d.publishing.status(), Publications: pubs, Years: []int{fy, fy - 1, fy - 2, fy - 3, fy - 4}}
	pg := d.newPage(c, pageInfo{Title: msgPublish, Nav: "/hr/publish"}, data)
	if data.Status.Running {
		pg.Refresh = 3
	}
	return d.renderPage(c, "publish", pg)
}

// publish answers POST /hr/publish: it starts publishing the fiscal year
// in the background and shows its progress.
func (d *Dashboard) publish(c *fiber.Ctx) error {
	fy, err := strconv.Atoi(c.FormValue("fy"))
	if err != nil || fy < 2000 || fy > 2100 {
		return badRequest(msgBadFiscalYear, c.FormValue("fy"))
	}
	p := d.engine.Calendar.FiscalYear(fy)
	by := user(c).Name
	ps := &d.publishing
	ps.mu.Lock()
	if ps.running {
		ps.mu.Unlock()
		return c.Redirect("/hr/publish", fiber.StatusSeeOther)
	}
	ps.running, ps.period, ps.by, ps.started, ps.done, ps.total, ps.err = true, p.Label, by, time.Now(), 0, 0, nil
	ps.mu.Unlock()
	go func() {
		pub, err := d.engine.Publish(d.life, p, by, func(done, total int) {
			ps.mu.Lock()
			ps.done, ps.total = done, total
			ps.mu.Unlock()
		})
		ps.mu.Lock()
		defer ps.mu.Unlock()
		ps.running, ps.err = false, err
		if err == nil {
			ps.last = &pub
			slog.Info("published", "period", pub.Period.Label, "version", pub.Version, "by", by)
		} else {
			slog.Error("publish_failed", "period", p.Label, "error", err)
		}
	}()
	return c.Redirect("/hr/publish", fiber.StatusSeeOther)
}
