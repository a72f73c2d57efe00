package dashboard

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/users"
)

// apiMetric is a metric of the catalog as the API describes it.
type apiMetric struct {
	ID             string   `json:"id"`
	NameJA         string   `json:"name_ja"`
	NameEN         string   `json:"name_en"`
	DefinitionJA   string   `json:"definition_ja"`
	DefinitionEN   string   `json:"definition_en"`
	Formula        string   `json:"formula"`
	Unit           string   `json:"unit"`
	HigherIsBetter bool     `json:"higher_is_better"`
	Area           string   `json:"area"`
	Dimensions     []string `json:"dimensions"`
	Survey         bool     `json:"survey"`
	NeedsProgram   bool     `json:"needs_program"`
	Per            string   `json:"per,omitempty"`
	// TurnoverFormula names what an attrition rate divides by.
	TurnoverFormula string `json:"turnover_formula,omitempty"`
}

func describe(m *metrics.Metric) apiMetric {
	return apiMetric{ID: m.ID, NameJA: m.NameJA, NameEN: m.NameEN, DefinitionJA: m.DefinitionJA, DefinitionEN: m.DefinitionEN,
		Formula: m.Formula, Unit: string(m.Unit), HigherIsBetter: m.HigherIsBetter, Area: string(m.Area), Dimensions: m.Dimensions,
		Survey: m.Survey, NeedsProgram: m.NeedsProgram, Per: m.Per, TurnoverFormula: string(m.Turnover)}
}

// apiCatalog answers GET /api/v1/metrics.
func (d *Dashboard) apiCatalog(c *fiber.Ctx) error {
	out := struct {
		Metrics []apiMetric `json:"metrics"`
	}{}
	for _, m := range d.engine.Registry.All() {
		out.Metrics = append(out.Metrics, describe(m))
	}
	return c.JSON(out)
}

// sourceParams reads where the figures of an API answer come from:
// live=1, version=N, or neither (the latest published version).
func sourceParams(c *fiber.Ctx) (live bool, version int, err error) {
	if live, err = boolParam(c, "live"); err != nil {
		return false, 0, err
	}
	if v := c.Query("version"); v != "" {
		if version, err = strconv.Atoi(v); err != nil || version < 1 {
			return false, 0, problem(fiber.StatusBadRequest, "version must be a version number (1, 2, …), not %q", v)
		}
		if live {
			return false, 0, problem(fiber.StatusBadRequest, "ask for version=N or live=1, not both")
		}
	}
	return live, version, nil
}

// source returns the figures of an API answer and where they come from:
// the live engine, or a published version — version, or the latest of
// period when version is 0 — which pub is then.
func (d *Dashboard) source(c *fiber.Ctx, live bool, version int, period metrics.Period) (figs metrics.Figures, pub *metrics.Published, src apiSource, err error) {
	if live {
		now := time.Now().UTC()
		return d.engine, nil, apiSource{Kind: "live", ComputedAt: &now}, nil
	}
	var of *metrics.Period
	if version == 0 {
		of = &period
	}
	pub, err = d.engine.Published(c.Context(), version, of)
	if errors.Is(err, metrics.ErrNotPublished) {
		return nil, nil, apiSource{}, problem(fiber.StatusNotFound, "%v; live=1 gives the live figures", err)
	}
	if err != nil {
		return nil, nil, apiSource{}, err
	}
	return pub, pub, apiSource{Kind: "published", Version: pub.Version, PublishedAt: &pub.PublishedAt, PublishedBy: pub.PublishedBy}, nil
}

