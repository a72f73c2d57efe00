package dashboard_test

import (
	"net"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/careerkpi/careerkpi/dashboard/browsertest"
	"github.com/careerkpi/careerkpi/users"
)

// serve serves app on a free loopback port until the test ends and returns
// its base URL.
func serve(t *testing.T, app *fiber.App) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	t.Cleanup(func() { app.ShutdownWithTimeout(5 * time.Second) })
	return "http://" + ln.Addr().String()
}

// logIn logs a tab in through the login page.
func logIn(t *testing.T, tab *browsertest.Tab, base, name string) {
	t.Helper()
	tab.Open(base + "/login")
	tab.SetValue("input[name=name]", name)
	tab.SetValue("input[name=password]", password)
	tab.Submit("form.login")
	if loc := tab.Location(); strings.Contains(loc, "/login") {
		t.Fatalf("%s could not log in: at %s", name, loc)
	}
}

// waitCharts waits until ECharts has drawn every chart of the page.
func waitCharts(t *testing.T, tab *browsertest.Tab, page string) int {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var state struct{ Charts, Drawn int }
		tab.Eval(`({charts: document.querySelectorAll(".chart").length, drawn: document.querySelectorAll(".chart canvas").length})`, &state)
		if state.Charts == state.Drawn {
			return state.Charts
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d of %d charts drawn", page, state.Drawn, state.Charts)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestBrowser logs in as each role in a real browser, opens every page in
// both languages on the demo company, applies a filter, and checks that
// nothing goes wrong in the page (console errors, exceptions, dialogs,
// failed requests, CSP violations) and that nothing is asked of another
// origin. It saves a screenshot of every page as a test artifact.
func TestBrowser(t *testing.T) {
	app := demoApp(t)
	dc := &demoCompany
	base := serve(t, app)
	b := browsertest.Start(t)
	pages := append(append(append([]string{}, chartPages...), "/definitions"), hrPages...)
	pages = append(pages, "/admin/users")
	for _, a := range []account{dc.accounts[0], dc.accounts[2], dc.accounts[3], dc.accounts[5]} {
		for _, lang := range []string{"ja", "en"} {
			t.Run(a.name+"-"+lang, func(t *testing.T) {
				tab := b.NewTab(t, browsertest.Options{AllowedOrigin: base, AcceptLanguage: lang})
				logIn(t, tab, base, a.name)
				for _, p := range pages {
					tab.Open(base + p + "?fy=2025")
					status := tab.Status()
					want := 200
					switch {
					case a.role == users.Analyst && strings.Contains(strings.Join(chartPages, " "), p) && p != "/definitions":
						want = 403
					case strings.HasPrefix(p, "/hr/") && !a.role.ManagesData(), p == "/admin/users" && a.role != users.Admin:
						want = 403
					}
					if status != want {
						t.Errorf("%s: status %d, want %d", p, status, want)
						continue
					}
					var htmlLang string
					tab.Eval(`document.documentElement.lang`, &htmlLang)
					if htmlLang != lang {
						t.Errorf("%s: in %q, want %q", p, htmlLang, lang)
					}
					n := waitCharts(t, tab, p)
					if want == 200 && slicesContain(chartPages, p) && n == 0 {
						t.Errorf("%s: no charts", p)
					}
					if probs := tab.Problems(); len(probs) > 0 {
						t.Errorf("%s as %s in %s:\n%s", p, a.name, lang, strings.Join(probs, "\n"))
						tab.ClearProblems()
					}
					if a.role == users.Admin || a.role == users.DepartmentHead && want == 200 && slicesContain(chartPages, p) {
						tab.Screenshot(pageName(p))
					}
				}
				if a.role == users.Analyst {
					return
				}
				// A filter: the page reloads with it in its URL, for a bookmark.
				tab.Open(base + "/utilization?fy=2025")
				tab.Eval(`(() => { const s = document.querySelector("select[name=grade]"); s.value = s.options[2].value; return s.value })()`, nil)
				tab.Submit("form.filters")
				if loc := tab.Location(); !strings.Contains(loc, "grade=") {
					t.Errorf("the filter is not in the URL: %s", loc)
				}
				waitCharts(t, tab, "filtered utilization")
				if probs := tab.Problems(); len(probs) > 0 {
					t.Errorf("filtered utilization:\n%s", strings.Join(probs, "\n"))
				}
				if a.role == users.DepartmentHead {
					tab.Open(base + "/attrition?department=" + url.QueryEscape(dc.outside))
					if s := tab.Status(); s != 403 {
						t.Errorf("%s reached %s by URL: status %d", a.name, dc.outside, s)
					}
					tab.ClearProblems()
				}
				if a.role.ManagesData() {
					// The upload form goes once and says it is working: a
					// second submit while the first is on its way is held.
					tab.Open(base + "/hr/upload")
					var busy []any
					tab.Eval(`(() => {
						const f = document.querySelector("form.upload");
						const send = () => f.dispatchEvent(new Event("submit", {cancelable: true}));
						const first = send(), second = send();
						return [first, second, f.querySelector("[data-busy-note]").hidden, f.getAttribute("aria-busy")];
					})()`, &busy)
					if want := []any{true, false, false, "true"}; !reflect.DeepEqual(busy, want) {
						t.Errorf("the upload form, sent twice: %v (sent, sent again, note hidden, aria-busy), want %v", busy, want)
					}
					if probs := tab.Problems(); len(probs) > 0 {
						t.Errorf("the upload form:\n%s", strings.Join(probs, "\n"))
					}
				}
			})
		}
	}
}

// TestBrowserEscaping: a department, a program, a theme and an item named
// like script stay text in a real browser, in the pages and in the charts'
// tooltips: no dialog opens, nothing is reported.
func TestBrowserEscaping(t *testing.T) {
	app := newApp(t, hostileStore(t), nil)
	base := serve(t, app)
	b := browsertest.Start(t)
	for _, lang := range []string{"ja", "en"} {
		tab := b.NewTab(t, browsertest.Options{AllowedOrigin: base, AcceptLanguage: lang})
		logIn(t, tab, base, "exec")
		for _, p := range append(append([]string{}, chartPages...), "/definitions") {
			tab.Open(base + p + "?fy=2025")
			waitCharts(t, tab, p)
			// Show every chart's tooltip on each of its first items, where
			// the names are.
			tab.Eval(`(() => {
				document.querySelectorAll(".chart").forEach(el => {
					const c = echarts.getInstanceByDom(el);
					for (let s = 0; s < 3; s++) for (let i = 0; i < 6; i++) c.dispatchAction({type: "showTip", seriesIndex: s, dataIndex: i});
				});
			})()`, nil)
			time.Sleep(200 * time.Millisecond)
			var injected int
			tab.Eval(`document.querySelectorAll("main script, main img, main svg[onload], main b[onmouseover], body > script:not([src])").length`, &injected)
			if injected > 0 {
				t.Errorf("%s in %s: %d elements from user text became HTML", p, lang, injected)
			}
			if probs := tab.Problems(); len(probs) > 0 {
				t.Errorf("%s in %s:\n%s", p, lang, strings.Join(probs, "\n"))
			}
			var text string
			tab.Eval(`document.body.innerText`, &text)
			if p == "/engagement" && !strings.Contains(text, hostileDepartment) {
				t.Errorf("engagement in %s: the department %q is not shown as text", lang, hostileDepartment)
			}
			tab.Screenshot(lang + "-" + pageName(p))
		}
	}
}

func slicesContain(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// pageName names a page's screenshot: overview for /, hr-upload for
// /hr/upload.
func pageName(path string) string {
	if path == "/" {
		return "overview"
	}
	return strings.Trim(strings.ReplaceAll(path, "/", "-"), "-")
}
