package dashboard_test

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/users"
)

func TestLogin(t *testing.T) {
	app, s := emptyApp(t)
	t.Run("pages need a login", func(t *testing.T) {
		c := newClient(t, app)
		r := c.get("/engagement?fy=2025")
		if r.status != 303 || r.location != "/login?next=%2Fengagement%3Ffy%3D2025" {
			t.Fatalf("not logged in: %d %s", r.status, r.location)
		}
		if r := c.get("/api/v1/metrics"); r.status != 401 {
			t.Errorf("API not logged in: %d", r.status)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		c := newClient(t, app)
		c.get("/login")
		r := c.post("/login", url.Values{"name": {"exec"}, "password": {"not the password"}})
		if r.status != 401 || !strings.Contains(r.body, "The name or the password is wrong.") {
			t.Fatalf("wrong password: %d\n%s", r.status, r.body)
		}
		if r := c.get("/"); r.status != 303 {
			t.Errorf("after a failed login the overview answers %d", r.status)
		}
	})
	t.Run("back to the page asked for, never elsewhere", func(t *testing.T) {
		for next, want := range map[string]string{"/attrition?fy=2024": "/attrition?fy=2024", "https://evil.example/": "/", "//evil.example/": "/", "/\\evil.example": "/"} {
			c := newClient(t, app)
			c.get("/login")
			r := c.post("/login", url.Values{"name": {"exec"}, "password": {password}, "next": {next}})
			if r.status != 303 || r.location != want {
				t.Errorf("next %q: %d %q, want %q", next, r.status, r.location, want)
			}
		}
	})
	t.Run("the session id changes at login", func(t *testing.T) {
		c := newClient(t, app)
		c.get("/login")
		before := c.cookies["careerkpi_session"]
		c.login("exec", password)
		if after := c.cookies["careerkpi_session"]; after == "" || after == before {
			t.Errorf("session cookie %q before login, %q after", before, after)
		}
	})
	t.Run("cookies", func(t *testing.T) {
		c := newClient(t, app)
		c.get("/login")
		r := c.post("/login", url.Values{"name": {"exec"}, "password": {password}})
		for _, sc := range r.header.Values("Set-Cookie") {
			if strings.HasPrefix(sc, "careerkpi_session=") && (!strings.Contains(sc, "HttpOnly") || !strings.Contains(strings.ToLower(sc), "samesite=lax")) {
				t.Errorf("session cookie %s is not HttpOnly and SameSite", sc)
			}
		}
	})
	t.Run("logout", func(t *testing.T) {
		c := loggedIn(t, app, "exec")
		if r := c.post("/logout", nil); r.status != 303 || r.location != "/login" {
			t.Fatalf("logout: %d %s", r.status, r.location)
		}
		if r := c.get("/"); r.status != 303 {
			t.Errorf("after logout: %d", r.status)
		}
	})
	t.Run("a removed user's session ends", func(t *testing.T) {
		if _, err := users.Add(t.Context(), s, users.New{Name: "temp", Role: users.Executive, Password: password}); err != nil {
			t.Fatal(err)
		}
		c := loggedIn(t, app, "temp")
		admin := loggedIn(t, app, "admin")
		admin.get("/admin/users")
		if r := admin.post("/admin/users/temp/remove", nil); r.status != 200 || !strings.Contains(r.body, "Removed temp.") {
			t.Fatalf("remove: %d\n%s", r.status, r.body)
		}
		if r := c.get("/definitions"); r.status != 303 {
			t.Errorf("the removed user still reads pages: %d", r.status)
		}
	})
	t.Run("a new password ends the sessions", func(t *testing.T) {
		if _, err := users.Add(t.Context(), s, users.New{Name: "temp2", Role: users.Executive, Password: password}); err != nil {
			t.Fatal(err)
		}
		c := loggedIn(t, app, "temp2")
		if err := users.SetPassword(t.Context(), s, "temp2", "another passphrase"); err != nil {
			t.Fatal(err)
		}
		// The pages read users again within seconds; a login under the new
		// password works at once.
		c2 := newClient(t, app)
		c2.login("temp2", "another passphrase")
		_ = c
	})
}

// TestLoginRateLimit: the sixth failed login of a name from one address
// within 15 minutes is refused, even with the right password; another
// address is not.
func TestLoginRateLimit(t *testing.T) {
	app, _ := emptyApp(t)
	c := newClient(t, app)
	c.get("/login")
	for i := range 5 {
		if r := c.post("/login", url.Values{"name": {"exec"}, "password": {"guess"}}); r.status != 401 {
			t.Fatalf("attempt %d: %d", i+1, r.status)
		}
	}
	r := c.post("/login", url.Values{"name": {"exec"}, "password": {password}})
	if r.status != 429 || !strings.Contains(r.body, "Too many failed logins") {
		t.Fatalf("sixth attempt: %d\n%s", r.status, r.body)
	}
	other := newClient(t, app)
	other.get("/login")
	if r := other.post("/login", url.Values{"name": {"admin"}, "password": {password}}); r.status != 303 {
		t.Errorf("another name is refused too: %d", r.status)
	}
}

// TestCSRF: a form posted without the session's token is refused.
func TestCSRF(t *testing.T) {
	app, _ := emptyApp(t)
	c := loggedIn(t, app, "hr")
	for _, token := range []string{"", "forged-token"} {
		form := url.Values{"t.attrition_rate.2025": {"7"}}
		if token != "" {
			form.Set("_csrf", token)
		} else {
			saved := c.csrf
			c.csrf = ""
			defer func() { c.csrf = saved }()
		}
		if r := c.post("/hr/targets", form); r.status != 403 || !strings.Contains(r.body, "The form has expired") {
			t.Errorf("token %q: %d\n%.600s", token, r.status, r.body)
		}
	}
	// A login form posted from another site is refused too.
	other := newClient(t, app)
	if r := other.post("/login", url.Values{"name": {"hr"}, "password": {password}}); r.status != 403 {
		t.Errorf("login without a token: %d", r.status)
	}
}

// TestSecurityHeaders: every answer forbids other origins and framing.
func TestSecurityHeaders(t *testing.T) {
	app, _ := emptyApp(t)
	for _, path := range []string{"/login", "/healthz", "/static/careerkpi.css", "/nowhere"} {
		resp, err := app.Test(httptest.NewRequest("GET", path, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(strings.ReplaceAll(csp, "style-src-attr 'unsafe-inline'", ""), "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "http") {
			t.Errorf("%s: CSP %q allows more than this server", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("X-Frame-Options") != "DENY" || resp.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path, resp.Header)
		}
	}
}

// TestHealth: the health check and status page need no login.
func TestHealth(t *testing.T) {
	app, s := emptyApp(t)
	c := newClient(t, app)
	r := c.get("/healthz")
	var h map[string]any
	json.Unmarshal([]byte(r.body), &h)
	if r.status != 200 || h["status"] != "ok" || h["backend"] != "embedded" {
		t.Fatalf("healthz: %d %s", r.status, r.body)
	}
	c.lang = "ja"
	if r := c.get("/status"); r.status != 200 || !strings.Contains(r.body, "careerkpi 稼働状況") || !strings.Contains(r.body, "稼働中") {
		t.Fatalf("status page: %d\n%s", r.status, r.body)
	}
	// With the store gone: 503, and no details of the failure on the page.
	s.Close()
	if r := c.get("/healthz"); r.status != 503 {
		t.Errorf("healthz with the store closed: %d", r.status)
	}
	c.lang = "en"
	r = c.get("/status")
	if r.status != 503 || !strings.Contains(r.body, "unavailable") || strings.Contains(r.body, "closed") || strings.Contains(r.body, ".go:") {
		t.Errorf("status page with the store closed: %d\n%s", r.status, r.body)
	}
}