// apiSource says where figures come from: a published version or the data
// as it is.
type apiSource struct {
	Kind        string     `json:"kind"` // "published" or "live"
	Version     int        `json:"version,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	PublishedBy string     `json:"published_by,omitempty"`
	ComputedAt  *time.Time `json:"computed_at,omitempty"`
}

// apiRow is a row of a metric's values.
type apiRow struct {
	Key         map[string]string `json:"key"`
	Value       *float64          `json:"value"`
	Numerator   *float64          `json:"numerator"`
	Denominator *float64          `json:"denominator"`
	Respondents *int              `json:"respondents,omitempty"`
	Withheld    bool              `json:"withheld"`
	Reason      string            `json:"reason,omitempty"`
	Target      *float64          `json:"target"`
	Previous    *float64          `json:"previous,omitempty"`
	Change      *float64          `json:"change,omitempty"`
}

type apiValues struct {
	Metric    apiMetric        `json:"metric"`
	Period    metrics.Period   `json:"period"`
	Previous  *metrics.Period  `json:"compared_with,omitempty"`
	By        []string         `json:"by"`
	Filters   []metrics.Filter `json:"filters"`
	Program   string           `json:"program,omitempty"`
	Source    apiSource        `json:"source"`
	Threshold int              `json:"anonymity_threshold"`
	Rows      []apiRow         `json:"rows"`
	Totals    []apiRow         `json:"totals,omitempty"`
}

// apiValuesOf answers GET /api/v1/metrics/:id: a metric's values by period,
// dimensions and filters, published (the latest version of the period, or
// version=N) or live (live=1), as JSON, CSV or XLSX. A department head's
// figures are those of their scope, live unless they ask for a version's
// breakdown by department.
func (d *Dashboard) apiValuesOf(c *fiber.Ctx) error {
	u := user(c)
	req := metrics.Request{Metric: c.Params("id"), Program: c.Query("program")}
	m, err := d.engine.Registry.Lookup(req.Metric)
	if err != nil {
		return problem(fiber.StatusNotFound, "%v", err)
	}
	if c.Query("period") == "" {
		return problem(fiber.StatusBadRequest, "give the period: period=FY2025 (or FY2025H1, FY2025Q3, 2025-04, 2025-04-01..2025-09-30)")
	}
	if req.Period, err = d.engine.Calendar.ParsePeriod(c.Query("period")); err != nil {
		return problem(fiber.StatusBadRequest, "%v", err)
	}
	req.By = listParam(c, "by")
	if req.Compare, err = boolParam(c, "compare"); err != nil {
		return err
	}
	live, version, err := sourceParams(c)
	if err != nil {
		return err
	}
	format, bom, err := formatParams(c)
	if err != nil {
		return err
	}
	if req.Filters, err = d.apiFilters(c); err != nil {
		return err
	}
	if u.Role == users.DepartmentHead {
		live = live || version == 0
	}
	// The request is checked before anything is read: its mistakes are the
	// caller's (400), not the server's.
	if _, err := d.engine.Statements(req); err != nil {
		return problem(fiber.StatusBadRequest, "%v", err)
	}
	figs, _, src, err := d.source(c, live, version, req.Period)
	if err != nil {
		return err
	}
	res, err := figs.Compute(c.Context(), req)
	if errors.Is(err, metrics.ErrNotPublished) {
		return problem(fiber.StatusNotFound, "%v", err)
	}
	if err != nil {
		return err
	}
	out := apiValues{Metric: describe(res.Metric), Period: res.Period, Previous: res.Previous, By: req.By, Filters: req.Filters, Program: req.Program,
		Source: src, Threshold: res.Threshold}
	if out.By == nil {
		out.By = []string{}
	}
	if out.Filters == nil {
		out.Filters = []metrics.Filter{}
	}
	for _, r := range res.Rows {
		out.Rows = append(out.Rows, apiRowOf(m, req.By, r))
	}
	if res.Breakdown() {
		for _, r := range res.Totals {
			out.Totals = append(out.Totals, apiRowOf(m, req.By[:len(req.By)-1], r))
		}
	}
	if out.Rows == nil {
		out.Rows = []apiRow{}
	}
	if format == "json" {
		return c.JSON(out)
	}
	header, rows := out.table()
	return sendTable(c, format, bom, out.Metric.ID, header, rows)
}

// formatParams reads format (json, csv or xlsx; json by default) and bom.
func formatParams(c *fiber.Ctx) (format string, bom bool, err error) {
	format = c.Query("format", "json")
	if format != "json" && format != "csv" && format != "xlsx" {
		return "", false, problem(fiber.StatusBadRequest, "format must be json, csv or xlsx, not %q", format)
	}
	bom, err = boolParam(c, "bom")
	return format, bom, err
}

// sendTable answers with a header and rows as CSV or XLSX (format), in a
// file named name.
func sendTable(c *fiber.Ctx, format string, bom bool, name string, header []string, rows [][]any) error {
	if format == "csv" {
		return sendCSV(c, name, header, rows, bom)
	}
	return sendXLSX(c, name, header, rows)
}

// listParam reads a parameter given repeated or comma-separated, or both.
func listParam(c *fiber.Ctx, name string) []string {
	var out []string
	for _, b := range c.Context().QueryArgs().PeekMulti(name) {
		for _, part := range strings.Split(string(b), ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// apiFilters reads the filter=dimension=value[,value…] parameters. A
// department head's are checked against their scope, which is added: a
// filter on a department outside it is forbidden.
func (d *Dashboard) apiFilters(c *fiber.Ctx) ([]metrics.Filter, error) {
	var filters []metrics.Filter
	for _, f := range c.Context().QueryArgs().PeekMulti("filter") {
		pf, err := metrics.ParseFilter(string(f))
		if err != nil {
			return nil, problem(fiber.StatusBadRequest, "%v", err)
		}
		filters = append(filters, pf)
	}
	u := user(c)
	if u.Role != users.DepartmentHead {
		return filters, nil
	}
	ch, err := d.choices(c.Context())
	if err != nil {
		return nil, err
	}
	sc := scopeOf(u, ch)
	for _, f := range filters {
		if f.Dimension == "department" && slicesAny(f.Values, func(v string) bool { return !sc.allows(v) }) {
			return nil, errForbidden
		}
	}
	f, _ := sc.filter()
	return append(filters, f), nil
}

func apiRowOf(m *metrics.Metric, by []string, r metrics.Row) apiRow {
	ar := apiRow{Key: map[string]string{}, Value: r.Value, Denominator: r.Denominator, Withheld: r.Withheld, Reason: r.Reason,
		Target: r.Target, Previous: r.Previous, Change: r.Change}
	for i, d := range by {
		if i < len(r.Key) {
			ar.Key[d] = r.Key[i]
		}
	}
	if !r.Withheld {
		n := r.Numerator
		ar.Numerator = &n
	}
	if m.Survey {
		n := r.Respondents
		ar.Respondents = &n
	}
	return ar
}

func boolParam(c *fiber.Ctx, k string) (bool, error) {
	switch v := c.Query(k); v {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	default:
		return false, problem(fiber.StatusBadRequest, "%s must be 1 or 0 (true or false), not %q", k, v)
	}
}

func slicesAny(vs []string, f func(string) bool) bool {
	for _, v := range vs {
		if f(v) {
			return true
		}
	}
	return false
}

// table is a metric's values as a header and rows of text, for CSV and
// XLSX; with the rows' numbers as numbers for XLSX.
func (out apiValues) table() (header []string, rows [][]any) {
	header = append(append([]string{}, out.By...), "value", "numerator", "denominator", "respondents", "withheld", "reason", "target", "previous", "change")
	num := func(v *float64) any {
		if v == nil {
			return nil
		}
		return *v
	}
	add := func(r apiRow, by []string, total bool) {
		var row []any
		for i, d := range out.By {
			switch {
			case i < len(by):
				row = append(row, r.Key[d])
			case total:
				row = append(row, "(total)")
			default:
				row = append(row, "")
			}
		}
		var resp any
		if r.Respondents != nil {
			resp = *r.Respondents
		}
		row = append(row, num(r.Value), num(r.Numerator), num(r.Denominator), resp, r.Withheld, r.Reason, num(r.Target), num(r.Previous), num(r.Change))
		rows = append(rows, row)
	}
	for _, r := range out.Rows {
		add(r, out.By, false)
	}
	for _, r := range out.Totals {
		add(r, out.By[:len(out.By)-1], true)
	}
	return header, rows
}

// sendCSV writes a table as CSV in UTF-8, with a byte order mark when
// asked (Excel in Japan reads UTF-8 only with one). A text that a
// spreadsheet would take for a formula (=, +, -, @ first) is quoted with a
// leading apostrophe.
func sendCSV(c *fiber.Ctx, name string, header []string, rows [][]any, bom bool) error {
	var buf bytes.Buffer
	if bom {
		buf.WriteString("\uFEFF")
	}
	w := csv.NewWriter(&buf)
	w.Write(header)
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, v := range r {
			switch x := v.(type) {
			case nil:
			case string:
				rec[i] = safeText(x)
			case float64:
				rec[i] = strconv.FormatFloat(x, 'f', -1, 64)
			default:
				rec[i] = fmt.Sprint(x)
			}
		}
		w.Write(rec)
	}
	w.Flush()
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.csv"`)
	return c.Send(buf.Bytes())
}

