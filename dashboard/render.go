package dashboard

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/users"
)

//go:embed templates
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// pages holds each page's template: the layout and partials of
// templates/layout.html with the page's own file.
var pages = func() map[string]*template.Template {
	base := template.Must(template.New("layout.html").ParseFS(templateFiles, "templates/layout.html", "templates/partials.html"))
	out := map[string]*template.Template{}
	files, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFiles, f))
	}
	return out
}()

// pageInfo names a page: its title (a message) and its place in the menu.
type pageInfo struct {
	Title string
	Nav   string
}

// page is what every template gets: the request's language, user, view and
// the page's own data, with the methods that format values for the
// language.
type page struct {
	pageInfo
	Lang      string
	SwitchURL string
	User      *users.User
	CSRF      string
	View      *view
	Choices   *choices
	Menu      []menuItem
	Version   string
	Path      string
	Data      any
	// Keep are URL parameters of the page that its filter form keeps.
	Keep map[string]string
	// Refresh, when set, reloads the page every so many seconds.
	Refresh int

	p   *message.Printer
	cal metrics.Calendar
	// turnover is the formula the attrition rates divide by.
	turnover metrics.TurnoverFormula
}

type menuItem struct {
	Path, Title string
	Active      bool
}

// menu lists the pages a role may open.
func menu(u *users.User, active string) []menuItem {
	if u == nil {
		return nil
	}
	var items []menuItem
	add := func(path, title string) {
		items = append(items, menuItem{Path: path, Title: title, Active: path == active})
	}
	if u.Role.ReadsPages() {
		add("/", msgOverview)
		add("/utilization", msgUtilization)
		add("/engagement", msgEngagement)
		add("/attrition", msgAttrition)
		add("/managers", msgManagers)
		add("/impact", msgProgramImpact)
	}
	add("/definitions", msgDefinitions)
	if u.Role.ManagesData() {
		add("/hr/upload", msgUpload)
		add("/hr/loads", msgLoadHistory)
		add("/hr/targets", msgTargets)
		add("/hr/publish", msgPublish)
	}
	if u.Role == users.Admin {
		add("/admin/users", msgUsers)
	}
	return items
}

// render writes a page with the layout.
func (d *Dashboard) render(c *fiber.Ctx, name string, info pageInfo, data any) error {
	return d.renderPage(c, name, d.newPage(c, info, data))
}

