package browsertest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A 1×1 transparent GIF.
const pixel = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

// pages are the HTML pages of site, by path.
var pages = map[string]string{
	// Same-origin script, fetch and image, a data: image and a blob: fetch:
	// all allowed.
	"/clean": `<p id="p">社員の定着率 retention</p><img src="` + pixel + `"><img src="/pixel.gif">
		<script src="/app.js"></script>`,
	"/console-error": `<script>console.error('x')</script>`,
	"/throw":         `<script>throw new Error('boom')</script>`,
	"/alert":         `<script>alert(1)</script><p id="after">after the alert</p>`,
	// 127.0.0.2 is loopback too; chromium refuses port 9 without
	// connecting, so the request fails at once.
	"/other-origin":  `<img src="http://127.0.0.2:9/x.png">`,
	"/csp":           `<script>document.title = 'ran'</script>`,
	"/api-error":     `<script>fetch('/api/fail')</script>`,
	"/missing-image": `<img src="/nowhere.png">`,
	"/form": `<form action="/echo" method="post" enctype="multipart/form-data">
		<input id="name" name="name" oninput="document.getElementById('mirror').textContent = this.value">
		<input id="note" name="note">
		<input id="file" name="file" type="file">
		<button id="send">Send</button>
	</form>
	<button id="more" type="button" onclick="fetch('/data').then(r => r.text()).then(t => document.getElementById('out').textContent = t)">More</button>
	<p id="mirror"></p><p id="out"></p>`,
}

// site serves pages and what they load.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for path, body := range pages {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if path == "/csp" {
				w.Header().Set("Content-Security-Policy", "script-src 'self'")
			}
			writePage(w, body)
		})
	}
	mux.HandleFunc("/app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `fetch('/data'); fetch(URL.createObjectURL(new Blob(['x'])));`)
	})
	mux.HandleFunc("/pixel.gif", func(w http.ResponseWriter, r *http.Request) {
		gif, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(pixel, "data:image/gif;base64,"))
		w.Header().Set("Content-Type", "image/gif")
		w.Write(gif)
	})
	mux.HandleFunc("/data", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "more data") })
	mux.HandleFunc("/api/fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "broken", http.StatusInternalServerError)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		writePage(w, `<p>down</p>`)
	})
	mux.HandleFunc("/language", func(w http.ResponseWriter, r *http.Request) {
		writePage(w, fmt.Sprintf(`<p id="language">%s</p>`, r.Header.Get("Accept-Language")))
	})
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: r.URL.Query().Get("user"), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
		http.Redirect(w, r, "/whoami", http.StatusSeeOther)
	})
	mux.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		who := "nobody"
		if c, err := r.Cookie("session"); err == nil {
			who = c.Value
		}
		writePage(w, fmt.Sprintf(`<p id="who">%s</p>`, who))
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		f, h, err := r.FormFile("file")
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		b, _ := io.ReadAll(f)
		writePage(w, fmt.Sprintf(`<p id="echo">%s|%s|%s|%d</p>`, r.FormValue("name"), r.FormValue("note"), h.Filename, len(b)))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func writePage(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><html><head><title>test</title></head><body>%s</body></html>", body)
}

