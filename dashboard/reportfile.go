package dashboard

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/careerkpi/careerkpi/dashboard/report"
	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/users"
)

// ReportRequest says which Excel KPI report to write.
type ReportRequest struct {
	FiscalYear int
	// Version is a published version; 0 is the latest of the fiscal year.
	Version int
	// Live reads the figures from the data as it is instead.
	Live bool
	// Filters always apply: a department head's scope.
	Filters []metrics.Filter
}

// WriteReport writes the Excel KPI report of a fiscal year to w, from a
// published version (by default the latest of the year) or live, and
// returns where its figures came from.
func WriteReport(ctx context.Context, w io.Writer, s queries.Store, eng *metrics.Engine, req ReportRequest) (string, error) {
	ctx, yf, err := eng.FiguresOfYear(ctx, req.FiscalYear, req.Version, req.Live)
	if err != nil {
		return "", err
	}
	figs, reg, turnover := yf.Figures, yf.Registry, yf.Turnover
	source := "live figures / 最新の数値, " + time.Now().In(eng.Calendar.Location).Format("2006-01-02 15:04")
	if pub := yf.Published; pub != nil {
		source = fmt.Sprintf("published version %d / 公開版 第%d版, %s, %s", pub.Version, pub.Version,
			pub.PublishedAt.In(eng.Calendar.Location).Format("2006-01-02 15:04"), pub.PublishedBy)
	}
	progs, err := queries.Select[program](ctx, s, queries.SQL("dashboard_programs"), nil)
	if err != nil {
		return "", err
	}
	items, err := queries.Select[item](ctx, s, queries.SQL("dashboard_items"), nil)
	if err != nil {
		return "", err
	}
	opts := report.Options{FiscalYear: req.FiscalYear, Filters: req.Filters, Source: source, Calendar: eng.Calendar, Now: time.Now(), Turnover: turnover}
	for _, p := range companyPrograms(progs) {
		opts.Programs = append(opts.Programs, report.Program{ID: p.ID, NameJA: p.NameJA, NameEN: p.NameEN})
	}
	for _, it := range items {
		opts.Items = append(opts.Items, report.Item{ID: it.ID, TextJA: it.TextJA, TextEN: it.TextEN})
	}
	if opts.Disclosure, err = metrics.DisclosureOf(ctx, figs, reg, eng.Calendar.FiscalYear(req.FiscalYear), turnover, req.Filters); err != nil {
		return "", err
	}
	// Program impact and the funnels are never published: their sheets
	// compute them from the data, pinned to one version like live figures.
	version, err := eng.Current(ctx)
	if err != nil {
		return "", err
	}
	ictx := metrics.AtVersion(ctx, version)
	ja, en := message.NewPrinter(language.Japanese, message.Catalog(cat)), message.NewPrinter(language.English, message.Catalog(cat))
	for _, c := range impactCategories {
		res, err := eng.Impact(ictx, metrics.ImpactRequest{FiscalYear: req.FiscalYear, Category: c, Filters: req.Filters})
		if err != nil {
			return "", err
		}
		label := valueLabels["category="+c]
		opts.Impact = append(opts.Impact, report.Impact{NameJA: ja.Sprintf(label), NameEN: en.Sprintf(label), Result: res})
	}
	if opts.Funnels, err = eng.Funnels(ictx, metrics.FunnelsRequest{FiscalYear: req.FiscalYear, By: []string{"department"}, Filters: req.Filters}); err != nil {
		return "", err
	}
	opts.ComputedSource = source
	if !req.Live {
		opts.ComputedSource = "公開版ではなく現在のデータから計算 computed from the data as it is, not from a published version, " +
			time.Now().In(eng.Calendar.Location).Format("2006-01-02 15:04")
	}
	return source, report.Write(ctx, w, figs, reg, opts)
}

// downloadReport answers GET /report.xlsx?fy=&version=&live=: the Excel KPI
// report. A department head's holds their departments only, from the live
// figures of their scope.
func (d *Dashboard) downloadReport(c *fiber.Ctx) error {
	ch, err := d.choices(c.Context())
	if err != nil {
		return err
	}
	req := ReportRequest{FiscalYear: ch.latestFiscalYear(d.engine.Calendar)}
	if s := c.Query("fy"); s != "" {
		if req.FiscalYear, err = strconv.Atoi(s); err != nil || req.FiscalYear < 2000 || req.FiscalYear > 2100 {
			return badRequest(msgBadFiscalYear, s)
		}
	}
	if s := c.Query("version"); s != "" {
		if req.Version, err = strconv.Atoi(s); err != nil || req.Version < 1 {
			return badRequest(msgBadVersion, s)
		}
	}
	req.Live = c.Query("live") == "1"
	if u := user(c); u.Role == users.DepartmentHead {
		f, _ := scopeOf(u, ch).filter()
		req.Filters, req.Live = []metrics.Filter{f}, true
	}
	var w bytes.Buffer
	if _, err := WriteReport(c.Context(), &w, d.store, d.engine, req); err != nil {
		if errors.Is(err, metrics.ErrNotPublished) {
			return &fiber.Error{Code: fiber.StatusNotFound, Message: msgReportNotPublished}
		}
		return err
	}
	name := "careerkpi-FY" + strconv.Itoa(req.FiscalYear)
	if req.Live {
		name += "-live"
	} else if req.Version != 0 {
		name += "-v" + strconv.Itoa(req.Version)
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.xlsx"`)
	return c.Send(w.Bytes())
}