// safeText keeps a text from being read as a formula by a spreadsheet.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// sendXLSX writes a table as a one-sheet workbook; texts are written as
// texts, never as formulas.
func sendXLSX(c *fiber.Ctx, name string, header []string, rows [][]any) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := name
	if len(sheet) > 31 {
		sheet = sheet[:31]
	}
	f.SetSheetName("Sheet1", sheet)
	for i, h := range header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(sheet, cell, h)
	}
	for r, row := range rows {
		for i, v := range row {
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			var err error
			switch x := v.(type) {
			case nil:
			case string:
				err = f.SetCellStr(sheet, cell, x)
			default:
				err = f.SetCellValue(sheet, cell, x)
			}
			if err != nil {
				return fmt.Errorf("dashboard: write xlsx: %w", err)
			}
		}
	}
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("dashboard: write xlsx: %w", err)
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.xlsx"`)
	return c.Send(buf.Bytes())
}

// apiPublications answers GET /api/v1/publications: the published versions.
func (d *Dashboard) apiPublications(c *fiber.Ctx) error {
	pubs, err := metrics.Publications(c.Context(), d.store)
	if err != nil {
		return err
	}
	if pubs == nil {
		pubs = []metrics.Publication{}
	}
	return c.JSON(struct {
		Publications []metrics.Publication `json:"publications"`
	}{pubs})
}

//go:embed openapi.json
var openAPI []byte

// serveOpenAPI answers GET /api/v1/openapi.json: the API's OpenAPI
// document.
func serveOpenAPI(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Send(openAPI)
}