func TestProblems(t *testing.T) {
	t.Parallel()
	srv := site(t)
	b := Start(t)
	for _, tt := range []struct {
		name   string
		path   string
		want   []string // one part of each problem, in order
		status int
		check  func(t *testing.T, tab *Tab)
	}{
		{name: "clean page", path: "/clean", status: 200},
		{name: "console error", path: "/console-error", status: 200,
			want: []string{"console.error: x (http://127.0.0.1:"}},
		{name: "uncaught exception", path: "/throw", status: 200,
			want: []string{"uncaught exception: Error: boom (http://127.0.0.1:"}},
		{name: "alert", path: "/alert", status: 200,
			want: []string{`alert dialog: "1" (dismissed)`},
			check: func(t *testing.T, tab *Tab) {
				if got := tab.Text("#after"); got != "after the alert" {
					t.Errorf("the page stopped at the alert: #after reads %q", got)
				}
			}},
		{name: "another origin", path: "/other-origin", status: 200,
			want: []string{"request to another origin: GET http://127.0.0.2:9/x.png (only http://127.0.0.1:", "failed request: GET http://127.0.0.2:9/x.png"}},
		{name: "CSP violation", path: "/csp", status: 200,
			want: []string{"violates the following Content Security Policy directive 'script-src 'self''"},
			check: func(t *testing.T, tab *Tab) {
				var title string
				if tab.Eval("document.title", &title); title == "ran" {
					t.Error("the inline script ran despite the policy")
				}
			}},
		{name: "server error of a request", path: "/api-error", status: 200,
			want: []string{"server error: 500 Internal Server Error for GET http://127.0.0.1:"}},
		{name: "server error of the page", path: "/broken", status: 503,
			want: []string{"server error: 503 Service Unavailable for GET http://127.0.0.1:"}},
		{name: "missing image", path: "/missing-image", status: 200,
			want: []string{"missing image: 404 Not Found for GET http://127.0.0.1:"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tab := b.NewTab(t, Options{})
			tab.Open(srv.URL + tt.path)
			if tt.check != nil {
				tt.check(t, tab)
			}
			if got := tab.Status(); got != tt.status {
				t.Errorf("Status() = %d, want %d", got, tt.status)
			}
			got := tab.Problems()
			ok := len(got) == len(tt.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.Contains(got[i], tt.want[i])
			}
			if !ok {
				t.Errorf("Problems() =\n\t%s\nwant problems containing\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
			tab.ClearProblems()
			if got := tab.Problems(); len(got) != 0 {
				t.Errorf("after ClearProblems, Problems() = %q", got)
			}
		})
	}
}

func TestTabs(t *testing.T) {
	t.Parallel()
	srv := site(t)
	b := Start(t)

	t.Run("separate cookies", func(t *testing.T) {
		alice, bob := b.NewTab(t, Options{}), b.NewTab(t, Options{})
		alice.Open(srv.URL + "/login?user=alice")
		if got := alice.Text("#who"); got != "alice" {
			t.Errorf("after logging in alice sees %q", got)
		}
		bob.Open(srv.URL + "/whoami")
		if got := bob.Text("#who"); got != "nobody" {
			t.Errorf("bob's tab sends alice's cookie: he sees %q", got)
		}
		cookies := alice.Cookies()
		if len(cookies) != 1 || cookies[0].Name != "session" || cookies[0].Value != "alice" || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteLaxMode {
			t.Errorf("alice's cookies = %v, want session=alice, HttpOnly, SameSite=Lax", cookies)
		}
		if cookies := bob.Cookies(); len(cookies) != 0 {
			t.Errorf("bob's cookies = %v, want none", cookies)
		}
		if got := alice.Location(); got != srv.URL+"/whoami" {
			t.Errorf("alice's Location() = %q after the redirect, want %q", got, srv.URL+"/whoami")
		}
	})

	t.Run("language", func(t *testing.T) {
		for _, tt := range []struct{ accept, header, navigator string }{
			{"", "ja", "ja"}, // the browser's default
			{"en-US,en;q=0.9", "en-US,en;q=0.9", "en-US"},
		} {
			tab := b.NewTab(t, Options{AcceptLanguage: tt.accept})
			tab.Open(srv.URL + "/language")
			var nav string
			tab.Eval("navigator.language", &nav)
			if got := tab.Text("#language"); got != tt.header || nav != tt.navigator {
				t.Errorf("with AcceptLanguage %q: Accept-Language %q and navigator.language %q, want %q and %q", tt.accept, got, nav, tt.header, tt.navigator)
			}
		}
	})

	t.Run("allowed origin", func(t *testing.T) {
		// The test server's own address is another origin than localhost.
		tab := b.NewTab(t, Options{AllowedOrigin: "http://localhost:1"})
		tab.Open(srv.URL + "/clean")
		if got := tab.Problems(); len(got) == 0 || !strings.Contains(got[0], "request to another origin: GET "+srv.URL+"/clean (only http://localhost:1 is allowed)") {
			t.Errorf("Problems() = %q, want requests to another origin", got)
		}
	})
}

func TestInteraction(t *testing.T) {
	t.Parallel()
	srv := site(t)
	b := Start(t)
	tab := b.NewTab(t, Options{})
	tab.Open(srv.URL + "/form")
	tab.WaitVisible("#send")

	tab.SetValue("#name", "山田 太郎")
	if got := tab.Text("#mirror"); got != "山田 太郎" {
		t.Errorf("SetValue fired no input event: #mirror reads %q", got)
	}
	tab.SendKeys("#note", "hello")
	tab.Click("#more") // waits for the fetch it starts
	if got := tab.Text("#out"); got != "more data" {
		t.Errorf("after Click, #out reads %q, want what the click fetched", got)
	}
	file := filepath.Join(t.TempDir(), "社員.csv")
	if err := os.WriteFile(file, []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tab.SetFiles("#file", file)

	shot := tab.Screenshot("form / 山田?")
	if name := filepath.Base(shot); name != "TestInteraction-form.png" {
		t.Errorf("screenshot file name %q, want TestInteraction-form.png", name)
	}
	data, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width != windowWidth || cfg.Height < 100 {
		t.Errorf("the screenshot is no %d pixels wide PNG: %+v, %v", windowWidth, cfg, err)
	}

	tab.Submit("#send")
	if got := tab.Text("#echo"); got != "山田 太郎|hello|社員.csv|8" {
		t.Errorf("the form sent %q, want name, note, file name and size", got)
	}
	if got := tab.Location(); got != srv.URL+"/echo" {
		t.Errorf("Location() = %q after submitting, want %q", got, srv.URL+"/echo")
	}
	var n int
	tab.Eval("new Promise(r => setTimeout(() => r(6 * 7), 10))", &n)
	if n != 42 {
		t.Errorf("Eval of a promise gave %d, want 42", n)
	}
	if got := tab.Problems(); len(got) != 0 {
		t.Errorf("Problems() = %q, want none", got)
	}
}

// fatalRecorder stands in for a test, to show how the helpers fail one.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *fatalRecorder) Fatal(args ...any) {
	r.msg = fmt.Sprint(args...)
	runtime.Goexit()
}

// failure runs f with a test that records how it fails, and returns the
// message, or "" if f did not fail.
func failure(t *testing.T, f func(t testing.TB)) string {
	r := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r.msg
}

func TestFailures(t *testing.T) {
	t.Parallel()
	srv := site(t)
	b := Start(t)
	// A loopback port that nothing listens on (chromium refuses the low
	// ones, such as 1, as unsafe before connecting).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	for _, tt := range []struct {
		name string
		f    func(t testing.TB)
		want []string
	}{
		{"missing element", func(t testing.TB) {
			tab := b.NewTab(t, Options{Timeout: time.Second})
			tab.Open(srv.URL + "/console-error")
			tab.WaitVisible("#nowhere")
		}, []string{`wait for "#nowhere" to be visible on ` + srv.URL + "/console-error", "gave up after 1s", "problems so far", "console.error: x"}},
		{"refused connection", func(t testing.TB) {
			b.NewTab(t, Options{}).Open(closed + "/")
		}, []string{"open " + closed + "/ on about:blank", "ERR_CONNECTION_REFUSED"}},
		{"exception in Eval", func(t testing.TB) {
			tab := b.NewTab(t, Options{})
			tab.Open(srv.URL + "/clean")
			tab.Eval("nope()", nil)
		}, []string{`evaluate "nope()" on ` + srv.URL + "/clean", "nope is not defined"}},
		{"missing file", func(t testing.TB) {
			tab := b.NewTab(t, Options{})
			tab.Open(srv.URL + "/form")
			tab.SetFiles("#file", filepath.Join(os.TempDir(), "no such file"))
		}, []string{`choose files in "#file"`, "no such file"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := failure(t, tt.f)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("the failure\n%s\ndoes not say %q", got, w)
				}
			}
		})
	}
}

func TestStartWithoutChromium(t *testing.T) {
	t.Setenv(ChromiumVariable, filepath.Join(t.TempDir(), "chromium"))
	got := failure(t, func(t testing.TB) { Start(t) })
	if !strings.Contains(got, "apt-get install -y chromium") {
		t.Errorf("the failure %q does not say how to install chromium", got)
	}
}

func TestOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8080/x?y#z": "http://127.0.0.1:8080",
		"HTTP://Example.COM:80/":      "http://example.com",
		"https://example.com:443":     "https://example.com",
		"ws://127.0.0.1:8080/live":    "http://127.0.0.1:8080",
		"wss://example.com/live":      "https://example.com",
		"http://[::1]:8080/":          "http://[::1]:8080",
		"data:text/plain,x":           "",
		"file:///etc/passwd":          "",
	} {
		if got, _ := origin(in); got != want {
			t.Errorf("origin(%q) = %q, want %q", in, got, want)
		}
	}
}