// renderPage writes a page made with newPage.
func (d *Dashboard) renderPage(c *fiber.Ctx, name string, pg *page) error {
	t, ok := pages[name]
	if !ok {
		return fmt.Errorf("dashboard: no template %s", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", pg); err != nil {
		return fmt.Errorf("dashboard: render %s: %w", name, err)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}

func (d *Dashboard) newPage(c *fiber.Ctx, info pageInfo, data any) *page {
	tag := lang(c)
	pg := &page{pageInfo: info, Lang: tag.String(), User: user(c), Version: d.version, Path: c.Path(), Data: data,
		p: message.NewPrinter(tag, message.Catalog(cat)), cal: d.engine.Calendar, turnover: d.engine.Turnover}
	pg.CSRF, _ = c.Locals(localCSRF).(string)
	if v, ok := c.Locals(localView).(*view); ok {
		pg.View = v
	}
	if ch, ok := c.Locals(localChoices).(*choices); ok {
		pg.Choices = ch
	}
	pg.Menu = menu(pg.User, cmpOr(info.Nav, c.Path()))
	q, _ := url.ParseQuery(string(c.Request().URI().QueryString()))
	if pg.Lang == "ja" {
		q.Set("lang", "en")
	} else {
		q.Set("lang", "ja")
	}
	pg.SwitchURL = c.Path() + "?" + q.Encode()
	return pg
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// T returns a message in the page's language.
func (pg *page) T(key string, args ...any) string { return pg.p.Sprintf(key, args...) }

// Japanese reports whether the page is in Japanese.
func (pg *page) Japanese() bool { return pg.Lang == "ja" }

// FY writes a fiscal year as companies write it: FY2025 or 2025年度.
func (pg *page) FY(n int) string {
	if pg.Japanese() {
		return strconv.Itoa(n) + "年度"
	}
	return "FY" + strconv.Itoa(n)
}

// PeriodName writes a period for the page's language.
func (pg *page) PeriodName(p metrics.Period) string { return periodName(pg.Japanese(), pg.cal, p) }

func periodName(ja bool, cal metrics.Calendar, p metrics.Period) string {
	switch p.Kind {
	case metrics.KindFiscalYear:
		if ja {
			return strconv.Itoa(cal.FiscalYearOf(p.Start)) + "年度"
		}
		return p.Label
	case metrics.KindHalf, metrics.KindQuarter:
		fy, part, _ := strings.Cut(strings.TrimPrefix(p.Label, "FY"), " ")
		if ja {
			if part[0] == 'H' {
				return fy + "年度 " + map[byte]string{'1': "上期", '2': "下期"}[part[1]]
			}
			return fy + "年度 第" + part[1:] + "四半期"
		}
		return p.Label
	case metrics.KindMonth:
		if ja {
			return fmt.Sprintf("%d年%d月", p.Start.Year(), p.Start.Month())
		}
		return p.Start.Format("Jan 2006")
	}
	return formatDate(ja, p.Start) + " – " + formatDate(ja, p.End)
}

// PartName names a part of the view's fiscal year (H1, Q3, 2025-06).
func (pg *page) PartName(part string) string {
	p, err := pg.cal.ParsePeriod(partPeriod(pg.View.FY, part))
	if err != nil {
		return part
	}
	if p.Kind == metrics.KindMonth {
		return pg.PeriodName(p)
	}
	name := pg.PeriodName(p)
	_, after, _ := strings.Cut(name, " ")
	return after
}

// Date writes a date for the page's language.
func (pg *page) Date(t time.Time) string { return formatDate(pg.Japanese(), t) }

// DateTime writes a moment in the company's time zone.
func (pg *page) DateTime(t time.Time) string {
	t = t.In(pg.cal.Location)
	if pg.Japanese() {
		return t.Format("2006年1月2日 15:04")
	}
	return t.Format("Jan 2, 2006 15:04")
}

func formatDate(ja bool, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	if ja {
		return t.Format("2006年1月2日")
	}
	return t.Format("Jan 2, 2006")
}

// Value writes a metric's value in its unit.
func (pg *page) Value(m *metrics.Metric, v *float64) string {
	if v == nil {
		return "—"
	}
	switch m.Unit {
	case metrics.Percent:
		return pg.p.Sprintf("%.1f%%", *v)
	case metrics.Per100, metrics.Hours:
		return pg.p.Sprintf("%.2f", *v)
	case metrics.Points:
		return pg.p.Sprintf("%+.1f", *v)
	case metrics.Correlation:
		return pg.p.Sprintf("%.2f", *v)
	case metrics.JPY:
		return pg.p.Sprintf("¥%.0f", *v)
	}
	if *v == math.Trunc(*v) {
		return pg.p.Sprintf("%.0f", *v)
	}
	return pg.p.Sprintf("%.1f", *v)
}

// Change writes a change of a metric's value: percentage points for a
// percentage.
func (pg *page) Change(m *metrics.Metric, v *float64) string {
	if v == nil {
		return "—"
	}
	switch m.Unit {
	case metrics.Percent:
		return pg.p.Sprintf("%+.1f pt", *v)
	case metrics.Correlation:
		return pg.p.Sprintf("%+.2f", *v)
	case metrics.JPY:
		return pg.p.Sprintf("%+.0f", *v)
	case metrics.Count:
		return pg.p.Sprintf("%+.0f", *v)
	case metrics.Points:
		return pg.p.Sprintf("%+.1f", *v)
	}
	return pg.p.Sprintf("%+.2f", *v)
}

// Int writes a whole number with the language's grouping.
func (pg *page) Int(n any) string { return pg.p.Sprintf("%d", n) }

// Pct writes a share, 0-100, with one decimal.
func (pg *page) Pct(v *float64) string {
	if v == nil {
		return "—"
	}
	return pg.p.Sprintf("%.1f%%", *v)
}

// Interval writes a 95% interval in percent, in brackets; nothing when
// there is none.
func (pg *page) Interval(iv *metrics.Interval) string {
	if iv == nil {
		return ""
	}
	return pg.p.Sprintf("(%.1f – %.1f)", iv.Low, iv.High)
}

// PointInterval writes the interval of a difference, in percentage points,
// in brackets; nothing when there is none.
func (pg *page) PointInterval(iv *metrics.Interval) string {
	if iv == nil {
		return ""
	}
	return pg.p.Sprintf("(%+.1f – %+.1f pt)", iv.Low, iv.High)
}

// Points writes a difference in percentage points.
func (pg *page) Points(v *float64) string {
	if v == nil {
		return "—"
	}
	return pg.p.Sprintf("%+.1f pt", *v)
}

// Name returns a metric's name in the page's language.
func (pg *page) Name(m *metrics.Metric) string {
	if pg.Japanese() {
		return m.NameJA
	}
	return m.NameEN
}

// Definition returns a metric's definition in the page's language.
func (pg *page) Definition(m *metrics.Metric) string {
	if pg.Japanese() {
		return m.DefinitionJA
	}
	return m.DefinitionEN
}

// DimensionName names a dimension in the page's language.
func (pg *page) DimensionName(id string) string {
	d, ok := metrics.DimensionByID(id)
	if !ok {
		return id
	}
	if pg.Japanese() {
		return d.NameJA
	}
	return d.NameEN
}

// Label writes a value of a dimension for people: the labels of coded
// values (hire types, genders, tenure bands), the value itself otherwise.
func (pg *page) Label(dimension, value string) string {
	if value == "" {
		return pg.T(msgNotRecorded)
	}
	if l, ok := valueLabels[dimension+"="+value]; ok {
		return pg.T(l)
	}
	return value
}

var valueLabels = map[string]string{
	"hire_type=new_graduate": msgNewGraduate, "hire_type=mid_career": msgMidCareer,
	"gender=female": msgFemale, "gender=male": msgMale, "gender=other": msgOtherGender,
	"is_manager=true": msgIsManager, "is_manager=false": msgNotManager,
	"tenure_band=<1y": msgTenureUnder1, "tenure_band=1-3y": msgTenure1to3, "tenure_band=3-5y": msgTenure3to5,
	"tenure_band=5-10y": msgTenure5to10, "tenure_band=10y+": msgTenure10plus,
	"kind=internal_posting": msgKindPosting, "kind=internal_fa": msgKindFA, "kind=side_job": msgKindSideJob,
	"action=applied": msgActionApplied, "action=selected": msgActionSelected, "action=transferred": msgActionTransferred, "action=approved": msgActionApproved,
	"category=know": msgKnow, "category=challenge": msgChallenge, "category=learn": msgLearn, "category=manager": msgManagerCategory,
}

// ItemText returns a survey item's text in the page's language.
func (pg *page) ItemText(id string) string {
	it, ok := pg.Choices.Items[id]
	switch {
	case !ok:
		return id
	case pg.Japanese() || it.TextEN == "":
		return cmpOr(it.TextJA, id)
	}
	return it.TextEN
}

// ProgramName returns a program's name in the page's language.
func (pg *page) ProgramName(p program) string {
	if pg.Japanese() || p.NameEN == "" {
		return cmpOr(p.NameJA, p.ID)
	}
	return p.NameEN
}

// RoleName names a role in the page's language.
func (pg *page) RoleName(r users.Role) string { return pg.T(roleNames[r]) }

var roleNames = map[users.Role]string{users.Admin: msgRoleAdmin, users.HR: msgRoleHR, users.Executive: msgRoleExecutive,
	users.DepartmentHead: msgRoleDepartmentHead, users.Analyst: msgRoleAnalyst}

// tileView is a tile with its page, for the tile template.
type tileView struct {
	Page *page
	Tile tile
}

// Tiles pairs tiles with the page.
func (pg *page) Tiles(ts []tile) []tileView {
	out := make([]tileView, len(ts))
	for i, t := range ts {
		out[i] = tileView{Page: pg, Tile: t}
	}
	return out
}

// Query returns the view's URL query with some parameters changed.
func (pg *page) Query(changes ...string) string {
	if pg.View == nil {
		return ""
	}
	return pg.View.query(changes...)
}

// Years lists the fiscal years the filter offers: five before the latest
// with data to the one after it.
func (pg *page) Years() []int {
	latest := pg.View.FY
	if pg.Choices != nil {
		latest = max(latest, pg.Choices.latestFiscalYear(pg.cal))
	}
	var ys []int
	for y := latest; y >= latest-5; y-- {
		ys = append(ys, y)
	}
	return ys
}

// Parts lists the parts of the view's fiscal year.
func (pg *page) Parts() []string { return pg.View.parts(pg.cal) }

// lang returns the language of the answer: ?lang= when given (which the
// pages then keep in a cookie), else the cookie, else the best match of
// Accept-Language.
func lang(c *fiber.Ctx) language.Tag {
	if l := c.Query("lang"); l == "ja" || l == "en" {
		if c.Cookies(langCookie) != l {
			c.Cookie(&fiber.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600, HTTPOnly: true, SameSite: "Lax"})
		}
		return language.Make(l)
	}
	if l := c.Cookies(langCookie); l == "ja" || l == "en" {
		return language.Make(l)
	}
	tag, _ := language.MatchStrings(matcher, c.Get(fiber.HeaderAcceptLanguage))
	base, _ := tag.Base()
	return language.Make(base.String())
}

const langCookie = "careerkpi_lang"

func printer(c *fiber.Ctx) *message.Printer {
	return message.NewPrinter(lang(c), message.Catalog(cat))
}
