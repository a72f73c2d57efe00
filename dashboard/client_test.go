package dashboard_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// client is a browser for handler tests: it keeps cookies and the CSRF
// token of the last page, as a person's browser would.
type client struct {
	t       testing.TB
	app     *fiber.App
	cookies map[string]string
	csrf    string
	lang    string
	ip      string
}

func newClient(t testing.TB, app *fiber.App) *client {
	return &client{t: t, app: app, cookies: map[string]string{}, lang: "en"}
}

// response is an answer to a client's request.
type response struct {
	status   int
	header   http.Header
	body     string
	location string
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	if c.ip != "" {
		req.Header.Set("X-Forwarded-For", c.ip)
		req.RemoteAddr = c.ip + ":1234"
	}
	resp, err := c.app.Test(req, -1)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, ck := range resp.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	if m := csrfInput.FindStringSubmatch(string(b)); m != nil {
		c.csrf = m[1]
	}
	return response{status: resp.StatusCode, header: resp.Header, body: string(b), location: resp.Header.Get("Location")}
}

func (c *client) get(path string) response {
	c.t.Helper()
	return c.do(httptest.NewRequest("GET", path, nil))
}

// post sends a form with the CSRF token of the last page.
func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("_csrf") == "" && c.csrf != "" {
		form.Set("_csrf", c.csrf)
	}
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// login logs in through the login page and fails the test if it does not
// succeed.
func (c *client) login(name, pw string) {
	c.t.Helper()
	c.get("/login")
	r := c.post("/login", url.Values{"name": {name}, "password": {pw}, "next": {"/"}})
	if r.status != fiber.StatusSeeOther || r.location != "/" {
		c.t.Fatalf("login as %s: %d %s\n%s", name, r.status, r.location, r.body)
	}
}

// loggedIn returns a client logged in as name.
func loggedIn(t testing.TB, app *fiber.App, name string) *client {
	t.Helper()
	c := newClient(t, app)
	c.login(name, password)
	return c
}
